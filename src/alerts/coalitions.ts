// Coalitions derived from the sponsor/alliance graph. Seeds come from model/coalitions.json
// (sponsors such as the United States, core members such as the Syrian army); every other actor
// joins through backed-by / part-of / dominated-by / allied-with relations ("US-backed Syrian
// Democratic Forces": sdf backed-by usa) or a person's affiliation. Each membership keeps the
// chain of relations and their evidence text, so an analyst can check it; analyst overrides win.
import { createRequire } from "node:module";
import type { Actor, Relation } from "../types/index.js";
import { textOrder } from "./order.js";
import type { AlertData, Coalition, CoalitionOverride, CoalitionSet, Membership, MembershipStep, MemberRole } from "./types.js";

interface Matcher {
  ids?: string[];
  countries?: string[];
  kinds?: string[];
}

export interface CoalitionSpec {
  id: string;
  name: string;
  sponsors?: Matcher;
  core?: Matcher;
}

export interface CoalitionModel {
  coalitions: CoalitionSpec[];
  countryKinds: string[];
  rivals: [string, string][];
  memberRelations: Relation["type"][];
}

const require = createRequire(import.meta.url);
/** The model shipped in src/alerts/model/coalitions.json. */
export const DEFAULT_COALITION_MODEL: CoalitionModel = require("./model/coalitions.json");

/** "a|b" with a < b, the key of an unordered pair. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

interface Node {
  id: string;
  name: string;
  actor?: Actor;
}

function matches(m: Matcher | undefined, node: Node, countryKinds: string[]): string | undefined {
  if (!m) return undefined;
  if (m.ids?.includes(node.id)) return `listed as "${node.id}"`;
  const a = node.actor;
  if (!a) return undefined;
  if (a.country && m.countries?.includes(a.country) && countryKinds.includes(a.kind)) return `a ${a.kind} of ${a.country}`;
  if (m.kinds?.includes(a.kind)) return `a ${a.kind}`;
  return undefined;
}

interface Reach {
  coalition: string;
  role: MemberRole;
  via: MembershipStep[];
  score: number;
}

/**
 * Derives the coalitions of every actor named in `data` (actors, relation ends, event actors).
 * Deterministic: ties are broken by path length, then confidence, then the model's order.
 * @example const set = deriveCoalitions(data); set.byActor.get("sdf")?.coalitionId // "us-backed"
 */
export function deriveCoalitions(data: AlertData, model: CoalitionModel = DEFAULT_COALITION_MODEL): CoalitionSet {
  const nodes = new Map<string, Node>();
  const add = (id: string | undefined, actor?: Actor) => {
    if (!id) return;
    const cur = nodes.get(id);
    if (cur) {
      if (actor && !cur.actor) nodes.set(id, { id, name: actor.name, actor });
      return;
    }
    nodes.set(id, { id, name: actor?.name ?? id, actor });
  };
  for (const a of data.actors) add(a.id, a);
  for (const r of data.relations) {
    add(r.source);
    add(r.target);
  }
  for (const e of data.events) for (const id of [e.actor1, e.actor2, ...e.assocActors1, ...e.assocActors2]) add(id);
  const order = new Map(model.coalitions.map((c, i) => [c.id, i]));
  const nameOf = (id: string) => nodes.get(id)?.name ?? id;

  // Seeds: sponsors and core members.
  const reach = new Map<string, Reach[]>();
  const ids = [...nodes.keys()].sort();
  for (const id of ids) {
    const node = nodes.get(id)!;
    for (const c of model.coalitions) {
      for (const [role, m] of [["sponsor", c.sponsors], ["core", c.core]] as const) {
        const why = matches(m, node, model.countryKinds);
        if (!why) continue;
        const list = reach.get(id) ?? [];
        if (!list.some((r) => r.coalition === c.id)) {
          list.push({ coalition: c.id, role, score: 1, via: [{ type: "lexicon", source: id, evidence: [`${node.name} is ${why} in the coalition model`], confidence: 1 }] });
        }
        reach.set(id, list);
      }
    }
  }

  // Edges: X → Y means X joins Y's coalition.
  const edges = new Map<string, { to: string; step: MembershipStep }[]>();
  const addEdge = (from: string, to: string, step: MembershipStep) => {
    if (from === to) return;
    const l = edges.get(from) ?? [];
    l.push({ to, step });
    edges.set(from, l);
  };
  for (const r of [...data.relations].sort((a, b) => textOrder(`${a.source}|${a.type}|${a.target}`, `${b.source}|${b.type}|${b.target}`))) {
    if (!model.memberRelations.includes(r.type)) continue;
    const step: MembershipStep = { type: r.type, source: r.source, target: r.target, evidence: r.evidence.map((e) => e.text), confidence: r.confidence };
    addEdge(r.source, r.target, step);
    if (r.type === "allied-with") addEdge(r.target, r.source, { ...step, source: r.target, target: r.source });
  }
  for (const id of ids) {
    const a = nodes.get(id)!.actor;
    if (a?.affiliation && nodes.has(a.affiliation))
      addEdge(id, a.affiliation, { type: "affiliation", source: id, target: a.affiliation, evidence: a.role ? [a.role] : [], confidence: 0.9 });
  }

  // Breadth-first from the seeds, one hop at a time, so shorter chains win.
  let frontier = ids.filter((id) => reach.has(id));
  const settled = new Set(frontier);
  while (frontier.length > 0) {
    const next = new Map<string, Reach[]>();
    for (const from of ids) {
      if (settled.has(from)) continue;
      for (const { to, step } of edges.get(from) ?? []) {
        if (!frontier.includes(to)) continue;
        for (const r of reach.get(to) ?? []) {
          const l = next.get(from) ?? [];
          l.push({ coalition: r.coalition, role: "member", score: r.score * step.confidence, via: [step, ...r.via] });
          next.set(from, l);
        }
      }
    }
    for (const [id, l] of next) {
      reach.set(id, l);
      settled.add(id);
    }
    frontier = [...next.keys()];
  }

  // Every coalition an actor reaches by any chain (for "also linked to").
  const seedsOf = new Map(ids.filter((id) => reach.get(id)?.some((r) => r.role !== "member")).map((id) => [id, reach.get(id)!.map((r) => r.coalition)]));
  const reachable = (start: string): string[] => {
    const seen = new Set([start]);
    const stack = [start];
    const out = new Set<string>();
    while (stack.length > 0) {
      const x = stack.pop()!;
      for (const { to } of edges.get(x) ?? []) {
        if (seen.has(to)) continue;
        seen.add(to);
        for (const c of seedsOf.get(to) ?? []) out.add(c);
        stack.push(to);
      }
    }
    return [...out];
  };

  const byActor = new Map<string, Membership>();
  for (const id of ids) {
    const l = reach.get(id);
    if (!l || l.length === 0) continue;
    // Sponsors and core members first, then the strongest chain, then the model's order.
    const rank = (r: Reach) => (r.role === "member" ? 1 : 0);
    const sorted = [...l].sort((a, b) => rank(a) - rank(b) || b.score - a.score || order.get(a.coalition)! - order.get(b.coalition)!);
    const best = sorted[0]!;
    const also = [...new Set([...sorted.slice(1).map((r) => r.coalition), ...reachable(id)])].filter((c) => c !== best.coalition).sort((a, b) => order.get(a)! - order.get(b)!);
    byActor.set(id, membership(id, nameOf(id), best, also, nameOf, model));
  }
  applyOverrides(byActor, data.overrides ?? [], nameOf, model);

  const coalitions: Coalition[] = model.coalitions.map((c) => ({
    id: c.id,
    name: c.name,
    members: [...byActor.values()].filter((m) => m.coalitionId === c.id).sort((a, b) => textOrder(a.actorId, b.actorId)),
  }));
  const rivals = new Set(model.rivals.map(([a, b]) => pairKey(a, b)));
  return { coalitions, byActor, rivals };
}

function coalitionName(model: CoalitionModel, id: string): string {
  return model.coalitions.find((c) => c.id === id)?.name ?? id;
}

function membership(id: string, name: string, r: Reach, also: string[], nameOf: (id: string) => string, model: CoalitionModel): Membership {
  const cname = coalitionName(model, r.coalition);
  let explanation: string;
  if (r.role !== "member") {
    explanation = `${name} is ${r.role === "sponsor" ? "a sponsor" : "a core member"} of ${cname}: ${r.via[0]!.evidence[0]}.`;
  } else {
    const chain = r.via
      .filter((s) => s.target)
      .map((s) => {
        const ev = s.evidence.length > 0 ? ` ("${s.evidence[0]}")` : "";
        return `${nameOf(s.source)} ${s.type} ${nameOf(s.target!)}${ev}`;
      })
      .join(", ");
    explanation = `${name} is in ${cname} because ${chain}.`;
  }
  if (also.length > 0) explanation += ` Also linked to ${also.map((c) => coalitionName(model, c)).join(", ")}.`;
  return { actorId: id, actorName: name, coalitionId: r.coalition, role: r.role, via: r.via, alsoLinked: also, explanation };
}

function applyOverrides(byActor: Map<string, Membership>, overrides: CoalitionOverride[], nameOf: (id: string) => string, model: CoalitionModel): void {
  const latest = new Map<string, CoalitionOverride>();
  for (const o of [...overrides].sort((a, b) => textOrder(a.at, b.at))) latest.set(o.actorId, o);
  for (const [actorId, o] of [...latest].sort(([a], [b]) => textOrder(a, b))) {
    const prev = byActor.get(actorId);
    if (o.coalitionId === null || !model.coalitions.some((c) => c.id === o.coalitionId)) {
      byActor.delete(actorId);
      continue;
    }
    const note = o.note ? `: ${o.note}` : "";
    byActor.set(actorId, {
      actorId,
      actorName: nameOf(actorId),
      coalitionId: o.coalitionId,
      role: prev?.coalitionId === o.coalitionId ? prev.role : "member",
      via: [{ type: "override", source: actorId, evidence: [`set by ${o.by} on ${o.at.slice(0, 10)}${note}`], confidence: 1 }],
      alsoLinked: prev && prev.coalitionId !== o.coalitionId ? [prev.coalitionId] : [],
      explanation: `${nameOf(actorId)} was put in ${coalitionName(model, o.coalitionId)} by ${o.by} on ${o.at.slice(0, 10)}${note}.`,
    });
  }
}

/** True when the two coalitions are rivals in the model. */
export function areRivals(set: CoalitionSet, a: string, b: string): boolean {
  return a !== b && set.rivals.has(pairKey(a, b));
}
