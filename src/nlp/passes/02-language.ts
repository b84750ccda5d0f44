// Pass 02: is this English? Share of common English function words among the words, and share of
// Latin letters. Non-English text gets NOT_ENGLISH and no further extraction.
import { warning } from "../../types/index.js";
import type { NlpDoc, Pass } from "../pipeline.js";
import { letterAt } from "../../types/letters.js";
import { SHORT, WordCodeTable, wordCode } from "../../types/word-codes.js";
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
/**
 * The a-z function words of up to SHORT letters by their numbers (see word-codes) → 1 English, 2 another
 * language's: looked up without making a string. longStarts: the numbers of the first SHORT letters of every
 * longer a-z function word (an ASCII word starting otherwise is in neither list).
 */
let codes: { table: WordCodeTable; longStarts: Set<number> } | undefined;
const wordCodes = () => {
  if (codes) return codes;
  const en = stopwords();
  const ow = otherwords();
  const byCode = new Map<number, number>();
  const longStarts = new Set<number>();
  for (const [list, v] of [[ow, 2], [en, 1]] as const)
    for (const w of list) {
      if (!/^[a-z]+$/.test(w)) continue;
      if (w.length > SHORT) longStarts.add(wordCode(w));
      else byCode.set(wordCode(w), v);
    }
  codes = { table: new WordCodeTable(byCode), longStarts };
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
  const { table, longStarts } = wordCodes();
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
      const v = table.get(key);
      if (v === 1) hits++;
      else if (v === 2) foreign++;
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
