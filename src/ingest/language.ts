// Language: the page's own declaration (html lang, meta) checked against a cheap
// stopword count over the body (model/stopwords.json).
import { readFileSync } from "node:fs";

const LISTS = JSON.parse(readFileSync(new URL("./model/stopwords.json", import.meta.url), "utf8")) as Record<string, string[] | string>;
const SETS = Object.entries(LISTS)
  .filter(([k]) => k !== "_comment")
  .map(([lang, words]) => [lang, new Set(words as string[])] as const);

/** Best-guess ISO 639-1 code of a text by stopword share, or undefined if too short/unclear. */
export function guessLanguage(text: string): string | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu)?.slice(0, 2000) ?? [];
  if (words.length < 20) return undefined;
  let best: string | undefined;
  let bestN = 0;
  for (const [lang, set] of SETS) {
    let n = 0;
    for (const w of words) if (set.has(w)) n++;
    if (n > bestN) {
      bestN = n;
      best = lang;
    }
  }
  return bestN / words.length >= 0.08 ? best : undefined;
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
