// Subscription matching: does a new event or alert fall under what a user watches?
// A user watches an actor, a coalition pair, a region (a polygon drawn on the map, or a named
// place plus a radius) or an event type. Pure functions; no database.
import { haversineKm } from "../alerts/distance.js";
import type { Alert, AlertKind } from "../alerts/types.js";
import type { EventKindAndSides, EventType, GeoJSON, Modality, SubEventType } from "../types/index.js";

export type SubscriptionSpec =
  | { kind: "actor"; actorId: string }
  | { kind: "coalition-pair"; a: string; b: string }
  | {
      kind: "region";
      /** A polygon drawn on the map (GeoJSON, [lon, lat] order). */
      polygon?: Extract<GeoJSON, { type: "Polygon" | "MultiPolygon" }>;
      /** Or a named place plus a radius. */
      center?: { lat: number; lon: number; name?: string };
      radiusKm?: number;
    }
  | { kind: "event-type"; eventType?: EventType; subEventType?: SubEventType; alertKinds?: AlertKind[] };

/** What matching needs to know about an event (a StoredEvent fits). */
export interface NotifyEvent extends EventKindAndSides {
  id: string;
  date: string;
  modality: Modality;
  place?: { id: string; name: string; lat: number; lon: number };
}

/** Checks and normalizes a spec from user input; throws an Error naming what is wrong. */
export function checkSpec(input: unknown): SubscriptionSpec {
  const s = input as Record<string, unknown>;
  if (!s || typeof s !== "object") throw new Error("spec must be an object with a kind");
  const str = (v: unknown, f: string) => {
    if (typeof v !== "string" || v.length === 0 || v.length > 200) throw new Error(`spec.${f} must be a non-empty string`);
    return v;
  };
  switch (s.kind) {
    case "actor":
      return { kind: "actor", actorId: str(s.actorId, "actorId") };
    case "coalition-pair":
      return { kind: "coalition-pair", a: str(s.a, "a"), b: str(s.b, "b") };
    case "region": {
      if (s.polygon !== undefined) {
        const p = s.polygon as { type?: string; coordinates?: unknown };
        const rings = p?.type === "Polygon" ? [p.coordinates] : p?.type === "MultiPolygon" ? (p.coordinates as unknown[]) : null;
        const okRing = (r: unknown) =>
          Array.isArray(r) &&
          r.length >= 4 &&
          r.length <= 10000 &&
          r.every((c) => Array.isArray(c) && c.length >= 2 && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90);
        if (!rings?.every((poly) => Array.isArray(poly) && poly.length >= 1 && poly.every(okRing)))
          throw new Error("spec.polygon must be a GeoJSON Polygon or MultiPolygon with [lon, lat] rings of at least 4 positions");
        return { kind: "region", polygon: p as Extract<GeoJSON, { type: "Polygon" | "MultiPolygon" }> };
      }
      const c = s.center as { lat?: unknown; lon?: unknown; name?: unknown } | undefined;
      const r = s.radiusKm;
      if (!c || typeof c.lat !== "number" || typeof c.lon !== "number" || Math.abs(c.lat) > 90 || Math.abs(c.lon) > 180)
        throw new Error("spec needs a polygon, or a center { lat, lon } and radiusKm");
      if (typeof r !== "number" || !(r > 0 && r <= 2000)) throw new Error("spec.radiusKm must be a number of km between 0 and 2000");
      return { kind: "region", center: { lat: c.lat, lon: c.lon, ...(typeof c.name === "string" ? { name: c.name.slice(0, 200) } : {}) }, radiusKm: r };
    }
    case "event-type": {
      const out: SubscriptionSpec = { kind: "event-type" };
      if (s.eventType !== undefined) out.eventType = str(s.eventType, "eventType") as EventType;
      if (s.subEventType !== undefined) out.subEventType = str(s.subEventType, "subEventType") as SubEventType;
      if (s.alertKinds !== undefined) {
        const kinds = ["converging", "racing", "clash", "sponsor"];
        if (!Array.isArray(s.alertKinds) || !s.alertKinds.every((k) => kinds.includes(k))) throw new Error(`spec.alertKinds must list some of ${kinds.join(", ")}`);
        out.alertKinds = s.alertKinds as AlertKind[];
      }
      if (!out.eventType && !out.subEventType && !out.alertKinds) throw new Error("spec needs an eventType, a subEventType or alertKinds");
      return out;
    }
    default:
      throw new Error("spec.kind must be actor, coalition-pair, region or event-type");
  }
}

/** Ray casting on one ring ([lon, lat] positions). */
function inRing(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > lat !== yj! > lat && lon < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/** True when the point lies in the polygon (outer ring in, holes out). */
export function pointInPolygon(lat: number, lon: number, g: Extract<GeoJSON, { type: "Polygon" | "MultiPolygon" }>): boolean {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  return polys.some((rings) => inRing(lon, lat, rings[0]!) && !rings.slice(1).some((h) => inRing(lon, lat, h)));
}

function inRegion(spec: Extract<SubscriptionSpec, { kind: "region" }>, lat: number, lon: number): boolean {
  if (spec.polygon) return pointInPolygon(lat, lon, spec.polygon);
  if (spec.center && spec.radiusKm) return haversineKm(spec.center.lat, spec.center.lon, lat, lon) <= spec.radiusKm;
  return false;
}

const actorsOf = (e: NotifyEvent) => [e.actor1, e.actor2, ...e.assocActors1, ...e.assocActors2].filter((x): x is string => !!x);

/**
 * Does an event match? Hypothetical and negated events never notify.
 * `coalitionOf` maps an actor id to its coalition (for coalition pairs).
 */
export function matchEvent(spec: SubscriptionSpec, e: NotifyEvent, coalitionOf: (actorId: string) => string | undefined = () => undefined): boolean {
  if (e.modality === "hypothetical" || e.modality === "negated") return false;
  switch (spec.kind) {
    case "actor":
      return actorsOf(e).includes(spec.actorId);
    case "coalition-pair": {
      const s1 = [e.actor1, ...e.assocActors1].map((a) => a && coalitionOf(a));
      const s2 = [e.actor2, ...e.assocActors2].map((a) => a && coalitionOf(a));
      return (s1.includes(spec.a) && s2.includes(spec.b)) || (s1.includes(spec.b) && s2.includes(spec.a));
    }
    case "region":
      return e.place !== undefined && inRegion(spec, e.place.lat, e.place.lon);
    case "event-type":
      if (!spec.eventType && !spec.subEventType) return false;
      return (!spec.eventType || spec.eventType === e.eventType) && (!spec.subEventType || spec.subEventType === e.subEventType);
  }
}

/** Does an alert match? */
export function matchAlert(spec: SubscriptionSpec, a: Alert): boolean {
  switch (spec.kind) {
    case "actor":
      return a.sides.some((s) => s.actors.some((x) => x.id === spec.actorId));
    case "coalition-pair": {
      const cs = a.sides.map((s) => s.coalition);
      return cs.includes(spec.a) && cs.includes(spec.b) && spec.a !== spec.b;
    }
    case "region":
      return a.places.some((p) => inRegion(spec, p.lat, p.lon));
    case "event-type":
      return spec.alertKinds?.includes(a.kind) ?? false;
  }
}
