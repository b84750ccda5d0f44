// The page's state: the loaded event points (columns), the filters, the time window, and the
// actors by id. Views subscribe to changes; nothing here touches the DOM.
import type { ActorSummary, Filters, MapPoints, StoredEvent } from "./api.js";
import { EVENT_TYPES } from "./colors.js";

/**
 * The loaded points as parallel columns (point k is id[k], lon[k] …): 100,000 events make seven
 * arrays, not 100,000 objects for the page to build and the collector to walk. The columns are the
 * API's (MapPoints) except `type`.
 */
export interface Points extends Pick<MapPoints, "id" | "lon" | "lat" | "sources" | "date"> {
  length: number;
  /** The index in EVENT_TYPES (-1 for a type the page does not know), not in the answer's own type table. */
  type: number[];
}

export function emptyPoints(): Points {
  return { length: 0, id: [], lon: [], lat: [], type: [], sources: [], date: [] };
}

/** The points whose index `keep` accepts, as new columns. */
function pick(p: Points, keep: (k: number) => boolean): Points {
  const out = emptyPoints();
  for (let k = 0; k < p.length; k++) {
    if (!keep(k)) continue;
    out.id.push(p.id[k]);
    out.lon.push(p.lon[k]);
    out.lat.push(p.lat[k]);
    out.type.push(p.type[k]);
    out.sources.push(p.sources[k]);
    out.date.push(p.date[k]);
  }
  out.length = out.id.length;
  return out;
}

type Listener = () => void;

class State {
  points: Points = emptyPoints();
  /** Point index by event id, made on the first live update after a reload (not for the first render). */
  private idIndex: Map<string, number> | null = null;
  filters: Filters = {};
  /** All days between the first and the last event date, for the slider and histogram. */
  days: string[] = [];
  /** Selected window as indexes into `days` (inclusive). */
  from = 0;
  to = 0;
  actors = new Map<string, ActorSummary>();
  private listeners = new Map<string, Set<Listener>>();

  on(topic: "points" | "window" | "actors", fn: Listener): void {
    if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
    this.listeners.get(topic)!.add(fn);
  }
  emit(topic: "points" | "window" | "actors"): void {
    for (const fn of this.listeners.get(topic) ?? []) fn();
  }

  /** Takes the decoded answer's arrays as its own (live changes write into them). */
  setPoints(p: MapPoints): void {
    // The answer numbers its types in its own list: one lookup per type, not per point.
    if (!p.count) {
      this.points = emptyPoints();
      this.reindex(true);
      return;
    }
    const known = p.types.map((t) => EVENT_TYPES.indexOf(t as (typeof EVENT_TYPES)[number]));
    const type: number[] = new Array(p.count);
    for (let k = 0; k < p.count; k++) type[k] = known[p.type[k]] ?? -1;
    this.points = { length: p.count, id: p.id, lon: p.lon, lat: p.lat, type, sources: p.sources, date: p.date };
    this.reindex(true);
  }

  /** Live update: adds or replaces events from the stream (matching the filters), drops removed ones. */
  applyChanges(events: StoredEvent[], removed: string[]): number {
    let changed = 0;
    const byId = this.byId();
    const drop = new Set(removed);
    for (const e of events) {
      if (!this.matches(e)) {
        if (byId.has(e.id)) drop.add(e.id);
        continue;
      }
      if (!e.place) continue;
      const pts = this.points;
      let at = byId.get(e.id);
      if (at === undefined) {
        at = pts.length++;
        byId.set(e.id, at);
      }
      pts.id[at] = e.id;
      pts.lon[at] = e.place.lon;
      pts.lat[at] = e.place.lat;
      pts.type[at] = EVENT_TYPES.indexOf(e.eventType);
      pts.sources[at] = e.sourceCount;
      pts.date[at] = e.date;
      changed++;
    }
    if (drop.size) {
      const before = this.points.length;
      const ids = this.points.id;
      this.points = pick(this.points, (k) => !drop.has(ids[k]));
      changed += before - this.points.length;
    }
    if (changed) this.reindex(false);
    return changed;
  }

  private byId(): Map<string, number> {
    if (!this.idIndex) {
      this.idIndex = new Map();
      const ids = this.points.id;
      for (let i = 0; i < this.points.length; i++) this.idIndex.set(ids[i], i);
    }
    return this.idIndex;
  }

  private matches(e: StoredEvent): boolean {
    const f = this.filters;
    if (f.type && !f.type.split(",").includes(e.eventType)) return false;
    // Actor, source and region filters need the server's knowledge: refetching handles those.
    return !(f.actor || f.source || f.region);
  }

  private reindex(resetWindow: boolean): void {
    this.idIndex = null;
    const wasAll = this.to >= this.days.length - 1;
    const oldFrom = this.days[this.from];
    const oldTo = this.days[this.to];
    let min = "9999-12-31";
    let max = "0000-01-01";
    const dates = this.points.date;
    for (let k = 0; k < this.points.length; k++) {
      const d = dates[k];
      if (d < min) min = d;
      if (d > max) max = d;
    }
    // At least a month on the axis, so a single day reads as a bar, not a wall.
    this.days = this.points.length ? padRange(min, max, 31) : [];
    if (resetWindow || !oldFrom) {
      this.from = 0;
      this.to = Math.max(0, this.days.length - 1);
    } else {
      this.from = Math.max(0, this.days.indexOf(oldFrom));
      this.to = wasAll ? this.days.length - 1 : Math.max(this.from, this.days.indexOf(oldTo));
    }
    this.emit("points");
  }

  setWindow(from: number, to: number): void {
    this.from = Math.max(0, Math.min(from, to));
    this.to = Math.min(this.days.length - 1, Math.max(from, to));
    this.emit("window");
  }

  /** Points inside the time window. */
  visible(): Points {
    if (!this.days.length) return emptyPoints();
    const a = this.days[this.from];
    const b = this.days[this.to];
    if (this.from === 0 && this.to === this.days.length - 1) return this.points;
    const dates = this.points.date;
    return pick(this.points, (k) => dates[k] >= a && dates[k] <= b);
  }

  actorName(id: string | undefined): string {
    if (!id) return "";
    return this.actors.get(id)?.name ?? id.replace(/^x:/, "");
  }
}

function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** dayRange widened evenly on both sides to at least `min` days. */
export function padRange(a: string, b: string, min: number): string[] {
  const days = dayRange(a, b);
  if (days.length >= min) return days;
  const extra = min - days.length;
  return dayRange(addDays(a, -Math.floor(extra / 2)), addDays(b, Math.ceil(extra / 2)));
}

/** Every day from `a` to `b` inclusive (YYYY-MM-DD), capped at 20 years. */
export function dayRange(a: string, b: string): string[] {
  const out: string[] = [];
  const d = new Date(`${a}T00:00:00Z`);
  const end = new Date(`${b}T00:00:00Z`).getTime();
  while (d.getTime() <= end && out.length < 7305) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export const state = new State();
