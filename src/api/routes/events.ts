// Events: the filtered list (`GET /api/events`, the CLI's filters), one event with every source,
// the compact point set the map draws, and the per-day/week timeline. Once the point index has
// loaded, it answers every filter but the sponsor bloc, source and text ones: it picks the page
// and counts the matches, and each event's JSON text is joined from its memory (see points.ts).
import type { EventQuery, MapPoints, StoredEvent, Store } from "../../store/types.js";
import { ApiError } from "../errors.js";
import { EVENT_TYPES, type EventFilterParams, eventFilterSchema, toEventQuery } from "../filters.js";
import type { ApiRoutes } from "../openapi.js";
import { encodeColumns, type PointColumns } from "../map-answer.js";
import { type EventPage, mondayOf, type PointFilter, type PointIndex } from "../points.js";
import { inRegion, intersectBbox, loadRegion, type Region } from "../regions.js";

/** Most points the map endpoint returns in one answer. */
export const MAP_POINT_LIMIT = 250_000;

/** Runs an event query with the region filter applied (bbox to the store, polygon here). */
export async function queryWithRegion(store: Store, p: EventFilterParams, q: EventQuery): Promise<{ items: StoredEvent[]; total?: number }> {
  if (!p.region) return store.queryEvents(q);
  const region = loadRegion(p.region);
  const bbox = intersectBbox(q.bbox, region.bbox);
  if (!bbox) return { items: [], total: q.withTotal ? 0 : undefined };
  // The store pages by bbox; the polygon test may drop some, so page here after filtering.
  const { limit = 100, offset = 0 } = q;
  const all = await store.queryEvents({ ...q, bbox, limit: MAP_POINT_LIMIT, offset: 0, withTotal: false });
  const inside = all.items.filter((e) => e.place && inRegion(region, e.place.lon, e.place.lat));
  return { items: inside.slice(offset, offset + limit), total: q.withTotal ? inside.length : undefined };
}

/** When big map answers are gzipped (see AppOptions.compress). */
export type Compress = "auto" | "always" | "never";

/** True for a peer on this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127."));
}

export function eventRoutes(r: ApiRoutes, store: Store, points: PointIndex, compress: Compress = "auto"): void {
  r.add({
    method: "GET",
    url: "/api/events",
    tag: "events",
    summary: "Events matching the filters, newest first",
    description:
      "Same filters as `sitrep events`. Returns `{items: StoredEvent[], total}`: one page (`limit`, default 100, at most 1000, from `offset`) and the count of every match; each item has its sources unless `withSources=false`. Ties on the date are ordered by id. `near` is the great-circle (haversine) distance from the point. Answered from the server's in-memory index once it has loaded, except for `includeBacked`, `source`, `text` and `sort=reported-desc`.",
    querystring: {
      ...eventFilterSchema,
      sort: { type: "string", enum: ["date-desc", "date-asc", "sources-desc", "reported-desc"] },
      limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
      offset: { type: "integer", minimum: 0, default: 0 },
      withSources: { type: "boolean", default: true },
    },
    handler: async (req, reply) => {
      const p = req.query as EventFilterParams & { sort?: EventQuery["sort"]; limit: number; offset: number; withSources: boolean };
      const q = { ...toEventQuery(p), sort: p.sort, limit: p.limit, offset: p.offset, withSources: p.withSources, withTotal: true };
      const sort = p.sort ?? "date-desc";
      if (points.isReady() && indexAnswers(q) && sort !== "reported-desc") {
        const page = await points.eventPage(pointFilter(q, p), sort, p.offset, p.limit);
        return reply.type(JSON_TYPE).send(await pageText(store, points, page, p.withSources));
      }
      return queryWithRegion(store, p, q);
    },
  });

  r.add({
    method: "GET",
    url: "/api/events/:id",
    tag: "events",
    summary: "One event with every source that reported it",
    params: { id: { type: "string", maxLength: 64 } },
    responses: { 200: "the StoredEvent with its sources", 404: "no such event" },
    handler: async (req, reply) => {
      const { id } = req.params as { id: string };
      if (points.isReady()) {
        await points.fresh();
        const text = points.json.text(id, true);
        if (text !== undefined) return reply.type(JSON_TYPE).send(text);
      }
      const ev = await store.getEvent(id);
      if (!ev) throw new ApiError("NOT_FOUND", `no event with id ${id}`);
      return ev;
    },
  });

  r.add({
    method: "GET",
    url: "/api/map/points",
    tag: "events",
    summary: "Every matching event in a compact form for the map",
    description:
      "`{count, truncated, types, places, dates, runs, points}`, oldest first; events without a place are left out. `points` holds four numbers per event: its id, its place (an index into `places`, which holds lon, lat and precision per place), its type (an index into `types`) and its source count; the first `runs[0]` events are dated `dates[0]`, the next `runs[1]` `dates[1]`, and so on. Answers over 8 KB are gzipped for clients that accept it, except on loopback (a browser on the same machine) unless the server was built with `compress: \"always\"`.",
    querystring: eventFilterSchema,
    handler: async (req, reply) => {
      const p = req.query as EventFilterParams;
      const q = toEventQuery(p);
      // Type, time, bbox, region and actor filters are answered from the in-memory index.
      const simple = indexAnswers(q);
      // While the index is still loading, a narrowed request is the store's to answer (an
      // indexed query); only the request for (nearly) everything waits for the index.
      const narrowed = !!(q.since || q.until || q.bbox || p.region || q.actor || q.near || q.subEventType || q.minSources);
      if (simple && (points.isReady() || !narrowed)) {
        const gzip =
          compress !== "never" && (compress === "always" || !isLoopback(req.socket.remoteAddress)) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
        const { body, gzipped } = await points.answer(pointFilter(q, p), gzip);
        reply.type(JSON_TYPE).header("vary", "accept-encoding");
        if (gzipped) reply.header("content-encoding", "gzip");
        return reply.send(body);
      }
      // The store's light map query (position, type, date, sources; no event rows to rebuild).
      const region = p.region ? loadRegion(p.region) : undefined;
      const bbox = region ? intersectBbox(q.bbox, region.bbox) : q.bbox;
      const found = region && !bbox ? null : await store.mapPoints({ ...q, bbox: bbox ?? undefined, limit: MAP_POINT_LIMIT });
      const cols = storeColumns(found ?? { count: 0, truncated: false, id: [], lon: [], lat: [], eventType: [], date: [], sources: [], precision: [] }, region);
      return reply.type(JSON_TYPE).send(encodeColumns(cols));
    },
  });

  r.add({
    method: "GET",
    url: "/api/timeline",
    tag: "events",
    summary: "Event counts per day or week, by event type",
    querystring: { ...eventFilterSchema, by: { type: "string", enum: ["day", "week"], default: "day" } },
    handler: async (req, reply) => {
      const p = req.query as EventFilterParams & { by: "day" | "week" };
      const q = toEventQuery(p);
      // The point index counts the filters it answers (with a spatial filter, placed events only).
      if (points.isReady() && indexAnswers(q)) return reply.type(JSON_TYPE).send(await points.timelineText(pointFilter(q, p), p.by));
      if (!p.region) return store.timeline({ ...q, by: p.by });
      // Regions are polygons the store does not know: count the matching events here.
      const { items } = await queryWithRegion(store, p, { ...q, limit: MAP_POINT_LIMIT, withSources: false });
      const buckets = new Map<string, { bucket: string; counts: Record<string, number>; total: number }>();
      for (const e of items) {
        const key = p.by === "week" ? mondayOf(e.date) : e.date;
        const b = buckets.get(key) ?? { bucket: key, counts: {}, total: 0 };
        b.counts[e.eventType] = (b.counts[e.eventType] ?? 0) + 1;
        b.total++;
        buckets.set(key, b);
      }
      return [...buckets.values()].sort((a, b) => (a.bucket < b.bucket ? -1 : 1));
    },
  });
}

const JSON_TYPE = "application/json; charset=utf-8";

/** True when the point index can answer the query's filters (all but sponsor bloc, source and text). */
function indexAnswers(q: EventQuery): boolean {
  return !q.includeBacked && !q.source && !q.text;
}

/** The index's filter for a query (an empty type list is no type filter, as in the store). */
function pointFilter(q: EventQuery, p: EventFilterParams): PointFilter {
  const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? (v.length ? v : undefined) : [v]);
  return {
    types: list(q.eventType),
    subTypes: list(q.subEventType),
    region: p.region ? loadRegion(p.region) : undefined,
    since: q.since,
    until: q.until,
    bbox: q.bbox,
    near: q.near,
    actor: q.actor,
    minSources: q.minSources,
  };
}

/** `{items, total}` as JSON.stringify writes it, from each event's JSON text (read from the store
 * when the index's memory does not hold it). */
async function pageText(store: Store, points: PointIndex, page: EventPage, withSources: boolean): Promise<string> {
  const items: string[] = [];
  for (const id of page.ids) {
    let text = points.json.text(id, withSources);
    if (text === undefined) {
      const e = await store.getEvent(id);
      if (!e) continue;
      points.json.set(e);
      text = JSON.stringify(withSources ? e : { ...e, sources: [] });
    }
    items.push(text);
  }
  return `{"items":[${items.join(",")}],"total":${page.total}}`;
}

/** The store's map answer (newest first) as the index's columns (oldest first), inside `region` if given. */
function storeColumns(m: MapPoints, region?: Region): PointColumns {
  const out: PointColumns = { count: 0, truncated: m.truncated, types: EVENT_TYPES, id: [], lon: [], lat: [], type: [], sources: [], date: [], precision: [] };
  for (let i = m.id.length - 1; i >= 0; i--) {
    if (region && !inRegion(region, m.lon[i], m.lat[i])) continue;
    out.id.push(m.id[i]);
    out.lon.push(m.lon[i]);
    out.lat.push(m.lat[i]);
    out.type.push(EVENT_TYPES.indexOf(m.eventType[i]));
    out.sources.push(m.sources[i]);
    out.date.push(m.date[i]);
    out.precision.push(m.precision[i]);
  }
  out.count = out.id.length;
  return out;
}

