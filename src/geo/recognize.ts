// Place recognition in running text: the longest capitalized token run that is a gazetteer
// name ("Deir ez-Zor", "al-Shadadi", "Deir Ezzor military airport", "U.S."), kept unless the
// context says it is something else: an actor span from the NLP stage, part of a longer
// proper name ("Deir Ezzor Military Council"), a person ("President X", "X said"), an adjective
// compound ("US-backed", "pro-Damascus"), a demonym ("Syrian") or a stoplisted word.
import type { Span } from "../types/index.js";
import { matchesEndingWith } from "./anchored.js";
import { cuesAround } from "./cues.js";
import type { Gazetteer, SurfaceLook } from "./gazetteer.js";
import { BoundedMemo } from "./memo.js";
import STOP from "./model/stoplist.json" with { type: "json" };
import { dropsBeforeName, nameKey } from "./normalize.js";
import { lightName, lightOfLook, type MentionInput } from "./resolve.js";

const STOPWORDS = new Set<string>(STOP.words);
const TITLES = new Set<string>(STOP.titles);
const PERSON_VERBS = new Set<string>(STOP.personVerbs);
const PREPS = new Set<string>(STOP.prepositions);
// the prepositions without the list word "and" ("of Tyler said" is a place, "and Ivins said" a person)
const LOCATIVES = new Set<string>(STOP.prepositions.filter((w) => w !== "and"));
const SUFFIXES = new Set<string>(STOP.compoundSuffixes);
const PREFIXES = new Set<string>(STOP.compoundPrefixes);
const TYPE_WORDS = new Set<string>(STOP.typeWords);
const NAME_OF = new Set<string>(STOP.nameOfWords);
// "the Obama administration": a person's government (a country's or a big city's, "the US
// administration", stays a place)
const GOVERNMENT_WORDS = new Set<string>(STOP.governmentWords);
// "New York Governor", "Mexico City Health Secretary": the place's office, the place still a place
const OFFICE_WORDS = new Set<string>(STOP.officeWords);
// "The FDA", "A week": a determiner never starts a place name ("The Hague" is found as "Hague")
const DETERMINERS = new Set<string>(STOP.determiners);
const NAME_WORDS = new Set<string>(STOP.nameWords);
const ORGANISATIONS = new Set<string>(STOP.organisations);
const ORG_HEADS = new Set<string>(STOP.organisationHeads);
// "Operation Olive Branch": the capitalised words after one of these are a code name
const CODENAME_HEADS = new Set<string>(STOP.codenameHeads);
const ARTICLE_TOKENS = new Set(["al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "ed", "es", "an", "ul", "ud", "ur", "de", "du", "la", "le", "of", "on", "upon", "the", "del", "di", "da", "do", "dos", "das", "y", "i", "e", "en", "sur", "am", "im", "an", "der"]);
const MAX_TOKENS = 7;
// the longest word that may be a determiner or an article (a longer word is neither: asked without its
// lower case, which lower-casing never shortens) and the lengths of the code-name heads
const START_WORD_MAX = Math.max(...[...DETERMINERS, ...ARTICLE_TOKENS].map((w) => w.length));
const CODENAME_HEAD_LENGTHS = new Set([...CODENAME_HEADS].map((w) => w.length));

/**
 * A word of the text. Its string is sliced only when asked (most words never are), and the
 * recognizer reuses its word objects from one text to the next (recognize() keeps none of them).
 */
class Tok {
  start = 0;
  end = 0;
  /** end including a possessive "'s" that `end` leaves out */
  fullEnd = 0;
  /** joined to the previous token by a hyphen (no space) */
  joined = false;
  cap = false;
  abbrev = false;
  /**
   * sentence-initial (first token, or after . ! ? or a line break): true when known from the
   * scan, else found by isInitial() on first use (only name-like tokens are ever asked)
   */
  initial: boolean | undefined = undefined;
  /** `text` lower-cased, filled in on first use by low() (most tokens are never asked) */
  lower: string | undefined = undefined;
  private str: string | undefined = undefined;
  private src = "";

  set(src: string, start: number, end: number, joined: boolean, cap: boolean, abbrev: boolean, initial: boolean | undefined, fullEnd: number): this {
    this.src = src;
    this.start = start;
    this.end = end;
    this.fullEnd = fullEnd;
    this.joined = joined;
    this.cap = cap;
    this.abbrev = abbrev;
    this.initial = initial;
    this.lower = undefined;
    this.str = undefined;
    return this;
  }

  /** The token as written (without a possessive "'s"). */
  get text(): string {
    let t = this.str;
    if (t === undefined) {
      t = this.src.slice(this.start, this.end);
      this.str = t;
    }
    return t;
  }
}

const TOKEN_RE = /(?:[A-Z]\.){2,}|[\p{L}\p{M}][\p{L}\p{M}'’ʿ‘`]*[\p{L}\p{M}]|[\p{L}]|\d+/gu;
// characters between two tokens that end a name: . , ; : ! ? ( ) " “ ” and the line break
const NAME_BREAK = new Set([".", ",", ";", ":", "!", "?", "(", ")", '"', "“", "”", "\n"]);

// the span of the last token found by nextToken()
const found = { start: 0, end: 0 };

/**
 * The next match of TOKEN_RE at or after `from` (into `found`), false when there is none. ASCII
 * text is scanned by hand (the same rules, without a match object per word); at a character
 * outside ASCII the pattern itself decides.
 */
function nextToken(text: string, from: number): boolean {
  const n = text.length;
  for (let p = from; p < n; p++) {
    const c = text.charCodeAt(p);
    if (c >= 128) {
      // quotation marks, dashes, a no-break space, an ellipsis start no word: skipped like ASCII
      // punctuation (news text is full of them); other characters are left to the pattern
      if (NOT_WORD_START.has(c)) continue;
      return byPattern(text, p);
    }
    if (c >= 48 && c <= 57) {
      // \d+
      let q = p + 1;
      while (q < n && isDigit(text.charCodeAt(q))) q++;
      return setFound(p, q);
    }
    if (!isLetter(c)) continue;
    // (?:[A-Z]\.){2,}: "U.S.", "U.N." — its end (dots), measured for every capital one pair per step (a
    // step of 0 ends it) and chosen below: no operation of this loop is reached only by text that has
    // such initials (optimised code that first meets one is thrown away in mid-text, and the scan runs
    // unoptimised until it is compiled again)
    let dots = p;
    if (c <= 90) {
      let step = 2;
      while (step !== 0) {
        step = dots + 1 < n && isUpper(text.charCodeAt(dots)) && text.charCodeAt(dots + 1) === 46 ? 2 : 0;
        dots += step;
      }
    }
    // a letter, then letters and apostrophes, ending at the last letter (a lone letter otherwise; after
    // initials, whose second character is a full stop, the loop stops at once)
    let last = p;
    for (let q = p + 1; q < n; q++) {
      const d = text.charCodeAt(q);
      if (isLetter(d)) last = q;
      // (’ and ‘ are apostrophes inside a word too: "Syria’s")
      else if (d === 0x2019 || d === 0x2018) continue;
      else if (d >= 128) return byPattern(text, p);
      else if (d !== 39 && d !== 96) break;
    }
    return setFound(p, dots - p >= 4 ? dots : last + 1);
  }
  return false;
}

// “ ” ‘ ’ – — « » … and the no-break space: none is a letter, mark or digit
const NOT_WORD_START = new Set([0x201c, 0x201d, 0x2018, 0x2019, 0x2013, 0x2014, 0xab, 0xbb, 0x2026, 0xa0]);

function byPattern(text: string, at: number): boolean {
  TOKEN_RE.lastIndex = at;
  const m = TOKEN_RE.exec(text);
  if (!m) return false;
  return setFound(m.index, m.index + m[0].length);
}

function setFound(start: number, end: number): true {
  found.start = start;
  found.end = end;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The words of `text` (new objects: see tokenizeReusing for the recognizer's own). */
export function tokenize(text: string): Tok[] {
  return scanTokens(text, null);
}

// the recognizer's word objects, reused from text to text (a text of 1,000 words made 100 KB of
// objects that lived only as long as its recognition)
const TOKEN_POOL: Tok[] = [];

/** The words of `text` in the pooled objects: valid until the next call. */
function tokenizeReusing(text: string): Tok[] {
  return scanTokens(text, TOKEN_POOL);
}

function scanTokens(text: string, pool: Tok[] | null): Tok[] {
  const toks: Tok[] = [];
  let prevEnd = -1;
  // (the work per token is its own function: V8 optimises it from many calls rather than
  // replacing this loop mid-run with code that has seen only the first tokens)
  for (let from = 0; nextToken(text, from); from = found.end) {
    let t: Tok;
    if (pool === null) t = new Tok();
    else {
      const k = toks.length;
      if (k < pool.length) t = pool[k]!;
      else {
        t = new Tok();
        pool.push(t);
      }
    }
    makeToken(t, text, found.start, found.end, prevEnd);
    toks.push(t);
    prevEnd = t.end;
  }
  return toks;
}

/** Sets `t` to the token found at [mIndex, end) (a possessive "'s" left out), given where the previous one ended (-1: none). */
function makeToken(t: Tok, text: string, mIndex: number, end: number, prevEnd: number): void {
  // possessive: "Deir Ezzor's countryside" → "Deir Ezzor" (found before the token's string is made)
  const fullEnd = end;
  if (end - mIndex > 3 && text.charCodeAt(end - 1) === 115 /* s */ && (text.charCodeAt(end - 2) === 39 || text.charCodeAt(end - 2) === 0x2019)) end -= 2;
  const hasPrev = prevEnd >= 0;
  // a line break between the previous token and this one (scanned without copying the gap)
  let newline = false;
  if (hasPrev)
    for (let k = prevEnd; k < mIndex; k++)
      if (text.charCodeAt(k) === 10) {
        newline = true;
        break;
      }
  const gap = mIndex - prevEnd;
  const joined = hasPrev && gap === 1 && (text[prevEnd] === "-" || text[prevEnd] === "‑");
  const initial = !hasPrev || newline ? true : undefined;
  const c0 = text.charCodeAt(mIndex);
  let cap: boolean;
  if (c0 >= 65 && c0 <= 90) cap = true;
  else if (c0 >= 97 && c0 <= 122) cap = false;
  else {
    const first = text.charAt(mIndex);
    cap = first !== first.toLowerCase() && first === first.toUpperCase();
  }
  t.set(text, mIndex, end, joined, cap, cap && abbreviationAt(text, mIndex, end), initial, fullEnd);
}

/**
 * Is text[from, to) an abbreviation: two to five capitals ("US", "NATO") or two or more capitals
 * each with its full stop ("U.S.")? (As /^(?:[A-Z]\.){2,}$|^[A-Z]{2,5}$/ on a token, without a string:
 * only the initials rule of the scan makes a token that ends with a full stop, and always a whole
 * run of capital-and-stop pairs.)
 */
function abbreviationAt(text: string, from: number, to: number): boolean {
  if (text.charCodeAt(to - 1) === 46) return true;
  const n = to - from;
  if (n < 2 || n > 5) return false;
  for (let k = from; k < to; k++) if (!isUpper(text.charCodeAt(k))) return false;
  return true;
}

/** Does text[from, to) hold a character that ends a name (punctuation, a line break)? */
function breaksName(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (NAME_BREAK.has(text[k]!)) return true;
  return false;
}

/** The token's text lower-cased (computed once, when first needed). */
function low(t: Tok): string {
  let l = t.lower;
  if (l === undefined) {
    l = t.text.toLowerCase();
    t.lower = l;
  }
  return l;
}

/** `/\s/.test(ch)` without the regular expression for the common (ASCII) characters. */
function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 128) return false;
  return /\s/.test(ch);
}

/** Is the token sentence-initial? (see Tok.initial) */
function isInitial(text: string, t: Tok): boolean {
  let v = t.initial;
  if (v === undefined) {
    v = startsSentence(text, t.start);
    t.initial = v;
  }
  return v;
}

/**
 * Sentence-initial position: the 4 characters before `at` end with . ! ? (then spaces), a line
 * break (then spaces), or are only spaces around an opening quote or bracket.
 */
function startsSentence(text: string, at: number): boolean {
  const from = Math.max(0, at - 4);
  let i = at - 1;
  while (i >= from && isSpace(text[i]!)) {
    if (text[i] === "\n") return true;
    i--;
  }
  if (i < from) return false;
  const c = text[i]!;
  if (c === "." || c === "!" || c === "?") return true;
  if (c === '"' || c === "“" || c === "«" || c === "(") {
    for (let j = i - 1; j >= from; j--) if (!isSpace(text[j]!)) return false;
    return true;
  }
  return false;
}

/**
 * Token k, or undefined before the first and after the last (checked, not read out of bounds: such a
 * read threw away the optimised code of the function that made it).
 */
function tokAt(toks: Tok[], k: number): Tok | undefined {
  return k >= 0 && k < toks.length ? toks[k] : undefined;
}

/**
 * The excluded spans of one text, asked "does any overlap [s, e)?" by bisection: sorted by start, with
 * the largest end among the first k (the spans come as the NLP stage's mention objects, read once here).
 */
class SpanSet {
  private readonly starts: Float64Array;
  private readonly maxEnd: Float64Array;

  constructor(spans: Span[]) {
    // (a span whose start or end is no number overlaps nothing, as the comparisons say)
    const kept: [number, number][] = [];
    for (const x of spans) {
      const start = Number(x.start);
      const end = Number(x.end);
      if (!Number.isNaN(start) && !Number.isNaN(end)) kept.push([start, end]);
    }
    kept.sort((x, y) => x[0] - y[0]);
    this.starts = new Float64Array(kept.length);
    this.maxEnd = new Float64Array(kept.length);
    let m = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < kept.length; k++) {
      this.starts[k] = kept[k]![0];
      m = Math.max(m, kept[k]![1]);
      this.maxEnd[k] = m;
    }
  }

  /** Does some span x have x.start < e and s < x.end? */
  overlaps(s: number, e: number): boolean {
    // the number of spans that start before e
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < e) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxEnd[lo - 1]! > s;
  }
}

/** One text's recognition: what the steps below share. */
class Recognition {
  readonly toks: Tok[];
  // is this word written in lower case somewhere in the text ("stay", "will")? Asked rarely, so
  // each answer is a scan of the tokens, remembered
  private readonly lowerSeen = new Map<string, boolean>();
  // parts of full names ("Bruce Ivins", "Anna Campbell"): their lone mentions ("Ivins said") are people
  readonly surnames = new Set<string>();
  readonly codenames: Set<string> | undefined;
  /** nameKey of the longest match `longestMatch` found (the surface of the mention), kept from the search */
  bestKey = "";
  /** the look of that match's surface (its candidates are kept on it: see cands) */
  bestLook: SurfaceLook | undefined = undefined;

  constructor(
    readonly text: string,
    readonly gaz: Gazetteer,
    readonly exclude: SpanSet,
    /** the text's words looked up so far (see WordLooks) */
    readonly looks: WordLooks,
  ) {
    this.toks = tokenizeReusing(text);
    this.codenames = codeNames(text, this.toks);
  }

  /** The candidates of the current match (`surface`, as longestMatch found it), asked of the gazetteer once per surface. */
  cands(surface: string): readonly number[] {
    return this.gaz.candidatesOf(surface, this.bestLook!);
  }

  /** The gazetteer's look of a one-word surface, asked of the gazetteer once per word per text. */
  lookWord(w: string): SurfaceLook {
    let l = this.looks.get(w);
    if (l === undefined) {
      l = this.gaz.surface(w);
      this.looks.set(w, l);
    }
    return l;
  }

  inLowerCase(w: string): boolean {
    let hit = this.lowerSeen.get(w);
    if (hit === undefined) {
      hit = false;
      // (compared in place: no string is sliced for each word of the length)
      const text = this.text;
      for (const tk of this.toks)
        if (!tk.cap && tk.end - tk.start === w.length && text.startsWith(w, tk.start)) {
          hit = true;
          break;
        }
      this.lowerSeen.set(w, hit);
    }
    return hit;
  }
}

/**
 * One text's words as looked up in the gazetteer (word as written → its look): an article repeats its
 * capitalised words ("Syria", "Kurdish"), and this small Map stays in the CPU cache where the
 * gazetteer's large memo does not; findDemonyms reads the same answers for the same words.
 */
export type WordLooks = Map<string, SurfaceLook>;

/** Finds place-name mentions in `text` (spans + surface), not yet resolved (`looks`: see WordLooks). */
export function recognize(text: string, gaz: Gazetteer, exclude: Span[], looks: WordLooks = new Map()): MentionInput[] {
  const spans = new SpanSet(exclude);
  const r = new Recognition(text, gaz, spans, looks);
  const toks = r.toks;
  const out: MentionInput[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    // only a capitalised word, or an article joined to one ("al-Shadadi"), can start a name
    if (!t.cap && !(tokAt(toks, i + 1)?.joined === true && toks[i + 1]!.cap)) {
      i++;
      continue;
    }
    // (a word too long to be a determiner or an article is neither: "" stands for its lower case)
    const tl = t.end - t.start <= START_WORD_MAX ? low(t) : "";
    const startsName =
      (t.cap && !DETERMINERS.has(tl)) ||
      (ARTICLE_TOKENS.has(tl) && tokAt(toks, i + 1)?.joined === true && toks[i + 1]!.cap);
    if (!startsName || isDigit(text.charCodeAt(t.start))) {
      i++;
      continue;
    }
    // Longest gazetteer match starting at token i.
    const bestEnd = longestMatch(r, i, tl);
    if (bestEnd < 0) {
      i++;
      continue;
    }
    const bestKey = r.bestKey;
    const last = toks[bestEnd]!;
    const start = t.start;
    const end = last.end;
    const surface = text.slice(start, end);
    const lower = surface.toLowerCase();
    const prev = tokAt(toks, i - 1);
    let reject = rejectedInContext(r, i, bestEnd, bestKey, surface, lower);
    const cues = reject ? undefined : cuesAround(text, start, end);
    if (!reject && bestEnd === i && !t.abbrev) reject = loneWordRejected(r, i, bestKey, surface, lower, cues);
    let weak = false;
    if (!reject && bestEnd === i && !t.abbrev) {
      const prevWord = prev && !isInitial(text, t) ? low(prev) : "";
      weak = !PREPS.has(prevWord) && cues === undefined;
    }
    if (!reject) {
      const m: MentionInput = { start, end, surface, look: r.bestLook };
      if (weak) m.weak = true;
      if (cues) m.cues = cues;
      out.push(m);
      i = bestEnd + 1;
    } else i++;
  }
  stateAbbreviations(text, gaz, spans, out);
  postalCodes(text, gaz, spans, out);
  bareCapitals(text, gaz, spans, out);
  return out;
}

/** The last token of the longest gazetteer name starting at token `i` (its key in `r.bestKey`), or -1. */
function longestMatch(r: Recognition, i: number, tl: string): number {
  const { toks, text, gaz } = r;
  const t = toks[i]!;
  let bestEnd = -1;
  let anyCap = false;
  r.bestKey = "";
  r.bestLook = undefined;
  for (let j = i; j < Math.min(toks.length, i + MAX_TOKENS); j++) {
    const tj = toks[j]!;
    if (j > i && breaksName(text, toks[j - 1]!.end, tj.start)) break;
    // an article word starts a name only before a name word ("As Suwayda", not "As the US"), and
    // an abbreviation the key would drop as an article ("US State", "US-UN") starts none
    if (j === i + 1 && (ARTICLE_TOKENS.has(tl) ? (!tj.cap && !tj.joined) || isAbbreviation(tj) : isAbbreviation(t) && droppedAbbreviation(t))) break;
    // lower-case words inside a name: only name words ("military airport", "al-", "of") (asked before
    // the look-up: "Aleppo said" needs none)
    if (j > i && !tj.cap && !NAME_WORDS.has(low(tj)) && !ARTICLE_TOKENS.has(low(tj))) break;
    // (one memoised look-up answers the key, whether it names a place and whether a longer name goes on)
    const look = j === i ? r.lookWord(t.text) : gaz.surface(text.slice(t.start, tj.end));
    const key = look.key;
    if (tj.cap) anyCap = true;
    const endsOk = tj.cap || (j > i && key.includes(" ") && anyCap);
    if (endsOk) {
      if (
        (j === i && t.abbrev && gaz.header.abbreviations[t.text.replace(/\./g, "")]) ||
        (!(j === i && t.abbrev) && gaz.named(look))
      ) {
        bestEnd = j;
        r.bestKey = key;
        r.bestLook = look;
      }
    }
    // "Deir el-Zour": a lower-case article inside a name never ends the search
    // "People's Republic of China": the possessive may belong to a longer name
    // (the possessive form's look answers hasLongerKey of its key: one memo look-up, none for a word
    // this text has asked before)
    const longer = look.longer || (tj.fullEnd !== tj.end && possessiveLook(r, i, j, tj).longer);
    if (!longer && !(j > i && ARTICLE_TOKENS.has(low(tj)))) break;
  }
  return bestEnd;
}

/** The look of the run of words from token i through token j (j's possessive "'s" included). */
function possessiveLook(r: Recognition, i: number, j: number, tj: Tok): SurfaceLook {
  const s = r.text.slice(r.toks[i]!.start, tj.fullEnd);
  return j === i ? r.lookWord(s) : r.gaz.surface(s);
}

/**
 * True when the words around the name say it is no place here: an actor, a person's name, part of a
 * longer proper name, a title or code name … (names of people met are remembered in `r.surnames`).
 */
function rejectedInContext(r: Recognition, i: number, bestEnd: number, bestKey: string, surface: string, lower: string): boolean {
  const { toks, text, gaz, exclude, surnames, codenames } = r;
  const t = toks[i]!;
  const tl = low(t);
  const last = toks[bestEnd]!;
  const start = t.start;
  const end = last.end;
  const prev = tokAt(toks, i - 1);
  const next = tokAt(toks, bestEnd + 1);
  let reject = false;
  if (exclude.overlaps(start, end)) reject = true;
  else if ((!t.abbrev && STOPWORDS.has(lower)) || ORGANISATIONS.has(lower) || gaz.demonym(bestKey) !== undefined) reject = true;
  else if (/['’](?:re|ll|ve|d|m|t)$/i.test(surface)) reject = true;
  // a name that is the whole of a quotation ("Operation “Olive Branch”", "the “Euphrates Shield”"
  // campaign) is a title or a code name, not a mention of the place
  else if (quotedWhole(text, start, end)) reject = true;
  // a currency: "US$460 million", "$US 1.5 billion"
  else if (text[end] === "$" || text[start - 1] === "$" || (text[start - 2] === "$" && text[start - 1] === " ")) reject = true;
  // "US-backed", "Iran-led": an adjective of an actor; "pro-Damascus": an actor.
  else if (next?.joined && !next.cap && SUFFIXES.has(low(next))) reject = true;
  else if (t.joined && prev && PREFIXES.has(low(prev))) reject = true;
  // Part of a longer proper name: "Rachel Roberts", "Deir Ezzor Military Council"; after a
  // sentence-initial word ("Tim Whitley said", "Dr. Julia Peters") only a small place
  // ("Neighbouring Israel", "Current Hong Kong law" keep theirs)
  else if (
    prev?.cap &&
    !isInitial(text, t) &&
    adjacent(text, prev, t) &&
    !STOPWORDS.has(low(prev)) &&
    (!isInitial(text, prev) || !bigPlace(r, surface))
  ) {
    reject = true;
    if (bestEnd === i && !(t.abbrev || countryOrProvince(r, surface, bestKey))) surnames.add(lower);
    // "Bashar al-Assad": the family name after its article ("Assad said") is the person too
    else if (bestEnd === i + 1 && ARTICLE_TOKENS.has(tl) && last.joined && !countryOrProvince(r, surface, bestKey))
      surnames.add(low(last));
  } else if (
    next?.cap &&
    adjacent(text, last, next) &&
    !TYPE_WORDS.has(low(next)) &&
    !next.abbrev &&
    !t.abbrev &&
    !(OFFICE_WORDS.has(low(next)) && bigPlace(r, surface))
  ) {
    reject = true;
    // "Anna Campbell": a lone "Anna" later is her too
    if (bestEnd === i && !isInitial(text, t) && !countryOrProvince(r, surface, bestKey) && !populous(r, surface)) surnames.add(lower);
  }
  else if (next && !next.cap && NAME_OF.has(low(next)) && adjacent(text, last, next)) reject = true;
  else if (
    next &&
    !next.cap &&
    GOVERNMENT_WORDS.has(low(next)) &&
    adjacent(text, last, next) &&
    !bigPlace(r, surface)
  )
    reject = true;
  // "Nadia al-Faour", "Bashar al-Assad": a given name before an article-joined family name, not a
  // place (a place's own longer name, "Deir al-Zour", was matched whole above)
  else if (
    next &&
    !next.cap &&
    ARTICLE_TOKENS.has(low(next)) &&
    adjacent(text, last, next) &&
    tokAt(toks, bestEnd + 2)?.joined === true &&
    toks[bestEnd + 2]!.cap &&
    !countryOrProvince(r, surface, bestKey)
  ) {
    reject = true;
    if (bestEnd === i && !populous(r, surface)) surnames.add(lower);
  }
  // "University of California", "Peanut Corporation of America": part of an organisation's name
  else if (prev && low(prev) === "of" && tokAt(toks, i - 2)?.cap && ORG_HEADS.has(low(toks[i - 2]!))) reject = true;
  else if (bestEnd === i && surnames.has(lower)) reject = true;
  // "the Olive Branch offensive" in an article about "Operation Olive Branch": the operation
  else if (codenames?.has(lower)) reject = true;
  else if (prev && TITLES.has(low(prev).endsWith(".") ? low(prev).slice(0, -1) : low(prev)) && adjacent(text, prev, t)) {
    reject = true;
    if (bestEnd === i) surnames.add(lower);
  }
  // "X said": a person, unless X is a country, province or big city ("Libya insisted") or follows
  // a locative word ("a resident of Tyler said")
  else if (
    next &&
    PERSON_VERBS.has(low(next)) &&
    adjacent(text, last, next) &&
    !(prev && !isInitial(text, t) && LOCATIVES.has(low(prev))) &&
    !bigPlace(r, surface)
  )
    reject = true;
  return reject;
}

/**
 * A lone small place needs context ("in X", "X province"); a sentence-initial lone word
 * that also appears in lower case in the text is an ordinary word.
 */
function loneWordRejected(r: Recognition, i: number, bestKey: string, surface: string, lower: string, cues: string[] | undefined): boolean {
  const { toks, text, gaz } = r;
  const t = toks[i]!;
  const prev = tokAt(toks, i - 1);
  let reject = false;
  const cands = r.cands(surface);
  let maxPop = 0;
  let strongType = false;
  let mainNamed = false;
  const keyThenSpace = `${bestKey} `;
  for (let k = 0; k < cands.length && k < 10; k++) {
    const c = cands[k]!;
    maxPop = Math.max(maxPop, gaz.pop(c));
    const fc = gaz.fcode(c);
    if (!fc.startsWith("PPL") && fc !== "ADM2") strongType = true;
    // its own name, or the start of it ("Acapulco de Juárez", "Mediterranean Sea") (asked until one is:
    // a feature's main key is computed on its first ask, and the first candidate mostly answers)
    if (!mainNamed) {
      const mk = gaz.mainKey(c);
      if (mk === bestKey || mk.startsWith(keyThenSpace)) mainNamed = true;
    }
  }
  const prevWord = prev && !isInitial(text, t) ? low(prev) : "";
  const context = PREPS.has(prevWord) || cues !== undefined;
  // a lone word with no locative context that is no place's own name, only some place's other
  // name ("Late" for Lahti, "Upon" for Lapu-Lapu, "Safe" for Safi), is a word
  if (!context && !mainNamed) reject = true;
  if (!strongType && maxPop < 5000 && !context) reject = true;
  // sentence-initial: "Stay up to date", "Will", "Much" are words, unless the place is big
  if (isInitial(text, t) && !context && !strongType && maxPop < 50000) reject = true;
  if (isInitial(text, t) && !context && r.inLowerCase(lower)) reject = true;
  return reject;
}

/** "Paris, Tenn.": an AP-style state abbreviation right after "Place, ". */
function stateAbbreviations(text: string, gaz: Gazetteer, exclude: SpanSet, out: MentionInput[]): void {
  const stRe = /,\s+((?:[A-Z]\.){2}|[A-Z][a-z]{1,4}\.)/g;
  const st = gaz.header.stateAbbreviations;
  for (let m = stRe.exec(text); m; m = stRe.exec(text)) {
    const abbr = m[1]!;
    if (st[abbr.replace(/\./g, "")] === undefined) continue;
    const start = m.index + m[0].length - abbr.length;
    const end = start + abbr.length;
    const prevPlace = out.find((o) => o.end === m!.index);
    if (!prevPlace || exclude.overlaps(start, end) || out.some((o) => o.start < end && start < o.end)) continue;
    out.push({ start, end, surface: abbr, forced: [st[abbr.replace(/\./g, "")]!] });
  }
}

/**
 * "Austin, TX": a US state's postal code (its GeoNames admin-1 code) right after "Town, ", when
 * the town has a namesake in that state ("Hollywood, LA" is not Louisiana).
 */
function postalCodes(text: string, gaz: Gazetteer, exclude: SpanSet, out: MentionInput[]): void {
  const pcRe = /,\s+([A-Z]{2})(?![\p{L}\p{N}'’-]|\.\p{L})/gu;
  for (let m = pcRe.exec(text); m; m = pcRe.exec(text)) {
    const state = usStates(gaz).get(m[1]!);
    const start = m.index + m[0].length - 2;
    const end = start + 2;
    const prevPlace = out.find((o) => o.end === m!.index);
    if (state === undefined || !prevPlace || exclude.overlaps(start, end)) continue;
    if (out.some((o) => o.start < end && start < o.end)) continue;
    const a1 = gaz.a1(state);
    if (!gaz.candidates(prevPlace.surface).some((c) => gaz.cc(c) === "US" && gaz.a1(c) === a1 && c !== state)) continue;
    out.push({ start, end, surface: m[1]!, forced: [state] });
  }
}

/** "the Kazakh capital" with no name after it: the capital of that country (only texts that say "capital" can hold one). */
function bareCapitals(text: string, gaz: Gazetteer, exclude: SpanSet, out: MentionInput[]): void {
  for (const m of matchesEndingWith(text, "capital", 1, BARE_CAPITAL)) {
    const v = gaz.demonym(nameKey(m[1]!));
    const cc = v && !v.startsWith("#") ? v : undefined;
    const cap = cc ? gaz.header.capitals[cc] : undefined;
    if (cap === undefined || exclude.overlaps(m.index, m.index + m[0].length)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, surface: m[0], forced: [cap], cues: ["PPLC"] });
  }
}

// "the Kazakh capital" not followed by a name (tried before each "capital" of the text: anchored.ts)
const BARE_CAPITAL = /\b(\p{Lu}[\p{Ll}\p{M}]+)\s+capital\b(?!\s*,?\s*(?:city\s+)?\p{Lu})/uy;

/** A country, province or city of 100,000+ among the name's candidates: not a person's name. */
function bigPlace(r: Recognition, surface: string): boolean {
  const gaz = r.gaz;
  const cands = r.cands(surface);
  for (let k = 0; k < cands.length && k < 10; k++) {
    const c = cands[k]!;
    const fc = gaz.fcode(c);
    if (gaz.pop(c) >= 100_000 || fc.startsWith("PCL") || fc === "ADM1") return true;
  }
  return false;
}

// US states by postal code ("TX" → Texas): GeoNames' admin-1 codes for the US are the postal codes
const usStateMemo = new WeakMap<Gazetteer, Map<string, number>>();
function usStates(gaz: Gazetteer): Map<string, number> {
  let m = usStateMemo.get(gaz);
  if (!m) {
    m = new Map();
    // the admin-1 units by code (a few thousand), not a walk over every feature
    for (const [key, i] of Object.entries(gaz.header.admin1Feature)) {
      if (!key.startsWith("US.") || key.length !== 5 || gaz.fcode(i) !== "ADM1" || gaz.cc(i) !== "US") continue;
      if (gaz.header.admin1Keys[gaz.a1(i)] === key) m.set(key.slice(3), i);
    }
    usStateMemo.set(gaz, m);
  }
  return m;
}

/**
 * A country or province by its main name as written ("Canada" in "ABC Canada" is still Canada later
 * on; "Anna" is not A'ana, Samoa, though both fold to one key).
 */
function countryOrProvince(r: Recognition, surface: string, key: string): boolean {
  const gaz = r.gaz;
  const cands = r.cands(surface);
  for (let k = 0; k < cands.length && k < 10; k++) {
    const c = cands[k]!;
    const fc = gaz.fcode(c);
    if ((fc.startsWith("PCL") || fc === "ADM1") && gaz.mainKey(c) === key && lightName(gaz.name(c)) === lightOfLook(surface, r.bestLook!)) return true;
  }
  return false;
}

/** A place of 100,000 people or more by this name. */
function populous(r: Recognition, surface: string): boolean {
  const gaz = r.gaz;
  const cands = r.cands(surface);
  for (let k = 0; k < cands.length && k < 10; k++) if (gaz.pop(cands[k]!) >= 100_000) return true;
  return false;
}

/** Is text[start, end) exactly the content of a pair of quotation marks (“X”, "X", ‘X’)? */
function quotedWhole(text: string, start: number, end: number): boolean {
  // (character codes: a character past Latin-1 read as a string is a new string each time, and V8
  // threw the code away comparing one; nor read past either end of the text)
  const open = start > 0 ? text.charCodeAt(start - 1) : -1;
  const close = end < text.length ? text.charCodeAt(end) : -1;
  if (open === 0x201c) return close === 0x201d; // “ ”
  if (open === 34) return close === 34; // " "
  // ‘X’ (not "X’s", where ’ is an apostrophe)
  if (open === 0x2018) return close === 0x2019 && !(end + 1 < text.length && A_LETTER.test(text[end + 1]!));
  return false;
}
const A_LETTER = /\p{L}/u;

/** An all-capitals token of two letters or more ("US", "UN"). */
function isAbbreviation(t: Tok): boolean {
  const w = t.text;
  if (w.length < 2) return false;
  // (a character loop: asked for every word after a name's first)
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** An abbreviation (letters only) that nameKey drops as an article before another word ("US" folds like "us-"). */
function droppedAbbreviation(t: Tok): boolean {
  return dropsBeforeName(low(t));
}

/**
 * The code names of an article: the capitalised words right after "Operation" ("Operation Olive
 * Branch" → "olive branch"), up to four; undefined when there are none (most articles).
 */
function codeNames(text: string, toks: Tok[]): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (let k = 0; k + 1 < toks.length; k++) {
    const h = toks[k]!;
    if (!h.cap || !CODENAME_HEAD_LENGTHS.has(h.end - h.start) || !CODENAME_HEADS.has(low(h))) continue;
    let e = k + 1;
    while (e < toks.length && e - k <= 4 && toks[e]!.cap && adjacent(text, toks[e - 1]!, toks[e]!)) e++;
    if (e === k + 1) continue;
    out ??= new Set();
    out.add(text.slice(toks[k + 1]!.start, toks[e - 1]!.end).toLowerCase());
  }
  return out;
}

/** Only spaces or tabs (or nothing) between the two tokens (read in place, no copy of the gap). */
function adjacent(text: string, a: Tok, b: Tok): boolean {
  for (let k = a.end; k < b.start; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}


export interface DemonymMention extends Span {
  text: string;
  countryCode?: string;
  featureIndex?: number;
}

/**
 * A capitalised word's demonym entry as written ("Syrian" → "SY"), null for none; one memo per gazetteer.
 * A common word that folds like a demonym ("The" / "Thai") is that word (asked after the look-up:
 * most capitalised words are no demonym).
 */
function demonymAnswers(gaz: Gazetteer): BoundedMemo<string | null> {
  let m = demonymMemo.get(gaz);
  if (m === undefined) {
    m = new BoundedMemo((word: string) => {
      const v = gaz.demonym(nameKey(word));
      return v === undefined || STOPWORDS.has(word.toLowerCase()) ? null : v;
    }, DEMONYM_MEMO);
    demonymMemo.set(gaz, m);
  }
  return m;
}
const demonymMemo = new WeakMap<Gazetteer, BoundedMemo<string | null>>();
const DEMONYM_MEMO = 50_000;

/** demonymAnswers' answer for `word`, from the word's look (its key is the word's nameKey), kept on the look. */
function demonymOfLook(gaz: Gazetteer, word: string, look: SurfaceLook): string | null {
  let v = look.demonym;
  if (v === undefined) {
    const d = gaz.demonym(look.key);
    v = d === undefined || STOPWORDS.has(word.toLowerCase()) ? null : d;
    look.demonym = v;
  }
  return v;
}

/**
 * Demonyms in the text ("Syrian", "Kazakh"): country context, never places themselves. A word the
 * recognizer looked up in this text (`looks`) is answered from its look, without the memo.
 */
export function findDemonyms(text: string, gaz: Gazetteer, looks?: WordLooks): DemonymMention[] {
  const out: DemonymMention[] = [];
  const answers = demonymAnswers(gaz);
  // each word's answer, once per text from its look (a word the recognizer looked up) or the memo: an
  // article repeats its capitalised words ("The", "Syrian"), and this small Map stays in the CPU cache
  // where the memo does not
  const seen = new Map<string, string | null>();
  const re = /\b[A-Z][a-z]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = m[0];
    let v = seen.get(word);
    if (v === undefined) {
      const look = looks?.get(word);
      v = look === undefined ? answers.get(word) : demonymOfLook(gaz, word, look);
      seen.set(word, v);
    }
    if (v === null) continue;
    const d: DemonymMention = { start: m.index, end: m.index + word.length, text: word };
    if (v.startsWith("#")) d.featureIndex = Number(v.slice(1));
    else d.countryCode = v;
    out.push(d);
  }
  return out;
}

