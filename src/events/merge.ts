// Merging reports of the same real-world event across articles. A "report" is one event as
// one article gives it; a stored event is the combination of all its reports. Two reports
// (or a report and a stored event) are the same event when they are the same kind, share
// actors, and are close in time and space given each one's precision (thresholds in
// merge-rules.ts). The store asks `sameEvent` for candidates and `combineReports` to
// rebuild an event from its reports whenever one is added or removed.
import type {
  Attribution,
  EventKindAndSides,
  GeoPrecision,
  Modality,
  SubEventType,
  TimePrecision,
} from "../types/index.js";
import { distanceKm } from "../geo/distance.js";
import { MERGE_RULES, MODALITY_STRENGTH } from "./merge-rules.js";

/** Where a report places its event (a resolved Place, flattened). */
export interface ReportPlace {
  id: string;
  name: string;
  lat: number;
  lon: number;
  precision: GeoPrecision;
  country?: string;
  admin1?: string;
  admin2?: string;
}

/** What a report and a merged event both say: type, sides, date, place, modality, fatalities. */
export interface EventFacts extends EventKindAndSides {
  date: string;
  dateEnd?: string;
  datePrecision: TimePrecision;
  /** true when the date defaulted to the publication date (no date words in the text). */
  dateDefaulted: boolean;
  place?: ReportPlace;
  locationText?: string;
  modality: Modality;
  fatalities?: number;
}

/** One event as one article reports it. */
export interface EventReport extends EventFacts {
  articleId: string;
  docEventId: string;
  outlet?: string;
  publishedAt?: string;
  attribution: Attribution;
  sentence: { start: number; end: number; text: string };
  trigger?: string;
  confidence: number;
}

/** The fields of a merged event that come from its reports. */
export interface CombinedEvent extends EventFacts {
  fatalityClaims: { fatalities: number; source: string; sourceKind: Attribution["kind"]; articleId: string }[];
  sourceCount: number;
  articleIds: string[];
  firstReported?: string;
  lastReported?: string;
  confidence: number;
  /** The reporting sentences, joined (for text filters). */
  text: string;
}

export interface MergeDecision {
  same: boolean;
  /** Why not (or "match"): "type", "modality", "actors", "time", "place", "country", "same-article". */
  reason: string;
  /** Lower is a better match (days apart + km apart / 10 − shared actors); only meaningful when same. */
  score: number;
}

const DAY = 86_400_000;

function dayNum(d: string): number {
  return Math.floor(Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / DAY);
}

/** The days [lo, hi] an event with this date could have happened on, with the precision's tolerance. */
export function dateWindow(e: {
  date: string;
  dateEnd?: string;
  datePrecision: TimePrecision;
  dateDefaulted?: boolean;
}): [number, number] {
  const start = dayNum(e.date);
  let end = e.dateEnd ? dayNum(e.dateEnd) : start;
  if (!e.dateEnd && e.datePrecision === 2) end = start + 6;
  if (!e.dateEnd && e.datePrecision === 3) end = start + 30;
  const tol = MERGE_RULES.dateToleranceDays[e.datePrecision] ?? 1;
  const back = e.dateDefaulted ? MERGE_RULES.defaultedDateLookbackDays : 0;
  return [start - tol - back, end + tol];
}

/** Great-circle distance in km on the Earth's mean radius (geo's haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return distanceKm(lat1, lon1, lat2, lon2, 6371.0088);
}

function subTypesCompatible(a: SubEventType, b: SubEventType): boolean {
  if (a === b || a === "Other" || b === "Other") return true;
  return MERGE_RULES.compatibleSubTypes.some((g) => g.includes(a) && g.includes(b));
}

function happened(m: Modality): boolean {
  return (MERGE_RULES.happened as readonly string[]).includes(m);
}

function actorsOf(e: MergeView): Set<string> {
  const s = new Set<string>();
  for (const a of [e.actor1, e.actor2, ...e.assocActors1, ...e.assocActors2]) if (a) s.add(a);
  return s;
}

/** What `sameEvent` compares: a report or a combined event. */
export type MergeView = Pick<
  CombinedEvent,
  | "eventType"
  | "subEventType"
  | "actor1"
  | "actor2"
  | "assocActors1"
  | "assocActors2"
  | "date"
  | "dateEnd"
  | "datePrecision"
  | "dateDefaulted"
  | "place"
  | "modality"
> & { articleIds?: string[]; articleId?: string };

/**
 * Whether an event without actors on one side could merge at all: only when it is precise in both
 * time and place (a stated day, a town), see MERGE_RULES.actorlessMaxKm / actorlessMaxDays.
 */
export function actorlessCanMerge(e: Pick<MergeView, "datePrecision" | "dateDefaulted" | "place">): boolean {
  return e.datePrecision === 1 && !e.dateDefaulted && e.place?.precision === 1;
}

/** Do the actors of two reports describe the same encounter? */
function actorsAgree(a: MergeView, b: MergeView): { ok: boolean; shared: number; none: boolean } {
  const A = actorsOf(a);
  const B = actorsOf(b);
  if (A.size === 0 || B.size === 0) return { ok: true, shared: 0, none: true };
  const shared = [...A].filter((x) => B.has(x)).length;
  if (shared === 0) return { ok: false, shared, none: false };
  // Both name two sides: the sides must be the same pair ("SDF vs Isis" is not "SDF vs government"),
  // allowing one side's actor to appear as the other report's associated actor.
  if (a.actor1 && a.actor2 && b.actor1 && b.actor2) {
    const pa = [a.actor1, a.actor2];
    const pb = [b.actor1, b.actor2];
    const inBoth = pa.filter((x) => pb.includes(x));
    if (inBoth.length === 2) return { ok: true, shared, none: false };
    if (inBoth.length === 0) return { ok: false, shared, none: false };
    const otherA = pa.find((x) => !pb.includes(x))!;
    const otherB = pb.find((x) => !pa.includes(x))!;
    const ok = B.has(otherA) || A.has(otherB);
    return { ok, shared, none: false };
  }
  return { ok: true, shared, none: false };
}

function no(reason: string): MergeDecision {
  return { same: false, reason, score: Number.POSITIVE_INFINITY };
}

/** Whether a view's article (articleId) or articles (articleIds) include `id`. */
function fromArticle(v: MergeView, id: string): boolean {
  return (!!v.articleId && v.articleId === id) || v.articleIds?.includes(id) === true;
}

/** Whether two views share an article (no sets or arrays made: called for every merge candidate). */
function shareArticle(a: MergeView, b: MergeView): boolean {
  if (b.articleId && fromArticle(a, b.articleId)) return true;
  if (b.articleIds) for (const id of b.articleIds) if (fromArticle(a, id)) return true;
  return false;
}

/**
 * Decides whether two reports (or a report and a stored event) are the same real-world event.
 * @example sameEvent(reportA, reportB) // { same: true, reason: "match", score: 1.2 }
 */
export function sameEvent(a: MergeView, b: MergeView): MergeDecision {
  // Two events the extractor kept apart within one article stay apart.
  if (shareArticle(a, b)) return no("same-article");
  if (a.eventType !== b.eventType || !subTypesCompatible(a.subEventType, b.subEventType)) return no("type");
  if (happened(a.modality) !== happened(b.modality)) return no("modality");
  if (!happened(a.modality) && a.modality !== b.modality) return no("modality");

  const actors = actorsAgree(a, b);
  if (!actors.ok) return no("actors");

  // (indexed, not destructured: an array pattern compiles to the iterator protocol, once per candidate)
  const aw = dateWindow(a);
  const bw = dateWindow(b);
  if (aw[1] < bw[0] || bw[1] < aw[0]) return no("time");
  const daysApart = Math.abs(dayNum(a.date) - dayNum(b.date));

  let km = 0;
  if (a.place && b.place) {
    if (a.place.country && b.place.country && a.place.country !== b.place.country) return no("country");
    km = haversineKm(a.place.lat, a.place.lon, b.place.lat, b.place.lon);
    const tol = MERGE_RULES.placeToleranceKm[a.place.precision] + MERGE_RULES.placeToleranceKm[b.place.precision];
    const sameRegion =
      (a.place.precision === 3 || b.place.precision === 3) &&
      !!a.place.admin1 &&
      a.place.admin1 === b.place.admin1 &&
      a.place.country === b.place.country;
    if (km > tol && !sameRegion) return no("place");
  }

  if (actors.none) {
    // Without actors only a precise coincidence in both time and place is enough.
    if (!actorlessCanMerge(a) || !actorlessCanMerge(b) || a.subEventType !== b.subEventType) return no("actors");
    if (km > MERGE_RULES.actorlessMaxKm || daysApart > MERGE_RULES.actorlessMaxDays) return no("actors");
  }
  return { same: true, reason: "match", score: daysApart + km / 10 - actors.shared };
}

function mostCommon<T>(xs: T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestN = 0;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > bestN) {
      best = x;
      bestN = n;
    }
  }
  return best;
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Rebuilds one event from all its reports (in the order they were stored).
 * Dates and places: the most precise report wins (earliest on a tie). Fatalities: every
 * distinct claim is kept with its source; the headline figure is the most conservative one.
 */
export function combineReports(reports: EventReport[]): CombinedEvent {
  if (reports.length === 0) throw new Error("combineReports: no reports");
  const eventType = mostCommon(reports.map((r) => r.eventType))!;
  const ofType = reports.filter((r) => r.eventType === eventType);
  const specific = ofType.map((r) => r.subEventType).filter((s) => s !== "Other");
  const subEventType = mostCommon(specific) ?? ofType[0].subEventType;

  // Sides: the most confident report naming both sides sets actor1/actor2; other reports' actors
  // join the side they share an actor with (a report that names the sides the other way round is flipped).
  const withBoth = [...ofType].filter((r) => r.actor1 && r.actor2).sort((x, y) => y.confidence - x.confidence);
  const lead = withBoth[0] ?? [...ofType].sort((x, y) => y.confidence - x.confidence)[0];
  const actor1 = lead.actor1 ?? ofType.find((r) => r.actor1)?.actor1;
  let actor2 = lead.actor2;
  const side1 = new Set<string>();
  const side2 = new Set<string>();
  for (const r of ofType) {
    let s1 = [r.actor1, ...r.assocActors1].filter((x): x is string => !!x);
    let s2 = [r.actor2, ...r.assocActors2].filter((x): x is string => !!x);
    if ((actor1 && s2.includes(actor1)) || (actor2 && s1.includes(actor2))) [s1, s2] = [s2, s1];
    if (!actor2 && s2.length > 0 && !s2.includes(actor1 ?? "")) actor2 = s2[0];
    for (const x of s1) side1.add(x);
    for (const x of s2) side2.add(x);
  }
  const primaries = new Set([actor1, actor2].filter(Boolean));
  const assocActors1 = [...side1].filter((x) => !primaries.has(x));
  const assocActors2 = [...side2].filter((x) => !primaries.has(x) && !side1.has(x));

  const byDate = [...reports].sort(
    (x, y) =>
      Number(x.dateDefaulted) - Number(y.dateDefaulted) ||
      x.datePrecision - y.datePrecision ||
      x.date.localeCompare(y.date),
  );
  const d = byDate[0];
  const placed = reports.filter((r) => r.place);
  let place: ReportPlace | undefined;
  if (placed.length > 0) {
    const best = Math.min(...placed.map((r) => r.place!.precision));
    const top = placed.filter((r) => r.place!.precision === best);
    const id = mostCommon(top.map((r) => r.place!.id));
    place = top.find((r) => r.place!.id === id)!.place;
  }
  const locationText = reports.find((r) => r.locationText)?.locationText;
  const modality = MODALITY_STRENGTH.find((m) => reports.some((r) => r.modality === m)) ?? "asserted";

  const claims: CombinedEvent["fatalityClaims"] = [];
  for (const r of reports) {
    if (r.fatalities === undefined || r.fatalities === null) continue;
    const source = r.attribution.name || r.outlet || r.articleId;
    if (claims.some((c) => c.fatalities === r.fatalities && norm(c.source) === norm(source))) continue;
    claims.push({ fatalities: r.fatalities, source, sourceKind: r.attribution.kind, articleId: r.articleId });
  }
  const fatalities = claims.length > 0 ? Math.min(...claims.map((c) => c.fatalities)) : undefined;

  const sourceNames = new Set<string>();
  for (const r of reports) {
    if (r.outlet) sourceNames.add(norm(r.outlet));
    if (r.attribution.name) sourceNames.add(norm(r.attribution.name));
    if (!r.outlet && !r.attribution.name) sourceNames.add(`article:${r.articleId}`);
  }
  const articleIds = [...new Set(reports.map((r) => r.articleId))];
  const published = reports.map((r) => r.publishedAt).filter((p): p is string => !!p).sort();
  const confidence = 1 - reports.reduce((p, r) => p * (1 - Math.max(0, Math.min(1, r.confidence))), 1);
  const text = [...new Set(reports.map((r) => r.sentence.text))].join("\n").slice(0, 4000);

  return {
    eventType,
    subEventType,
    actor1,
    actor2,
    assocActors1,
    assocActors2,
    date: d.date,
    dateEnd: d.dateEnd,
    datePrecision: d.datePrecision,
    dateDefaulted: reports.every((r) => r.dateDefaulted),
    place,
    locationText,
    modality,
    fatalities,
    fatalityClaims: claims,
    sourceCount: sourceNames.size,
    articleIds,
    firstReported: published[0],
    lastReported: published[published.length - 1],
    confidence: Math.round(confidence * 1000) / 1000,
    text,
  };
}

/** Picks the best matching candidate for a report, or undefined when none is the same event. */
export function bestMatch<T extends MergeView>(report: MergeView, candidates: T[]): T | undefined {
  let best: T | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = sameEvent(report, c);
    if (d.same && d.score < bestScore) {
      best = c;
      bestScore = d.score;
    }
  }
  return best;
}
