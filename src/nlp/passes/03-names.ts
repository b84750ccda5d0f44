// Pass 03: proper-noun runs ("Ahmed Abu Kholeh", "Deir Ezzor", "Syrian Observatory for Human Rights"):
// capitalized words, joined by particles such as "al-", "bin", "of the". Used for persons, places
// and discovering actors the lexicon lacks.
import type { NlpDoc, Pass } from "../pipeline.js";
import { classOfUnit } from "../char-class.js";

// A run is what the pattern (?<![\p{L}\p{N}]) CAP (JOIN CAP)* matches (u flag), where
//   CAP  = an optional particle ("al", "bin" … with "-" or a space), then \p{Lu}[\p{L}\p{N}'’.-]*
//   JOIN = white space + joining word ("of", "the" …) + white space | white space | "-"
// It is matched by hand below, exactly as the pattern matches (greedy, first alternative first; the
// test keeps the pattern as the specification): 1.7x faster than trying the pattern at every position.
const PARTICLES = ["al", "el", "ad", "as", "ash", "ar", "ez", "bin", "ibn", "abu", "Abu", "de", "du", "van", "von", "da"];
const JOINERS = ["of", "for", "the", "and", "de", "la", "al", "bin", "ibn", "wal", "ul"];
/**
 * A short ASCII word as a number (up to 3 characters of 7 bits each, and its length): looked up without making
 * its string. -1 for a word that is longer or not ASCII (no particle or joiner is: see shortCodes).
 */
function shortCode(s: string, i: number, e: number): number {
  if (e - i > 3) return -1;
  let key = e - i;
  for (let k = i; k < e; k++) {
    const c = s.charCodeAt(k);
    if (c >= 128) return -1;
    key = (key << 7) | c;
  }
  return key;
}
function shortCodes(words: string[]): Set<number> {
  const out = new Set<number>();
  for (const w of words) {
    const key = shortCode(w, 0, w.length);
    if (key < 0) throw new Error(`03-names: "${w}" is not a short ASCII word`);
    out.add(key);
  }
  return out;
}
const PARTICLE_CODES = shortCodes(PARTICLES);
const JOINER_CODES = shortCodes(JOINERS);

const UPPER = /^\p{Lu}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
// bits 2 upper-case letter, 4 letter or digit, 8 white space (char-class.ts: one unit by the shared table)
function classOf(ch: string): number {
  if (ch.length === 1) return classOfUnit(ch.charCodeAt(0));
  return 1 | (UPPER.test(ch) ? 2 : 0) | (LETTER_OR_DIGIT.test(ch) ? 4 : 0);
}
// The functions below read s[lo, end) only (one sentence of the body: no copy of it is made, whose
// characters V8 reads more slowly); `end` is where the text ends for them.

/** The code point at `i` as a string (two units for a surrogate pair), or "" at or past `end`. */
function cpAt(s: string, i: number, end: number): string {
  if (i >= end) return "";
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return s.slice(i, i + 2);
  }
  return s[i];
}
// (one unit by its code: no one-character string made)
const isSpaceAt = (s: string, i: number, end: number) => i < end && (classOfUnit(s.charCodeAt(i)) & 8) !== 0;
const skipSpaces = (s: string, i: number, end: number) => {
  while (isSpaceAt(s, i, end)) i++;
  return i;
};

/** End of the capitalized word at `q` ([\p{Lu}][\p{L}\p{N}'’.-]*), or -1. */
function capBody(s: string, q: number, end: number): number {
  if (q >= end) return -1;
  const c0 = s.charCodeAt(q);
  if (c0 >= 97 && c0 <= 122) return -1;
  const first = cpAt(s, q, end);
  if (!first || (classOf(first) & 2) === 0) return -1;
  let j = q + first.length;
  while (j < end) {
    const c = s.charCodeAt(j);
    // ASCII letters, digits, ' . - first; the rest by class
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 46 || c === 45) {
      j++;
      continue;
    }
    if (c < 128) break;
    // a unit that is no high surrogate is its code point: classed by its code (no one-character string made)
    if (c < 0xd800 || c > 0xdbff) {
      if ((classOfUnit(c) & 4) === 0 && c !== 0x2019) break;
      j++;
      continue;
    }
    const ch = cpAt(s, j, end);
    if ((classOf(ch) & 4) === 0 && ch !== "’") break;
    j += ch.length;
  }
  return j;
}
/** End of CAP at `q` (a particle with "-" or white space first when that leads to a capitalized word), or -1. */
function cap(s: string, q: number, end: number): number {
  // a particle is followed by "-" or white space, so it is the whole run of letters at q
  const k = lowerRun(s, q + 1, end);
  if (k - q <= 3 && k < end && PARTICLE_CODES.has(shortCode(s, q, k)) && (s[k] === "-" || isSpaceAt(s, k, end))) {
    const e = capBody(s, k + 1, end);
    if (e >= 0) return e;
  }
  return capBody(s, q, end);
}
/** End of the run of ASCII lower-case letters from `i`. */
function lowerRun(s: string, i: number, end: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) break;
    i++;
  }
  return i;
}
/** End of the run starting at `p` (its look-behind already checked), or -1. */
function runAt(s: string, p: number, end: number): number {
  let e = cap(s, p, end);
  if (e < 0) return -1;
  for (;;) {
    let next = -1;
    const w = skipSpaces(s, e, end);
    if (w > e) {
      // white space, a joining word, white space, CAP
      const k = lowerRun(s, w, end);
      if (k - w >= 2 && k - w <= 3 && JOINER_CODES.has(shortCode(s, w, k))) {
        const w2 = skipSpaces(s, k, end);
        if (w2 > k) next = cap(s, w2, end);
      }
      // white space, CAP
      if (next < 0) next = cap(s, w, end);
    }
    if (next < 0 && e < end && s[e] === "-") next = cap(s, e + 1, end);
    if (next < 0) return e;
    e = next;
  }
}
const isAsciiAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
/** No letter or digit just before `i` (from `lo` on), and `i` is not inside a surrogate pair. */
function mayStart(s: string, i: number, lo: number): boolean {
  if (i === lo) return true;
  const b = s.charCodeAt(i - 1);
  // an ASCII character before: a letter or digit or not ([\p{L}\p{N}] holds no other ASCII character)
  if (b < 128) return !isAsciiAlnum(b);
  if (b >= 0xd800 && b <= 0xdbff) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  let before = s[i - 1];
  if (b >= 0xdc00 && b <= 0xdfff && i - 2 >= lo) {
    const a = s.charCodeAt(i - 2);
    if (a >= 0xd800 && a <= 0xdbff) before = s.slice(i - 2, i);
  }
  return (classOf(before) & 4) === 0;
}

/**
 * Where the run s[i, e) ends once cut: a possessive ("Assad's"), then trailing full stops,
 * apostrophes and hyphens, then a trailing joiner ("Syria and"). (Offsets, one string made by the
 * caller: strings cut by replace were of other string types, and V8 threw nameRuns's code away.)
 */
function runEnd(s: string, i: number, e: number): number {
  if (e - i >= 2 && s.charCodeAt(e - 1) === 115 && isApostrophe(s.charCodeAt(e - 2))) e -= 2;
  while (e > i && isTrailingMark(s.charCodeAt(e - 1))) e--;
  const w = joinerBefore(s, i, e);
  if (w > 0 && e - w - 1 >= i && WHITE.test(s[e - w - 1]!)) {
    let k = e - w - 1;
    while (k > i && WHITE.test(s[k - 1]!)) k--;
    e = k;
  }
  return e;
}
const WHITE = /\s/;
// the joiners a run does not end with
const END_JOINERS = ["of", "for", "the", "and"];

/** The length of the joiner s[i, e) ends with, or 0. */
function joinerBefore(s: string, i: number, e: number): number {
  // (compared from the last character: most runs differ there, and no call is made; an index, not for…of,
  // whose early return closes the iterator, a step no run before the first that ends with a joiner takes:
  // V8's optimised code was thrown away there)
  for (let j = 0; j < END_JOINERS.length; j++) {
    const w = END_JOINERS[j]!;
    const n = w.length;
    if (e - i < n) continue;
    let k = 1;
    while (k <= n && s.charCodeAt(e - k) === w.charCodeAt(n - k)) k++;
    if (k > n) return n;
  }
  return 0;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** ".", "'", "’", "-" */
function isTrailingMark(c: number): boolean {
  return c === 46 || c === 39 || c === 0x2019 || c === 45;
}

/** Proper-noun runs in `text` between `start` and `end`. */
export function nameRuns(text: string, start = 0, end = text.length): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const s = text;
  for (let i = start; i < end; ) {
    const c = s.charCodeAt(i);
    // a run starts with a capital or a particle's first letter: most positions fail here
    const first = (c >= 65 && c <= 90) || c === 97 || c === 98 || c === 100 || c === 101 || c === 105 || c === 118 || (c >= 128 && (c >= 0xd800 || (classOfUnit(c) & 2) !== 0));
    const e = first && mayStart(s, i, start) ? runAt(s, i, end) : -1;
    if (e < 0) {
      i++;
      // the rest of an ASCII word follows a letter or digit: no run starts there, nor just after it
      if (isAsciiAlnum(c)) while (i < end && isAsciiAlnum(s.charCodeAt(i))) i++;
      continue;
    }
    const to = runEnd(s, i, e);
    if (to - i >= 2) out.push({ start: i, end: to, text: s.slice(i, to) });
    i = e;
  }
  return out;
}

export const namesPass: Pass = {
  name: "03-names",
  requires: ["sentences"],
  assigns: ["names"],
  run(doc: NlpDoc) {
    for (const s of doc.sentences) for (const r of nameRuns(doc.text, s.start, s.end)) doc.names.push(r);
  },
};
