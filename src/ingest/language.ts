// Language: the page's own declaration (html lang, meta) checked against a cheap
// stopword count over the body (model/stopwords.json).
import { readFileSync } from "node:fs";
import { letterAt } from "../types/letters.js";
import { SHORT, WordCodeTable, wordCode } from "../types/word-codes.js";

const LISTS = JSON.parse(readFileSync(new URL("./model/stopwords.json", import.meta.url), "utf8")) as Record<string, string[] | string>;
const LANGS = Object.keys(LISTS).filter((k) => k !== "_comment");
/** Each stopword → the indexes (in LANGS) of the languages listing it: one look-up per word. */
const LANGS_OF = new Map<string, number[]>();
for (const [i, lang] of LANGS.entries())
  for (const w of new Set(LISTS[lang] as string[])) {
    const list = LANGS_OF.get(w);
    if (list) list.push(i);
    else LANGS_OF.set(w, [i]);
  }

/** The longest stopword: a longer word is in no list, so no string is made to look it up. */
const MAX_WORD = Math.max(...[...LANGS_OF.keys()].map((w) => w.length));
/**
 * The a-z stopwords of up to SHORT letters by their numbers (see word-codes), each with the bits (1 << index in
 * LANGS) of the languages listing it: looked up without making a string.
 */
const SHORT_LANGS = new WordCodeTable(
  new Map([...LANGS_OF].filter(([w]) => w.length <= SHORT && /^[a-z]+$/.test(w)).map(([w, langs]) => [wordCode(w), langs.reduce((b, l) => b | (1 << l), 0)])),
);
/** The numbers of the first SHORT letters of every longer a-z stopword: an a-z word whose start is none of them is in no list. */
const LONG_STARTS = new Set([...LANGS_OF.keys()].filter((w) => w.length > SHORT && /^[a-z]+$/.test(w)).map(wordCode));

/** Best-guess ISO 639-1 code of a text by stopword share, or undefined if too short/unclear. */
export function guessLanguage(text: string): string | undefined {
  // the first 2,000 words (runs of letters) of the text, each short one looked up once; a loop over
  // character codes, not a regex match per word (ASCII tested inline: most letters of most texts; letterAt
  // for the rest). The text is not lower-cased whole: an ASCII letter is folded as it is read and any other
  // word is lower-cased on its own, the same words and strings, as lower-casing changes no character's
  // length or letterhood but that of "İ" ("i̇": a letter and a mark), so a text with one is lower-cased first.
  // (One string can differ: a Greek "Σ" lower-cases to "σ" or final "ς" by the letters around it, which the
  // whole text has beyond an apostrophe ("ΟΔΟΣ'Α") and its word alone does not. No list has Greek.)
  const src = text.includes("\u0130") ? text.toLowerCase() : text;
  const n = src.length;
  const counts = new Array<number>(LANGS.length).fill(0);
  let words = 0;
  for (let i = 0; i < n && words < 2000; ) {
    let c = src.charCodeAt(i);
    let k = c < 128 ? ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0) : letterAt(src, i);
    if (k === 0) {
      i++;
      continue;
    }
    const s = i;
    // the word's first 6 letters lower-cased as a number while they are ASCII (az: every letter of the word is)
    let key = 0;
    let az = true;
    while (k > 0) {
      if (c < 128) {
        if (i - s < SHORT) key = key * 27 + (c | 0x20) - 96;
      } else az = false;
      i += k;
      if (i >= n) break;
      c = src.charCodeAt(i);
      k = c < 128 ? ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0) : letterAt(src, i);
    }
    words++;
    if (i - s > MAX_WORD) continue;
    let bits = 0;
    if (az && i - s > SHORT && !LONG_STARTS.has(key)) continue;
    if (az && i - s <= SHORT) bits = SHORT_LANGS.get(key);
    else {
      const langs = LANGS_OF.get(src.slice(s, i).toLowerCase());
      if (langs) for (const l of langs) bits |= 1 << l;
    }
    for (let l = 0; bits !== 0; l++, bits >>>= 1) if (bits & 1) counts[l]++;
  }
  if (words < 20) return undefined;
  let best: string | undefined;
  let bestN = 0;
  for (const [i, c] of counts.entries())
    if (c > bestN) {
      bestN = c;
      best = LANGS[i];
    }
  return bestN / words >= 0.08 ? best : undefined;
}

/** Normalizes "en-GB", "en_US" → "en"; returns undefined for junk. */
export function normalizeLang(lang: string | undefined | null): string | undefined {
  const m = lang?.trim().toLowerCase().match(/^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/);
  return m ? m[1] : undefined;
}

/** The declared language if the body does not contradict it, else the body's own guess. */
export function decideLanguage(declared: string | undefined, body: string): string | undefined {
  const d = normalizeLang(declared);
  const g = guessLanguage(body);
  if (!g) return d;
  if (!d) return g;
  return d === g ? d : g;
}
