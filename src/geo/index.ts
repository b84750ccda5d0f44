// Geoparsing: find place mentions in text and resolve them against the offline gazetteer.
//   recognize.ts  names in running text (gazetteer + context), minus actors/people/outlets
//   resolve.ts    candidates → ranking → the winner, or "unresolved"
//   relative.ts   "40 km north of X", "X's countryside", "the eastern bank of the Euphrates", borders
import type { GeoPrecision, Place, Span, Warning } from "../types/index.js";
import { warning } from "../types/warnings.js";
import { cuesAround } from "./cues.js";
import { type Feature, type Gazetteer, loadGazetteer } from "./gazetteer.js";
import { nameKey } from "./normalize.js";
import { findDemonyms, recognize, type WordLooks } from "./recognize.js";
import { relativePlaces } from "./relative.js";
import { type MentionInput, precisionOf, resolveAll, type Scored, topOf } from "./resolve.js";

export { distanceKm } from "./distance.js";
export { loadGazetteer } from "./gazetteer.js";

export interface GeoparseOptions {
  /** Spans already known not to be places (actor mentions). */
  exclude?: Span[];
  /** Resolve exactly these spans instead of finding mentions. */
  mentions?: Span[];
  publishedAt?: string;
  explain?: boolean;
  /** Use this gazetteer instead of the default one (tests, benchmarks). */
  gazetteer?: Gazetteer;
}

/** Why a mention resolved as it did (with `explain`). */
export interface PlaceExplanation extends Span {
  text: string;
  placeId?: string;
  reasons: string[];
  runnersUp: { name: string; featureCode: string; countryCode: string; admin1?: string; score: number; reasons: string[] }[];
}

export interface GeoparseResult {
  places: Place[];
  warnings: Warning[];
  /** Present with `explain`: one entry per mention, resolved or not. */
  explanations?: PlaceExplanation[];
}

/** One span's outcome, resolved or not (the `sitrep geoparse` output). */
export interface SpanResolution extends Span {
  name: string;
  place?: Place;
  score?: number;
}

/**
 * Finds and resolves the places in `text`.
 * @example geoparse("Clashes near Deir Ezzor").places[0].name === "Deir ez-Zor"
 */
export function geoparse(text: string, opts: GeoparseOptions = {}): GeoparseResult {
  const warnings: Warning[] = [];
  if (typeof text !== "string" || text.trim() === "") return { places: [], warnings };
  const gaz = opts.gazetteer ?? loadGazetteer();
  if (!gaz) {
    warnings.push(warning("GAZETTEER_MISSING", "places were not resolved; run `npm run build:gazetteer`"));
    return { places: [], warnings };
  }
  let inputs: MentionInput[];
  // the text's words the recognizer looks up, read again by the demonym finder (countryHints)
  const looks: WordLooks = new Map();
  if (opts.mentions) {
    inputs = [];
    for (const v of validateSpans(text, opts.mentions)) {
      if ("code" in v) warnings.push(v);
      else inputs.push({ start: v.start, end: v.end, surface: text.slice(v.start, v.end), cues: cuesAround(text, v.start, v.end) });
    }
  } else {
    const exclude = Array.isArray(opts.exclude)
      ? opts.exclude.filter((x) => x && Number.isFinite(x.start) && Number.isFinite(x.end))
      : [];
    inputs = recognize(text, gaz, exclude, looks);
  }
  inputs.sort((a, b) => a.start - b.start);
  const hints = countryHints(text, gaz, looks);
  const res = dropUnsupported(gaz, resolveAll(gaz, inputs, { countryHints: hints, explain: opts.explain, text }), hints);

  const byId = new Map<string, Place>();
  const explanations: PlaceExplanation[] = [];
  const resolvedByMention: (Place | undefined)[] = [];
  // the place id of each feature met (an article names its places again and again: a repeated
  // winner is its place, with no feature record or place object made again)
  const idOfFeature = new Map<number, string>();
  for (const r of res) {
    const m = r.mention;
    const best = topOf(r.ranked);
    let place: Place | undefined;
    if (best) {
      const known = idOfFeature.get(best.index);
      place = known === undefined ? undefined : byId.get(r.part ? `part:${known}` : known);
      if (place === undefined) {
        place = toPlace(gaz.feature(best.index));
        idOfFeature.set(best.index, place.id);
        // "North Dallas": a part of the place, kept apart from the place itself
        if (r.part) place = { ...place, id: `part:${place.id}`, precision: Math.max(2, place.precision) as GeoPrecision };
        const prev = byId.get(place.id);
        if (prev) place = prev;
        else byId.set(place.id, place);
      }
      place.mentions.push({
        start: m.start,
        end: m.end,
        text: m.surface,
        pass: "geo",
        rule: opts.mentions ? "given-span" : "gazetteer",
        confidence: confidence(r.ranked),
      });
    } else {
      warnings.push(warning("PLACE_UNRESOLVED", `"${m.surface}"`, `${m.start}-${m.end}`));
    }
    resolvedByMention.push(place);
    if (opts.explain) explanations.push(explain(gaz, m, place, r.ranked));
  }
  if (!opts.mentions) {
    const anchors = res.map((r, k) => ({ span: r.mention, place: resolvedByMention[k] }));
    for (const p of relativePlaces(text, gaz, anchors, [...byId.values()])) byId.set(p.id, p);
  }
  const places = [...byId.values()].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  const out: GeoparseResult = { places, warnings };
  if (opts.explain) out.explanations = explanations;
  return out;
}

/**
 * Resolves exactly the given spans; one result per span, in input order (bad spans get a
 * warning and no place). Used by `sitrep geoparse` when mentions are given.
 */
export function resolveSpans(
  text: string,
  spans: Span[],
  opts: Omit<GeoparseOptions, "mentions"> = {},
): { results: SpanResolution[]; warnings: Warning[] } {
  const r = geoparse(text, { ...opts, mentions: spans });
  const byStart = new Map<number, Place>();
  for (const p of r.places) for (const m of p.mentions) byStart.set(m.start * 1e7 + m.end, p);
  const results: SpanResolution[] = [];
  for (const s of validateSpans(text, spans)) {
    if ("code" in s) continue;
    const place = byStart.get(s.start * 1e7 + s.end);
    const out: SpanResolution = { start: s.start, end: s.end, name: text.slice(s.start, s.end) };
    if (place) out.place = place;
    results.push(out);
  }
  return { results, warnings: r.warnings };
}

/**
 * The best place for a bare name, without context.
 * @example lookupPlace("Deir ez-Zor")?.countryCode === "SY"
 */
export function lookupPlace(name: string, opts: { gazetteer?: Gazetteer } = {}): Place | undefined {
  if (typeof name !== "string" || nameKey(name) === "") return undefined;
  const gaz = opts.gazetteer ?? loadGazetteer();
  if (!gaz) return undefined;
  const [r] = resolveAll(gaz, [{ start: 0, end: name.length, surface: name.trim() }]);
  const best = r?.ranked[0];
  if (!best) return undefined;
  const p = toPlace(gaz.feature(best.index));
  p.mentions.push({ start: 0, end: name.length, text: name, pass: "geo", rule: "lookup", confidence: confidence(r.ranked) });
  return p;
}

/**
 * Reverse lookup: the country and admin-1 region at a point, from the nearest populated place
 * (within ~100 km). Cheap; good enough for ACLED's iso/country/admin1 columns.
 */
export function placeAt(
  lat: number,
  lon: number,
  opts: { gazetteer?: Gazetteer } = {},
): { countryCode: string; country?: string; admin1?: string; nearest: string; distanceKm: number } | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  const gaz = opts.gazetteer ?? loadGazetteer();
  if (!gaz) return undefined;
  const i = gaz.nearestPlace(lat, lon);
  if (i === undefined) return undefined;
  const f = gaz.feature(i);
  const ci = gaz.header.countryFeature[f.countryCode];
  const out: { countryCode: string; country?: string; admin1?: string; nearest: string; distanceKm: number } = {
    countryCode: f.countryCode,
    nearest: f.name,
    distanceKm: Math.round(distanceToFeature(lat, lon, f)),
  };
  if (ci !== undefined) out.country = gaz.name(ci);
  if (f.admin1) out.admin1 = f.admin1;
  return out;
}

function distanceToFeature(lat: number, lon: number, f: Feature): number {
  const r = Math.PI / 180;
  const x = (f.lon - lon) * Math.cos(((lat + f.lat) / 2) * r);
  return Math.sqrt(x * x + (f.lat - lat) ** 2) * 111.2;
}

/** Place object for a gazetteer feature (no mentions yet). */
export function toPlace(f: Feature, precision?: GeoPrecision): Place {
  const p: Place = {
    id: placeId(f),
    name: f.name,
    mentions: [],
    lat: f.lat,
    lon: f.lon,
    featureCode: f.featureCode,
    countryCode: f.countryCode,
    precision: precision ?? precisionOf(f.featureCode),
  };
  if (f.geonameId) p.geonameId = f.geonameId;
  if (f.admin1) p.admin1 = f.admin1;
  if (f.geometry) p.geometry = f.geometry as Place["geometry"];
  return p;
}

function placeId(f: Feature): string {
  if (f.supplementId) return `sup:${f.supplementId}`;
  if (f.geonameId && !f.featureCode.startsWith("ADM")) return `geonames:${f.geonameId}`;
  if (f.featureCode.startsWith("PCL")) return `country:${f.countryCode}`;
  if (f.featureCode === "ADM1" && f.admin1Key) return `admin1:${f.admin1Key}`;
  return `gaz:${f.countryCode}:${f.featureCode}:${nameKey(f.name).replace(/ /g, "-")}`;
}

function confidence(ranked: Scored[]): number {
  const a = ranked[0]?.score ?? 0;
  const b = ranked[1]?.score;
  if (b === undefined) return 0.95;
  return Math.round((1 / (1 + Math.exp(-(a - b)))) * 100) / 100;
}

function explain(gaz: Gazetteer, m: MentionInput, place: Place | undefined, ranked: Scored[]): PlaceExplanation {
  const e: PlaceExplanation = {
    start: m.start,
    end: m.end,
    text: m.surface,
    reasons: ranked[0] ? [...ranked[0].reasons, `score ${ranked[0].score.toFixed(2)}`] : ["no gazetteer entry has this name"],
    runnersUp: ranked.slice(1, 4).map((c) => {
      const f = gaz.feature(c.index);
      const r: PlaceExplanation["runnersUp"][number] = {
        name: f.name,
        featureCode: f.featureCode,
        countryCode: f.countryCode,
        score: Math.round(c.score * 100) / 100,
        reasons: c.reasons,
      };
      if (f.admin1) r.admin1 = f.admin1;
      return r;
    }),
  };
  if (place) e.placeId = place.id;
  return e;
}

function isValidSpan(text: string, s: Span): boolean {
  return (
    s !== null &&
    typeof s === "object" &&
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    s.start >= 0 &&
    s.end <= text.length &&
    s.start < s.end
  );
}

/** Checks given spans: inside the text, non-empty, not overlapping. Bad ones become warnings. */
export function validateSpans(text: string, spans: Span[]): (Span | Warning)[] {
  const out: (Span | Warning)[] = [];
  const ok: Span[] = [];
  if (!Array.isArray(spans)) return [warning("SPAN_OUT_OF_RANGE", "mentions must be an array of {start, end}")];
  for (const s of spans) {
    if (!isValidSpan(text, s)) {
      const where = s && typeof s === "object" ? `${String(s.start)}-${String(s.end)}` : String(s);
      out.push(warning("SPAN_OUT_OF_RANGE", `span ${where} is not inside the text (length ${text.length})`, where));
      continue;
    }
    const clash = ok.find((o) => o.start < s.end && s.start < o.end);
    if (clash) {
      out.push(warning("SPAN_OVERLAP", `span ${s.start}-${s.end} overlaps ${clash.start}-${clash.end}`, `${s.start}-${s.end}`));
      continue;
    }
    ok.push(s);
    out.push({ start: s.start, end: s.end });
  }
  return out;
}

// Feature codes a lone word may resolve to without support from the rest of the article.
const STANDALONE = /^(PCL|ADM1|PPLC|CONT|OCN|SEA|RGN|STM|GULF)/;

/**
 * A lone word with no locative context ("Obama", "Once", "Putin") that resolves to a town in a
 * country nothing else in the article is in is most likely not a place: drop it.
 */
function dropUnsupported(gaz: Gazetteer, res: ReturnType<typeof resolveAll>, hints: Map<string, number>) {
  const support = new Map<string, number>();
  const standalone = (i: number) => STANDALONE.test(gaz.fcode(i)) || gaz.pop(i) >= 100_000;
  for (const r of res) {
    const w = topOf(r.ranked);
    if (!w || (r.mention.weak && !standalone(w.index))) continue;
    const cc = gaz.cc(w.index);
    support.set(cc, (support.get(cc) ?? 0) + 1);
  }
  return res.filter((r) => {
    const w = topOf(r.ranked);
    if (!r.mention.weak || !w) return true;
    if (standalone(w.index)) return true;
    const cc = gaz.cc(w.index);
    return (support.get(cc) ?? 0) > 0 || (hints.get(cc) ?? 0) > 0;
  });
}

/** Country evidence from demonyms in the text ("Syrian troops" → SY), capped per country. */
function countryHints(text: string, gaz: Gazetteer, looks: WordLooks): Map<string, number> {
  const hints = new Map<string, number>();
  for (const d of findDemonyms(text, gaz, looks)) {
    if (!d.countryCode) continue;
    hints.set(d.countryCode, Math.min(3, (hints.get(d.countryCode) ?? 0) + 0.5));
  }
  return hints;
}
