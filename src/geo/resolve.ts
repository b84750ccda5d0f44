// Toponym resolution: each mention's gazetteer candidates are ranked by population and
// feature type (the prior), the kind of place the text says it is ("X province"), the countries
// the article is about, stated containment ("al-Shadadi in Hasaka province"), and distance to
// the article's other places. Two passes: the second sees the first pass's winners.
import { distanceKm } from "./distance.js";
import type { Gazetteer } from "./gazetteer.js";
import { BoundedMemo } from "./memo.js";
import W from "./model/ranking.json" with { type: "json" };
import { nameKey, plainName, spellingKey } from "./normalize.js";
import { type Fallback, fallbackName } from "./variants.js";

export interface MentionInput {
  start: number;
  end: number;
  surface: string;
  /** Feature-code prefixes the surrounding words favour ("province" → ADM1). */
  cues?: string[];
  /** A lone word with no locative context ("Obama", "Once"): kept only if the article supports it. */
  weak?: boolean;
  /** Candidates fixed by the phrase itself ("the Kazakh capital" → Astana). */
  forced?: number[];
}

export interface Scored {
  index: number;
  score: number;
  reasons: string[];
}

export interface Resolution {
  mention: MentionInput;
  /** Ranked candidates, best first (empty: no gazetteer entry has this name). */
  ranked: Scored[];
  /** The name was found without a leading qualifier ("North Dallas"): the mention is part of the winner. */
  part?: boolean;
}

export interface ResolveContext {
  /** Country evidence not tied to a mention (demonyms: "Syrian" → SY), as weights. */
  countryHints?: Map<string, number>;
  /** The document text the mention offsets refer to (for lists: "Alberta, Manitoba, Ontario and ..."). */
  text?: string;
  explain?: boolean;
}

const TYPE_BONUS: Record<string, number> = W.typeBonus;
const UNKNOWN_POP: Record<string, number> = W.unknownPopulation;
// the (shared, frozen) reasons of every candidate when no explanation is asked for
const NO_REASONS = Object.freeze([]) as unknown as string[];
const NO_MENTIONS = Object.freeze([]) as unknown as number[];
/** km per degree of latitude on distanceKm's sphere, a hair under (a lower bound despite rounding). */
const KM_PER_DEGREE_LOWER = ((6371 * Math.PI) / 180) * (1 - 1e-9);
const LIST_GAP = /^(?:\s*,\s*|\s*,?\s+(?:and|or)\s+)$/;
// features too large for "near the article's other places" to mean anything
// kinds whose other names are everyday usage ('Britain', 'Kurdistan', 'the Gulf'), kept anywhere
const SOVEREIGN_NAMES = /^(PCL|CONT|OCN|SEA|RGN|GULF)/;
const sovereignMemo = new Map<string, boolean>();
function sovereignNames(fc: string): boolean {
  let v = sovereignMemo.get(fc);
  if (v === undefined) {
    v = SOVEREIGN_NAMES.test(fc);
    sovereignMemo.set(fc, v);
  }
  return v;
}
const LARGE = new Set(["CONT", "RGN", "OCN", "SEA", "GULF", "MTS", "DSRT", "PEN", "PLN", "PLAT", "FRST", "DLTA"]);

function byPrefix<T>(table: Record<string, T>, code: string): T | undefined {
  for (let n = code.length; n >= 2; n--) {
    const v = table[code.slice(0, n)];
    if (v !== undefined) return v;
  }
  return undefined;
}

// the type bonus per feature code, looked up by prefix once per code
const typeBonusMemo = new Map<string, number>();
function typeBonus(fc: string): number {
  let b = typeBonusMemo.get(fc);
  if (b === undefined) {
    b = byPrefix(TYPE_BONUS, fc) ?? 0;
    typeBonusMemo.set(fc, b);
  }
  return b;
}

export function precisionOf(fcode: string): 1 | 2 | 3 {
  return (byPrefix(W.precision as Record<string, 1 | 2 | 3>, fcode) ?? 1) as 1 | 2 | 3;
}

/** Resolves all mentions of one document together. */
export function resolveAll(gaz: Gazetteer, mentions: MentionInput[], ctx: ResolveContext = {}): Resolution[] {
  const explain = ctx.explain === true;
  // a name in no gazetteer entry gets second tries ("North Dallas", "Swat Valley": variants.ts)
  // (per-mention arrays filled in one loop, all of one array kind: the optimised code of this long
  // function is not thrown away for an array it did not expect)
  const n = mentions.length;
  const fallbacks: (Fallback | undefined)[] = new Array(n);
  const cands: (readonly number[])[] = new Array(n);
  const names: string[] = new Array(n);
  const keys: string[] = new Array(n);
  const cuesOf: (string[] | undefined)[] = new Array(n);
  const plains: (string | undefined)[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const m = mentions[k]!;
    let c: readonly number[];
    if (m.forced) c = m.forced;
    else {
      c = gaz.candidates(m.surface);
      if (c.length > 0) c = c.slice(0, W.maxCandidates);
      else {
        fallbacks[k] = fallbackName(gaz, m.surface);
        c = fallbacks[k]?.candidates.slice(0, W.maxCandidates) ?? [];
      }
    }
    cands[k] = c;
    names[k] = fallbacks[k]?.name ?? m.surface;
    keys[k] = nameKey(names[k]!);
    cuesOf[k] = fallbacks[k]?.cues ?? m.cues;
  }

  // Prior scores (population, feature type, exact name, cues, seat-city rule).
  const prior: Scored[][] = mentions.map((_m, k) => {
    const list = cands[k]!;
    const mainNamed = new Set<number>();
    // positions in `out` of the candidates whose main name matches, and whether those names differ
    const mainAt: number[] = [];
    let firstMainName: string | undefined;
    let mainNamesDiffer = false;
    const out: Scored[] = [];
    for (const i of list) {
      const fc = gaz.fcode(i);
      const reasons: string[] = explain ? [] : NO_REASONS;
      // GeoNames' 0 means "not known": an admin seat is given its kind's typical size, not none
      const pop = gaz.pop(i) || (UNKNOWN_POP[fc] ?? 0);
      const lp = Math.log10(pop + 10);
      let s = lp;
      const tb = typeBonus(fc);
      s += tb;
      if (explain) reasons.push(`prior log10(pop)=${lp.toFixed(2)}`, `type ${fc} ${tb >= 0 ? "+" : ""}${tb}`);
      const mainMatch = gaz.mainKey(i) === keys[k];
      if (mainMatch) {
        s += W.exactNameBonus;
        if (explain) reasons.push("main name matches");
        mainNamed.add(i);
        mainAt.push(out.length);
        if (firstMainName === undefined) firstMainName = gaz.name(i);
        else if (gaz.name(i) !== firstMainName) mainNamesDiffer = true;
      } else if (gaz.pop(i) >= W.exonymPopulation && fc.startsWith("PPL")) {
        // a city this big is known abroad by other spellings of its name ("Geneva" for Genève, not
        // "Victoria" for Hong Kong): they count as its name
        if (bigCityRespelled(gaz, i, (plains[k] ??= lightName(names[k]!)))) {
          s += W.exactNameBonus;
          if (explain) reasons.push("a big city's name in another spelling");
        }
      }
      const cues = cuesOf[k];
      if (cues?.length) {
        if (cues.some((c) => fc.startsWith(c))) {
          s += W.cueWeight;
          if (explain) reasons.push(`text says ${cues.join("/")}`);
        } else s -= W.cueWeight / 2;
      }
      out.push({ index: i, score: s, reasons });
    }
    // Two places whose main names fold to the same key ("Hainan", "Henan"): the spelling written
    // wins (looked at only when the main names are not all one string)
    if (mainNamesDiffer) {
      plains[k] ??= lightName(names[k]!);
      const spelled = mainAt.filter((x) => plainOfName(gaz, out[x]!.index) === plains[k]);
      if (spelled.length < mainAt.length)
        for (const x of spelled) {
          out[x]!.score += W.sameSpellingBonus;
          if (explain) out[x]!.reasons.push("spelled as written, unlike another candidate");
        }
    }
    // A province named after its dominant city ("Homs", "Deir ez-Zor"): the name means the city,
    // unless the city goes by a longer name and the province by this one ("New York City", "New York").
    const favoursAdmin = cuesOf[k]?.some((c) => c.startsWith("ADM")) ?? false;
    const towns = favoursAdmin ? [] : out.filter((c) => gaz.fcode(c.index).startsWith("PPL"));
    if (towns.length > 0)
      for (const a of out) {
        const fa = gaz.fcode(a.index);
        if (!fa.startsWith("ADM")) continue;
        const adminNamed = mainNamed.has(a.index);
        const seat = towns.find(
          (c) =>
            !(adminNamed && longerName(gaz.mainKey(c.index), keys[k]!)) &&
            gaz.a1(c.index) === gaz.a1(a.index) &&
            gaz.cc(c.index) === gaz.cc(a.index) &&
            gaz.pop(c.index) >= W.seatCityRatio * gaz.pop(a.index),
        );
        if (seat) {
          a.score -= W.seatCityPenalty;
          if (explain) a.reasons.push(`the city ${gaz.name(seat.index)} carries the name`);
        }
      }
    // only the best few go on to the context passes
    out.sort((a, b) => b.score - a.score);
    return out.slice(0, W.keepAfterPrior);
  });

  // Country shares: from each mention's best prior candidate, plus hints (demonyms).
  const countryW = new Map<string, number>();
  const addC = (cc: string, w: number) => countryW.set(cc, (countryW.get(cc) ?? 0) + w);
  for (const [cc, w] of ctx.countryHints ?? []) addC(cc, w);
  // each name's own contribution, left out when scoring that name (no self-support)
  const own = new Map<string, Map<string, number>>();
  prior.forEach((list, k) => {
    const best = top(list);
    if (!best) return;
    const second = top(list, best.index);
    const clear = !second || best.score - second.score > 1.5;
    const fc = gaz.fcode(best.index);
    const cc = gaz.cc(best.index);
    const w = fc.startsWith("PCL") ? 2 : clear ? 1 : 0.4;
    addC(cc, w);
    const o = own.get(keys[k]!) ?? new Map<string, number>();
    o.set(cc, (o.get(cc) ?? 0) + w);
    own.set(keys[k]!, o);
  });

  // per name key: the country weight of the other names, all countries together (summed once per article)
  const othersMemo = new Map<string, number>();
  const othersOf = (key: string): number => {
    let others = othersMemo.get(key);
    if (others === undefined) {
      const mine = own.get(key);
      others = 0;
      for (const [c, v] of countryW) others += v - (mine?.get(c) ?? 0);
      othersMemo.set(key, others);
    }
    return others;
  };

  // Lists: three or more mentions joined by commas / "and" / "or" name places of one kind
  // ("British Columbia, Alberta, Manitoba, Ontario and New Brunswick" are all provinces).
  const listOf = new Int32Array(mentions.length).fill(-1);
  if (ctx.text !== undefined) {
    let from = 0;
    for (let k = 1; k <= mentions.length; k++) {
      const gap = k < mentions.length ? mentions[k]!.start - mentions[k - 1]!.end : -1;
      const joined = gap >= 1 && gap <= 8 && LIST_GAP.test(ctx.text.slice(mentions[k - 1]!.end, mentions[k]!.start));
      if (joined) continue;
      if (k - from >= 3) for (let j = from; j < k; j++) listOf[j] = from;
      from = k;
    }
  }

  // Countries named within a few mentions and NEAR_COUNTRY_CHARS characters of each mention.
  const nearCountries: string[][] = mentions.map((m, k) => {
    const out: string[] = [];
    for (let j = Math.max(0, k - 2); j <= Math.min(mentions.length - 1, k + 2); j++) {
      if (j === k || keys[j] === keys[k]) continue;
      const o = mentions[j]!;
      const gap = o.start >= m.end ? o.start - m.end : m.start - o.end;
      const best = top(prior[j]!);
      if (gap > W.nearCountryChars || !best || !gaz.fcode(best.index).startsWith("PCL")) continue;
      const cc = gaz.cc(best.index);
      if (!out.includes(cc)) out.push(cc);
    }
    return out;
  });

  // the other mentions of each mention's name (same key)
  const byKey = new Map<string, number[]>();
  for (let k = 0; k < n; k++) {
    const l = byKey.get(keys[k]!);
    if (l) l.push(k);
    else byKey.set(keys[k]!, [k]);
  }
  const sameKey: number[][] = new Array(n);
  for (let k = 0; k < n; k++) {
    const l = byKey.get(keys[k]!)!;
    sameKey[k] = l.length > 1 ? l.filter((j) => j !== k) : NO_MENTIONS;
  }

  let current = prior.map((list, k) => rescore(list, k, null));
  for (let pass = 0; pass < W.contextPasses; pass++) {
    const winners = current.map((l) => l[0]);
    current = prior.map((list, k) => rescore(list, k, { winners }));
  }
  // One sense per name and article: where most of a name's mentions ended on one place, that
  // place gains (a mention swayed by its neighbours alone, "Buffalo, New York … Ontario", follows the
  // article's other "Ontario"s; a stated "Paris, Texas" still outweighs it)
  const settled = current.map((l) => l[0]?.index ?? -1);
  for (let k = 0; k < n; k++) {
    const same = sameKey[k]!;
    if (same.length === 0) continue;
    const list = current[k]!;
    // (a majority of all the name's mentions, this one included: two that disagree stay as they are)
    for (const c of list) {
      let votes = 0;
      for (const j of same) if (settled[j] === c.index) votes++;
      if (votes * 2 <= same.length + 1) continue;
      if (c !== list[0]) {
        c.score += W.sameNameWeight;
        if (explain) c.reasons.push(`${votes} of the name's ${same.length + 1} mentions mean it`);
        list.sort((a, b) => b.score - a.score);
      }
      break;
    }
  }
  dropJunk(gaz, mentions, { fallbacks, names, keys, plains, countryW, own, othersOf }, current);
  return mentions.map((m, k) => {
    // (every resolution of one shape: `part` always set)
    return { mention: m, ranked: current[k]!, part: fallbacks[k]?.part === true };
  });

  function rescore(list: Scored[], k: number, ctx2: { winners: (Scored | undefined)[] } | null): Scored[] {
    const mine = own.get(keys[k]!);
    const total = othersOf(keys[k]!);
    // distinct town-level winners of the other mentions (by feature), for the proximity term
    const others: number[] = [];
    if (ctx2) {
      const seen = new Set<number>();
      // the neighbouring mentions only (long documents drift from place to place)
      const from = Math.max(0, k - W.contextWindow);
      const to = Math.min(ctx2.winners.length, k + W.contextWindow + 1);
      for (let j = from; j < to; j++) {
        const w = ctx2.winners[j];
        if (!w || keys[j] === keys[k] || seen.has(w.index)) continue;
        const wf = gaz.fcode(w.index);
        if (wf.startsWith("PCL") || LARGE.has(wf)) continue;
        seen.add(w.index);
        others.push(w.index);
      }
    }
    // the province a place is in is named close to it (not anywhere in a long article)
    const nearbyWinners = new Set<number>();
    if (ctx2)
      for (let j = Math.max(0, k - W.admin1Window); j <= Math.min(mentions.length - 1, k + W.admin1Window); j++) {
        const w = ctx2.winners[j];
        if (w) nearbyWinners.add(w.index);
      }
    // the kinds (level, and country below level 0) of the other list members' winners, counted
    let listKinds: Map<string, number> | undefined;
    if (ctx2 && listOf[k]! >= 0) {
      listKinds = new Map();
      for (let j = listOf[k]!; j < mentions.length && listOf[j] === listOf[k]; j++) {
        const w = ctx2.winners[j];
        if (j === k || !w || keys[j] === keys[k]) continue;
        const lv = level(gaz.fcode(w.index));
        const kind = lv === 0 ? "0" : `${lv}|${gaz.cc(w.index)}`;
        listKinds.set(kind, (listKinds.get(kind) ?? 0) + 1);
      }
    }
    const out = list.map((c) => {
      const reasons = explain ? [...c.reasons] : c.reasons;
      let s = c.score;
      const cc = gaz.cc(c.index);
      if (total > 1e-9) {
        // smoothed: a handful of mentions do not make an article all about one country
        const share = ((countryW.get(cc) ?? 0) - (mine?.get(cc) ?? 0)) / (total + W.countryShareSmoothing);
        s += W.countryShareWeight * share;
        if (explain && share > 0) reasons.push(`article is ${(share * 100).toFixed(0)}% about ${cc}`);
      }
      if (ctx2) {
        const m = mentions[k]!;
        let nearest = Number.POSITIVE_INFINITY;
        // a country named right before or after ("Chile ... Santiago ... Chile"): the local context
        if (nearCountries[k]!.includes(cc)) {
          s += W.nearCountryWeight;
          if (explain) reasons.push(`${cc} is named close by`);
        }
        // stated containment: "X in Y" / "X, Y" with Y right after X
        const nextM = k + 1 < mentions.length ? mentions[k + 1] : undefined;
        const nextW = ctx2.winners[k + 1];
        // ("Illinois, Missouri" is a list, not containment: X's own best sense is as big as Y)
        const xTop = list[0];
        const isList = xTop !== undefined && nextW !== undefined && level(gaz.fcode(xTop.index)) <= level(gaz.fcode(nextW.index));
        if (nextM && nextW && !isList && nextM.start - m.end >= 0 && nextM.start - m.end <= 4 && nextW.index !== c.index) {
          if (contains(gaz, nextW.index, c.index)) {
            s += W.containmentWeight;
            if (explain) reasons.push(`inside ${gaz.name(nextW.index)} as the text states`);
          }
        }
        // "Washington, D.C.": the name right after, set off by a comma, is this very place
        if (nextM && nextW?.index === c.index && /^,\s*$/.test(ctx.text?.slice(m.end, nextM.start) ?? "")) {
          s += W.containmentWeight;
          if (explain) reasons.push(`${nextM.surface} names it right after`);
        }
        // "Queens, New York", "Greenlane, Auckland": a city right after a smaller place within it
        // is that place's city (not a province of the same name); not inside a list of places
        const prevM = k > 0 ? mentions[k - 1] : undefined;
        const prevW = ctx2.winners[k - 1];
        if (prevM && prevW && listOf[k]! < 0 && m.start - prevM.end >= 0 && m.start - prevM.end <= 4 && prevW.index !== c.index) {
          const fc = gaz.fcode(c.index);
          if (
            fc.startsWith("PPL") &&
            fc !== "PPLX" &&
            gaz.fcode(prevW.index).startsWith("PPL") &&
            gaz.pop(prevW.index) < gaz.pop(c.index) &&
            distanceKm(gaz.lat(c.index), gaz.lon(c.index), gaz.lat(prevW.index), gaz.lon(prevW.index)) <= W.cityContainsKm
          ) {
            s += W.containmentWeight / 2;
            if (explain) reasons.push(`${gaz.name(prevW.index)} is in it, as the text states`);
          }
        }
        const ca1 = gaz.a1(c.index);
        const clat = gaz.lat(c.index);
        const clon = gaz.lon(c.index);
        for (const w of others) {
          if (w === c.index) continue;
          if (ca1 >= 0 && gaz.a1(w) === ca1 && gaz.fcode(w) === "ADM1" && nearbyWinners.has(w)) {
            s += W.admin1Weight;
            if (explain) reasons.push(`in ${gaz.name(w)}, also named`);
          }
          // (the latitude difference alone is a lower bound of the distance: no trigonometry for a
          // place that cannot be the nearest)
          const wlat = gaz.lat(w);
          if (Math.abs(wlat - clat) * KM_PER_DEGREE_LOWER >= nearest) continue;
          const d = distanceKm(clat, clon, wlat, gaz.lon(w));
          if (d < nearest) nearest = d;
        }
        if (listKinds) {
          const lv = level(gaz.fcode(c.index));
          const same = listKinds.get(lv === 0 ? "0" : `${lv}|${cc}`) ?? 0;
          if (same >= 2) {
            s += W.listWeight;
            if (explain) reasons.push(`listed with ${same} places of the same kind`);
          }
        }
        if (Number.isFinite(nearest)) {
          const b = W.proximityWeight * Math.exp(-nearest / W.proximityScaleKm);
          s += b;
          if (explain && b > 0.1) reasons.push(`${Math.round(nearest)} km from another place in the article`);
        }
      }
      return { index: c.index, score: s, reasons };
    });
    out.sort((a, b) => b.score - a.score);
    return out;
  }
}

/** What resolveAll knows about each mention and the article, for the checks after ranking. */
interface ArticleFacts {
  fallbacks: (Fallback | undefined)[];
  names: string[];
  keys: string[];
  plains: (string | undefined)[];
  /** Country weight of the article; each name key's own part of it; the other names' total by key. */
  countryW: Map<string, number>;
  own: Map<string, Map<string, number>>;
  othersOf: (key: string) => number;
}

/**
 * Second-try names and junk names after ranking (see the comments inside): a ranked list that fails
 * becomes its runners-up that pass, or empty. Changes `current` in place.
 */
function dropJunk(gaz: Gazetteer, mentions: MentionInput[], facts: ArticleFacts, current: Scored[][]): void {
  const { fallbacks, names, keys, plains, countryW, own, othersOf } = facts;
  // A second-try name ("West Prince" → "Prince") must land in a country the rest of the article is
  // about, or, in a text with no country evidence at all, be the winner's main name.
  for (let k = 0; k < mentions.length; k++) {
    const w = current[k]![0];
    if (!fallbacks[k] || !w) continue;
    const cc = gaz.cc(w.index);
    const mine = own.get(keys[k]!);
    const others = othersOf(keys[k]!);
    const support = (countryW.get(cc) ?? 0) - (mine?.get(cc) ?? 0);
    const ok = cc === "" || support > 0 || (others <= 0 && gaz.mainKey(w.index) === keys[k]);
    // (emptied by slicing: the same array kind as every other list)
    if (!ok) current[k] = current[k]!.slice(0, 0);
  }
  // A small place found by a name that is not its own as written (another name: 'Whitehall' for
  // Atlanta, 'Salisbury' for Harare; or a folded look-alike: 'Mayedin' for Meeden, 'Safe' for Safi),
  // neither a big city's respelling (Geneva/Genève) nor the start of its name ('Marburg'), counts only
  // in the country the article is most about, near another of its places or in a province it names
  // (a country named in passing, 'US-backed', is not enough: 'al-Roj' is not Roy, Utah), and never
  // for a lone word with no locative context ('Future' for Fort Lee, 'Far' for Pharr): the
  // runners-up take its place, or none.
  let topCc = "";
  for (const [c, v] of countryW) if (v > (countryW.get(topCc) ?? 0)) topCc = c;
  // the other mentions' town-level winners, each once (feature index → the name keys it won for)
  const placed = new Map<number, Set<string>>();
  current.forEach((l, j) => {
    const w = l[0];
    if (!w) return;
    const fc = gaz.fcode(w.index);
    if (fc.startsWith("PCL") || LARGE.has(fc)) return;
    const ks = placed.get(w.index) ?? new Set<string>();
    ks.add(keys[j]!);
    placed.set(w.index, ks);
  });
  const nearOther = (k: number, i: number): boolean => {
    for (const [w, ks] of placed) {
      if (w === i || (ks.size === 1 && ks.has(keys[k]!))) continue;
      // (or its province: "Paris, Texas")
      if (gaz.fcode(w).startsWith("ADM") && contains(gaz, w, i)) return true;
      const wlat = gaz.lat(w);
      if (Math.abs(wlat - gaz.lat(i)) * KM_PER_DEGREE_LOWER > W.proximityScaleKm) continue; // (farther in latitude alone)
      if (distanceKm(gaz.lat(i), gaz.lon(i), wlat, gaz.lon(w)) <= W.proximityScaleKm) return true;
    }
    return false;
  };
  // the mention being checked (set in the loop below; the checks are made once, not per mention)
  let k = 0;
  let mine: Map<string, number> | undefined;
  let weak = false;
  let spelt = "";
  let speltThenSpace = " ";
  const supported = (i: number) => (countryW.get(gaz.cc(i)) ?? 0) - (mine?.get(gaz.cc(i)) ?? 0) > 0;
  const keep = (c: Scored): boolean => {
      if (sovereignNames(gaz.fcode(c.index))) return true;
      const sk = spellingOfName(gaz, c.index);
      if (sk === spelt || sk.startsWith(speltThenSpace)) {
        // its own name; as a lone word with no locative context a small town ('Liberal', 'Opal',
        // 'Clinton' in a story that names the US in passing) still needs the article's main
        // country or another of its places nearby
        // and a village or small town in a country nothing else in the article points to is not
        // where the story is, even by its own name ('al-Nuri' mosque is not Nurri, Sardinia)
        const town = gaz.fcode(c.index).startsWith("PPL");
        if (town && gaz.pop(c.index) < W.unsupportedTownPopulation && !supported(c.index)) return false;
        if (!weak || gaz.pop(c.index) >= W.exonymPopulation || !town) return true;
        return gaz.cc(c.index) === topCc || nearOther(k, c.index);
      }
      if (bigCityRespelled(gaz, c.index, (plains[k] ??= lightName(names[k]!)))) return true;
      if (weak && gaz.pop(c.index) < W.exonymPopulation) return false;
      const cc = gaz.cc(c.index);
      if ((countryW.get(cc) ?? 0) - (mine?.get(cc) ?? 0) <= 0) return false;
      // (a province's other name, 'NY', needs only its country in the article)
      return gaz.fcode(c.index).startsWith("ADM1") || cc === topCc || nearOther(k, c.index);
  };
  for (k = 0; k < mentions.length; k++) {
    const list = current[k]!;
    if (fallbacks[k] || mentions[k]!.forced || list.length === 0) continue;
    mine = own.get(keys[k]!);
    const others = othersOf(keys[k]!);
    weak = mentions[k]!.weak === true;
    if (others <= 0 && !weak) continue;
    spelt = spellingKey(names[k]!);
    speltThenSpace = `${spelt} `;
    // (a winner that passes keeps its runners-up as they are: they only inform the confidence)
    if (!keep(list[0]!)) {
      const kept = list.slice(0, 0);
      for (const c of list) if (keep(c)) kept.push(c);
      current[k] = kept;
    }
  }
}

/** Is `plain` (a lightName) a big city's own name respelled near the end ("geneva" for Genève)? */
function bigCityRespelled(gaz: Gazetteer, i: number, plain: string): boolean {
  return gaz.pop(i) >= W.exonymPopulation && gaz.fcode(i).startsWith("PPL") && sameNameRespelled(plainOfName(gaz, i), plain);
}

/** `form` of a feature's main name, remembered per gazetteer by feature index (bounded). */
function mainNameMemo(form: (name: string) => string): (gaz: Gazetteer, i: number) => string {
  const memos = new WeakMap<Gazetteer, Map<number, string>>();
  return (gaz, i) => {
    let m = memos.get(gaz);
    if (!m) {
      m = new Map();
      memos.set(gaz, m);
    }
    let v = m.get(i);
    if (v === undefined) {
      if (m.size >= 50_000) m.clear();
      v = form(gaz.name(i));
      m.set(i, v);
    }
    return v;
  };
}

// spellingKey of a feature's main name
const spellingOfName = mainNameMemo(spellingKey);

/** Is `full` the name `short` followed by more words ("new york city" after "new york")? */
function longerName(full: string, short: string): boolean {
  return full.length > short.length + 1 && full.charCodeAt(short.length) === 32 && full.startsWith(short);
}

/**
 * The plain name with doubled letters single: "Odessa" and "Odesa" are one spelling, "Hainan" and
 * "Henan" two (nameKey folds both pairs together).
 */
export function lightName(s: string): string {
  return lightMemo.get(s);
}
// (letters doubled as written, not ones that meet when an apostrophe goes: "A'ana" is not "Anna")
const lightMemo = new BoundedMemo((s) => plainName(s.replace(/(\p{L})\1+/gu, "$1")), 50_000);

/** Two light names that differ only near the end ("geneve" / "geneva"): one name, respelled. */
function sameNameRespelled(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const need = Math.max(4, Math.ceil(0.6 * Math.max(a.length, b.length)));
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n >= need;
}

// light form (lightName) of a feature's main name
const plainOfName = mainNameMemo(lightName);

/** Administrative level: 0 country, 1 province, 2 district, 3 anything smaller. */
function level(fc: string): number {
  if (fc.startsWith("PCL") || fc === "CONT") return 0;
  if (fc === "ADM1" || fc === "ADM1H" || fc === "RGN") return 1;
  if (fc === "ADM2") return 2;
  return 3;
}

function top(list: Scored[], except?: number): Scored | undefined {
  let best: Scored | undefined;
  for (const c of list) if (c.index !== except && (!best || c.score > best.score)) best = c;
  return best;
}

/** Does feature `outer` (a country, province or city) contain feature `inner`? */
function contains(gaz: Gazetteer, outer: number, inner: number): boolean {
  const fo = gaz.fcode(outer);
  if (gaz.cc(outer) !== gaz.cc(inner)) return false;
  if (fo.startsWith("PCL")) return true;
  if (fo === "ADM1") return gaz.a1(outer) === gaz.a1(inner);
  if (fo === "ADM2") return distanceKm(gaz.lat(outer), gaz.lon(outer), gaz.lat(inner), gaz.lon(inner)) < 80;
  return false;
}
