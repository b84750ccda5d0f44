// The map's point index: every event as a small record kept in memory and followed through the
// store's change feed, so `/api/map/points`, `/api/timeline`, `/api/events` and `/api/places`
// answer 100,000 events without reading them back from the store on each request. Points are kept
// sorted by date, then id (a time window is a binary search; the store's date order), a one-degree
// grid finds the points of a small box, region tests are remembered per place, and an actor filter
// (without the sponsor bloc) is answered from the actor ids each point keeps. Each event's JSON text
// is kept too (event-json.ts), and each point's share of a map answer (map-answer.ts) is made once
// per event version. After a change only the changed events are sorted; they are merged into the
// date order while the unchanged rows are copied from the last columns (typed arrays: no point is
// read again, nothing re-sorted or re-stringified): ~25 ms of CPU at 100,000 events instead of ~300. Filters the index cannot answer (sponsor bloc, source, text …) go to
// the store instead. Events without a place are held for event lists and timelines without a
// spatial filter; the map never shows them.
//
// The index loads in the background from the store's change feed in small keyset pages,
// yielding between them, so other requests are served meanwhile; until it is complete a
// narrowed map request is answered by the store.
import { gzipSync } from "node:zlib";
import { haversineKm } from "../events/merge.js";
import type { EventPlace, PlaceSummary, StoredEvent, Store, TimelineBucket } from "../store/types.js";
import { EventJsonCache } from "./event-json.js";
import { EVENT_TYPES } from "./filters.js";
import { AnswerWriter, idText, PlaceBytes, placeText, plainId, type PointColumns, writeInt } from "./map-answer.js";
import { PlaceList } from "./place-list.js";
import { type DayTypeCounts, mergeRuns, PointGrid, type Runs } from "./point-grid.js";
import { inRegion, type Region } from "./regions.js";

interface Point {
  id: string;
  /** The id as a number (the store's tie-break after the date). */
  n: number;
  /** NaN when the event has no place. */
  lon: number;
  lat: number;
  place?: EventPlace;
  subType: string;
  type: number;
  sources: number;
  date: string;
  precision: number;
  /** Ids (interned, see PointIndex.actorIds) of actor1, actor2 and the associated actors. */
  actors: number[];
  /** The position's number (exact lon, lat and precision; see PointIndex.spotOf); -1 without a place. */
  spot: number;
  /** The id's text in a map answer when it is not a plain integer (event ids always are): else undefined. */
  oddId?: string;
  /** How many fills of the columns had been made when this point was made (see PointIndex.fills). */
  born: number;
}

export type { PointColumns };

export interface PointFilter {
  types?: string[];
  region?: Region;
  since?: string;
  until?: string;
  bbox?: [number, number, number, number];
  /** Actor id: events where it is actor1, actor2 or an associated actor (no sponsor bloc). */
  actor?: string;
  /** lat, lon, radiusKm: the store's test (its bounding box, then the haversine distance). */
  near?: { lat: number; lon: number; radiusKm: number };
  subTypes?: string[];
  minSources?: number;
}

/** Events read per page of the change feed; small enough that other requests get served in between. */
const PAGE = 500;

const NO_ACTORS: number[] = [];

/** Answers this long (characters) are kept from their first ask: strings this big are made outside
 * the engine's young generation, so keeping them costs its collections nothing. */
const KEEP_AT_ONCE = 256 * 1024;

/** Longest an answer goes without asking the store for changes written by other processes, ms
 * (changes in this process are seen at once through onChange). */
const SYNC_EVERY_MS = 1000;

/** Shares one object (or string) among equal values: thousands of events name the same place. */
class Interner {
  private places = new Map<string, EventPlace>();
  private texts = new Map<string, string>();

  place(p: EventPlace | undefined): EventPlace | undefined {
    if (!p) return undefined;
    const key = `${p.id}\u0000${p.name}\u0000${p.lat}\u0000${p.lon}\u0000${p.precision}\u0000${p.country}\u0000${p.admin1}\u0000${p.admin2}`;
    const hit = this.places.get(key);
    if (hit) return hit;
    this.places.set(key, p);
    return p;
  }

  text(t: string): string {
    const hit = this.texts.get(t);
    if (hit !== undefined) return hit;
    this.texts.set(t, t);
    return t;
  }
}

function toPoint(e: StoredEvent, actorId: (id: string) => number, spotOf: (p: EventPlace) => number, shared: Interner, born: number): Point {
  const ids = [e.actor1, e.actor2, ...e.assocActors1, ...e.assocActors2].filter((a): a is string => !!a);
  const type = EVENT_TYPES.indexOf(e.eventType);
  return {
    id: e.id,
    n: Number(e.id),
    lon: e.place ? e.place.lon : Number.NaN,
    lat: e.place ? e.place.lat : Number.NaN,
    place: shared.place(e.place),
    subType: shared.text(e.subEventType),
    type,
    sources: e.sourceCount,
    date: shared.text(e.date),
    precision: e.place ? e.place.precision : 0,
    actors: ids.length ? ids.map(actorId) : NO_ACTORS,
    spot: e.place ? spotOf(e.place) : -1,
    oddId: plainId(e.id) ? undefined : idText(e.id),
    born,
  };
}

/** The points by date, and the fields filters read as flat typed columns in the same order. */
interface Sorted {
  order: Point[];
  lon: Float64Array;
  lat: Float64Array;
  /** 1 when the event has a place. */
  placed: Uint8Array;
  type: Int8Array;
  sources: Int32Array;
  precision: Int8Array;
  /** Each point's date as a number: its position in `dates` (the distinct dates, ascending). */
  day: Int32Array;
  dates: string[];
  /** JSON text of each of `dates`. */
  dateJson: string[];
  /** The Monday of each of `dates`, made on the first weekly timeline after a change. */
  weeks?: string[];
  /** The start of a timeline bucket for each of `dates` and `weeks` (bucketHead), made when first needed. */
  dateHeads?: Uint8Array[];
  weekHeads?: Uint8Array[];
  /** Points per date number and type (dayTypeTable), made on the first timeline that needs it after a change. */
  dayTypes?: Int32Array;
  /** The counts one timeline request fills (reused: each request starts by zeroing them). */
  dayCounts?: DayTypeCounts;
  /** Position number of each point (PointIndex.spotOf; -1 without a place). */
  spot: Int32Array;
  /** Per position number: the answer being written last used it (stamp) as its place `localNo`. */
  stamp: Int32Array;
  localNo: Int32Array;
  stampGen: number;
  /** Point i's actor numbers are actorFlat[actorStart[i] … actorStart[i + 1]). */
  actorStart: Int32Array;
  actorFlat: Int32Array;
  /** Actor a's points are actorPos[actorPosStart[a] … actorPosStart[a + 1]), ascending. */
  actorPosStart: Int32Array;
  actorPos: Int32Array;
  /** Each point's id as a number (NaN when it is not a plain integer: see oddIds). */
  idNum: Float64Array;
  /** Position → the id's text, for the few points whose id is not a plain integer. */
  oddIds: Map<number, string>;
  grid: PointGrid;
  /** Two buffers as long as `order` that select() writes its answer into (valid until its next call;
   * every caller reads the answer before it awaits anything). */
  scratch: [Int32Array, Int32Array];
  /** Rows of each region asked for since the fill (see PointIndex.regionRows). */
  regions: Map<string, Int32Array>;
  /** The places list, made on the first places request after a change. */
  places?: PlaceList;
}

/** The index's order: by date, then by id as a number (the store's `date, n`). */
function byDateThenId(a: Point, b: Point): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.n - b.n;
}

/** First index in `sorted` (by date) whose date is >= `date`. */
function lowerBound(sorted: Point[], date: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const TYPES_JSON = JSON.stringify(EVENT_TYPES);


/** Type numbers in the order of their names (the order the store's timeline lists them). */
const TYPES_BY_NAME = EVENT_TYPES.map((_, k) => k).sort((a, b) => (EVENT_TYPES[a] < EVENT_TYPES[b] ? -1 : 1));

/** The Monday starting the ISO week of a YYYY-MM-DD date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** One buffer that map answers are written into, then copied out at their length. */
const writer = new AnswerWriter();

/** The map answer (map-answer.ts) for the points at `pick[0 … n)`, ascending, written as bytes from
 * the index's columns: place numbers are given (and their entries copied) in a first pass, then
 * each point is four integers. */
function serialize(s: Sorted, pick: Int32Array, n: number, placeTable: PlaceBytes): string {
  const { idNum, oddIds, type, sources, spot, day, dateJson, stamp, localNo } = s;
  const gen = ++s.stampGen;
  const dates: string[] = [];
  const runs: number[] = [];
  let lastDay = -1;
  let run = 0;
  let places = 0;
  const w = writer;
  w.start(`{"count":${n},"truncated":false,"types":${TYPES_JSON},"places":[`, 0);
  const { bytes, start } = placeTable;
  let buf = w.reserve(n * (placeTable.longest + 1));
  let at = w.at;
  for (let k = 0; k < n; k++) {
    const i = pick[k];
    const g = spot[i];
    if (stamp[g] !== gen) {
      stamp[g] = gen;
      localNo[g] = places;
      if (places++) buf[at++] = 44;
      for (let j = start[g], end = start[g + 1]; j < end; j++) buf[at++] = bytes[j];
    }
    if (day[i] !== lastDay) {
      if (k) runs.push(run);
      run = 0;
      lastDay = day[i];
      dates.push(dateJson[lastDay]);
    }
    run++;
  }
  if (n) runs.push(run);
  w.at = at;
  w.text(`],"dates":[${dates.join(",")}],"runs":[${runs.join(",")}],"points":[`);
  if (oddIds.size === 0) {
    // Every id a plain integer (event ids are): each row written straight into the buffer, at most
    // 15 + 10 + 2 + 11 digits and signs and 4 commas.
    buf = w.reserve(n * 42);
    at = w.at;
    for (let k = 0; k < n; k++) {
      const i = pick[k];
      if (k) buf[at++] = 44;
      at = writeInt(buf, at, idNum[i]);
      buf[at++] = 44;
      at = writeInt(buf, at, localNo[spot[i]]);
      buf[at++] = 44;
      at = writeInt(buf, at, type[i]);
      buf[at++] = 44;
      at = writeInt(buf, at, sources[i]);
    }
    w.at = at;
    return w.finish("]}");
  }
  for (let k = 0; k < n; k++) {
    const i = pick[k];
    if (k) w.byte(44);
    const id = idNum[i];
    if (!Number.isNaN(id)) w.int(id);
    else w.text(oddIds.get(i) as string);
    w.byte(44);
    w.int(localNo[spot[i]]);
    w.byte(44);
    w.int(type[i]);
    w.byte(44);
    w.int(sources[i]);
  }
  return w.finish("]}");
}

/** Columns of no points (what the first fill starts from). */
function emptySorted(): Sorted {
  const none = new Float64Array(0);
  return {
    order: [],
    lon: none,
    lat: none,
    placed: new Uint8Array(0),
    type: new Int8Array(0),
    sources: new Int32Array(0),
    precision: new Int8Array(0),
    day: new Int32Array(0),
    dates: [],
    dateJson: [],
    spot: new Int32Array(0),
    stamp: new Int32Array(0),
    localNo: new Int32Array(0),
    stampGen: 0,
    actorStart: new Int32Array(1),
    actorFlat: new Int32Array(0),
    actorPosStart: new Int32Array(1),
    actorPos: new Int32Array(0),
    idNum: none,
    oddIds: new Map(),
    grid: new PointGrid(none, none, new Uint8Array(0)),
    scratch: [new Int32Array(0), new Int32Array(0)],
    regions: new Map(),
  };
}

/** The row of `p` in `order` (sorted by byDateThenId), or -1. */
function rowOf(order: Point[], p: Point): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byDateThenId(order[mid], p) < 0) lo = mid + 1;
    else hi = mid;
  }
  // Equal keys are the same event (one id, one version in a fill).
  return lo < order.length && order[lo] === p ? lo : -1;
}

/** Event ids of one page of an event list, and how many events match in all. */
export interface EventPage {
  ids: string[];
  total: number;
}

export class PointIndex {
  private points = new Map<string, Point>();
  /** The points by date with their columns, refilled on the first answer after a change. */
  private sorted: Sorted | null = null;
  /** The last fill of the columns (what the next one takes the unchanged points from). */
  private last: Sorted | null = null;
  /** How many fills have been made. */
  private fills = 0;
  /** Ids added or changed since the last fill. */
  private dirty = new Set<string>();
  /** Points of the last fill replaced or removed since: their rows are left out of the next one. */
  private gone: Point[] = [];
  /** Actor id → small number (each point keeps numbers, not strings). */
  private actorIds = new Map<string, number>();
  /** Position (exact lon, lat, precision) → small number, and each one's text in a map answer's
   * place table; numbers are never reused, so what is remembered per position stays true. */
  private spots = new Map<string, number>();
  private placeBytes = new PlaceBytes();
  /** Region code → per position number: -1 not tested yet, 0 outside, 1 inside. */
  private regionMemo = new Map<string, Int8Array>();
  private complete = false;
  private cursor = 0;
  private loading: Promise<void> | null = null;
  private syncing: Promise<void> | null = null;
  /** A change was announced since the last read of the change feed began. */
  private stale = true;
  /** When the last sync finished (performance.now()). */
  private syncedAt = Number.NEGATIVE_INFINITY;
  private unsubscribe: (() => void) | null = null;
  /** Answers by filter, serialized (and gzipped when asked) once per change: kept when asked a
   * second time, or at once when big (see answer()). */
  private answers = new Map<string, { json: string; gz?: Buffer }>();
  /** Filters asked once since the last change whose answers are not kept. */
  private askedOnce = new Set<string>();
  /** Each event's JSON text, replaced as the change feed brings new versions. */
  readonly json: EventJsonCache;
  private shared = new Interner();

  constructor(
    private store: Store,
    opts: { jsonBudget?: number } = {},
  ) {
    this.json = new EventJsonCache(opts.jsonBudget);
  }

  private spotOf = (p: EventPlace): number => {
    const text = placeText(p.lon, p.lat, p.precision);
    let n = this.spots.get(text);
    if (n === undefined) {
      n = this.spots.size;
      this.spots.set(text, n);
      this.placeBytes.add(text);
    }
    return n;
  };

  private actorId = (id: string): number => {
    let n = this.actorIds.get(id);
    if (n === undefined) {
      n = this.actorIds.size;
      this.actorIds.set(id, n);
    }
    return n;
  };

  /** Loads the index (once); later calls wait for the same load. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** True once the index holds every event (until then, filtered requests go to the store). */
  isReady(): boolean {
    return this.complete;
  }

  private async load(): Promise<void> {
    // The change feed from cursor 0 is every event, read in keyset pages (no OFFSET re-scans).
    this.unsubscribe = this.store.onChange(() => {
      this.stale = true;
      void this.sync();
    });
    await this.sync();
    this.complete = true;
  }

  /** Applies the store's changes since the last sync (also picks up writes from other processes). */
  sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        for (;;) {
          this.stale = false;
          const ch = await this.store.eventsSince(this.cursor, PAGE);
          for (const id of ch.removed) {
            this.drop(this.points.get(id));
            this.points.delete(id);
            this.dirty.delete(id);
            this.json.delete(id);
          }
          for (const e of ch.events) {
            this.drop(this.points.get(e.id));
            this.points.set(e.id, toPoint(e, this.actorId, this.spotOf, this.shared, this.fills));
            this.dirty.add(e.id);
            this.json.set(e);
          }
          if (ch.events.length || ch.removed.length) {
            this.answers.clear();
            this.askedOnce.clear();
            this.sorted = null;
          }
          const more = ch.cursor !== this.cursor && ch.events.length === PAGE;
          this.cursor = ch.cursor;
          if (!more) {
            this.syncedAt = performance.now();
            break;
          }
          // Let the requests that arrived meanwhile run before reading the next page.
          await new Promise((r) => setImmediate(r));
        }
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  /** Notes that `p` (replaced or removed) leaves the columns: its row goes if the last fill has it. */
  private drop(p: Point | undefined): void {
    if (p && p.born < this.fills) this.gone.push(p);
  }

  /** Waits for the load, then reads the change feed if a change was announced, a read is under way,
   * or the last one is older than SYNC_EVERY_MS (other processes' writes); otherwise costs nothing. */
  async fresh(): Promise<void> {
    await this.ready();
    if (this.stale || this.syncing || performance.now() - this.syncedAt > SYNC_EVERY_MS) await this.sync();
  }

  close(): void {
    this.unsubscribe?.();
  }

  /** The answer as JSON text (or gzipped JSON), for the filters the index handles. */
  async answer(f: PointFilter, gzip = false): Promise<{ body: string | Buffer; gzipped: boolean }> {
    await this.fresh();
    const key = JSON.stringify([f.types, f.region?.code, f.since, f.until, f.bbox, f.actor, f.near, f.subTypes, f.minSources]);
    let hit = this.answers.get(key);
    if (!hit) {
      hit = { json: this.compute(f) };
      // A one-off answer (a map panned to a new box) is not kept: kept, every answer would outlive
      // the engine's young generation and be copied out of it, which made its collections several
      // times longer (pauses every request waits for). A big answer lives outside it anyway.
      if (hit.json.length >= KEEP_AT_ONCE || this.askedOnce.has(key)) {
        this.askedOnce.delete(key);
        if (this.answers.size >= 64) this.answers.delete(this.answers.keys().next().value as string);
        this.answers.set(key, hit);
      } else {
        if (this.askedOnce.size >= 4096) this.askedOnce.clear();
        this.askedOnce.add(key);
      }
    }
    // Big answers travel gzipped to browsers (a 100,000-event map is ~4 MB of JSON, ~1 MB gzipped).
    if (gzip && hit.json.length > 8 * 1024) {
      // Level 1: every varied answer is gzipped once; against level 3 it costs 20-40% less CPU for
      // answers 4-8% bigger (56 KB of JSON: 0.59 → 0.48 ms, 14.7 → 15.3 KB; all 100,000 points:
      // 72 → 43 ms, 924 → 1,000 KB).
      hit.gz ??= gzipSync(hit.json, { level: 1 });
      return { body: hit.gz, gzipped: true };
    }
    return { body: hit.json, gzipped: false };
  }

  /**
   * One page of the events matching `f` in the store's order for `sort` (date-desc: date, then id,
   * newest first), and the count of all matches. Events without a place match unless `f` has a
   * spatial filter (bbox, near, region), as in the store.
   */
  async eventPage(f: PointFilter, sort: "date-desc" | "date-asc" | "sources-desc", offset: number, limit: number): Promise<EventPage> {
    await this.fresh();
    const s = this.byDate();
    const { pick, n } = this.select(f, s, false);
    const ids: string[] = [];
    const end = Math.min(n, offset + limit);
    if (sort === "date-asc") {
      for (let k = offset; k < end; k++) ids.push(s.order[pick[k]].id);
    } else if (sort === "date-desc") {
      for (let k = offset; k < end; k++) ids.push(s.order[pick[n - 1 - k]].id);
    } else {
      // Most sources first, then newest first: a stable sort of the newest-first list by sources.
      const newest = Array.from(pick.subarray(0, n)).reverse();
      newest.sort((a, b) => s.sources[b] - s.sources[a]);
      for (let k = offset; k < end; k++) ids.push(s.order[newest[k]].id);
    }
    return { ids, total: n };
  }

  /** Places of events in `bbox` (all when none) with their event and source counts, most events
   * first, then by place id: the store's listPlaces for a bbox. */
  async places(bbox: [number, number, number, number] | undefined, limit: number): Promise<PlaceSummary[]> {
    await this.fresh();
    const s = this.byDate();
    s.places ??= new PlaceList(s.order);
    return s.places.query(bbox, limit);
  }

  /** The points by date with their filter fields as typed columns (a scan reads a few flat arrays).
   * A fill after a change keeps the last fill's rows of unchanged points (copied column by column,
   * without reading the points again), leaves out the rows of replaced and removed ones, and merges
   * in the changed points, sorted alone; the first fill is the same with every point new. */
  private byDate(): Sorted {
    if (this.sorted) return this.sorted;
    let old = this.last ?? emptySorted();
    // Rows of the last fill to leave out, found by binary search on (date, id).
    let gone: number[] = [];
    for (const p of this.gone) {
      const at = rowOf(old.order, p);
      if (at < 0) break;
      gone.push(at);
    }
    const fresh: Point[] = [];
    if (gone.length < this.gone.length) {
      // A replaced point not where it should be (never expected): fill from every point instead.
      old = emptySorted();
      gone = [];
      for (const p of this.points.values()) fresh.push(p);
    } else for (const id of this.dirty) fresh.push(this.points.get(id) as Point);
    gone.sort((a, b) => a - b);
    fresh.sort(byDateThenId);
    this.gone = [];
    this.dirty = new Set();
    this.fills++;

    const n0 = old.order.length;
    const n = n0 - gone.length + fresh.length;
    // src[i]: the last fill's row that becomes row i, or -1 - k for fresh[k].
    const src = new Int32Array(n);
    for (let i = 0, o = 0, g = 0, f = 0; i < n; i++) {
      while (g < gone.length && gone[g] === o) {
        g++;
        o++;
      }
      src[i] = f < fresh.length && (o >= n0 || byDateThenId(fresh[f], old.order[o]) < 0) ? -1 - f++ : o++;
    }
    // Distinct dates: the last fill's (a date whose events all went stays; it counts nothing) and the new points'.
    const dates: string[] = [];
    const dateJson: string[] = [];
    const remap = new Int32Array(old.dates.length);
    const freshDay = new Int32Array(fresh.length);
    for (let d = 0, f = 0; d < old.dates.length || f < fresh.length; ) {
      const next = f < fresh.length && (d >= old.dates.length || fresh[f].date < old.dates[d]) ? fresh[f].date : old.dates[d];
      const at = dates.length;
      dates.push(next);
      if (d < old.dates.length && old.dates[d] === next) {
        dateJson.push(old.dateJson[d]);
        remap[d++] = at;
      } else dateJson.push(JSON.stringify(next));
      while (f < fresh.length && fresh[f].date === next) freshDay[f++] = at;
    }

    const order: Point[] = new Array(n);
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    const placed = new Uint8Array(n);
    const type = new Int8Array(n);
    const sources = new Int32Array(n);
    const precision = new Int8Array(n);
    const day = new Int32Array(n);
    const spot = new Int32Array(n);
    const idNum = new Float64Array(n);
    const oddIds = new Map<number, string>();
    const actorStart = new Int32Array(n + 1);
    let nActors = 0;
    for (let i = 0; i < n; i++) {
      const o = src[i];
      nActors += o >= 0 ? old.actorStart[o + 1] - old.actorStart[o] : fresh[-1 - o].actors.length;
    }
    const actorFlat = new Int32Array(nActors);
    const oldOdd = old.oddIds.size > 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const o = src[i];
      actorStart[i] = k;
      if (o >= 0) {
        order[i] = old.order[o];
        lon[i] = old.lon[o];
        lat[i] = old.lat[o];
        placed[i] = old.placed[o];
        type[i] = old.type[o];
        sources[i] = old.sources[o];
        precision[i] = old.precision[o];
        day[i] = remap[old.day[o]];
        spot[i] = old.spot[o];
        idNum[i] = old.idNum[o];
        if (oldOdd && old.oddIds.has(o)) oddIds.set(i, old.oddIds.get(o) as string);
        for (let j = old.actorStart[o], end = old.actorStart[o + 1]; j < end; j++) actorFlat[k++] = old.actorFlat[j];
        continue;
      }
      const p = fresh[-1 - o];
      order[i] = p;
      lon[i] = p.lon;
      lat[i] = p.lat;
      placed[i] = p.place ? 1 : 0;
      type[i] = p.type;
      sources[i] = p.sources;
      precision[i] = p.precision;
      day[i] = freshDay[-1 - o];
      spot[i] = p.spot;
      if (p.oddId === undefined) idNum[i] = p.n;
      else {
        idNum[i] = Number.NaN;
        oddIds.set(i, p.oddId);
      }
      for (const a of p.actors) actorFlat[k++] = a;
    }
    actorStart[n] = k;
    // Each actor's points in order (an actor named twice in one event counts once).
    const actorPosStart = new Int32Array(this.actorIds.size + 1);
    for (let i = 0; i < n; i++) for (let j = actorStart[i]; j < actorStart[i + 1]; j++) if (!seenBefore(actorFlat, actorStart[i], j)) actorPosStart[actorFlat[j] + 1]++;
    for (let a = 0; a < this.actorIds.size; a++) actorPosStart[a + 1] += actorPosStart[a];
    const actorPos = new Int32Array(actorPosStart[this.actorIds.size]);
    const fill = actorPosStart.slice(0, this.actorIds.size);
    for (let i = 0; i < n; i++) for (let j = actorStart[i]; j < actorStart[i + 1]; j++) if (!seenBefore(actorFlat, actorStart[i], j)) actorPos[fill[actorFlat[j]]++] = i;
    const spots = this.spots.size;
    this.sorted = {
      order,
      lon,
      lat,
      placed,
      type,
      sources,
      precision,
      day,
      dates,
      dateJson,
      spot,
      stamp: new Int32Array(spots),
      localNo: new Int32Array(spots),
      stampGen: 0,
      actorStart,
      actorFlat,
      actorPosStart,
      actorPos,
      idNum,
      oddIds,
      grid: new PointGrid(lon, lat, placed, day, type),
      scratch: [new Int32Array(n), new Int32Array(n)],
      regions: new Map(),
    };
    this.last = this.sorted;
    return this.sorted;
  }

  /** Rows (ascending) of the placed points inside `region`, found once per fill and region. */
  private regionRows(region: Region, s: Sorted): Int32Array {
    let rows = s.regions.get(region.code);
    if (rows) return rows;
    const memo = this.regionMask(region);
    const [w, so, e, n] = region.bbox;
    const { lon, lat, placed, spot } = s;
    const out = s.scratch[1];
    let k = 0;
    for (let i = 0; i < lon.length; i++) {
      if (!placed[i]) continue;
      const x = lon[i];
      const y = lat[i];
      if (x < w || x > e || y < so || y > n) continue;
      let inside = memo[spot[i]];
      if (inside === -1) {
        inside = inRegion(region, x, y) ? 1 : 0;
        memo[spot[i]] = inside;
      }
      if (inside) out[k++] = i;
    }
    rows = out.slice(0, k);
    s.regions.set(region.code, rows);
    return rows;
  }

  /** 1 when the place is inside the region, 0 when not; tested once per place and region. */
  private regionMask(region: Region): Int8Array {
    let memo = this.regionMemo.get(region.code);
    if (!memo || memo.length < this.spots.size) {
      // New positions since the memo was made: they are untested (-1); the rest stay true.
      const grown = new Int8Array(this.spots.size).fill(-1);
      if (memo) grown.set(memo);
      memo = grown;
      this.regionMemo.set(region.code, memo);
    }
    return memo;
  }

  /** Event counts per day (or per week, by its Monday) and type, of the events matching `f`; the
   * same buckets as store.timeline for filters the index answers (types in each bucket in name
   * order). Events without a place count unless `f` has a spatial filter, as in the store. */
  async timeline(f: PointFilter, by: "day" | "week"): Promise<TimelineBucket[]> {
    return JSON.parse(await this.timelineText(f, by)) as TimelineBucket[];
  }

  /** The timeline's buckets as the text JSON.stringify writes for them, made without an object per bucket. */
  async timelineText(f: PointFilter, by: "day" | "week"): Promise<string> {
    await this.fresh();
    const s = this.byDate();
    const T = EVENT_TYPES.length;
    // Counts per date number and type (type -1, unknown, counts in the total only), in arrays of
    // the fill reused by every timeline (no memory outside the engine's heap made per request).
    const c = (s.dayCounts ??= { counts: new Int32Array(s.dates.length * T), totals: new Int32Array(s.dates.length), types: T });
    c.counts.fill(0);
    c.totals.fill(0);
    if (!this.countWithoutTests(f, s, c)) {
      const { pick, n } = this.select(f, s, false, false);
      const { day, type } = s;
      const { counts, totals } = c;
      for (let k = 0; k < n; k++) {
        const i = pick[k];
        const t = type[i];
        if (t >= 0) counts[day[i] * T + t]++;
        totals[day[i]]++;
      }
    }
    if (by === "week") {
      s.weeks ??= s.dates.map(mondayOf);
      s.weekHeads ??= s.weeks.map(bucketHead);
      return timelineJson(c, s.weeks, s.weekHeads);
    }
    s.dateHeads ??= s.dates.map(bucketHead);
    return timelineJson(c, s.dates, s.dateHeads);
  }

  /**
   * Counts the matches of `f` per day and type without testing points one by one, when its filters
   * allow (types, time window, a box): without a box from the per-day table, with one from the
   * grid's cells (points in cell order, cells wholly inside the box untested). False when `f` needs
   * the point-by-point path (nothing counted then).
   */
  private countWithoutTests(f: PointFilter, s: Sorted, c: DayTypeCounts): boolean {
    if (f.actor !== undefined || f.region || f.near || f.subTypes || f.minSources) return false;
    const typeBits = typeBitsOf(f.types);
    const { order } = s;
    const from = f.since ? lowerBound(order, f.since) : 0;
    const to = f.until ? lowerBound(order, `${f.until}~`) : order.length;
    if (from >= to) return true;
    if (f.bbox) {
      const [w, so, e, n] = f.bbox;
      return w <= e && s.grid.countBox(w, so, e, n, from, to, typeBits, c);
    }
    // A window starts and ends at a date's first and last point: whole days from the table.
    const T = c.types;
    const table = (s.dayTypes ??= dayTypeTable(s, T));
    for (let d = s.day[from], last = s.day[to - 1]; d <= last; d++) {
      for (let t = -1; t < T; t++) {
        const k = table[d * (T + 1) + t + 1];
        if (!k || !(typeBits & (1 << t))) continue;
        if (t >= 0) c.counts[d * T + t] += k;
        c.totals[d] += k;
      }
    }
    return true;
  }

  private compute(f: PointFilter): string {
    const s = this.byDate();
    const { pick, n } = this.select(f, s, true);
    return serialize(s, pick, n, this.placeBytes);
  }

  /** Positions in `s` (ascending, so by date) of the points matching `f`: pick[0 … n). Only placed
   * events match when `placedOnly` or when `f` has a spatial filter. */
  private select(f: PointFilter, s: Sorted, placedOnly: boolean, ordered = true): { pick: Int32Array; n: number } {
    // An actor the index has never seen has no events.
    const actor = f.actor === undefined ? undefined : (this.actorIds.get(f.actor) ?? -1);
    const { order } = s;
    const from = f.since ? lowerBound(order, f.since) : 0;
    // until is inclusive: up to the first date after it ("YYYY-MM-DD" + a later character).
    const to = f.until ? lowerBound(order, `${f.until}~`) : order.length;
    const bbox = f.bbox;
    const across = !!bbox && bbox[0] > bbox[2];
    const region = f.region;
    const nearBox = f.near ? nearBounds(f.near) : null;
    const m = new Matcher(s, f, actor ?? -1, region ? this.regionMask(region) : NO_MEMO, nearBox, placedOnly);

    // Fewer points to test than the whole window: the actor's own points, or the grid cells of a
    // small box (the query's, near's, or the region's); whichever holds fewer.
    let runs: Runs | null = null;
    let actorRuns: Runs | null = null;
    let regionRuns: Runs | null = null;
    if (actor !== undefined) {
      if (actor < 0 || actor + 1 >= s.actorPosStart.length) return { pick: new Int32Array(0), n: 0 };
      const lo = s.actorPosStart[actor];
      const hi = s.actorPosStart[actor + 1];
      const a = from > 0 ? lowerPos(s.actorPos, lo, hi, from) : lo;
      const b = lowerPos(s.actorPos, a, hi, to);
      if ((b - a) * 2 < to - from) {
        const at = s.scratch[0].subarray(0, b - a);
        at.set(s.actorPos.subarray(a, b));
        runs = actorRuns = { at, ends: [b - a] };
      }
    }
    if (region) {
      // The region's own rows (made once per fill), when they are fewer than what is chosen so far.
      const rows = this.regionRows(region, s);
      const a = from > 0 ? lowerPos(rows, 0, rows.length, from) : 0;
      const b = lowerPos(rows, a, rows.length, to);
      if (runs ? b - a < runs.at.length : (b - a) * 2 < to - from) {
        const at = s.scratch[0].subarray(0, b - a);
        at.set(rows.subarray(a, b));
        runs = regionRuns = { at, ends: [b - a] };
      }
    }
    let box: [number, number, number, number] | null = nearBox ?? (bbox && !across ? bbox : null);
    if (region) box = box ? intersect(box, region.bbox) : region.bbox;
    if (box && (box[0] > box[2] || box[1] > box[3])) return { pick: new Int32Array(0), n: 0 };
    const cells = box ? s.grid.candidates(box[0], box[1], box[2], box[3], from, to, s.scratch[1]) : null;
    if (cells && (!runs || cells.at.length < runs.at.length)) runs = cells;
    if (runs && runs === actorRuns) m.actorKnown();
    if (runs && runs === regionRuns) m.regionKnown();
    if (runs) {
      // Keep the matches of each run in place, then merge the runs into one ascending list.
      const { at, ends } = runs;
      let n = 0;
      let start = 0;
      for (let r = 0; r < ends.length; r++) {
        for (let k = start; k < ends[r]; k++) if (m.test(at[k])) at[n++] = at[k];
        start = ends[r];
        ends[r] = n;
      }
      // The cells' runs are in scratch[1]; the actor's (if not chosen) in scratch[0], free to merge into.
      return { pick: ordered && ends.length > 1 ? mergeRuns(at, ends, s.scratch[0]) : at, n };
    }
    const pick = s.scratch[0];
    let n = 0;
    for (let i = from; i < to; i++) if (m.test(i)) pick[n++] = i;
    return { pick, n };
  }
}

const NO_MEMO = new Int8Array(0);

/** Wanted types as bits (bit k: EVENT_TYPES[k]; an unknown name is -1, bit 31); without a type filter, every type. */
function typeBitsOf(types: string[] | undefined): number {
  let bits = types ? 0 : -1;
  for (const t of types ?? []) bits |= 1 << EVENT_TYPES.indexOf(t as (typeof EVENT_TYPES)[number]);
  return bits;
}

/** Points per date number and type of a fill: row d holds T + 1 counts, type -1 (unknown) first. */
function dayTypeTable(s: Sorted, T: number): Int32Array {
  const table = new Int32Array(s.dates.length * (T + 1));
  const { day, type } = s;
  for (let i = 0; i < day.length; i++) table[day[i] * (T + 1) + type[i] + 1]++;
  return table;
}

const UTF8 = new TextEncoder();

/** A timeline bucket's text up to its first count, `{"bucket":"2017-03-06","counts":{`, as bytes. */
function bucketHead(key: string): Uint8Array {
  return UTF8.encode(`{"bucket":${JSON.stringify(key)},"counts":{`);
}

/** `"Battles":` … : each type's key in a timeline bucket's counts, as bytes. */
const TYPE_KEY_BYTES = EVENT_TYPES.map((t) => UTF8.encode(`${JSON.stringify(t)}:`));

/** Between a bucket's counts and its total. */
const TOTAL_BYTES = UTF8.encode(`},"total":`);

/** The timeline's JSON (what JSON.stringify writes for its buckets) from counts per date number:
 * dates sharing a key (a week's Monday) make one bucket, started by `heads` of its first date; keys
 * without events are left out. */
function timelineJson(c: DayTypeCounts, keys: string[], heads: Uint8Array[]): string {
  const { counts, totals, types: T } = c;
  const w = writer;
  w.start("[", 0);
  const cur = new Int32Array(T);
  let key = -1;
  let total = 0;
  let buckets = 0;
  const flush = () => {
    if (key < 0) return;
    if (buckets++) w.byte(44);
    w.bytes(heads[key]);
    let first = true;
    for (const t of TYPES_BY_NAME) {
      if (!cur[t]) continue;
      if (!first) w.byte(44);
      first = false;
      w.bytes(TYPE_KEY_BYTES[t]);
      w.int(cur[t]);
    }
    w.bytes(TOTAL_BYTES);
    w.int(total);
    w.byte(125);
  };
  for (let d = 0; d < totals.length; d++) {
    if (!totals[d]) continue;
    if (key < 0 || keys[key] !== keys[d]) {
      flush();
      key = d;
      total = 0;
      cur.fill(0);
    }
    total += totals[d];
    for (let t = 0; t < T; t++) cur[t] += counts[d * T + t];
  }
  flush();
  return w.finish("]");
}

/** One request's filters as plain numbers and flags beside the columns they read, so the test run
 * on every candidate point sees the same shapes on every request. */
class Matcher {
  private types: number;
  private spatial: boolean;
  private hasBox: boolean;
  private across: boolean;
  private bw = 0;
  private bs = 0;
  private be = 0;
  private bn = 0;
  private hasNear: boolean;
  private nw = 0;
  private ns = 0;
  private ne = 0;
  private nn = 0;
  private nearLat = 0;
  private nearLon = 0;
  private radiusKm = 0;
  private hasActor: boolean;
  private region: Region | null;
  /** True when a filter reads the point's position (box, near, region). */
  private positioned: boolean;
  private rw = 0;
  private rs = 0;
  private re = 0;
  private rn = 0;
  private minSources: number;
  private subTypes: Set<string> | null;
  private type: Int8Array;
  private placed: Uint8Array;
  private lon: Float64Array;
  private lat: Float64Array;
  private sources: Int32Array;
  private spot: Int32Array;
  private actorStart: Int32Array;
  private actorFlat: Int32Array;

  constructor(
    private s: Sorted,
    f: PointFilter,
    private actor: number,
    private memo: Int8Array,
    nearBox: [number, number, number, number] | null,
    placedOnly: boolean,
  ) {
    this.types = typeBitsOf(f.types);
    this.spatial = placedOnly || !!f.bbox || !!f.near || !!f.region;
    this.hasBox = !!f.bbox;
    // A box whose west edge is east of its east edge crosses the antimeridian (as in the store).
    this.across = !!f.bbox && f.bbox[0] > f.bbox[2];
    if (f.bbox) [this.bw, this.bs, this.be, this.bn] = f.bbox;
    // near: the store's bounding box (as its R*Tree reads it), then the distance.
    this.hasNear = !!f.near && !!nearBox;
    if (f.near && nearBox) {
      [this.nw, this.ns, this.ne, this.nn] = nearBox;
      this.nearLat = f.near.lat;
      this.nearLon = f.near.lon;
      this.radiusKm = f.near.radiusKm;
    }
    this.hasActor = f.actor !== undefined;
    this.region = f.region ?? null;
    this.positioned = this.hasBox || this.hasNear || this.region !== null;
    if (f.region) [this.rw, this.rs, this.re, this.rn] = f.region.bbox;
    this.minSources = f.minSources ?? 0;
    this.subTypes = f.subTypes ? new Set(f.subTypes) : null;
    this.type = s.type;
    this.placed = s.placed;
    this.lon = s.lon;
    this.lat = s.lat;
    this.sources = s.sources;
    this.spot = s.spot;
    this.actorStart = s.actorStart;
    this.actorFlat = s.actorFlat;
  }

  /** The candidates are the actor's own points (or the region's rows): its test is known to pass. */
  actorKnown(): void {
    this.hasActor = false;
  }

  regionKnown(): void {
    this.region = null;
    this.positioned = this.hasBox || this.hasNear;
  }

  test(i: number): boolean {
    if (!(this.types & (1 << this.type[i]))) return false;
    if (this.spatial && !this.placed[i]) return false;
    if (this.hasActor) {
      let j = this.actorStart[i];
      const end = this.actorStart[i + 1];
      while (j < end && this.actorFlat[j] !== this.actor) j++;
      if (j === end) return false;
    }
    if (this.positioned) {
      // Position read only by filters that need it (an event list by type and actor does not).
      const x = this.lon[i];
      const y = this.lat[i];
      if (this.hasBox && (y < this.bs || y > this.bn || (this.across ? x < this.bw && x > this.be : x < this.bw || x > this.be))) return false;
      if (this.hasNear && (x < this.nw || x > this.ne || y < this.ns || y > this.nn)) return false;
      if (this.region !== null) {
        if (x < this.rw || x > this.re || y < this.rs || y > this.rn) return false;
        const g = this.spot[i];
        let inside = this.memo[g];
        if (inside === -1) {
          inside = inRegion(this.region, x, y) ? 1 : 0;
          this.memo[g] = inside;
        }
        if (!inside) return false;
      }
    }
    if (this.minSources && this.sources[i] < this.minSources) return false;
    if (this.subTypes !== null && !this.subTypes.has(this.s.order[i].subType)) return false;
    if (this.hasNear && haversineKm(this.lat[i], this.lon[i], this.nearLat, this.nearLon) > this.radiusKm) return false;
    return true;
  }
}

/** First k in [lo, hi) with at[k] >= pos (`at` ascending). */
function lowerPos(at: Int32Array, lo: number, hi: number, pos: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when actorFlat[j] already appears in actorFlat[from … j). */
function seenBefore(actorFlat: Int32Array, from: number, j: number): boolean {
  for (let k = from; k < j; k++) if (actorFlat[k] === actorFlat[j]) return true;
  return false;
}

/** The box the store's near filter reads first: [west, south, east, north] (see nearWhere). */
function nearBounds(q: { lat: number; lon: number; radiusKm: number }): [number, number, number, number] {
  const dLat = q.radiusKm / 111.0;
  const dLon = q.radiusKm / (111.32 * Math.max(0.01, Math.cos((q.lat * Math.PI) / 180)));
  return [q.lon - dLon, q.lat - dLat, q.lon + dLon, q.lat + dLat];
}

/** Two boxes' overlap (an empty one when they do not meet: west > east or south > north). */
function intersect(a: [number, number, number, number], b: [number, number, number, number]): [number, number, number, number] {
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
}
