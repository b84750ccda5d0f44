// Toponym resolution: each mention's gazetteer candidates are ranked by population and
// feature type (the prior), the kind of place the text says it is ("X province"), the countries
// the article is about, stated containment ("al-Shadadi in Hasaka province"), and distance to
// the article's other places. Two passes: the second sees the first pass's winners.
import { distanceKm, distanceKmCos, latCos } from "./distance.js";
import type { Gazetteer, SurfaceLook } from "./gazetteer.js";
import { BoundedMemo } from "./memo.js";
import W from "./model/ranking.json" with { type: "json" };
import S from "./model/stoplist.json" with { type: "json" };
import V from "./model/variants.json" with { type: "json" };
import { isArticleWord, nameKey, plainName, spellingKey } from "./normalize.js";
import { objectList } from "../types/object-list.js";
import { type Fallback, fallbackName } from "./variants.js";

export interface MentionInput {
  start: number;
  end: number;
  surface: string;
  /**
   * The gazetteer's look of the surface, when the recognizer has it: its key (nameKey), candidates,
   * light name and spelling key are read from it, made once per surface in the process.
   */
  look?: SurfaceLook;
  /** Feature-code prefixes the surrounding words favour ("province" → ADM1). */
  cues?: string[];
  /** A lone word with no locative context ("Obama", "Once"): kept only if the article supports it. */
  weak?: boolean;
  /** Candidates fixed by the phrase itself ("the Kazakh capital" → Astana). */
  forced?: number[];
}

/** A candidate feature with its score (and, with `explain`, the reasons for it). */
export class Scored {
  index: number;
  score: number;
  reasons: string[];
  constructor(index: number, score: number, reasons: string[]) {
    this.index = index;
    this.score = score;
    this.reasons = reasons;
  }
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
// "Washington, D.C.": only a comma between a name and the next
const COMMA_GAP = /^,\s*$/;
const IN_AFTER_COMMA = /^,\s+in\s+$/;
// "X, Y", "X in Y", "X, in Y": the text puts X in Y
const STATED_IN = /^(?:,\s*|,?\s+in\s+)$/;
// "Piccadilly station in Manchester", "Tahrir Square in Cairo": a word for a part of a city, then "in"
const PART_GAP_MAX = 6 + Math.max(...W.cityPartWords.map((w) => w.length));
const PART_IN_TOWN = new RegExp(`^(?:\\s+(?:${W.cityPartWords.join("|")}))?\\s+in\\s+$`, "i");
// features that are parts of a city: streets, squares, buildings, sections, bases and airports
const CITY_PARTS = new Set(["ST", "SQR", "BLDG", "PPLX", "MILB", "AIRP", "AIRB", "CMPRF"]);

// words that, capitalised before a name, do not make it a family name (common words, titles, determiners,
// the first words of place names: 'Tell', 'Wadi', 'San')
const NOT_GIVEN_NAMES = new Set<string>([...S.words, ...S.titles, ...S.determiners, ...S.prepositions, ...W.placeHeadWords]);

/**
 * The first of a ranked list, undefined when it is empty (the length is checked, not read past: a
 * read past the end of a list that no earlier text had left empty threw the optimised ranking steps away).
 */
export function topOf(list: readonly Scored[]): Scored | undefined {
  return list.length > 0 ? list[0] : undefined;
}

/** Is mention k right after a capitalised word that may be a given name ('Neil Basu'), not the end of another mention? */
function afterGivenName(a: Article, k: number): boolean {
  const text = a.text;
  const start = a.starts[k]!;
  // (a space, or the hyphen of a double-barrelled family name: 'Russell-Moyle', 'Ocasio-Cortez')
  // (the character before is read only when there is one: a read before the text's start threw the
  // optimised code away)
  if (start < 3) return false;
  const sep = text.charCodeAt(start - 1);
  if (sep !== 32 && sep !== 45) return false;
  // (scanned back by character code: a word of lower-case letters after its first, ASCII or not)
  let i = start - 1;
  while (i > 0 && isLowerLetter(text, i - 1)) i--;
  if (i === start - 1 || i === 0) return false;
  const first = text.charCodeAt(i - 1);
  if (!(first >= 65 && first <= 90) && !(first >= 0xc0 && /\p{Lu}/u.test(text[i - 1]!))) return false;
  i--;
  if (i > 0 && isLetter(text.charCodeAt(i - 1))) return false;
  if (NOT_GIVEN_NAMES.has(text.slice(i, start - 1).toLowerCase())) return false;
  return !(k > 0 && a.ends[k - 1]! >= i);
}

function isLowerLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 97 && c <= 122) || (c >= 0xc0 && /\p{Ll}/u.test(text[i]!));
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
}

/** A town or city (not a section of one). */
function isTown(fc: string): boolean {
  return fc.startsWith("PPL") && fc !== "PPLX";
}
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

/** ACLED geo-precision of a feature code (looked up by prefix once per code). */
export function precisionOf(fcode: string): 1 | 2 | 3 {
  let p = precisionMemo.get(fcode);
  if (p === undefined) {
    p = byPrefix(W.precision as Record<string, 1 | 2 | 3>, fcode) ?? 1;
    precisionMemo.set(fcode, p);
  }
  return p;
}
const precisionMemo = new Map<string, 1 | 2 | 3>();

/**
 * Resolves all mentions of one document together.
 * @example resolveAll(gaz, [{ start: 0, end: 6, surface: "Raqqa" }])[0].ranked[0] // the Syrian city
 */
export function resolveAll(gaz: Gazetteer, mentions: MentionInput[], ctx: ResolveContext = {}): Resolution[] {
  // (the steps are top-level functions over one Article object, with no closure made per call or per
  // mention, and every list of one array kind: V8 optimises each step once and keeps that code, where
  // one long function with nested closures was re-optimised for many passes, at 17k-41k mentions/CPU-s)
  const a = new Article(gaz, mentions, ctx);
  // (a mention that repeats a name as written, with the same cues, shares its first mention's prior
  // list, read only: the look-ups it depends on are that mention's already)
  for (let k = 0; k < a.n; k++) {
    const j = a.repeats[k]!;
    if (j >= 0 && sameCues(a.cuesOf[j], a.cuesOf[k])) a.prior.push(a.prior[j]!);
    else a.prior.push(priorScores(gaz, a, k));
  }
  countryShares(gaz, a, ctx.countryHints);
  findLists(a);
  findNearCountries(gaz, a);
  findSameKeys(a);

  let current: Scored[][] = [];
  // (when a context pass follows, the first pass gives only its winners: countriesWinner, no ranked list)
  const firstWinners: (Scored | undefined)[] = [];
  if (W.contextPasses === 0) for (let k = 0; k < a.n; k++) current.push(rescore(gaz, a, k, null));
  else for (let k = 0; k < a.n; k++) firstWinners.push(countriesWinner(gaz, a, k));
  for (let pass = 0; pass < W.contextPasses; pass++) {
    let winners = firstWinners;
    if (pass > 0) {
      winners = [];
      for (let k = 0; k < a.n; k++) winners.push(topOf(current[k]!));
    }
    townWinners(gaz, a, winners);
    const next: Scored[][] = [];
    for (let k = 0; k < a.n; k++) next.push(rescore(gaz, a, k, winners));
    current = next;
  }
  oneSensePerName(a, current);
  dropJunk(gaz, a, current);
  const out: Resolution[] = [];
  // (every resolution of one shape: `part` always set)
  for (let k = 0; k < a.n; k++) out.push({ mention: mentions[k]!, ranked: current[k]!, part: a.fallbacks[k]?.part === true });
  return out;
}

/** Are two mentions' cue lists the same cues (none, or equal lists)? */
function sameCues(x: string[] | undefined, y: string[] | undefined): boolean {
  if (x === y) return true;
  if (x === undefined || y === undefined || x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** An empty list of candidates already of the array kind that holds objects (see resolveAll). */
function emptyList(): Scored[] {
  return objectList(EMPTY_SCORED);
}
const EMPTY_SCORED = new Scored(-1, 0, NO_REASONS);

function byScoreDesc(x: Scored, y: Scored): number {
  return y.score - x.score;
}

/** What resolveAll knows about each mention (columns by mention number) and the article. */
class Article {
  readonly n: number;
  readonly explain: boolean;
  /** The document text the mention offsets refer to, or "" when not given. */
  readonly text: string;
  readonly hasText: boolean;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly weak: Uint8Array;
  readonly forced: Uint8Array;
  readonly surfaces: string[] = [];
  /** The first mention of the same name as written whose look-ups mention k shares, else -1. */
  readonly repeats: Int32Array;
  /** Second tries for a name no entry has ("North Dallas", "Swat Valley": variants.ts). */
  readonly fallbacks: (Fallback | undefined)[] = [];
  readonly cands: (readonly number[])[] = [];
  /**
   * The name looked up (a fallback's name, or the surface), its nameKey, and its lightName and spellingKey
   * once asked (plain, spelt: a repeated name's are kept at its first mention).
   */
  readonly names: string[] = [];
  readonly keys: string[] = [];
  /** the recognizer's look of the name (undefined: none, or the name is not the surface) */
  readonly looks: (SurfaceLook | undefined)[] = [];
  readonly plains: (string | undefined)[] = [];
  readonly spelts: (string | undefined)[] = [];
  readonly cuesOf: (string[] | undefined)[] = [];
  /** Prior-ranked candidates, best first. */
  readonly prior: Scored[][] = [];
  /** Country weight of the article; each name key's own part of it; the other names' total by key. */
  readonly countryW = new Map<string, number>();
  readonly own = new Map<string, Map<string, number>>();
  private readonly othersMemo = new Map<string, number>();
  /** The first mention of the list a mention is in (-1: none). */
  readonly listOf: Int32Array;
  /** Countries named within a few mentions and nearCountryChars characters. */
  readonly nearCountries: string[][] = [];
  /** The other mentions of each mention's name (same key). */
  readonly sameKey: number[][] = [];
  /** A number for each mention's name key (equal numbers: equal keys). */
  readonly keyIds: Int32Array;
  /** In a context pass, each mention's winner when it is a town or smaller (not a country or large feature), else -1. */
  readonly townW: Int32Array;
  /** The winner of each mention when the text states where it is ("Austin, in Scott County, Indiana"), else -1. */
  readonly stated: Int32Array;

  constructor(gaz: Gazetteer, mentions: MentionInput[], ctx: ResolveContext) {
    const n = mentions.length;
    this.n = n;
    this.explain = ctx.explain === true;
    this.hasText = ctx.text !== undefined;
    this.text = ctx.text ?? "";
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.weak = new Uint8Array(n);
    this.forced = new Uint8Array(n);
    this.listOf = new Int32Array(n).fill(-1);
    this.stated = new Int32Array(n).fill(-1);
    this.repeats = new Int32Array(n).fill(-1);
    this.keyIds = new Int32Array(n);
    this.townW = new Int32Array(n).fill(-1);
    // the first mention of each name looked up as written: an article names its places again and
    // again (37 mentions of 15 names in a Guardian article), and the look-ups depend on the name alone
    const firstOf = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const m = mentions[k]!;
      this.starts[k] = m.start;
      this.surfaces.push(m.surface);
      this.ends[k] = m.end;
      this.weak[k] = m.weak === true ? 1 : 0;
      let c: readonly number[];
      let fb: Fallback | undefined;
      const elided = m.forced || k + 1 >= n || !this.hasText ? undefined : elidedName(gaz, this.text, m, mentions[k + 1]!);
      const same = m.forced || elided !== undefined ? undefined : firstOf.get(m.surface);
      if (same !== undefined) {
        this.repeats[k] = same;
        this.fallbacks.push(this.fallbacks[same]);
        this.cands.push(this.cands[same]!);
        this.names.push(this.names[same]!);
        this.keys.push(this.keys[same]!);
        this.looks.push(this.looks[same]);
        this.plains.push(undefined);
        this.spelts.push(undefined);
        this.cuesOf.push(this.fallbacks[same]?.cues ?? m.cues);
        continue;
      }
      if (!m.forced && elided === undefined) firstOf.set(m.surface, k);
      if (m.forced) {
        this.forced[k] = 1;
        c = m.forced;
      } else if (elided !== undefined) {
        c = gaz.candidates(elided).slice(0, W.maxCandidates);
      } else {
        c = m.look === undefined ? gaz.candidates(m.surface) : gaz.candidatesOf(m.surface, m.look);
        if (c.length > 0) c = c.slice(0, W.maxCandidates);
        else {
          fb = fallbackName(gaz, m.surface);
          c = fb?.candidates.slice(0, W.maxCandidates) ?? [];
        }
      }
      this.fallbacks.push(fb);
      this.cands.push(c);
      const name = fb?.name ?? elided ?? m.surface;
      this.names.push(name);
      const look = name === m.surface ? m.look : undefined;
      this.looks.push(look);
      this.keys.push(look === undefined ? nameKey(name) : look.key);
      this.plains.push(undefined);
      this.spelts.push(undefined);
      this.cuesOf.push(fb?.cues ?? m.cues);
    }
  }

  /** The light name of mention k's name (asked for rarely: made on first use). */
  plain(k: number): string {
    // (a repeated name's is its first mention's: one look-up per name)
    const first = this.repeats[k]! >= 0 ? this.repeats[k]! : k;
    let p = this.plains[first];
    if (p === undefined) {
      const look = this.looks[first];
      p = look === undefined ? lightName(this.names[first]!) : lightOfLook(this.names[first]!, look);
      this.plains[first] = p;
    }
    return p;
  }

  /** The spellingKey of mention k's name (made once per name). */
  spelt(k: number): string {
    const first = this.repeats[k]! >= 0 ? this.repeats[k]! : k;
    let v = this.spelts[first];
    if (v === undefined) {
      const look = this.looks[first];
      if (look === undefined) v = spellingKey(this.names[first]!);
      else {
        v = look.spelt;
        if (v === undefined) {
          v = spellingKey(this.names[first]!);
          look.spelt = v;
        }
      }
      this.spelts[first] = v;
    }
    return v;
  }

  /** The country weight of the other names, all countries together (summed once per name key). */
  othersOf(key: string): number {
    let others = this.othersMemo.get(key);
    if (others === undefined) {
      const mine = this.own.get(key);
      others = 0;
      for (const [c, v] of this.countryW) others += v - (mine?.get(c) ?? 0);
      this.othersMemo.set(key, others);
    }
    return others;
  }

  addCountry(cc: string, w: number): void {
    this.countryW.set(cc, (this.countryW.get(cc) ?? 0) + w);
  }
}

/**
 * "Central and South America", "North and South Korea": a qualifier alone, joined by "and" / "or" to
 * the next name, which starts with another qualifier, shares that name's head ("Central America"),
 * when the gazetteer has the name so made. Undefined otherwise.
 */
function elidedName(gaz: Gazetteer, text: string, m: MentionInput, next: MentionInput): string | undefined {
  if (m.surface.indexOf(" ") >= 0 || !QUALIFIERS.has(m.surface.toLowerCase())) return undefined;
  if (next.start <= m.end || !ELLIPSIS_GAP.test(text.slice(m.end, next.start))) return undefined;
  const sp = next.surface.indexOf(" ");
  if (sp < 0 || !QUALIFIERS.has(next.surface.slice(0, sp).toLowerCase())) return undefined;
  const name = `${m.surface}${next.surface.slice(sp)}`;
  return gaz.candidates(name).length > 0 ? name : undefined;
}
// the leading qualifiers of variants.ts ("north", "central", "upper") and the words that join two names
const QUALIFIERS = new Set<string>(V.leading);
const ELLIPSIS_GAP = /^\s+(?:and|or)\s+$/;

/** Does `fc` start with one of the prefixes? */
function startsWithAny(fc: string, prefixes: string[]): boolean {
  for (const p of prefixes) if (fc.startsWith(p)) return true;
  return false;
}

const EXACT_NAME_BONUS: number = W.exactNameBonus;

/** Prior scores of mention k's candidates (population, feature type, exact name, cues, seat-city rule), the best few. */
function priorScores(gaz: Gazetteer, a: Article, k: number): Scored[] {
  const list = a.cands[k]!;
  const key = a.keys[k]!;
  const cues = a.cuesOf[k];
  const explain = a.explain;
  // positions in `out` of the candidates whose main name matches, and whether those names differ
  const mainAt: number[] = [];
  let firstMainName: string | undefined;
  let mainNamesDiffer = false;
  // a national capital of exonymPopulation named exactly as written (capitalOverProvince), or -1
  let capital = -1;
  const out = emptyList();
  for (let x = 0; x < list.length; x++) {
    const i = list[x]!;
    const fc = gaz.fcode(i);
    const reasons: string[] = explain ? [] : NO_REASONS;
    // GeoNames' 0 means "not known": an admin seat is given its kind's typical size, not none
    const pop = gaz.pop(i) || (UNKNOWN_POP[fc] ?? 0);
    const lp = Math.log10(pop + 10);
    let s = lp;
    // (a section of a city as populous as a city, Hollywood, Brooklyn, ranks as a city, not as a neighbourhood)
    const tb = fc === "PPLX" && gaz.pop(i) >= W.exonymPopulation ? 0 : typeBonus(fc);
    s += tb;
    if (explain) reasons.push(`prior log10(pop)=${lp.toFixed(2)}`, `type ${fc} ${tb >= 0 ? "+" : ""}${tb}`);
    // (the name bonus is added in one place, whichever way the name matched: V8 optimises the
    // addition once, where one in the rare branch alone had not run yet when first optimised)
    let nameBonus = 0;
    if (gaz.mainKey(i) === key) {
      nameBonus = EXACT_NAME_BONUS;
      if (explain) reasons.push("main name matches");
      if (fc === "PPLC" && capital < 0 && gaz.pop(i) >= W.exonymPopulation) capital = i;
      mainAt.push(out.length);
      if (firstMainName === undefined) firstMainName = gaz.name(i);
      else if (gaz.name(i) !== firstMainName) mainNamesDiffer = true;
    } else if (gaz.pop(i) >= W.exonymPopulation && fc.startsWith("PPL")) {
      // a city this big is known abroad by other spellings of its name ("Geneva" for Genève, not
      // "Victoria" for Hong Kong): they count as its name
      if (bigCityRespelled(gaz, i, a.plain(k))) {
        nameBonus = EXACT_NAME_BONUS;
        if (explain) reasons.push("a big city's name in another spelling");
      }
    }
    s += nameBonus;
    if (cues !== undefined && cues.length > 0) {
      if (startsWithAny(fc, cues)) {
        s += W.cueWeight;
        if (explain) reasons.push(`text says ${cues.join("/")}`);
      } else s -= W.cueWeight / 2;
    }
    out.push(new Scored(i, s, reasons));
  }
  // Two places whose main names fold to the same key ("Hainan", "Henan"): the spelling written
  // wins (looked at only when the main names are not all one string)
  if (mainNamesDiffer) {
    const plain = a.plain(k);
    let spelled = 0;
    for (const x of mainAt) if (plainOfName(gaz, out[x]!.index) === plain) spelled++;
    if (spelled < mainAt.length)
      for (const x of mainAt) {
        const c = out[x]!;
        if (plainOfName(gaz, c.index) !== plain) continue;
        c.score += W.sameSpellingBonus;
        if (explain) c.reasons.push("spelled as written, unlike another candidate");
      }
  }
  // A province named after its dominant city ("Homs", "Deir ez-Zor"): the name means the city,
  // unless the city goes by a longer name and the province by this one ("New York City", "New York").
  const favoursAdmin = cues !== undefined && cuesFavourAdmin(cues);
  if (!favoursAdmin)
    for (const c of out) {
      if (!gaz.fcode(c.index).startsWith("ADM")) continue;
      const seat = seatCity(gaz, out, c.index, gaz.mainKey(c.index) === key, key);
      if (seat >= 0) {
        c.score -= W.seatCityPenalty;
        if (explain) c.reasons.push(`the city ${gaz.name(seat)} carries the name`);
      }
    }
  // A country's capital and a province elsewhere with its name (Washington, D.C. and Washington
  // state): with nothing else said, news means the capital — the seat of the government its name
  // stands for ('Washington warned Moscow'); the article's other places can still pull to the province
  if (!favoursAdmin && capital >= 0) capitalOverProvince(gaz, out, key, capital, explain);
  // only the best few go on to the context passes
  out.sort(byScoreDesc);
  return out.slice(0, W.keepAfterPrior);
}

/** The national capital (of exonymPopulation, named exactly as written) lowers a province of the same name elsewhere (capitalProvincePenalty). */
function capitalOverProvince(gaz: Gazetteer, out: Scored[], key: string, capital: number, explain: boolean): void {
  for (const c of out) {
    const i = c.index;
    if (gaz.fcode(i) !== "ADM1" || gaz.mainKey(i) !== key || gaz.a1(i) === gaz.a1(capital)) continue;
    c.score -= W.capitalProvincePenalty;
    if (explain) c.reasons.push(`the capital ${gaz.name(capital)} carries the name`);
  }
}

/** Does one of the cues name an administrative unit ("province" → ADM1)? */
function cuesFavourAdmin(cues: string[]): boolean {
  for (const c of cues) if (c.startsWith("ADM")) return true;
  return false;
}

/** The first town among the candidates that carries the province's name (its seat), or -1. */
function seatCity(gaz: Gazetteer, out: Scored[], admin: number, adminNamed: boolean, key: string): number {
  for (const c of out) {
    const t = c.index;
    if (!gaz.fcode(t).startsWith("PPL")) continue;
    if (
      !(adminNamed && longerName(gaz.mainKey(t), key)) &&
      gaz.a1(t) === gaz.a1(admin) &&
      gaz.cc(t) === gaz.cc(admin) &&
      gaz.pop(t) >= W.seatCityRatio * gaz.pop(admin)
    )
      return t;
  }
  return -1;
}

/** Country shares: from each mention's best prior candidate, plus hints (demonyms). */
function countryShares(gaz: Gazetteer, a: Article, hints: Map<string, number> | undefined): void {
  if (hints) for (const [cc, w] of hints) a.addCountry(cc, w);
  // each name's own contribution, left out when scoring that name (no self-support)
  for (let k = 0; k < a.n; k++) {
    const list = a.prior[k]!;
    const best = top(list, -1);
    if (!best) continue;
    const second = top(list, best.index);
    const clear = !second || best.score - second.score > 1.5;
    const cc = gaz.cc(best.index);
    const w = gaz.fcode(best.index).startsWith("PCL") ? 2 : clear ? 1 : 0.4;
    a.addCountry(cc, w);
    const key = a.keys[k]!;
    let o = a.own.get(key);
    if (!o) {
      o = new Map<string, number>();
      a.own.set(key, o);
    }
    o.set(cc, (o.get(cc) ?? 0) + w);
  }
}

/**
 * Lists: three or more mentions joined by commas / "and" / "or" name places of one kind
 * ("British Columbia, Alberta, Manitoba, Ontario and New Brunswick" are all provinces).
 */
function findLists(a: Article): void {
  if (!a.hasText) return;
  let from = 0;
  for (let k = 1; k <= a.n; k++) {
    const gap = k < a.n ? a.starts[k]! - a.ends[k - 1]! : -1;
    const joined = gap >= 1 && gap <= 8 && LIST_GAP.test(a.text.slice(a.ends[k - 1]!, a.starts[k]!));
    if (joined) continue;
    if (k - from >= 3) for (let j = from; j < k; j++) a.listOf[j] = from;
    from = k;
  }
}

/** Countries named within a few mentions and NEAR_COUNTRY_CHARS characters of each mention. */
function findNearCountries(gaz: Gazetteer, a: Article): void {
  for (let k = 0; k < a.n; k++) {
    const out: string[] = [];
    for (let j = Math.max(0, k - 2); j <= Math.min(a.n - 1, k + 2); j++) {
      if (j === k || a.keys[j] === a.keys[k]) continue;
      const gap = a.starts[j]! >= a.ends[k]! ? a.starts[j]! - a.ends[k]! : a.starts[k]! - a.ends[j]!;
      const best = top(a.prior[j]!, -1);
      if (gap > W.nearCountryChars || !best || !gaz.fcode(best.index).startsWith("PCL")) continue;
      const cc = gaz.cc(best.index);
      if (!out.includes(cc)) out.push(cc);
    }
    a.nearCountries.push(out);
  }
}

/** The other mentions of each mention's name (same key). */
function findSameKeys(a: Article): void {
  const byKey = new Map<string, number[]>();
  for (let k = 0; k < a.n; k++) {
    const l = byKey.get(a.keys[k]!);
    if (l) {
      l.push(k);
      a.keyIds[k] = a.keyIds[l[0]!]!;
    } else {
      byKey.set(a.keys[k]!, [k]);
      a.keyIds[k] = byKey.size;
    }
  }
  for (let k = 0; k < a.n; k++) {
    const l = byKey.get(a.keys[k]!)!;
    if (l.length === 1) {
      a.sameKey.push(NO_MENTIONS);
      continue;
    }
    const others: number[] = [];
    for (const j of l) if (j !== k) others.push(j);
    a.sameKey.push(others);
  }
}

/** Is feature `w` the winner of a mention within admin1Window mentions of mention k? */
function wonNearby(winners: (Scored | undefined)[], k: number, w: number): boolean {
  const to = Math.min(winners.length - 1, k + W.admin1Window);
  for (let j = Math.max(0, k - W.admin1Window); j <= to; j++) if (winners[j]?.index === w) return true;
  return false;
}

/**
 * Mention k's prior candidates rescored with the article: country shares, and with the other
 * mentions' current winners, the places named close by, stated containment, lists and distance.
 */
function rescore(gaz: Gazetteer, a: Article, k: number, winners: (Scored | undefined)[] | null): Scored[] {
  // (each term is a small step of its own, over one Around object and the score so far, added in
  // the same order as ever: V8 re-optimises a small step when a term's rare case first runs, where
  // the one long function was optimised four times over in a fresh process)
  return winners === null ? countriesOnly(gaz, a, k) : inContext(gaz, a, k, winners);
}

// the context weights as module constants (read without a property lookup that may not have run yet)
const COUNTRY_SHARE_WEIGHT: number = W.countryShareWeight;
const COUNTRY_SHARE_SMOOTHING: number = W.countryShareSmoothing;
const NEAR_COUNTRY_WEIGHT: number = W.nearCountryWeight;
const CONTAINMENT_WEIGHT: number = W.containmentWeight;
const ADMIN1_WEIGHT: number = W.admin1Weight;
const LIST_WEIGHT: number = W.listWeight;
const PROXIMITY_WEIGHT: number = W.proximityWeight;
const PROXIMITY_SCALE_KM: number = W.proximityScaleKm;
const CONTEXT_WINDOW: number = W.contextWindow;

/** What mention k's rescoring knows of the other mentions' winners in one context pass. */
class Around {
  /** Distinct town-level winners (features) of the neighbouring mentions of other names. */
  readonly others: number[] = [];
  /** The kinds (level, and country below level 0) of the other list members' winners, counted (undefined: not in a list). */
  listKinds: Map<string, number> | undefined = undefined;
  /** The winners of the mentions right after and before, and the characters between. */
  nextW: Scored | undefined = undefined;
  nextGap = -1;
  prevW: Scored | undefined = undefined;
  prevGap = -1;
  /** "Illinois, Missouri": the next name makes a list with this one, not a container. */
  isList = false;
  /** "Austin, in Scott County": containment set off by a comma. */
  inAfterComma = false;
  /** The candidate the text places by containment ("X in Y", "X, Y", "Queens, New York"), or -1. */
  placed = -1;
}

/** A candidate's reasons to add to (a copy with `explain`, else the shared empty list). */
function reasonsOf(a: Article, c: Scored): string[] {
  return a.explain ? c.reasons.slice() : c.reasons;
}

/** The first pass: the prior candidates with the article's country shares only. */
function countriesOnly(gaz: Gazetteer, a: Article, k: number): Scored[] {
  const key = a.keys[k]!;
  const mine = a.own.get(key);
  const total = a.othersOf(key);
  const out = emptyList();
  for (const c of a.prior[k]!) {
    const reasons = reasonsOf(a, c);
    out.push(new Scored(c.index, countryTerm(a, gaz.cc(c.index), mine, total, c.score, reasons), reasons));
  }
  out.sort(byScoreDesc);
  a.stated[k] = -1;
  return out;
}

/**
 * The first place countriesOnly would rank (the first of the best-scored in prior order, as its stable
 * sort puts first), without the ranked list: what a context pass after it reads. Undefined: no candidates.
 */
function countriesWinner(gaz: Gazetteer, a: Article, k: number): Scored | undefined {
  const key = a.keys[k]!;
  const mine = a.own.get(key);
  const total = a.othersOf(key);
  let best = -1;
  let bestScore = 0;
  for (const c of a.prior[k]!) {
    const s = countryTerm(a, gaz.cc(c.index), mine, total, c.score, reasonsOf(a, c));
    if (best < 0 || s > bestScore) {
      best = c.index;
      bestScore = s;
    }
  }
  a.stated[k] = -1;
  return best < 0 ? undefined : new Scored(best, bestScore, NO_REASONS);
}

/** A context pass: every term, with the other mentions' winners of the pass before. */
function inContext(gaz: Gazetteer, a: Article, k: number, winners: (Scored | undefined)[]): Scored[] {
  const key = a.keys[k]!;
  const mine = a.own.get(key);
  const total = a.othersOf(key);
  const around = new Around();
  nearWinners(a, k, winners, around);
  otherPoints(gaz, around.others);
  if (a.listOf[k]! >= 0) around.listKinds = listKindsOf(gaz, a, k, winners);
  neighbours(gaz, a, k, winners, around);
  const out = emptyList();
  for (const c of a.prior[k]!) {
    const reasons = reasonsOf(a, c);
    const i = c.index;
    const cc = gaz.cc(i);
    let s = countryTerm(a, cc, mine, total, c.score, reasons);
    s = nearCountryTerm(a, k, cc, s, reasons);
    s = statedInNext(gaz, a, k, i, around, s, reasons);
    s = namedRightAfter(a, k, i, around, s, reasons);
    s = cityAfterPlace(gaz, a, k, i, around, s, reasons);
    s = admin1Terms(gaz, a, k, i, around, winners, s, reasons);
    s = listTerm(gaz, a, i, cc, around, s, reasons);
    s = proximityTerm(gaz, a, i, around, s, reasons);
    out.push(new Scored(i, s, reasons));
  }
  out.sort(byScoreDesc);
  const placed = around.placed;
  a.stated[k] = placed >= 0 && out[0]!.index === placed ? placed : -1;
  return out;
}

/** Each mention's winner of the pass when it is a town or smaller (not a country or large feature), else -1 (into a.townW). */
function townWinners(gaz: Gazetteer, a: Article, winners: (Scored | undefined)[]): void {
  for (let j = 0; j < a.n; j++) {
    const w = winners[j];
    let t = -1;
    if (w) {
      const wf = gaz.fcode(w.index);
      if (!(wf.startsWith("PCL") || LARGE.has(wf))) t = w.index;
    }
    a.townW[j] = t;
  }
}

/** The other names' winners close by that are towns or smaller (not countries or large features), once each. */
function nearWinners(a: Article, k: number, winners: (Scored | undefined)[], around: Around): void {
  // the neighbouring mentions only (long documents drift from place to place)
  // (each winner's kind was asked once for the pass: townWinners)
  const kid = a.keyIds[k]!;
  const others = around.others;
  const from = Math.max(0, k - CONTEXT_WINDOW);
  const to = Math.min(winners.length, k + CONTEXT_WINDOW + 1);
  for (let j = from; j < to; j++) {
    const w = a.townW[j]!;
    if (w < 0 || a.keyIds[j] === kid || others.includes(w)) continue;
    others.push(w);
  }
}

/** The kinds of the winners of the other members of mention k's list, counted. */
function listKindsOf(gaz: Gazetteer, a: Article, k: number, winners: (Scored | undefined)[]): Map<string, number> {
  const key = a.keys[k]!;
  const lk = a.listOf[k]!;
  const kinds = new Map<string, number>();
  for (let j = lk; j < a.n && a.listOf[j] === lk; j++) {
    const w = winners[j];
    if (j === k || !w || a.keys[j] === key) continue;
    const lv = level(gaz.fcode(w.index));
    const kind = lv === 0 ? "0" : `${lv}|${gaz.cc(w.index)}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return kinds;
}

/** The mentions right before and after, their winners and gaps (stated containment). */
function neighbours(gaz: Gazetteer, a: Article, k: number, winners: (Scored | undefined)[], around: Around): void {
  const hasNext = k + 1 < a.n;
  if (hasNext) {
    around.nextW = winners[k + 1];
    around.nextGap = a.starts[k + 1]! - a.ends[k]!;
  }
  if (k > 0) {
    around.prevW = winners[k - 1];
    around.prevGap = a.starts[k]! - a.ends[k - 1]!;
  }
  const nextW = around.nextW;
  const nextGap = around.nextGap;
  // ("Illinois, Missouri" is a list, not containment: X's own best sense is as big as Y; or X's own
  // name is also a place as big as Y: "Washington, Pennsylvania and California", with the capital first)
  // (asked only where containment can apply: the next name within a few characters)
  around.isList =
    nextW !== undefined && nextGap >= 0 && nextGap <= 8 && asBigAs(gaz, a.prior[k]!, a.keys[k]!, level(gaz.fcode(nextW.index)));
  around.inAfterComma =
    hasNext && nextGap > 4 && nextGap <= 8 && a.hasText && IN_AFTER_COMMA.test(a.text.slice(a.ends[k]!, a.starts[k + 1]!));
}

/** The article's country weight of the other names (smoothed: a handful of mentions do not make an article all about one country). */
function countryTerm(a: Article, cc: string, mine: Map<string, number> | undefined, total: number, s: number, reasons: string[]): number {
  if (!(total > 1e-9)) return s;
  const share = ((a.countryW.get(cc) ?? 0) - (mine?.get(cc) ?? 0)) / (total + COUNTRY_SHARE_SMOOTHING);
  if (a.explain && share > 0) reasons.push(`article is ${(share * 100).toFixed(0)}% about ${cc}`);
  return s + COUNTRY_SHARE_WEIGHT * share;
}

/** A country named right before or after ("Chile ... Santiago ... Chile"): the local context. */
function nearCountryTerm(a: Article, k: number, cc: string, s: number, reasons: string[]): number {
  if (!a.nearCountries[k]!.includes(cc)) return s;
  if (a.explain) reasons.push(`${cc} is named close by`);
  return s + NEAR_COUNTRY_WEIGHT;
}

/** Stated containment: "X in Y" / "X, Y" with Y right after X (sets around.placed). */
function statedInNext(gaz: Gazetteer, a: Article, k: number, i: number, around: Around, s: number, reasons: string[]): number {
  const nextW = around.nextW;
  const gap = around.nextGap;
  if (nextW === undefined || around.isList || gap < 0 || !(gap <= 4 || around.inAfterComma) || nextW.index === i) return s;
  // (or inside another place of the next name, named as written: 'Austin, in Scott County' is the
  // Austin in a Scott County, whichever Scott County the first pass preferred)
  const container = contains(gaz, nextW.index, i) ? nextW.index : containerAmong(gaz, a, k + 1, i);
  if (container < 0) return s;
  around.placed = i;
  if (a.explain) reasons.push(`inside ${gaz.name(container)} as the text states`);
  return s + CONTAINMENT_WEIGHT;
}

/** "Washington, D.C.": the name right after, set off by a comma, is this very place. */
function namedRightAfter(a: Article, k: number, i: number, around: Around, s: number, reasons: string[]): number {
  if (around.nextW?.index !== i || !a.hasText || !COMMA_GAP.test(a.text.slice(a.ends[k]!, a.starts[k + 1]!))) return s;
  if (a.explain) reasons.push(`${a.surfaces[k + 1]} names it right after`);
  return s + CONTAINMENT_WEIGHT;
}

/**
 * "Queens, New York", "Greenlane, Auckland": a city right after a smaller place within it is that
 * place's city (not a province of the same name); not inside a list of places (sets around.placed).
 */
function cityAfterPlace(gaz: Gazetteer, a: Article, k: number, i: number, around: Around, s: number, reasons: string[]): number {
  const prevW = around.prevW;
  const gap = around.prevGap;
  if (prevW === undefined || a.listOf[k]! >= 0 || gap < 0 || gap > 4 || prevW.index === i) return s;
  if (!cityAroundPlace(gaz, i, prevW.index)) return s;
  around.placed = i;
  if (a.explain) reasons.push(`${gaz.name(prevW.index)} is in it, as the text states`);
  return s + CONTAINMENT_WEIGHT / 2;
}

/** In a province won by a mention close by (admin1Weight for each such province). */
function admin1Terms(
  gaz: Gazetteer,
  a: Article,
  k: number,
  i: number,
  around: Around,
  winners: (Scored | undefined)[],
  s: number,
  reasons: string[],
): number {
  const ca1 = gaz.a1(i);
  if (ca1 < 0) return s;
  for (const w of around.others) {
    if (w === i || gaz.a1(w) !== ca1 || gaz.fcode(w) !== "ADM1" || !wonNearby(winners, k, w)) continue;
    s += ADMIN1_WEIGHT;
    if (a.explain) reasons.push(`in ${gaz.name(w)}, also named`);
  }
  return s;
}

/** Listed with two or more places of the same kind. */
function listTerm(gaz: Gazetteer, a: Article, i: number, cc: string, around: Around, s: number, reasons: string[]): number {
  const kinds = around.listKinds;
  if (kinds === undefined) return s;
  const lv = level(gaz.fcode(i));
  const same = kinds.get(lv === 0 ? "0" : `${lv}|${cc}`) ?? 0;
  if (same < 2) return s;
  if (a.explain) reasons.push(`listed with ${same} places of the same kind`);
  return s + LIST_WEIGHT;
}

/** Distance to the nearest of the other names' town-level winners. */
function proximityTerm(gaz: Gazetteer, a: Article, i: number, around: Around, s: number, reasons: string[]): number {
  const nearest = nearestOther(gaz, i, around.others);
  if (!Number.isFinite(nearest)) return s;
  const b = PROXIMITY_WEIGHT * Math.exp(-nearest / PROXIMITY_SCALE_KM);
  if (a.explain && b > 0.1) reasons.push(`${Math.round(nearest)} km from another place in the article`);
  return s + b;
}

// the points of one rescoring's `others` (Around.others), by position: read once per mention, not once
// per candidate, each latitude's cosine with them (otherPoints)
let OTHER_LAT = new Float64Array(64);
let OTHER_LON = new Float64Array(64);
let OTHER_COS = new Float64Array(64);

/** Reads the points of `others` into OTHER_LAT / OTHER_LON / OTHER_COS (for nearestOther). */
function otherPoints(gaz: Gazetteer, others: number[]): void {
  const n = others.length;
  if (n > OTHER_LAT.length) {
    OTHER_LAT = new Float64Array(n * 2);
    OTHER_LON = new Float64Array(n * 2);
    OTHER_COS = new Float64Array(n * 2);
  }
  for (let x = 0; x < n; x++) {
    const w = others[x]!;
    const lat = gaz.lat(w);
    OTHER_LAT[x] = lat;
    OTHER_LON[x] = gaz.lon(w);
    OTHER_COS[x] = latCos(lat);
  }
}

/** km from feature i to the nearest of `others` (other than i itself; their points read by otherPoints); Infinity: none. */
function nearestOther(gaz: Gazetteer, i: number, others: number[]): number {
  let nearest = Number.POSITIVE_INFINITY;
  const clat = gaz.lat(i);
  const clon = gaz.lon(i);
  let ccos = Number.NaN;
  for (let x = 0; x < others.length; x++) {
    if (others[x] === i) continue;
    // (the latitude difference alone is a lower bound of the distance: no trigonometry for a
    // place that cannot be the nearest)
    const wlat = OTHER_LAT[x]!;
    if (Math.abs(wlat - clat) * KM_PER_DEGREE_LOWER >= nearest) continue;
    if (Number.isNaN(ccos)) ccos = latCos(clat);
    const d = distanceKmCos(clat, clon, ccos, wlat, OTHER_LON[x]!, OTHER_COS[x]!);
    if (d < nearest) nearest = d;
  }
  return nearest;
}

/** A prior candidate of mention j, named as written, that contains feature `inner` (a province or district), or -1. */
function containerAmong(gaz: Gazetteer, a: Article, j: number, inner: number): number {
  const key = a.keys[j]!;
  for (const y of a.prior[j]!) {
    const fy = gaz.fcode(y.index);
    if ((fy === "ADM1" || fy === "ADM2") && gaz.mainKey(y.index) === key && contains(gaz, y.index, inner)) return y.index;
  }
  return -1;
}

/** Is the best candidate, or one whose main name is `key`, of level `lv` or bigger (lower)? */
function asBigAs(gaz: Gazetteer, list: Scored[], key: string, lv: number): boolean {
  for (let x = 0; x < list.length; x++) {
    const i = list[x]!.index;
    if (level(gaz.fcode(i)) <= lv && (x === 0 || gaz.mainKey(i) === key)) return true;
  }
  return false;
}

/** Is town `c` a bigger city within cityContainsKm of the town `inner` named right before it? */
function cityAroundPlace(gaz: Gazetteer, c: number, inner: number): boolean {
  const fc = gaz.fcode(c);
  return (
    fc.startsWith("PPL") &&
    fc !== "PPLX" &&
    gaz.fcode(inner).startsWith("PPL") &&
    gaz.pop(inner) < gaz.pop(c) &&
    distanceKm(gaz.lat(c), gaz.lon(c), gaz.lat(inner), gaz.lon(inner)) <= W.cityContainsKm
  );
}

/**
 * One sense per name and article: where most of a name's mentions ended on one place, that
 * place gains (a mention swayed by its neighbours alone, "Buffalo, New York … Ontario", follows the
 * article's other "Ontario"s; a stated "Paris, Texas" still outweighs it). Changes `current` in place.
 */
function oneSensePerName(a: Article, current: Scored[][]): void {
  const settled = new Int32Array(a.n);
  for (let k = 0; k < a.n; k++) settled[k] = topOf(current[k]!)?.index ?? -1;
  for (let k = 0; k < a.n; k++) {
    const same = a.sameKey[k]!;
    if (same.length === 0) continue;
    const list = current[k]!;
    // where the text states one mention's place ("Austin, in Scott County, Indiana"), the name's
    // other mentions that state nothing mean that place too (when the stated ones agree)
    if (a.stated[k] < 0) {
      let sense = -1;
      for (const j of same) if (a.stated[j]! >= 0) sense = sense < 0 || sense === a.stated[j] ? a.stated[j]! : -2;
      if (sense >= 0 && list[0]?.index !== sense) {
        const c = list.find((x) => x.index === sense);
        if (c) {
          c.score += W.containmentWeight;
          if (a.explain) c.reasons.push("another mention of the name is placed by the text");
          list.sort(byScoreDesc);
          continue;
        }
      }
    }
    // (a majority of all the name's mentions, this one included: two that disagree stay as they are)
    for (const c of list) {
      let votes = 0;
      for (const j of same) if (settled[j] === c.index) votes++;
      if (votes * 2 <= same.length + 1) continue;
      if (c !== list[0]) {
        c.score += W.sameNameWeight;
        if (a.explain) c.reasons.push(`${votes} of the name's ${same.length + 1} mentions mean it`);
        list.sort(byScoreDesc);
      }
      break;
    }
  }
}

/**
 * Second-try names and junk names after ranking (see the comments inside): a ranked list that fails
 * becomes its runners-up that pass, or empty. Changes `current` in place.
 */
function dropJunk(gaz: Gazetteer, a: Article, current: Scored[][]): void {
  // A second-try name ("West Prince" → "Prince") must land in a country the rest of the article is
  // about, or, in a text with no country evidence at all, be the winner's main name.
  for (let k = 0; k < a.n; k++) {
    const w = topOf(current[k]!);
    if (!a.fallbacks[k] || !w) continue;
    const cc = gaz.cc(w.index);
    const mine = a.own.get(a.keys[k]!);
    const others = a.othersOf(a.keys[k]!);
    const support = (a.countryW.get(cc) ?? 0) - (mine?.get(cc) ?? 0);
    const ok = cc === "" || support > 0 || (others <= 0 && gaz.mainKey(w.index) === a.keys[k]);
    // (emptied by slicing: the same array kind as every other list)
    if (!ok) current[k] = current[k]!.slice(0, 0);
  }
  // A part of a city ('Piccadilly', a street, square, building or neighbourhood) that the text puts in
  // a town ('Piccadilly station in Manchester') is not one far from that town (London's Piccadilly)
  if (a.hasText)
    for (let k = 0; k + 1 < a.n; k++) {
      const list = current[k]!;
      const y = topOf(current[k + 1]!);
      const gap = a.starts[k + 1]! - a.ends[k]!;
      if (list.length === 0 || !y || gap < 4 || gap > PART_GAP_MAX || !isTown(gaz.fcode(y.index))) continue;
      if (!PART_IN_TOWN.test(a.text.slice(a.ends[k]!, a.starts[k + 1]!))) continue;
      const far = (c: Scored) =>
        CITY_PARTS.has(gaz.fcode(c.index)) &&
        distanceKm(gaz.lat(c.index), gaz.lon(c.index), gaz.lat(y.index), gaz.lon(y.index)) > W.cityPartKm;
      if (!far(list[0]!)) continue;
      const kept = list.slice(0, 0);
      for (const c of list) if (!far(c)) kept.push(c);
      current[k] = kept;
    }
  // A place the text puts in a province or country of another country ('Bradford, Ontario' when no
  // Bradford in Ontario is known) is none of its namesakes elsewhere: only candidates in that country
  // stay, or none (not in a list: 'Alberta, Manitoba and Ontario'; not a capital, a country or a sea)
  if (a.hasText)
    for (let k = 0; k + 1 < a.n; k++) {
      const list = current[k]!;
      const y = topOf(current[k + 1]!);
      const gap = a.starts[k + 1]! - a.ends[k]!;
      if (list.length === 0 || !y || gap < 1 || gap > 6 || a.listOf[k]! >= 0 || a.fallbacks[k] || a.forced[k] === 1) continue;
      const yc = gaz.cc(y.index);
      const yf = gaz.fcode(y.index);
      const xf = gaz.fcode(list[0]!.index);
      // (a capital is named for its government: 'the might of Moscow and Tehran in Syria')
      if (xf === "PPLC" || sovereignNames(xf) || LARGE.has(xf)) continue;
      if (yc === "" || gaz.cc(list[0]!.index) === yc || !(yf.startsWith("PCL") || yf === "ADM1")) continue;
      if (level(gaz.fcode(list[0]!.index)) <= level(yf) || !STATED_IN.test(a.text.slice(a.ends[k]!, a.starts[k + 1]!))) continue;
      const kept = list.slice(0, 0);
      for (const c of list) if (gaz.cc(c.index) === yc) kept.push(c);
      current[k] = kept;
    }
  // A small place named right after a capitalised word that is neither a common word nor another
  // name of the article ('Hassan Hassan', 'Neil Basu', 'Peter Beaumont', 'Elizabeth Warren',
  // 'Ocasio-Cortez') is a family name: the person, not the place (a name before middle initials,
  // 'George W Bush', is left: 'the Ubay L.G. Cotamura hospital' is in Ubay)
  // (and, for a town, where it comes back alone, written the same: 'Hassan said')
  if (a.hasText) {
    let people: Set<string> | undefined;
    for (let pass = 0; pass < 2; pass++)
      for (let k = 0; k < a.n; k++) {
        const list = current[k]!;
        const w = list[0];
        if (!w || a.forced[k] === 1) continue;
        const fc = gaz.fcode(w.index);
        if (sovereignNames(fc) || fc === "ADM1" || fc === "PPLC" || LARGE.has(fc)) continue;
        if (pass === 0 ? !afterGivenName(a, k) : !fc.startsWith("PPL") || !people?.has(a.surfaces[k]!)) continue;
        if (pass === 0) (people ??= new Set()).add(a.surfaces[k]!);
        current[k] = list.slice(0, 0);
      }
  }
  // A small place found by a name that is not its own as written (another name: 'Whitehall' for
  // Atlanta, 'Salisbury' for Harare; or a folded look-alike: 'Mayedin' for Meeden, 'Safe' for Safi),
  // neither a big city's respelling (Geneva/Genève) nor the start of its name ('Marburg'), counts only
  // in the country the article is most about, near another of its places or in a province it names
  // (a country named in passing, 'US-backed', is not enough: 'al-Roj' is not Roy, Utah), and never
  // for a lone word with no locative context ('Future' for Fort Lee, 'Far' for Pharr): the
  // runners-up take its place, or none.
  const check = new JunkCheck(gaz, a, current);
  for (let k = 0; k < a.n; k++) {
    const list = current[k]!;
    if (a.fallbacks[k] || a.forced[k] === 1 || list.length === 0) continue;
    const others = a.othersOf(a.keys[k]!);
    const weak = a.weak[k] === 1;
    if (others <= 0 && !weak) {
      // (no country evidence: only the Arabic-article check below applies)
      if (arabicArticleFirst(a.surfaces[k]!) && !arabicPlace(gaz, list[0]!.index)) {
        const kept = list.slice(0, 0);
        for (const c of list) if (arabicPlace(gaz, c.index)) kept.push(c);
        current[k] = kept;
      }
      continue;
    }
    check.at(k, weak, list);
    // (a winner that passes keeps its runners-up as they are: they only inform the confidence)
    if (!check.keep(list[0]!)) {
      const kept = list.slice(0, 0);
      for (const c of list) if (check.keep(c)) kept.push(c);
      current[k] = kept;
    }
  }
}

/** The junk-name check of dropJunk, for one mention at a time (set by `at`). */
class JunkCheck {
  /** The country the article is most about. */
  private readonly topCc: string;
  /** The mentions' town-level winners, each once (feature index → the name keys it won for). */
  private readonly placed = new Map<number, Set<string>>();
  /** Each mention's winner (-1: none). */
  private readonly winners: Int32Array;
  private k = 0;
  private mine: Map<string, number> | undefined = undefined;
  private weak = false;
  private spelt = "";
  private speltThenSpace = " ";
  /** A big place (a country, a province, a city of exonymPopulation) has the name as its own (a big city: or respelled, Genève). */
  private bigOwner = false;
  /** The mention's name starts with an Arabic article ('al-Hol'). */
  private arabic = false;
  /** Those big places. */
  private readonly bigOwners: number[] = [];

  constructor(
    private readonly gaz: Gazetteer,
    private readonly a: Article,
    current: Scored[][],
  ) {
    let topCc = "";
    for (const [c, v] of a.countryW) if (v > (a.countryW.get(topCc) ?? 0)) topCc = c;
    this.topCc = topCc;
    this.winners = new Int32Array(a.n).fill(-1);
    for (let j = 0; j < a.n; j++) {
      const w = topOf(current[j]!);
      if (!w) continue;
      this.winners[j] = w.index;
      const fc = gaz.fcode(w.index);
      if (fc.startsWith("PCL") || LARGE.has(fc)) continue;
      let ks = this.placed.get(w.index);
      if (!ks) {
        ks = new Set<string>();
        this.placed.set(w.index, ks);
      }
      ks.add(a.keys[j]!);
    }
  }

  at(k: number, weak: boolean, list: Scored[]): void {
    this.k = k;
    this.mine = this.a.own.get(this.a.keys[k]!);
    this.weak = weak;
    this.spelt = this.a.spelt(k);
    this.speltThenSpace = `${this.spelt} `;
    this.bigOwner = false;
    this.bigOwners.length = 0;
    this.arabic = arabicArticleFirst(this.a.surfaces[k]!);
    const plain = this.a.plain(k);
    for (const c of list)
      if (bigPlace(this.gaz, c.index) && (spellingOfName(this.gaz, c.index) === this.spelt || bigCityRespelled(this.gaz, c.index, plain))) {
        this.bigOwner = true;
        this.bigOwners.push(c.index);
      }
  }

  private supported(i: number): boolean {
    const cc = this.gaz.cc(i);
    return (this.a.countryW.get(cc) ?? 0) - (this.mine?.get(cc) ?? 0) > 0;
  }

  /** The part of the other names' country weight that is feature i's country (0 when none). */
  private share(i: number): number {
    const cc = this.gaz.cc(i);
    const others = this.a.othersOf(this.a.keys[this.k]!);
    return others > 0 ? ((this.a.countryW.get(cc) ?? 0) - (this.mine?.get(cc) ?? 0)) / others : 0;
  }

  /** Is another of the article's places within proximityScaleKm of feature i (or its province)? */
  private nearOther(i: number): boolean {
    const gaz = this.gaz;
    const key = this.a.keys[this.k]!;
    for (const [w, ks] of this.placed) {
      if (w === i || (ks.size === 1 && ks.has(key))) continue;
      // (or its province: "Paris, Texas")
      if (gaz.fcode(w).startsWith("ADM") && contains(gaz, w, i)) return true;
      const wlat = gaz.lat(w);
      if (Math.abs(wlat - gaz.lat(i)) * KM_PER_DEGREE_LOWER > W.proximityScaleKm) continue; // (farther in latitude alone)
      if (distanceKm(gaz.lat(i), gaz.lon(i), wlat, gaz.lon(w)) <= W.proximityScaleKm) return true;
    }
    return false;
  }

  /**
   * Does the text place feature i close by: its province won by a mention within admin1Window mentions,
   * or another mention's town-level winner, not a national capital, within proximityScaleKm? ('Washington'
   * is named for its government, and a province named elsewhere in the article does not place a town here)
   */
  private placedNear(i: number): boolean {
    const gaz = this.gaz;
    const key = this.a.keys[this.k]!;
    const to = Math.min(this.a.n - 1, this.k + W.admin1Window);
    for (let j = Math.max(0, this.k - W.admin1Window); j <= to; j++) {
      const w = this.winners[j]!;
      if (w >= 0 && w !== i && this.a.keys[j] !== key && gaz.fcode(w).startsWith("ADM") && contains(gaz, w, i)) return true;
    }
    for (const [w, ks] of this.placed) {
      if (w === i || (ks.size === 1 && ks.has(key)) || gaz.fcode(w) === "PPLC" || gaz.fcode(w).startsWith("ADM")) continue;
      const wlat = gaz.lat(w);
      if (Math.abs(wlat - gaz.lat(i)) * KM_PER_DEGREE_LOWER > W.proximityScaleKm) continue;
      if (distanceKm(gaz.lat(i), gaz.lon(i), wlat, gaz.lon(w)) <= W.proximityScaleKm) return true;
    }
    return false;
  }

  /**
   * Is town i's name also the own name of a big place sharedNameRatio times as populous, other than a
   * province or district it lies in (al-Mayadeen and its district are one name's two senses)?
   */
  private dwarfedBy(i: number): boolean {
    const gaz = this.gaz;
    const need = W.sharedNameRatio * Math.max(gaz.pop(i), 1);
    for (const o of this.bigOwners) if (gaz.pop(o) >= need && !(gaz.fcode(o).startsWith("ADM") && contains(gaz, o, i))) return true;
    return false;
  }

  keep(c: Scored): boolean {
    const gaz = this.gaz;
    if (sovereignNames(gaz.fcode(c.index))) return true;
    // a name written with an Arabic article ('al-Hol', 'al-Badou') is an Arabic place name: not a place
    // whose own name has no article in a country where Arabic names are not the usage (Kingston upon
    // Hull, Badou in Togo); the article's Arabic-speaking places stay ('al-Quds' for Jerusalem)
    if (this.arabic && !arabicPlace(gaz, c.index)) return false;
    const sk = spellingOfName(gaz, c.index);
    if (sk === this.spelt || sk.startsWith(this.speltThenSpace)) {
      // its own name; as a lone word with no locative context a small town ('Liberal', 'Opal',
      // 'Clinton' in a story that names the US in passing) still needs the article's main
      // country or another of its places nearby
      // and a village or small town in a country nothing else in the article points to is not
      // where the story is, even by its own name ('al-Nuri' mosque is not Nurri, Sardinia)
      const town = gaz.fcode(c.index).startsWith("PPL");
      if (town && gaz.pop(c.index) < W.unsupportedTownPopulation && !this.supported(c.index)) return false;
      // (a section of a city needs its country in the story, more than a trace of it, or another place
      // near it: 'the Old City' of a Raqqa report is not Jerusalem's; one as populous as a city,
      // Hollywood, stands alone)
      if (gaz.fcode(c.index) === "PPLX" && gaz.pop(c.index) < W.exonymPopulation && this.share(c.index) < W.weakDistrictShare && !this.nearOther(c.index))
        return false;
      // (a province as small, too: 'Sally Lane' is not Estonia's Lääne county, 'Anna' not Samoa's A'ana)
      if (gaz.fcode(c.index).startsWith("ADM1") && gaz.pop(c.index) > 0 && gaz.pop(c.index) < W.unsupportedTownPopulation && !this.supported(c.index))
        return false;
      // (a lone word's district needs its country in the article, more than a trace of it, or another
      // of the article's places nearby: 'Khalil said' in a Syria story is a person, not the Hebron
      // district; 'the Salisbury nerve agent attack' is not the Australian district because one
      // unclear name of the article leans a little to Australia)
      if (this.weak && gaz.fcode(c.index) === "ADM2") return this.supported(c.index) && (this.share(c.index) >= W.weakDistrictShare || this.nearOther(c.index));
      // a small town that shares its own name with a far bigger place (Paris, Kentucky; Moscow, Idaho;
      // Lincolnshire, Illinois) needs the text to place it: its province named, or another of the
      // article's places nearby; the article naming its country ('the US plan … a conference in
      // Paris') is not enough
      // (a capital named nearby does not place it either: 'Washington' is named for its government)
      if (town && gaz.pop(c.index) < W.exonymPopulation && this.dwarfedBy(c.index) && !this.placedNear(c.index))
        return false;
      if (!this.weak || gaz.pop(c.index) >= W.exonymPopulation || !town) return true;
      return gaz.cc(c.index) === this.topCc || this.nearOther(c.index);
    }
    if (bigCityRespelled(gaz, c.index, this.a.plain(this.k))) return true;
    // an abbreviation is written in capitals or with its full stop: 'IL' and 'Ill.' may be Illinois,
    // the 'Il' of an Il-78 tanker is not
    const surface = this.a.surfaces[this.k]!;
    if (surface.length <= 3 && surface !== surface.toUpperCase() && this.a.text.charCodeAt(this.a.ends[this.k]!) !== 46) return false;
    if (this.weak && gaz.pop(c.index) < W.exonymPopulation) return false;
    // a small place known by the name of a big one ('Jerusalem' for Funkstown, Maryland): the big one
    if (this.bigOwner && !bigPlace(gaz, c.index)) return false;
    if (!this.supported(c.index)) return false;
    // (a province's other name, 'NY', needs only its country in the article)
    return gaz.fcode(c.index).startsWith("ADM1") || gaz.cc(c.index) === this.topCc || this.nearOther(c.index);
  }
}

const ARABIC_NAME_COUNTRIES = new Set<string>(W.arabicNameCountries);

/** "al-Hol", "ash-Shaddadi": a name that starts with an Arabic article joined by a hyphen. */
function arabicArticleFirst(s: string): boolean {
  const h = s.indexOf("-");
  return h >= 2 && h <= 3 && isArticleWord(s.slice(0, h).toLowerCase());
}

/** Does a feature's main name start with an article word ("Ar Raqqah", "Al Ḩawl", "Ash Shaddādah")? */
function nameWithArticle(gaz: Gazetteer, i: number): boolean {
  const m = /^([A-Za-z]{2,3})[\s\-'’]/.exec(gaz.name(i));
  return m !== null && isArticleWord(m[1]!.toLowerCase());
}

/** Can feature i carry a name written with an Arabic article (a country or sea, a place in arabicNameCountries, or named with an article)? */
function arabicPlace(gaz: Gazetteer, i: number): boolean {
  return sovereignNames(gaz.fcode(i)) || ARABIC_NAME_COUNTRIES.has(gaz.cc(i)) || nameWithArticle(gaz, i);
}

/** A country, a province or a place of exonymPopulation people or more. */
function bigPlace(gaz: Gazetteer, i: number): boolean {
  const fc = gaz.fcode(i);
  return gaz.pop(i) >= W.exonymPopulation || fc.startsWith("PCL") || fc === "ADM1";
}

/** Is `plain` (a lightName) a big city's own name respelled near the end ("geneva" for Genève)? */
function bigCityRespelled(gaz: Gazetteer, i: number, plain: string): boolean {
  return gaz.pop(i) >= W.exonymPopulation && gaz.fcode(i).startsWith("PPL") && sameNameRespelled(plainOfName(gaz, i), plain);
}

/** `form` of a feature's main name, remembered per gazetteer by feature index (bounded). */
function mainNameMemo(form: (name: string) => string): (gaz: Gazetteer, i: number) => string {
  const memos = new WeakMap<Gazetteer, Map<number, string>>();
  // (the last gazetteer's memo, asked without the WeakMap: a process uses one gazetteer)
  let lastGaz: Gazetteer | undefined;
  let lastMemo: Map<number, string> | undefined;
  return (gaz, i) => {
    let m = gaz === lastGaz ? lastMemo : memos.get(gaz);
    if (!m) {
      m = new Map();
      memos.set(gaz, m);
    }
    lastGaz = gaz;
    lastMemo = m;
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

/** lightName(surface), kept on the surface's look (`look`: the gazetteer's look of `surface`). */
export function lightOfLook(surface: string, look: SurfaceLook): string {
  let v = look.light;
  if (v === undefined) {
    v = lightName(surface);
    look.light = v;
  }
  return v;
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
  let v = levelMemo.get(fc);
  if (v === undefined) {
    v = levelOf(fc);
    levelMemo.set(fc, v);
  }
  return v;
}
const levelMemo = new Map<string, number>();

function levelOf(fc: string): number {
  if (fc.startsWith("PCL") || fc === "CONT") return 0;
  if (fc === "ADM1" || fc === "ADM1H" || fc === "RGN") return 1;
  if (fc === "ADM2") return 2;
  return 3;
}

/** The best-scored candidate other than feature `except` (-1: none excepted). */
function top(list: Scored[], except: number): Scored | undefined {
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
