// The map's point index: every placed event as a small record kept in memory and followed
// through the store's change feed, so `/api/map/points` answers 100,000 events without
// reading them all back from the store on each page load. Filters the index cannot answer
// (actor, source, text …) go to the store instead.
import { gzipSync } from "node:zlib";
import type { StoredEvent, Store } from "../store/types.js";
import { EVENT_TYPES } from "./filters.js";
import { inRegion, type Region } from "./regions.js";

interface Point {
  id: string;
  lon: number;
  lat: number;
  type: number;
  sources: number;
  date: string;
  precision: number;
}

export interface PointColumns {
  count: number;
  truncated: boolean;
  types: string[];
  id: string[];
  lon: number[];
  lat: number[];
  type: number[];
  sources: number[];
  date: string[];
  precision: number[];
}

export interface PointFilter {
  types?: string[];
  region?: Region;
  since?: string;
  until?: string;
  bbox?: [number, number, number, number];
}

const PAGE = 50_000;

function toPoint(e: StoredEvent): Point | null {
  if (!e.place) return null;
  return { id: e.id, lon: e.place.lon, lat: e.place.lat, type: EVENT_TYPES.indexOf(e.eventType), sources: e.sourceCount, date: e.date, precision: e.place.precision };
}

/** Builds the column answer from points (sorted by date for a stable order). */
export function columns(points: Iterable<Point>): PointColumns {
  const out: PointColumns = { count: 0, truncated: false, types: EVENT_TYPES, id: [], lon: [], lat: [], type: [], sources: [], date: [], precision: [] };
  for (const p of points) {
    out.id.push(p.id);
    out.lon.push(p.lon);
    out.lat.push(p.lat);
    out.type.push(p.type);
    out.sources.push(p.sources);
    out.date.push(p.date);
    out.precision.push(p.precision);
  }
  out.count = out.id.length;
  return out;
}

export function eventsToColumns(events: StoredEvent[]): PointColumns {
  return columns(events.map(toPoint).filter((p): p is Point => p !== null));
}

export class PointIndex {
  private points = new Map<string, Point>();
  private cursor = 0;
  private loading: Promise<void> | null = null;
  private syncing: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Answers by filter, serialized (and gzipped when asked) once per change. */
  private answers = new Map<string, { json: string; gz?: Buffer }>();

  constructor(private store: Store) {}

  /** Loads the index (once); later calls wait for the same load. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    this.cursor = (await this.store.stats()).cursor;
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await this.store.queryEvents({ limit: PAGE, offset, withSources: false, sort: "date-asc" });
      for (const e of items) {
        const p = toPoint(e);
        if (p) this.points.set(p.id, p);
      }
      if (items.length < PAGE) break;
    }
    // Changes made while loading are picked up from the cursor taken before it.
    this.unsubscribe = this.store.onChange(() => void this.sync());
    await this.sync();
  }

  /** Applies the store's changes since the last sync (also picks up writes from other processes). */
  sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        for (;;) {
          const ch = await this.store.eventsSince(this.cursor, 2000);
          for (const id of ch.removed) this.points.delete(id);
          for (const e of ch.events) {
            const p = toPoint(e);
            if (p) this.points.set(p.id, p);
            else this.points.delete(e.id);
          }
          if (ch.events.length || ch.removed.length) this.answers.clear();
          const more = ch.cursor !== this.cursor && ch.events.length === 2000;
          this.cursor = ch.cursor;
          if (!more) break;
        }
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  close(): void {
    this.unsubscribe?.();
  }

  /** The answer as JSON text (or gzipped JSON), for the filters the index handles. */
  async answer(f: PointFilter, gzip = false): Promise<{ body: string | Buffer; gzipped: boolean }> {
    await this.ready();
    await this.sync();
    const key = JSON.stringify([f.types, f.region?.code, f.since, f.until, f.bbox]);
    let hit = this.answers.get(key);
    if (!hit) {
      hit = { json: this.compute(f) };
      if (this.answers.size >= 64) this.answers.delete(this.answers.keys().next().value as string);
      this.answers.set(key, hit);
    }
    // Big answers travel gzipped to browsers (a 100,000-event map is ~4 MB of JSON, ~1 MB gzipped).
    if (gzip && hit.json.length > 8 * 1024) {
      hit.gz ??= gzipSync(hit.json, { level: 5 });
      return { body: hit.gz, gzipped: true };
    }
    return { body: hit.json, gzipped: false };
  }

  private compute(f: PointFilter): string {
    const types = f.types ? new Set(f.types.map((t) => EVENT_TYPES.indexOf(t as (typeof EVENT_TYPES)[number]))) : null;
    const pick: Point[] = [];
    for (const p of this.points.values()) {
      if (types && !types.has(p.type)) continue;
      if (f.since && p.date < f.since) continue;
      if (f.until && p.date > f.until) continue;
      if (f.bbox && (p.lon < f.bbox[0] || p.lon > f.bbox[2] || p.lat < f.bbox[1] || p.lat > f.bbox[3])) continue;
      if (f.region && !inRegion(f.region, p.lon, p.lat)) continue;
      pick.push(p);
    }
    pick.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return JSON.stringify(columns(pick));
  }
}
