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
  const push = (s: number, e: number) => {
    // trim, and never cross a line break (a heading is not part of the next sentence)
    let a = s;
    for (let nl = text.indexOf("\n", a); nl >= 0 && nl < e; nl = text.indexOf("\n", a)) {
      if (LETTER.test(text.slice(a, nl))) out.push(trim(text, a, nl));
      a = nl + 1;
    }
    if (LETTER.test(text.slice(a, e))) out.push(trim(text, a, e));
  };
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
    push(from, end);
    from = end;
  }
  push(from, text.length);
  return out;
}

function trim(text: string, a: number, b: number): Span {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return { start: a, end: b };
}

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
