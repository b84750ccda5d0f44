// How stored event rows become objects: the merge views that merging compares (one shape however a
// view was made: read back as a row or an array, or from the values just written) and the events,
// sources and article summaries that queries return. The SQL column lists here fix the order the
// array readers use.
import type { CombinedEvent, EventReport, MergeView } from "../events/merge.js";
import type { EventType, SubEventType } from "../types/index.js";
import type { Param } from "./db.js";
import type { ArticleSummary, EventSource, StoredEvent } from "./types.js";
import { num, optNum, optStr } from "./values.js";

type Row = Record<string, unknown>;

/** A stored JSON array; the common empty one without parsing (map queries read thousands of rows). */
export const jsonList = (v: unknown) => (v === "[]" || v === null || v === undefined ? [] : JSON.parse(String(v)));

export const EVENT_COLS =
  "e.n, e.event_type, e.sub_event_type, e.actor1, e.actor2, e.assoc1, e.assoc2, e.date, e.date_end, e.date_precision, e.date_defaulted, e.place_id, e.place_name, e.lat, e.lon, e.geo_precision, e.country, e.admin1, e.admin2, e.location_text, e.modality, e.fatalities, e.fatality_claims, e.source_count, e.article_ids, e.first_reported, e.last_reported, e.origin, e.external_id, e.ext_source, e.notes, e.confidence, e.seq";

/** The columns merging compares (see viewOfRow; viewOfArray reads them in this order): fewer than EVENT_COLS, read for every candidate. */
export const MERGE_COLS =
  "e.n, e.event_type, e.sub_event_type, e.actor1, e.actor2, e.assoc1, e.assoc2, e.date, e.date_end, e.date_precision, e.date_defaulted, e.place_id, e.place_name, e.lat, e.lon, e.geo_precision, e.country, e.admin1, e.modality, e.article_ids";

/** The merge view of a MERGE_COLS row read as an array (Db.allArrays), as viewOfRow converts the same columns. */
export function viewOfArray(a: readonly unknown[]): MergeView {
  return makeView(a[1], a[2], a[3], a[4], jsonList(a[5]), jsonList(a[6]), a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17], a[18], jsonList(a[19]));
}

/**
 * The merge view of an event row written with `v` (CoreStore.eventValues(c), in EVENT_FIELDS order):
 * what viewOfRow gives when the row is read back, the values going through the same conversions; its
 * lists are copies of c's instead of their JSON parsed again (the same strings).
 */
export function viewOfValues(v: readonly Param[], c: CombinedEvent): MergeView {
  return makeView(
    v[0],
    v[1],
    v[2],
    v[3],
    stringList(c.assocActors1, v[4]),
    stringList(c.assocActors2, v[5]),
    v[6],
    v[7],
    v[8],
    v[9],
    v[10],
    v[11],
    v[12],
    v[13],
    v[14],
    v[15],
    v[16],
    v[19],
    stringList(c.articleIds, v[23]),
  );
}

/** A list of strings as it is (a copy); anything else as its JSON `json` reads back. */
function stringList(xs: readonly unknown[], json: Param): string[] {
  return xs.every(isString) ? [...(xs as string[])] : jsonList(json);
}

const isString = (x: unknown): boolean => typeof x === "string";

/**
 * A merge view from an event's stored column values (the lists parsed): one object literal for
 * every view, however it was read or made, so that merging's functions (sameEvent and those it
 * calls, run for every candidate) see views of one shape; views of two shapes made them
 * polymorphic, and the first views read back on a new connection deoptimised them.
 */
function makeView(
  eventType: unknown,
  subEventType: unknown,
  actor1: unknown,
  actor2: unknown,
  assocActors1: string[],
  assocActors2: string[],
  date: unknown,
  dateEnd: unknown,
  datePrecision: unknown,
  dateDefaulted: unknown,
  placeId: unknown,
  placeName: unknown,
  lat: unknown,
  lon: unknown,
  geoPrecision: unknown,
  country: unknown,
  admin1: unknown,
  modality: unknown,
  articleIds: string[],
): MergeView {
  return {
    eventType: String(eventType) as EventType,
    subEventType: String(subEventType) as SubEventType,
    actor1: optStr(actor1),
    actor2: optStr(actor2),
    assocActors1,
    assocActors2,
    date: String(date),
    dateEnd: optStr(dateEnd),
    datePrecision: num(datePrecision) as 1 | 2 | 3,
    dateDefaulted: num(dateDefaulted) === 1,
    place:
      lat === null || lat === undefined
        ? undefined
        : {
            id: String(placeId),
            name: String(placeName),
            lat: num(lat),
            lon: num(lon),
            precision: num(geoPrecision) as 1 | 2 | 3,
            country: optStr(country),
            admin1: optStr(admin1),
          },
    modality: String(modality) as MergeView["modality"],
    articleIds,
  };
}

export function viewOfRow(r: Row): MergeView {
  return makeView(
    r.event_type,
    r.sub_event_type,
    r.actor1,
    r.actor2,
    jsonList(r.assoc1),
    jsonList(r.assoc2),
    r.date,
    r.date_end,
    r.date_precision,
    r.date_defaulted,
    r.place_id,
    r.place_name,
    r.lat,
    r.lon,
    r.geo_precision,
    r.country,
    r.admin1,
    r.modality,
    jsonList(r.article_ids),
  );
}

/** `o` without its fields whose value is undefined (an answer's JSON and deepEqual see only what is set). */
function withoutUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function eventFromRow(r: Row): StoredEvent {
  const v = viewOfRow(r);
  const e: StoredEvent = {
    id: String(r.n),
    eventType: v.eventType,
    subEventType: v.subEventType,
    actor1: v.actor1,
    actor2: v.actor2,
    assocActors1: v.assocActors1,
    assocActors2: v.assocActors2,
    date: v.date,
    dateEnd: v.dateEnd,
    datePrecision: v.datePrecision,
    place: v.place ? { ...v.place, admin2: optStr(r.admin2) } : undefined,
    locationText: optStr(r.location_text),
    modality: v.modality,
    fatalities: optNum(r.fatalities),
    fatalityClaims: jsonList(r.fatality_claims),
    sourceCount: num(r.source_count),
    articleIds: v.articleIds ?? [],
    sources: [],
    firstReported: optStr(r.first_reported),
    lastReported: optStr(r.last_reported),
    origin: String(r.origin) as StoredEvent["origin"],
    externalId: optStr(r.external_id),
    notes: optStr(r.notes),
    sourceText: optStr(r.ext_source),
    confidence: num(r.confidence),
    seq: num(r.seq),
  };
  return withoutUndefined(e);
}

export function sourceFromRow(s: Row): EventSource {
  const r = JSON.parse(String(s.report)) as EventReport;
  const out: EventSource = {
    articleId: r.articleId,
    docEventId: r.docEventId,
    outlet: optStr(s.outlet) ?? r.outlet,
    url: optStr(s.url),
    title: optStr(s.title),
    publishedAt: optStr(s.published_at) ?? r.publishedAt,
    attribution: r.attribution,
    sentence: r.sentence,
    trigger: r.trigger,
    date: r.date,
    dateEnd: r.dateEnd,
    datePrecision: r.datePrecision,
    modality: r.modality,
    fatalities: r.fatalities,
    confidence: r.confidence,
  };
  return withoutUndefined(out);
}

export function articleSummary(r: Row): ArticleSummary {
  const a: ArticleSummary = {
    id: String(r.id),
    url: optStr(r.url),
    outlet: optStr(r.outlet),
    title: optStr(r.title),
    byline: optStr(r.byline),
    publishedAt: optStr(r.published_at),
    storedAt: String(r.stored_at),
    eventCount: num(r.event_count),
    contentHash: String(r.content_hash),
  };
  return withoutUndefined(a);
}
