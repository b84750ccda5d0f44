// Pass 02: is this English? Share of common English function words among the words, and share of
// Latin letters. Non-English text gets NOT_ENGLISH and no further extraction.
import { warning } from "../../types/index.js";
import type { NlpDoc, Pass } from "../pipeline.js";
import { letterAt } from "../../types/letters.js";
import { readTsv } from "../model/load.js";

let stop: Set<string> | undefined;
let other: Set<string> | undefined;
const stopwords = () => (stop ??= new Set(readTsv("english-function-words.txt", 1).flatMap((r) => r[0].split(" "))));
const otherwords = () => {
  if (other) return other;
  const en = stopwords();
  other = new Set(readTsv("other-function-words.txt", 1).flatMap((r) => r[0].split(" ")).filter((w) => !en.has(w)));
  for (const w of en) maxWord = Math.max(maxWord, w.length);
  for (const w of other) maxWord = Math.max(maxWord, w.length);
  return other;
};
// the longest function word of either list: a longer word is in neither, so no string is made for it
let maxWord = 0;
/** Words of up to 6 letters a-z as numbers (base 27, "a" = 1) → 1 English, 2 another language's: looked up without making a string. */
const SHORT = 6;
/**
 * Those numbers in an open-addressed table (a power-of-two size, at most a quarter full): slot j holds number + 1
 * in keys (0: empty) and 1 (English) or 2 (another language's) in kinds. Looked up in a few typed-array reads, no Map.
 * longStarts: the numbers of the first 6 letters of every longer a-z function word (an ASCII word starting otherwise is in neither list).
 */
let codes: { keys: Int32Array; kinds: Uint8Array; mask: number; longStarts: Set<number> } | undefined;
const codeSlot = (key: number) => Math.imul(key, 0x9e3779b1) >>> 7;
const wordCodes = () => {
  if (codes) return codes;
  const en = stopwords();
  const ow = otherwords();
  const byCode = new Map<number, number>();
  const longStarts = new Set<number>();
  for (const [list, v] of [[ow, 2], [en, 1]] as const)
    for (const w of list) {
      if (!/^[a-z]+$/.test(w)) continue;
      let key = 0;
      for (let k = 0; k < w.length && k < SHORT; k++) key = key * 27 + w.charCodeAt(k) - 96;
      if (w.length > SHORT) longStarts.add(key);
      else byCode.set(key, v);
    }
  let size = 64;
  while (size < byCode.size * 4) size *= 2;
  const mask = size - 1;
  const keys = new Int32Array(size);
  const kinds = new Uint8Array(size);
  for (const [key, v] of byCode) {
    let j = codeSlot(key) & mask;
    while (keys[j] !== 0) j = (j + 1) & mask;
    keys[j] = key + 1;
    kinds[j] = v;
  }
  codes = { keys, kinds, mask, longStarts };
  return codes;
};

/** Returns a reason string when `text` does not look like English, else undefined. */
export function notEnglish(text: string): string | undefined {
  const sample = text.slice(0, 4_000);
  // one pass over the letters of the sample: words (runs of \p{L}), Latin letters, function words.
  // A word that may be a function word is lower-cased on its own (an all-ASCII word of up to 6 letters is
  // looked up by its number, a longer one only when it starts as a longer function word does)
  const sw = stopwords();
  const ow = otherwords();
  const { keys, kinds, mask, longStarts } = wordCodes();
  let words = 0;
  let latin = 0;
  let letters = 0;
  let hits = 0;
  let foreign = 0;
  const n = sample.length;
  for (let i = 0; i < n; ) {
    let c = sample.charCodeAt(i);
    let k = c < 128 ? ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0) : letterAt(sample, i);
    if (k === 0) {
      i++;
      continue;
    }
    const s = i;
    let ascii = true;
    // the first 6 letters lower-cased as a number while they are ASCII
    let key = 0;
    while (k > 0) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) latin++;
      if (c >= 128) ascii = false;
      else if (i - s < SHORT) key = key * 27 + (c | 0x20) - 96;
      i += k;
      if (i >= n) break;
      c = sample.charCodeAt(i);
      k = c < 128 ? ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0) : letterAt(sample, i);
    }
    words++;
    letters += i - s;
    // (an all-ASCII word keeps its length lower-cased: only such a word is skipped by its length)
    if (ascii && i - s > maxWord) continue;
    if (ascii && i - s > SHORT && !longStarts.has(key)) continue;
    if (ascii && i - s <= SHORT) {
      for (let j = codeSlot(key) & mask; ; j = (j + 1) & mask) {
        const v = keys[j];
        if (v === 0) break;
        if (v === key + 1) {
          if (kinds[j] === 1) hits++;
          else foreign++;
          break;
        }
      }
      continue;
    }
    const l = sample.slice(s, i).toLowerCase();
    if (sw.has(l)) hits++;
    else if (ow.has(l)) foreign++;
  }
  if (words < 6) return undefined;
  if (latin / letters < 0.6) return "mostly non-Latin script";
  const share = hits / words;
  if (foreign >= 3 && foreign > hits && foreign / words >= 0.12) return `more function words of other languages (${foreign}) than of English (${hits})`;
  // short texts (headlines, captions) are too short to judge by function words
  if (words >= 25 && share < 0.12) return `only ${Math.round(share * 100)}% English function words`;
  return undefined;
}

export const languagePass: Pass = {
  name: "02-language",
  requires: ["sentences"],
  assigns: ["english"],
  run(doc: NlpDoc) {
    const why = notEnglish(doc.text);
    if (why) {
      doc.english = false;
      doc.warnings.push(warning("NOT_ENGLISH", why));
    }
  },
};
