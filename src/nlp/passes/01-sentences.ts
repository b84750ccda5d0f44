// Pass 01: sentence boundaries as character spans in the body. A sentence ends at "." "!" or "?"
// (with any closing quotes or brackets) before white space or an opening quote, except after an
// abbreviation (model/abbreviations.txt), an initial ("A."), a dotted form ("U.S.", "p.m.") or an
// ellipsis ("..."). Never lets a sentence cross a line break. Caps huge documents (TEXT_TRUNCATED).
// (This replaced wink-nlp's splitter: the same spans on the Guardian set except where wink split
// inside URLs, numbers and quotes, at ~10x the speed.)
import type { Span } from "../../types/index.js";
import { warning } from "../../types/index.js";
import { readTsv } from "../model/load.js";
import type { NlpDoc, Pass } from "../pipeline.js";

/** Characters analysed at most (about 25,000 words, far beyond any news article). */
export const MAX_CHARS = 150_000;

let abbr: Set<string> | undefined;
const abbreviations = () => (abbr ??= new Set(readTsv("abbreviations.txt", 1).map((r) => r[0].trim().toLowerCase())));

const END = /[.!?]+["'”’)\]]*(?=\s|“)/g;
const WORD_BEFORE = /[\p{L}\p{N}.]+$/u;
const LETTER = /[\p{L}\p{N}]/u;
// (module constants: tsx compiles a \p{…} regex literal into a RegExp constructed wherever it is evaluated)
const ONE_CAPITAL = /^\p{Lu}$/u;
const DOTTED = /\p{L}\.\p{L}$/u;

/** Splits `text` into sentence spans. Exported for tests. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  if (!LETTER.test(text)) return out;
  const ab = abbreviations();
  let from = 0;
  END.lastIndex = 0;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    const at = m.index;
    let n = 1;
    while (n < m[0].length && /[.!?]/.test(m[0][n])) n++;
    // an ellipsis marks an omission, not a sentence end
    if (n > 1 && m[0][0] === ".") continue;
    if (n === 1 && m[0][0] === ".") {
      const word = WORD_BEFORE.exec(text.slice(Math.max(0, at - 12), at))?.[0] ?? "";
      if (ab.has(word.toLowerCase()) || ONE_CAPITAL.test(word) || DOTTED.test(word)) continue;
    }
    const end = at + m[0].length;
    push(text, out, from, end);
    from = end;
  }
  push(text, out, from, text.length);
  return out;
}

/** Adds `text[s, e)` as sentences: trimmed, one per line (a heading is not part of the next sentence), those with a letter or digit. */
function push(text: string, out: Span[], s: number, e: number): void {
  let a = s;
  for (let nl = text.indexOf("\n", a); nl >= 0 && nl < e; nl = text.indexOf("\n", a)) {
    if (hasLetter(text, a, nl)) out.push(trim(text, a, nl));
    a = nl + 1;
  }
  if (hasLetter(text, a, e)) out.push(trim(text, a, e));
}

/** Is there a letter or digit (\p{L}, \p{N}) in `text[a, b)`? ASCII by code, other characters by LETTER (read in place, no copy of the span). */
function hasLetter(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
      continue;
    }
    // (a character outside the BMP is two units: both go to the test, never past b)
    const two = c >= 0xd800 && c <= 0xdbff && i + 1 < b;
    if (LETTER.test(text.slice(i, two ? i + 2 : i + 1))) return true;
    if (two) i++;
  }
  return false;
}

function trim(text: string, a: number, b: number): Span {
  while (a < b && isSpace(text, a)) a++;
  while (b > a && isSpace(text, b - 1)) b--;
  return { start: a, end: b };
}

/** /\s/ at `i`: ASCII white space by code, any other character by the regex. */
function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(text[i]);
}
const SPACE = /\s/;

export const sentencesPass: Pass = {
  name: "01-sentences",
  requires: ["text"],
  assigns: ["sentences"],
  run(doc: NlpDoc) {
    if (doc.text.length > MAX_CHARS) {
      let cut = doc.text.lastIndexOf("\n", MAX_CHARS);
      if (cut < MAX_CHARS / 2) cut = doc.text.lastIndexOf(". ", MAX_CHARS) + 1;
      if (cut <= 0) cut = MAX_CHARS;
      doc.warnings.push(warning("TEXT_TRUNCATED", `analysed the first ${cut} of ${doc.text.length} characters`));
      doc.text = doc.text.slice(0, cut);
    }
    doc.sentences = splitSentences(doc.text);
    if (doc.sentences.length === 0) doc.warnings.push(warning("NO_SENTENCES"));
  },
};
