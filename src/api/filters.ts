// The event filters every event-shaped route shares (`GET /api/events`, `/api/map/points`,
// `/api/timeline`): one JSON schema for validation and the docs, and one parser to an EventQuery.
// They mirror the CLI's `sitrep events` options: since, until, bbox, near, actor (+ backed), type …
import type { EventQuery } from "../store/types.js";
import type { EventType } from "../types/index.js";
import { ApiError } from "./errors.js";

export const EVENT_TYPES: EventType[] = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
];

const DATE = "^\\d{4}-\\d{2}-\\d{2}$";

/** JSON schema of the shared filter query parameters. */
export const eventFilterSchema = {
  since: { type: "string", pattern: DATE, description: "first event date, YYYY-MM-DD (inclusive)" },
  until: { type: "string", pattern: DATE, description: "last event date, YYYY-MM-DD (inclusive)" },
  bbox: { type: "string", description: "west,south,east,north in degrees: `38,34,42,37`" },
  near: { type: "string", description: "lat,lon,radiusKm: `35.33,40.14,50`" },
  actor: { type: "string", maxLength: 200, description: "actor id: events where it is an actor or associated actor" },
  includeBacked: { type: "boolean", description: "with actor: also the actors it backs, those backed by the same sponsors, and its parts" },
  type: { type: "string", maxLength: 400, description: "event type(s), comma-separated: `Battles,Riots`" },
  subType: { type: "string", maxLength: 400, description: "ACLED sub-event type(s), comma-separated" },
  source: { type: "string", maxLength: 300, description: "outlet or attribution name, or an article id" },
  text: { type: "string", maxLength: 300, description: "words that must appear in a reporting sentence" },
  region: { type: "string", pattern: "^[A-Za-z]{2}(-[A-Za-z0-9]{1,4})?$", description: "country (ISO 3166-1 alpha-2, `SY`) or admin-1 region (`SY-DY`)" },
  minSources: { type: "integer", minimum: 1, maximum: 1000, description: "only events reported by at least this many sources" },
} as const;

export interface EventFilterParams {
  since?: string;
  until?: string;
  bbox?: string;
  near?: string;
  actor?: string;
  includeBacked?: boolean;
  type?: string;
  subType?: string;
  source?: string;
  text?: string;
  region?: string;
  minSources?: number;
}

function numbers(s: string, n: number, name: string, example: string): number[] {
  const parts = s.split(",").map((x) => Number(x.trim()));
  if (parts.length !== n || parts.some((x) => !Number.isFinite(x))) {
    throw new ApiError("BAD_REQUEST", `${name} must be ${n} comma-separated numbers, e.g. ${example}; got "${s}"`);
  }
  return parts;
}

/** Turns validated query parameters into a store EventQuery (the region is applied by the caller). */
export function toEventQuery(p: EventFilterParams): EventQuery {
  const q: EventQuery = {};
  if (p.since) q.since = p.since;
  if (p.until) q.until = p.until;
  if (p.since && p.until && p.since > p.until) throw new ApiError("BAD_REQUEST", `since (${p.since}) is after until (${p.until})`);
  if (p.bbox) {
    const [w, s, e, n] = numbers(p.bbox, 4, "bbox", "38,34,42,37");
    if (s > n || Math.abs(s) > 90 || Math.abs(n) > 90) throw new ApiError("BAD_REQUEST", "bbox must be west,south,east,north with south <= north");
    q.bbox = [w, s, e, n];
  }
  if (p.near) {
    const [lat, lon, radiusKm] = numbers(p.near, 3, "near", "35.33,40.14,50");
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || radiusKm <= 0) throw new ApiError("BAD_REQUEST", "near must be lat,lon,radiusKm with a positive radius");
    q.near = { lat, lon, radiusKm };
  }
  if (p.actor) q.actor = p.actor;
  if (p.includeBacked) q.includeBacked = true;
  if (p.type) {
    const types = p.type.split(",").map((t) => t.trim()).filter(Boolean);
    for (const t of types) {
      if (!EVENT_TYPES.includes(t as EventType)) throw new ApiError("BAD_REQUEST", `unknown event type "${t}"; one of: ${EVENT_TYPES.join(", ")}`);
    }
    q.eventType = types as EventType[];
  }
  if (p.subType) q.subEventType = p.subType.split(",").map((t) => t.trim()).filter(Boolean) as EventQuery["subEventType"];
  if (p.source) q.source = p.source;
  if (p.text) q.text = p.text;
  if (p.minSources) q.minSources = p.minSources;
  return q;
}
