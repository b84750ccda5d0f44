// Pass 02: is this English? Share of common English function words among the words, and share of
// Latin letters. Non-English text gets NOT_ENGLISH and no further extraction.
import { warning } from "../../types/index.js";
import type { NlpDoc, Pass } from "../pipeline.js";
import { readTsv } from "../model/load.js";

let stop: Set<string> | undefined;
const stopwords = () => (stop ??= new Set(readTsv("english-function-words.txt", 1).flatMap((r) => r[0].split(" "))));

/** Returns a reason string when `text` does not look like English, else undefined. */
export function notEnglish(text: string): string | undefined {
  const sample = text.slice(0, 20_000);
  const words = sample.match(/\p{L}+/gu) ?? [];
  if (words.length < 6) return undefined;
  let latin = 0;
  let letters = 0;
  for (const w of words) {
    letters += w.length;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) latin++;
    }
  }
  if (latin / letters < 0.6) return "mostly non-Latin script";
  const sw = stopwords();
  let hits = 0;
  for (const w of words) if (sw.has(w.toLowerCase())) hits++;
  const share = hits / words.length;
  if (share < 0.12) return `only ${Math.round(share * 100)}% English function words`;
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
