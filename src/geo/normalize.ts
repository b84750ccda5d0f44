// Place-name keys that survive transliteration: "Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr",
// "Deir el-Zour" and "DEIR EZ ZOR" all fold to the same key. The same fold is applied to the
// gazetteer's names at build time and to the text at lookup time, so both sides always agree.
// The folding rules are data (model/transliteration.json); this file only applies them.
import { BoundedMemo } from "./memo.js";
import rules from "./model/transliteration.json" with { type: "json" };

const ARTICLES = new Set<string>(rules.articles);
const LEADING_DROP = new Set<string>(rules.leadingWords);
const CHAR_MAP: Record<string, string> = rules.chars;
// A substitution written as plain letters is applied as a literal replace-all (same result as the
// global pattern, without a regular-expression run per word); the others stay patterns, tested before
// they are replaced (most words never match, and a test makes no new string). Each rule also carries
// the letters a–z its match must hold (need: a bit per letter; a pattern's are not known, 0) and the
// letters it writes (adds): fold() asks a word for a rule only when the word may hold all of them.
const SUBS: { literal?: string; re: RegExp; test: RegExp; to: string; need: number; adds: number }[] = rules.substitutions.map(([a, b]) => {
  const literal = /^[a-z0-9 ]+$/.test(a!) ? a : undefined;
  return { literal, re: new RegExp(a!, "g"), test: new RegExp(a!), to: b!, need: literal === undefined ? 0 : lettersOf(literal), adds: lettersOf(b!) };
});
const GLUED = new RegExp(rules.gluedArticle);
// (a Map: a word of the text such as "constructor" is no entry, where an object's prototype answered)
const WORDS = new Map<string, string>(Object.entries(rules.words));

/**
 * Lower-cases, strips diacritics and punctuation: the "plain" form of a name.
 * @example plainName("Ḩamāh") === "hamah"; plainName("Deir ez-Zor") === "deir ez zor"
 */
export function plainName(s: string): string {
  if (plainAscii(s)) return s.toLowerCase();
  let out = "";
  const d = s.normalize("NFD");
  for (let i = 0; i < d.length; i++) {
    const c = d[i]!;
    const code = c.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue; // combining marks
    const m = CHAR_MAP[c];
    if (m !== undefined) {
      out += m;
      continue;
    }
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) out += c;
    else if (code >= 65 && code <= 90) out += String.fromCharCode(code + 32);
    else if (code < 128) out += " ";
    else {
      const l = c.toLowerCase();
      out += l >= "a" && l <= "z" ? l : " ";
    }
  }
  return out.replace(/\s+/g, " ").trim();
}

/**
 * Is `s` ASCII letters and digits in words set apart by single spaces (no space at either end)? Its
 * plain form is then its lower case (no diacritics, no mapped character, no run of blanks to fold):
 * most names looked up are, and skip the character-by-character fold.
 */
function plainAscii(s: string): boolean {
  return PLAIN_ASCII.test(s);
}
// (one pattern test, not a loop over the characters: a name is keyed once, on its first sight, mostly
// before V8 has optimised the code that keys it, and the pattern runs as compiled code from the start)
const PLAIN_ASCII = /^(?:[A-Za-z0-9]+(?: [A-Za-z0-9]+)*)?$/;

/** Is `w` (lower case) one of the Arabic articles a transliterated name may start with ("al", "el", "ash", "az" …)? */
export function isArticleWord(w: string): boolean {
  return ARTICLES.has(w);
}

/**
 * Does nameKey drop the one plain word `w` (lower-case letters and digits) before another word: an
 * article or a leading word, after the words table? (nameKey(`${w} x`) === "x", without the key.)
 */
export function dropsBeforeName(w: string): boolean {
  const v = WORDS.get(w) ?? w;
  return ARTICLES.has(v) || LEADING_DROP.has(v);
}

/**
 * The lookup key: the plain form, without Arabic articles ("al-", "ez-", glued "Ezzor"), with
 * doubled letters single and vowels folded ("ou"→"u", "ee"→"i", "ay"→"i").
 * @example nameKey("Deir Ezzor") === nameKey("Dayr az Zawr")
 */
export function nameKey(s: string): string {
  return memo.get(s);
}

const memo = new BoundedMemo((s: string) => computeKey(s, true), 200_000);

/**
 * nameKey(s), computed without asking or filling its memo: for a caller that keeps the answer itself
 * (the gazetteer's surface memo), where a second memo entry per new run of words is only cost.
 */
export function nameKeyUnmemoised(s: string): string {
  return computeKey(s, true);
}

/**
 * The name as spelled, without articles and doubled letters but with no letter folded: "Raqqa",
 * "ar-Raqqah" and "Raqqah" differ, "al-Raqqa" and "Raqqa" do not; "Pharr" is not "Far".
 * @example spellingKey("The Hague") === spellingKey("Hague")
 */
export function spellingKey(s: string): string {
  return spellingMemo.get(s);
}

const spellingMemo = new BoundedMemo((s: string) => computeKey(s, false), 50_000);

function computeKey(s: string, folded: boolean): string {
  const plain = plainName(s);
  // one word (most look-ups): no article or leading word to drop before another, nothing glued
  if (!plain.includes(" ")) {
    if (plain === "") return "";
    const w = WORDS.get(plain) ?? plain;
    return folded ? fold(w) : undoubled(w);
  }
  const words = plain.split(" ");
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (w === "") continue;
    w = WORDS.get(w) ?? w;
    // "al-Shadadi", "Deir ez-Zor": an article word before another word is dropped.
    if (ARTICLES.has(w) && i < words.length - 1) continue;
    if (kept.length === 0 && LEADING_DROP.has(w) && i < words.length - 1) continue;
    // "Ezzor", "Arraqqa" after the first word: a sun-letter article glued to the name.
    if (kept.length > 0 && w.length >= 5 && GLUED.test(w)) w = w.slice(2);
    kept.push(folded ? fold(w) : undoubled(w));
  }
  return kept.join(" ");
}

function fold(w: string): string {
  // the letters the word may hold: its own, plus those each rule that changed it wrote (a superset of
  // the letters it holds, so a rule is skipped only when one of its letters cannot be there)
  let has = lettersOf(w);
  for (let i = 0; i < SUBS.length; i++) {
    const r = SUBS[i]!;
    if ((has & r.need) !== r.need) continue;
    if (r.literal === undefined) {
      if (!r.test.test(w)) continue;
      w = w.replace(r.re, r.to);
    } else if (w.includes(r.literal)) w = w.replaceAll(r.literal, r.to);
    else continue;
    has |= r.adds;
  }
  return undoubled(w);
}

/** The letters a–z in `s`, a bit each (bit 0: a). */
function lettersOf(s: string): number {
  let m = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k) - 97;
    if (c >= 0 && c < 26) m |= 1 << c;
  }
  return m;
}

// a letter a–z twice in a row (the loop below runs only on words that have one)
const DOUBLED = /([a-z])\1/;

/** Doubled letters single: "Raqqa" = "Raqa", "Hassakeh" = "Hasakeh" (a–z only, as /([a-z])\1+/g → "$1"). */
function undoubled(w: string): string {
  if (!DOUBLED.test(w)) return w;
  let prev = -1;
  let k = 0;
  for (; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c === prev && c >= 97 && c <= 122) break;
    prev = c;
  }
  if (k === w.length) return w;
  let out = w.slice(0, k);
  for (; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c === prev && c >= 97 && c <= 122) continue;
    out += w[k];
    prev = c;
  }
  return out;
}
