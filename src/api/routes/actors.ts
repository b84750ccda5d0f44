// Actors, one actor's profile (sponsors, allies, opponents, parts), and the actor graph.
import type { GraphQuery, Store } from "../../store/types.js";
import type { ActorKind, RelationType } from "../../types/index.js";
import { ApiError } from "../errors.js";
import type { ApiRoutes } from "../openapi.js";

const RELATION_TYPES: RelationType[] = ["backed-by", "part-of", "led-by", "dominated-by", "allied-with", "opposes"];

export function actorRoutes(r: ApiRoutes, store: Store): void {
  r.add({
    method: "GET",
    url: "/api/actors",
    tag: "actors",
    summary: "Actors, most active first",
    querystring: {
      text: { type: "string", maxLength: 200, description: "substring of the name or an alias" },
      kind: { type: "string", maxLength: 40 },
      limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
      offset: { type: "integer", minimum: 0, default: 0 },
    },
    handler: async (req) => {
      const q = req.query as { text?: string; kind?: ActorKind; limit: number; offset: number };
      return store.listActors(q);
    },
  });

  r.add({
    method: "GET",
    url: "/api/actors/:id",
    tag: "actors",
    summary: "One actor: aliases, sponsors, what it backs, allies, opponents, parts, recent events",
    params: { id: { type: "string", maxLength: 200 } },
    responses: { 200: "the ActorProfile", 404: "no such actor" },
    handler: async (req) => {
      const { id } = req.params as { id: string };
      const a = await store.getActor(id);
      if (!a) throw new ApiError("NOT_FOUND", `no actor with id ${id}`);
      return a;
    },
  });

  r.add({
    method: "GET",
    url: "/api/graph",
    tag: "actors",
    summary: "The actor graph: nodes by kind, edges backed-by/part-of/allied-with/opposes/fought weighted by evidence",
    querystring: {
      actor: { type: "string", maxLength: 200, description: "centre actor: only its neighbourhood" },
      depth: { type: "integer", minimum: 1, maximum: 5 },
      types: { type: "string", maxLength: 200, description: `relation types, comma-separated: ${RELATION_TYPES.join(", ")}` },
      minEvidence: { type: "integer", minimum: 1 },
      includeEvents: { type: "boolean", default: true, description: "add `fought` edges between the two sides of stored events" },
      since: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
      until: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
      limit: { type: "integer", minimum: 1, maximum: 5000, default: 300 },
    },
    handler: async (req) => {
      const p = req.query as Omit<GraphQuery, "types"> & { types?: string };
      const q: GraphQuery = { ...p, types: undefined };
      if (p.types) {
        const types = p.types.split(",").map((t) => t.trim());
        for (const t of types) {
          if (!RELATION_TYPES.includes(t as RelationType)) throw new ApiError("BAD_REQUEST", `unknown relation type "${t}"; one of: ${RELATION_TYPES.join(", ")}`);
        }
        q.types = types as RelationType[];
      }
      return store.actorGraph(q);
    },
  });
}
