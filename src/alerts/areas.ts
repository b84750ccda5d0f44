// Areas of operation: where each actor (and each coalition) has been on the ground in the
// `windowDays` before a date, as H3 cells, plus the places it last took or lost. Which events
// count is data (model/operations.json): clashes, captures, attacks and new bases put an actor
// at the event's place; air strikes do not (the aircraft is not on the ground there).
import { createRequire } from "node:module";
import { cellToLatLng, latLngToCell } from "h3-js";
import { addDays } from "./options.js";
import { textOrder } from "./order.js";
import type { AlertEvent, AlertOptions, CoalitionSet } from "./types.js";

const require = createRequire(import.meta.url);
const OPERATIONS: { presence: Record<string, string>; offensive: string[] } = require("./model/operations.json");

// H3 cells of places and centres of cells, remembered: the same places come back on every pass.
const cellOf = new Map<number, Map<number, Map<number, string>>>();
let cellCount = 0;
const centreOf = new Map<string, [number, number]>();
function cellAt(lat: number, lon: number, res: number): string {
  let byLat = cellOf.get(res);
  if (!byLat) cellOf.set(res, (byLat = new Map()));
  let byLon = byLat.get(lat);
  if (!byLon) byLat.set(lat, (byLon = new Map()));
  let c = byLon.get(lon);
  if (c === undefined) {
    if (++cellCount > 200_000) {
      cellOf.clear();
      cellCount = 0;
    }
    c = latLngToCell(lat, lon, res);
    byLon.set(lon, c);
  }
  return c;
}
function centre(cell: string): [number, number] {
  let c = centreOf.get(cell);
  if (c === undefined) {
    if (centreOf.size >= 200_000) centreOf.clear();
    c = cellToLatLng(cell) as [number, number];
    centreOf.set(cell, c);
  }
  return c;
}

/** A point where an actor was reported, with the event that put it there. */
export interface AreaPoint {
  eventId: string;
  date: string;
  placeId: string;
  placeName: string;
  lat: number;
  lon: number;
  /** clash | capture | attack | base (model/operations.json) */
  role: string;
}

export interface AreaCell {
  cell: string;
  lat: number;
  lon: number;
  /** Events in the cell. */
  count: number;
  lastDate: string;
  eventIds: string[];
}

export interface PlaceChange {
  placeId: string;
  placeName: string;
  date: string;
  eventId: string;
  /** The other side. */
  from?: string;
  to?: string;
}

export interface Area {
  /** Actor or coalition id. */
  id: string;
  points: AreaPoint[];
  cells: AreaCell[];
  took: PlaceChange[];
  lost: PlaceChange[];
}

/** The presence role of an event ("clash", "capture" …) or undefined when it puts nobody on the ground. */
export function presenceRole(e: AlertEvent): string | undefined {
  return OPERATIONS.presence[e.subEventType];
}

/** True for events that are offensives (can make a race for an objective). */
export function isOffensive(e: AlertEvent): boolean {
  const r = presenceRole(e);
  return r !== undefined && OPERATIONS.offensive.includes(r);
}

/** Events that count on `asOf`: in the window, with a usable place, an allowed modality, not rejected. */
export function eventsInWindow(events: AlertEvent[], o: AlertOptions, asOf: string, modalities = o.modalities): AlertEvent[] {
  const from = addDays(asOf, -(o.windowDays - 1));
  const start = o.since && o.since > from ? o.since : from;
  return events.filter(
    (e) =>
      e.date >= start &&
      e.date <= asOf &&
      e.review !== "rejected" &&
      modalities.includes(e.modality) &&
      e.place !== undefined &&
      e.place.precision <= o.maxPrecision,
  );
}

/** The actors on each side of an event. */
export function sides(e: AlertEvent): [string[], string[]] {
  const s1 = [e.actor1, ...e.assocActors1].filter((x): x is string => !!x);
  const s2 = [e.actor2, ...e.assocActors2].filter((x): x is string => !!x);
  return [s1, s2];
}

function emptyArea(id: string): Area {
  return { id, points: [], cells: [], took: [], lost: [] };
}

/**
 * Areas of operation of every actor on `asOf` (YYYY-MM-DD), from the events of the window.
 * @example areasOfOperation(data.events, opts, "2017-09-09").get("sdf")?.cells
 */
export function areasOfOperation(events: AlertEvent[], o: AlertOptions, asOf: string): Map<string, Area> {
  const out = new Map<string, Area>();
  const get = (id: string) => out.get(id) ?? out.set(id, emptyArea(id)).get(id)!;
  const sorted = eventsInWindow(events, o, asOf).sort((a, b) => textOrder(a.date, b.date) || textOrder(a.id, b.id));
  for (const e of sorted) {
    const role = presenceRole(e);
    if (!role) continue;
    const p = e.place!;
    const [s1, s2] = sides(e);
    for (const id of [...s1, ...s2]) {
      get(id).points.push({ eventId: e.id, date: e.date, placeId: p.id, placeName: p.name, lat: p.lat, lon: p.lon, role });
    }
    if (role === "capture") {
      for (const id of s1) get(id).took.push({ placeId: p.id, placeName: p.name, date: e.date, eventId: e.id, from: s2[0] });
      for (const id of s2) get(id).lost.push({ placeId: p.id, placeName: p.name, date: e.date, eventId: e.id, to: s1[0] });
    }
  }
  for (const a of out.values()) finish(a, o.h3Resolution);
  return out;
}

/** Merges actor areas into coalition areas (members only). */
export function coalitionAreas(actorAreas: Map<string, Area>, set: CoalitionSet, h3Resolution: number): Map<string, Area> {
  const out = new Map<string, Area>();
  for (const [actorId, a] of [...actorAreas].sort(([x], [y]) => textOrder(x, y))) {
    const m = set.byActor.get(actorId);
    if (!m) continue;
    const c = out.get(m.coalitionId) ?? out.set(m.coalitionId, emptyArea(m.coalitionId)).get(m.coalitionId)!;
    c.points.push(...a.points);
    c.took.push(...a.took);
    c.lost.push(...a.lost);
  }
  for (const a of out.values()) {
    // The same event can put two members of one coalition at a place: keep one point per event and place.
    const seen = new Set<string>();
    a.points = a.points.filter((p) => !seen.has(`${p.eventId}|${p.placeId}`) && !!seen.add(`${p.eventId}|${p.placeId}`));
    finish(a, h3Resolution);
  }
  return out;
}

function latestPerPlace(list: PlaceChange[]): PlaceChange[] {
  const m = new Map<string, PlaceChange>();
  for (const c of [...list].sort((a, b) => textOrder(a.date, b.date) || textOrder(a.eventId, b.eventId))) m.set(c.placeId, c);
  return [...m.values()].sort((a, b) => textOrder(b.date, a.date) || textOrder(a.placeId, b.placeId));
}

function finish(a: Area, res: number): void {
  a.points.sort((x, y) => textOrder(x.date, y.date) || textOrder(x.eventId, y.eventId) || textOrder(x.placeId, y.placeId));
  const cells = new Map<string, AreaCell>();
  const ids = new Map<AreaCell, Set<string>>();
  for (const p of a.points) {
    const cell = cellAt(p.lat, p.lon, res);
    let c = cells.get(cell);
    if (!c) {
      const [lat, lon] = centre(cell);
      c = { cell, lat, lon, count: 0, lastDate: p.date, eventIds: [] };
      cells.set(cell, c);
      ids.set(c, new Set());
    }
    c.count++;
    if (p.date > c.lastDate) c.lastDate = p.date;
    const seen = ids.get(c)!;
    if (!seen.has(p.eventId)) {
      seen.add(p.eventId);
      c.eventIds.push(p.eventId);
    }
  }
  a.cells = [...cells.values()].sort((x, y) => textOrder(x.cell, y.cell));
  a.took = latestPerPlace(a.took);
  a.lost = latestPerPlace(a.lost);
}
