// Relative and vague places around a resolved anchor, with ACLED geo-precision:
//   "40 km north of X" / "an oilfield southwest of Deir Ezzor"  → offset point, precision 2
//   "Deir Ezzor's northwestern countryside", "the outskirts of X" → near the anchor, precision 2
//   "the eastern bank of the Euphrates"                          → river point near the story, precision 2
//   "along the border with Iraq", "the Iraqi border"             → middle of the shared border, precision 2
//   "northern Syria", "eastern Aleppo province"                  → part of a country/province, precision 3
// The phrase patterns are data (model/relative.json).
import type { Place, Span } from "../types/index.js";
import { matchesEndingWith } from "./anchored.js";
import { distanceKm } from "./distance.js";
import type { Gazetteer } from "./gazetteer.js";
import R from "./model/relative.json" with { type: "json" };
import { nameKey } from "./normalize.js";

const BEARING: Record<string, number> = R.bearings;
const DIR = Object.keys(BEARING)
  .sort((a, b) => b.length - a.length)
  .join("|");
const UNIT_KM: Record<string, number> = R.unitsKm;

const RE_OFFSET = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${Object.keys(UNIT_KM).join("|")})\\s+(?:to the\\s+)?(${DIR})\\s+of\\s+(?:the\\s+)?$`, "i");
const RE_DIRECTION = new RegExp(`(?:\\b(an?|the|some|several)\\s+([a-z-]+)\\s+)?\\b(${DIR})\\s+of\\s+(?:the\\s+)?$`, "i");
const RE_NEAR_BEFORE = new RegExp(`\\b(${R.nearWords.join("|")})\\s+(?:of\\s+)?(?:the\\s+)?$`, "i");
const RE_COUNTRYSIDE_AFTER = new RegExp(`^(?:['’]s)?\\s+(?:(${DIR})\\s+)?(${R.areaWords.join("|")})\\b`, "i");
const RE_POSS_DIR_AFTER = new RegExp(`^['’]s\\s+(${DIR})\\b`, "i");
const RE_DIR_BEFORE = new RegExp(`\\b(${DIR})\\s+$`, "i");
const RE_BANK = new RegExp(`\\b(${DIR}|left|right)\\s+banks?\\s+of\\s+(?:the\\s+)?$`, "i");
const ENDS_OF = /\bof\s+(?:the\s+)?$/i;
const RE_BORDER_WITH = /\bborders?\s+with\s+(?:the\s+)?$/i;
// (tried before each "border" of the text: anchored.ts)
const RE_DEMONYM_BORDER = /\b(?:the\s+)?([A-Z][a-z]+)(?:[-–]([A-Z][a-z]+))?\s+border\b/y;

export interface Anchor {
  span: Span & { surface: string };
  place?: Place;
}

function dirKey(w: string): string {
  const k = w.toLowerCase().replace(/-/g, "");
  return BEARING[k] !== undefined ? k : k.replace(/ern$/, "");
}

/** The point `km` from (lat, lon) toward `bearing` degrees. */
export function offsetPoint(lat: number, lon: number, bearing: number, km: number): [number, number] {
  const r = Math.PI / 180;
  const d = km / 6371;
  const b = bearing * r;
  const la = lat * r;
  const lo = lon * r;
  const la2 = Math.asin(Math.sin(la) * Math.cos(d) + Math.cos(la) * Math.sin(d) * Math.cos(b));
  const lo2 = lo + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la), Math.cos(d) - Math.sin(la) * Math.sin(la2));
  return [Math.round((la2 / r) * 1e5) / 1e5, Math.round((lo2 / r) * 1e5) / 1e5];
}

export function relativePlaces(text: string, gaz: Gazetteer, anchors: Anchor[], places: Place[]): Place[] {
  const out: Place[] = [];
  const story = storyCentre(places);
  for (const a of anchors) {
    const p = a.place;
    if (!p) continue;
    const before = text.slice(Math.max(0, a.span.start - 80), a.span.start);
    const after = text.slice(a.span.end, a.span.end + 60);
    let m: RegExpExecArray | null;
    // cheap tests on the last few characters first: the anchored patterns below scan every start
    const endsOf = ENDS_OF.test(before.slice(-12));
    if (endsOf && (m = RE_OFFSET.exec(before))) {
      const km = Number(m[1]) * UNIT_KM[m[2]!.toLowerCase()]!;
      const dir = dirKey(m[3]!);
      const [lat, lon] = offsetPoint(p.lat, p.lon, BEARING[dir]!, km);
      addRelative(out, text, p, "offset", a.span.start - m[0].length, a.span.end, lat, lon, 2, { direction: dir, distanceKm: km });
      continue;
    }
    if (endsOf && p.featureCode === "STM" && (m = RE_BANK.exec(before))) {
      const side = m[1]!.toLowerCase();
      const [lat0, lon0] = nearestOnLine(p, nearbyTown(anchors, a.span.start) ?? story);
      const b = BEARING[dirKey(side)];
      const [lat, lon] = b === undefined ? [lat0, lon0] : offsetPoint(lat0, lon0, b, R.bankOffsetKm);
      addRelative(out, text, p, "bank", a.span.start - m[0].length, a.span.end, lat, lon, 2, { direction: side });
      continue;
    }
    if (endsOf && (m = RE_DIRECTION.exec(before))) {
      // "Raqqa, northwest of Deir Ezzor" describes Raqqa: no new place.
      const head = m[2]?.toLowerCase();
      const dStart = a.span.start - m[0].length;
      const lead = text.slice(Math.max(0, dStart - 3), dStart);
      if (!/,\s*$/.test(lead) || head) {
        const dir = dirKey(m[3]!);
        const km = R.defaultOffsetKm[p.precision === 3 ? "region" : "town"];
        const [lat, lon] = offsetPoint(p.lat, p.lon, BEARING[dir]!, km);
        const start = head ? dStart : dStart + m[0].toLowerCase().lastIndexOf(m[3]!.toLowerCase());
        addRelative(out, text, p, "direction", start, a.span.end, lat, lon, 2, { direction: dir });
        continue;
      }
    }
    if ((m = RE_COUNTRYSIDE_AFTER.exec(after))) {
      const dir = m[1] ? dirKey(m[1]) : undefined;
      const km = dir ? R.countrysideOffsetKm : 0;
      const [lat, lon] = dir ? offsetPoint(p.lat, p.lon, BEARING[dir]!, km) : [p.lat, p.lon];
      const extra: Extra = {};
      if (dir) extra.direction = dir;
      addRelative(out, text, p, m[2]!.toLowerCase(), a.span.start, a.span.end + m[0].length, lat, lon, p.precision === 3 ? 3 : 2, extra);
      continue;
    }
    // (the place's kind is asked before the pattern: most anchors are no country or province)
    if ((p.featureCode.startsWith("PCL") || p.featureCode === "ADM1") && (m = RE_POSS_DIR_AFTER.exec(after))) {
      // "Syria's northeast"
      const dir = dirKey(m[1]!);
      const [lat, lon] = partOf(gaz, p, dir);
      addRelative(out, text, p, "part", a.span.start, a.span.end + m[0].length, lat, lon, 3, { direction: dir });
      continue;
    }
    if (p.precision === 1 && (m = RE_NEAR_BEFORE.exec(before))) {
      addRelative(out, text, p, "near", a.span.start - m[0].length, a.span.end, p.lat, p.lon, 2);
      continue;
    }
    if ((p.featureCode.startsWith("PCL") || p.featureCode === "ADM1") && (m = RE_DIR_BEFORE.exec(before))) {
      const dir = dirKey(m[1]!);
      const [lat, lon] = partOf(gaz, p, dir);
      addRelative(out, text, p, "part", a.span.start - m[0].length, a.span.end, lat, lon, 3, { direction: dir });
    }
    if (p.featureCode.startsWith("PCL") && (m = RE_BORDER_WITH.exec(before))) {
      const focus = focusCountry(places, p.countryCode);
      const b = focus ? gaz.header.borders[[focus, p.countryCode].sort().join("|")] : undefined;
      if (b) addRelative(out, text, p, "border", a.span.start - m[0].length, a.span.end, b[0], b[1], 2, {});
    }
  }
  // "the Iraqi border", "the Syrian-Turkish border": demonyms name the countries.
  for (const m of matchesEndingWith(text, "border", 2, RE_DEMONYM_BORDER)) {
    const c1 = demonymCountry(gaz, m[1]!);
    if (!c1) continue;
    const c2 = m[2] ? demonymCountry(gaz, m[2]) : focusCountry(places, c1);
    if (!c2 || c2 === c1) continue;
    const b = gaz.header.borders[[c1, c2].sort().join("|")];
    if (!b) continue;
    const start = m.index + (m[0].startsWith("the") || m[0].startsWith("The") ? 4 : 0);
    const phrase = text.slice(start, m.index + m[0].length);
    const ids = [c1, c2].sort().join("|");
    const place: Place = {
      id: `rel:border:${ids}`,
      name: `${ids.replace("|", "–")} border`,
      mentions: [{ start, end: m.index + m[0].length, text: phrase, pass: "geo", rule: "relative-border", confidence: 0.7 }],
      lat: b[0],
      lon: b[1],
      featureCode: "BDR",
      countryCode: c2,
      precision: 2,
      relative: { anchor: `country:${c1}`, kind: "border" },
    };
    const prev = out.find((o) => o.id === place.id);
    if (prev) prev.mentions.push(...place.mentions);
    else out.push(place);
  }
  // the border places found through "border with X" carry the pair id too
  for (const p of out)
    if (p.relative?.kind === "border" && p.id.startsWith("rel:border::")) {
      const focus = focusCountry(places, p.countryCode);
      if (focus) {
        const ids = [focus, p.countryCode].sort().join("|");
        p.id = `rel:border:${ids}`;
        p.name = `${ids.replace("|", "–")} border`;
        p.featureCode = "BDR";
      }
    }
  return mergeById(out);
}

type Extra = { direction?: string; distanceKm?: number };

/**
 * A place described relative to the anchor place `p` ("40 km north of X", "X's countryside"), added to
 * `out` (its mentions joined to an earlier one with the same id). A function of its own, not a closure
 * made per anchor: each closure made costs a name set on it under the TypeScript loader.
 */
function addRelative(out: Place[], text: string, p: Place, kind: string, start: number, end: number, lat: number, lon: number, precision: 1 | 2 | 3, extra: Extra = {}): void {
  const phrase = text.slice(start, end);
  const place: Place = {
    id: `rel:${kind}:${extra.direction ?? ""}:${extra.distanceKm ?? ""}:${p.id}`,
    name: phrase.replace(/^(?:an?|the)\s+/i, ""),
    mentions: [{ start, end, text: phrase, pass: "geo", rule: `relative-${kind}`, confidence: 0.7 }],
    lat,
    lon,
    featureCode: p.featureCode,
    countryCode: p.countryCode,
    precision,
    relative: { anchor: p.id, kind, ...extra },
  };
  if (p.admin1) place.admin1 = p.admin1;
  const prev = out.find((o) => o.id === place.id);
  if (prev) prev.mentions.push(...place.mentions);
  else out.push(place);
}

function mergeById(ps: Place[]): Place[] {
  const m = new Map<string, Place>();
  for (const p of ps) {
    const prev = m.get(p.id);
    if (prev) prev.mentions.push(...p.mentions);
    else m.set(p.id, p);
  }
  return [...m.values()];
}

function demonymCountry(gaz: Gazetteer, word: string): string | undefined {
  const v = gaz.header.demonyms[nameKey(word)];
  if (v && !v.startsWith("#")) return v;
  const ci = gaz.candidates(word).find((i) => gaz.fcode(i).startsWith("PCL"));
  return ci === undefined ? undefined : gaz.cc(ci);
}

/** The country most of the article's places are in, other than `not`. */
function focusCountry(places: Place[], not: string): string | undefined {
  const w = new Map<string, number>();
  for (const p of places) {
    if (p.countryCode === not || !p.countryCode) continue;
    w.set(p.countryCode, (w.get(p.countryCode) ?? 0) + p.mentions.length);
  }
  let best: string | undefined;
  let bw = 0;
  for (const [cc, v] of w)
    if (v > bw) {
      bw = v;
      best = cc;
    }
  return best;
}

/** The town-level place mentioned closest to `at` in the text (within ~1500 characters). */
function nearbyTown(anchors: Anchor[], at: number): [number, number] | undefined {
  let best: Place | undefined;
  let bd = 1500;
  for (const a of anchors) {
    const pl = a.place;
    if (pl?.precision !== 1) continue;
    const d = Math.abs(a.span.start - at);
    if (d < bd) {
      bd = d;
      best = pl;
    }
  }
  return best ? [best.lat, best.lon] : undefined;
}

/** Mean position of the town-level places in the article's main country (the story's centre). */
function storyCentre(places: Place[]): [number, number] | undefined {
  const focus = focusCountry(places, "");
  let lat = 0;
  let lon = 0;
  let n = 0;
  for (const p of places) {
    if (p.precision !== 1 || p.countryCode !== focus) continue;
    lat += p.lat * p.mentions.length;
    lon += p.lon * p.mentions.length;
    n += p.mentions.length;
  }
  return n > 0 ? [lat / n, lon / n] : undefined;
}

/** The vertex of a river line nearest the story's centre (the river's own point otherwise). */
function nearestOnLine(p: Place, story: [number, number] | undefined): [number, number] {
  const g = p.geometry;
  if (!story || !g || g.type !== "LineString") return [p.lat, p.lon];
  let best: [number, number] = [p.lat, p.lon];
  let bd = Number.POSITIVE_INFINITY;
  const c = g.coordinates;
  for (let k = 1; k < c.length; k++) {
    // sample each segment at 10 points
    for (let t = 0; t <= 10; t++) {
      const lon = c[k - 1]![0] + ((c[k]![0] - c[k - 1]![0]) * t) / 10;
      const lat = c[k - 1]![1] + ((c[k]![1] - c[k - 1]![1]) * t) / 10;
      const d = distanceKm(lat, lon, story[0], story[1]);
      if (d < bd) {
        bd = d;
        best = [Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4];
      }
    }
  }
  return best;
}

/** A point in the named part ("north", "southeast") of a country or province. */
function partOf(gaz: Gazetteer, p: Place, dir: string): [number, number] {
  const ext = p.featureCode.startsWith("PCL") ? gaz.header.extents[p.countryCode] : undefined;
  const b = (BEARING[dir]! * Math.PI) / 180;
  if (ext) {
    const [s, n, w, e] = ext;
    const cLat = (s + n) / 2;
    const cLon = (w + e) / 2;
    const lat = cLat + Math.cos(b) * ((n - s) / 2) * R.partFraction;
    const lon = cLon + Math.sin(b) * ((e - w) / 2) * R.partFraction;
    return [Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4];
  }
  return offsetPoint(p.lat, p.lon, BEARING[dir]!, R.defaultOffsetKm.region);
}
