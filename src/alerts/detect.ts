// Contact and escalation detection over coalitions and their areas of operation:
//   converging: two rival coalitions' areas within `distanceKm`, the gap shrinking over `trendDays`;
//   racing:     both fighting within `objectiveKm` of the same place (the objective);
//   clash:      one event with actors of two rival coalitions on opposite sides;
//   sponsor:    a sponsor's own forces reported within `sponsorKm` of the rival coalition's area.
// Each alert says why in one sentence. Same data and options → same alerts, same ids, same order.
import { createHash } from "node:crypto";
import { type Area, type AreaPoint, areasOfOperation, coalitionAreas, eventsInWindow, isOffensive, sides } from "./areas.js";
import { areRivals, deriveCoalitions, pairKey } from "./coalitions.js";
import { haversineKm, roundKm } from "./distance.js";
import { LatIndex } from "./nearest.js";
import { addDays, resolveAlertOptions } from "./options.js";
import { textOrder } from "./order.js";
import type { Alert, AlertData, AlertEvent, AlertKind, AlertOptions, AlertSide, AlertSource, CoalitionSet } from "./types.js";

export interface DetectResult {
  asOf: string;
  options: AlertOptions;
  coalitions: CoalitionSet;
  alerts: Alert[];
}

function alertId(kind: AlertKind, a: string, b: string, key: string): string {
  return `al-${createHash("sha256").update(`${kind}|${pairKey(a, b)}|${key}`).digest("hex").slice(0, 16)}`;
}

function fmtDate(d: string): string {
  const [y, m, day] = d.split("-").map(Number);
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${day} ${months[m! - 1]} ${y}`;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Runs every detector as of `options.asOf` (default: the latest event date).
 * @example detectAlerts(data, { distanceKm: 30, trendDays: 7 }).alerts
 */
export function detectAlerts(data: AlertData, partial: Partial<AlertOptions> = {}): DetectResult {
  const o = resolveAlertOptions(partial);
  const set = deriveCoalitions(data);
  const dates = data.events.map((e) => e.date).sort();
  const asOf = o.asOf ?? dates.at(-1) ?? "1970-01-01";
  const ctx = new Ctx(data, set, o, asOf);
  const alerts = [...ctx.clashes(), ...ctx.converging(), ...ctx.racing(), ...ctx.sponsors()];
  const kindOrder: AlertKind[] = ["clash", "converging", "racing", "sponsor"];
  alerts.sort((x, y) => textOrder(y.lastDate, x.lastDate) || kindOrder.indexOf(x.kind) - kindOrder.indexOf(y.kind) || textOrder(x.id, y.id));
  return { asOf, options: o, coalitions: set, alerts };
}

class Ctx {
  private readonly byId: Map<string, AlertEvent>;
  private readonly actorNames: Map<string, string>;
  private readonly coalitionNames: Map<string, string>;
  private readonly now: Map<string, Area>;
  private readonly nowActors: Map<string, Area>;
  private readonly pairs: [string, string][];

  constructor(
    data: AlertData,
    private readonly set: CoalitionSet,
    private readonly o: AlertOptions,
    private readonly asOf: string,
  ) {
    this.byId = new Map(data.events.map((e) => [e.id, e]));
    this.actorNames = new Map(data.actors.map((a) => [a.id, a.name]));
    for (const m of set.byActor.values()) if (!this.actorNames.has(m.actorId)) this.actorNames.set(m.actorId, m.actorName);
    this.coalitionNames = new Map(set.coalitions.map((c) => [c.id, c.name]));
    this.nowActors = areasOfOperation(data.events, o, asOf);
    this.now = coalitionAreas(this.nowActors, set, o.h3Resolution);
    const ids = set.coalitions.map((c) => c.id);
    this.pairs = [];
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) if (areRivals(set, ids[i]!, ids[j]!)) this.pairs.push([ids[i]!, ids[j]!]);
    this.events = data.events;
  }

  private readonly events: AlertEvent[];

  private name(actorId: string): string {
    return this.actorNames.get(actorId) ?? actorId;
  }

  private coalitionOf(actorId: string): string | undefined {
    return this.set.byActor.get(actorId)?.coalitionId;
  }

  private side(coalition: string, actorIds: Iterable<string>): AlertSide {
    const ids = [...new Set(actorIds)].filter((id) => this.coalitionOf(id) === coalition).sort();
    return { coalition, coalitionName: this.coalitionNames.get(coalition) ?? coalition, actors: ids.map((id) => ({ id, name: this.name(id) })) };
  }

  private sourcesOf(eventIds: string[]): AlertSource[] {
    const seen = new Set<string>();
    const out: AlertSource[] = [];
    for (const id of eventIds) {
      for (const s of this.byId.get(id)?.sources ?? []) {
        const k = JSON.stringify(s);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(s);
        }
      }
    }
    return out;
  }

  private dates(eventIds: string[]): { firstDate: string; lastDate: string } {
    const ds = eventIds.map((id) => this.byId.get(id)?.date ?? this.asOf).sort();
    return { firstDate: ds[0] ?? this.asOf, lastDate: ds.at(-1) ?? this.asOf };
  }

  /** Actors of coalition `c` that appear in the given points' events. */
  private actorsAt(c: string, points: AreaPoint[]): string[] {
    const out: string[] = [];
    for (const p of points) {
      const e = this.byId.get(p.eventId);
      if (!e) continue;
      for (const id of sides(e).flat()) if (this.coalitionOf(id) === c) out.push(id);
    }
    return out;
  }

  private readonly sideCache = new Map<string, [Set<string>, Set<string>]>();
  /** The coalitions on each side of an event (cached: every detector asks). */
  private coalitionsOf(e: AlertEvent): [Set<string>, Set<string>] {
    let c = this.sideCache.get(e.id);
    if (!c) {
      const [s1, s2] = sides(e);
      const set = (ids: string[]) => new Set(ids.map((id) => this.coalitionOf(id)).filter((x): x is string => !!x));
      c = [set(s1), set(s2)];
      this.sideCache.set(e.id, c);
    }
    return c;
  }

  /** True when an event has an actor of coalition `c`. */
  private involves(eventId: string, c: string): boolean {
    const e = this.byId.get(eventId);
    if (!e) return false;
    const [a, b] = this.coalitionsOf(e);
    return a.has(c) || b.has(c);
  }

  clashes(): Alert[] {
    const out: Alert[] = [];
    const from = addDays(this.asOf, -(this.o.windowDays - 1));
    const evs = this.events
      .filter((e) => e.date >= from && e.date <= this.asOf && (!this.o.since || e.date >= this.o.since))
      .filter((e) => e.review !== "rejected" && this.o.modalities.includes(e.modality))
      .sort((a, b) => textOrder(a.date, b.date) || textOrder(a.id, b.id));
    for (const e of evs) {
      const [s1, s2] = sides(e);
      const [cs1, cs2] = this.coalitionsOf(e);
      if (cs1.size === 0 || cs2.size === 0) continue;
      const c1 = [...cs1];
      const c2 = [...cs2];
      const done = new Set<string>();
      for (const a of c1)
        for (const b of c2) {
          if (!areRivals(this.set, a, b) || done.has(pairKey(a, b))) continue;
          done.add(pairKey(a, b));
          const sideA = this.side(a, s1);
          const sideB = this.side(b, s2);
          const where = e.place ? ` at ${e.place.name}` : "";
          const said = e.modality === "claimed" && e.sources[0]?.attribution ? `, according to ${e.sources[0].attribution}` : "";
          out.push({
            id: alertId("clash", a, b, e.id),
            kind: "clash",
            asOf: this.asOf,
            sides: [sideA, sideB],
            places: e.place ? [{ id: e.place.id, name: e.place.name, lat: e.place.lat, lon: e.place.lon }] : [],
            eventIds: [e.id],
            sources: this.sourcesOf([e.id]),
            firstDate: e.date,
            lastDate: e.date,
            explanation:
              `Direct clash between rival coalitions: ${listNames(sideA.actors.map((x) => x.name))} (${sideA.coalitionName}) and ` +
              `${listNames(sideB.actors.map((x) => x.name))} (${sideB.coalitionName}) in one event (${e.subEventType.toLowerCase()})${where} on ${fmtDate(e.date)}${said}.`,
          });
        }
    }
    return out;
  }

  converging(): Alert[] {
    const out: Alert[] = [];
    const before = addDays(this.asOf, -this.o.trendDays);
    const then = coalitionAreas(areasOfOperation(this.events, this.o, before), this.set, this.o.h3Resolution);
    for (const [a, b] of this.pairs) {
      // Events where the two already met are clashes (reported as such), not a gap.
      const apart = (area: Area | undefined, other: string) => area && { ...area, points: area.points.filter((p) => !this.involves(p.eventId, other)) };
      const nowD = closest(apart(this.now.get(a), b), apart(this.now.get(b), a));
      if (!nowD || nowD.km > this.o.distanceKm) continue;
      const thenD = closest(apart(then.get(a), b), apart(then.get(b), a));
      if (!thenD) continue;
      const change = nowD.km - thenD.km;
      if (-change < this.o.minShrinkKm) continue;
      const pa = nowD.pa;
      const pb = nowD.pb;
      const ids = [...new Set([pa.eventId, pb.eventId, thenD.pa.eventId, thenD.pb.eventId])].sort();
      const sideA = this.side(a, this.actorsAt(a, this.now.get(a)!.points));
      const sideB = this.side(b, this.actorsAt(b, this.now.get(b)!.points));
      const km = roundKm(nowD.km);
      out.push({
        id: alertId("converging", a, b, `${pa.eventId}|${pb.eventId}`),
        kind: "converging",
        asOf: this.asOf,
        sides: [sideA, sideB],
        places: uniquePlaces([pa, pb]),
        distanceKm: km,
        trend: { days: this.o.trendDays, fromKm: roundKm(thenD.km), toKm: km, changeKm: roundKm(change), direction: "closing" },
        eventIds: ids,
        sources: this.sourcesOf(ids),
        ...this.dates(ids),
        explanation:
          `${sideA.coalitionName} and ${sideB.coalitionName} forces are converging: their areas of operation are ${km} km apart ` +
          `(${pa.placeName}, ${fmtDate(pa.date)} and ${pb.placeName}, ${fmtDate(pb.date)}), down from ${roundKm(thenD.km)} km ` +
          `${this.o.trendDays} days earlier (threshold ${this.o.distanceKm} km).`,
      });
    }
    return out;
  }

  racing(): Alert[] {
    const out: Alert[] = [];
    const offensives = eventsInWindow(this.events, this.o, this.asOf, [...this.o.modalities, "planned"]).filter(isOffensive);
    for (const [a, b] of this.pairs) {
      // Offensive events of each side against anyone but the other side (fighting each other is a clash).
      const of = (c: string, other: string) =>
        offensives.filter((e) => {
          const [s1, s2] = this.coalitionsOf(e);
          return s1.has(c) && !s2.has(other);
        });
      const ea = of(a, b);
      const eb = of(b, a);
      if (ea.length === 0 || eb.length === 0) continue;
      // Objective candidates: every place either side fought at; greedily keep the best, drop those near it.
      const places = new Map<string, NonNullable<AlertEvent["place"]>>();
      for (const e of [...ea, ...eb]) places.set(e.place!.id, e.place!);
      const evOrder = (x: { e: AlertEvent }, y: { e: AlertEvent }) => textOrder(x.e.id, y.e.id);
      const ia = new LatIndex(ea.map((e) => ({ lat: e.place!.lat, lon: e.place!.lon, e })), evOrder);
      const ib = new LatIndex(eb.map((e) => ({ lat: e.place!.lat, lon: e.place!.lon, e })), evOrder);
      const near = (idx: typeof ia, p: NonNullable<AlertEvent["place"]>) =>
        idx
          .within(p.lat, p.lon, this.o.objectiveKm)
          .map((x) => x.e)
          .sort((x, y) => textOrder(x.id, y.id));
      const cands = [...places.values()]
        .map((p) => ({ p, na: near(ia, p), nb: near(ib, p) }))
        .filter((c) => c.na.length > 0 && c.nb.length > 0)
        // An objective named by both sides' events first, then the most events, then the id.
        .map((c) => ({ ...c, shared: c.na.some((e) => e.place!.id === c.p.id) && c.nb.some((e) => e.place!.id === c.p.id) }))
        .sort((x, y) => Number(y.shared) - Number(x.shared) || y.na.length + y.nb.length - (x.na.length + x.nb.length) || textOrder(x.p.id, y.p.id));
      const chosen: typeof cands = [];
      for (const c of cands) if (!chosen.some((k) => haversineKm(k.p.lat, k.p.lon, c.p.lat, c.p.lon) <= this.o.objectiveKm)) chosen.push(c);
      for (const c of chosen) {
        const ids = [...new Set([...c.na, ...c.nb].map((e) => e.id))].sort();
        const sideA = this.side(a, c.na.flatMap((e) => sides(e)[0]));
        const sideB = this.side(b, c.nb.flatMap((e) => sides(e)[0]));
        const dist = (evs: AlertEvent[]) => Math.min(...evs.map((e) => haversineKm(e.place!.lat, e.place!.lon, c.p.lat, c.p.lon)));
        const da = roundKm(dist(c.na));
        const db = roundKm(dist(c.nb));
        const planned = [...c.na, ...c.nb].some((e) => e.modality === "planned") ? " (some of it announced, not yet reported done)" : "";
        out.push({
          id: alertId("racing", a, b, c.p.id),
          kind: "racing",
          asOf: this.asOf,
          sides: [sideA, sideB],
          places: [{ id: c.p.id, name: c.p.name, lat: c.p.lat, lon: c.p.lon }],
          distanceKm: roundKm(Math.max(da, db)),
          eventIds: ids,
          sources: this.sourcesOf(ids),
          ...this.dates(ids),
          explanation:
            `Both ${sideA.coalitionName} (${listNames(sideA.actors.map((x) => x.name))}) and ${sideB.coalitionName} ` +
            `(${listNames(sideB.actors.map((x) => x.name))}) forces are advancing on ${c.p.name}: ${c.na.length} and ${c.nb.length} offensive events ` +
            `within ${this.o.objectiveKm} km of it in the ${this.o.windowDays} days to ${fmtDate(this.asOf)}${planned}.`,
        });
      }
    }
    return out;
  }

  private readonly indexes = new Map<string, LatIndex<AreaPoint>>();
  private areaIndex(c: string, area: Area): LatIndex<AreaPoint> {
    let idx = this.indexes.get(c);
    if (!idx) this.indexes.set(c, (idx = new LatIndex(area.points, pointOrder)));
    return idx;
  }

  sponsors(): Alert[] {
    const out: Alert[] = [];
    const evs = eventsInWindow(this.events, this.o, this.asOf).sort((x, y) => textOrder(x.date, y.date) || textOrder(x.id, y.id));
    for (const e of evs) {
      const actors = [...new Set(sides(e).flat())];
      for (const id of actors) {
        const m = this.set.byActor.get(id);
        if (m?.role !== "sponsor") continue;
        for (const [x, y] of this.pairs) {
          if (x !== m.coalitionId && y !== m.coalitionId) continue;
          const rival = x === m.coalitionId ? y : x;
          const area = this.now.get(rival);
          if (!area) continue;
          const p = e.place!;
          const n = this.areaIndex(rival, area).nearest(p.lat, p.lon, this.o.sponsorKm);
          if (!n) continue;
          const best = { km: n.km, pt: n.p };
          const ids = [...new Set([e.id, best.pt.eventId])].sort();
          const own = this.side(m.coalitionId, [id]);
          const riv = this.side(rival, this.actorsAt(rival, area.points.filter((pt) => pt.eventId === best!.pt.eventId)));
          const km = roundKm(best.km);
          out.push({
            id: alertId("sponsor", m.coalitionId, rival, `${e.id}|${id}`),
            kind: "sponsor",
            asOf: this.asOf,
            sides: [own, riv],
            places: uniquePlaces([{ placeId: p.id, placeName: p.name, lat: p.lat, lon: p.lon }, best.pt]),
            distanceKm: km,
            eventIds: ids,
            sources: this.sourcesOf(ids),
            ...this.dates(ids),
            explanation:
              `${m.actorName}, a sponsor of ${own.coalitionName}, ${e.modality === "claimed" ? "was reported" : "was"} in action at ${p.name} ` +
              `on ${fmtDate(e.date)} (${e.subEventType.toLowerCase()}), ${km} km from where ${listNames(riv.actors.map((a) => a.name)) || riv.coalitionName} ` +
              `(${riv.coalitionName}) operated (${best.pt.placeName}, ${fmtDate(best.pt.date)}).`,
          });
        }
      }
    }
    return out;
  }
}

const pointOrder = (x: AreaPoint, y: AreaPoint) => (x.eventId < y.eventId ? -1 : x.eventId > y.eventId ? 1 : textOrder(x.placeId, y.placeId));

/** The closest pair of points of two areas (ties: lowest event ids), via a latitude index over `b`. */
function closest(a: Area | undefined, b: Area | undefined): { km: number; pa: AreaPoint; pb: AreaPoint } | undefined {
  if (!a || !b || a.points.length === 0 || b.points.length === 0) return undefined;
  const idx = new LatIndex(b.points, pointOrder);
  let best: { km: number; pa: AreaPoint; pb: AreaPoint } | undefined;
  for (const pa of [...a.points].sort(pointOrder)) {
    const n = idx.nearest(pa.lat, pa.lon, best ? best.km + 1e-6 : Number.POSITIVE_INFINITY);
    if (!n) continue;
    if (!best || n.km < best.km - 1e-9 || (Math.abs(n.km - best.km) <= 1e-9 && `${pa.eventId}|${n.p.eventId}` < `${best.pa.eventId}|${best.pb.eventId}`))
      best = { km: n.km, pa, pb: n.p };
  }
  return best;
}

function uniquePlaces(pts: { placeId: string; placeName: string; lat: number; lon: number }[]): Alert["places"] {
  const m = new Map<string, Alert["places"][number]>();
  for (const p of pts) if (!m.has(p.placeId)) m.set(p.placeId, { id: p.placeId, name: p.placeName, lat: p.lat, lon: p.lon });
  return [...m.values()];
}
