// Pass 01: sentence boundaries (wink-nlp) as character spans in the body. Caps huge documents
// (TEXT_TRUNCATED) and never lets a sentence cross a paragraph break.
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { Span } from "../../types/index.js";
import { warning } from "../../types/index.js";
import type { NlpDoc, Pass } from "../pipeline.js";

/** Characters analysed at most (about 25,000 words, far beyond any news article). */
export const MAX_CHARS = 150_000;

let nlp: ReturnType<typeof winkNLP> | undefined;
const wink = () => (nlp ??= winkNLP(model, ["sbd"]));

/** Splits `text` into sentence spans. Exported for tests. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  if (!/[\p{L}\p{N}]/u.test(text)) return out;
  const its = wink().its;
  const d = wink().readDoc(text);
  const values = d.tokens().out(its.value) as string[];
  const spaces = d.tokens().out(its.precedingSpaces) as string[];
  const starts: number[] = new Array(values.length);
  const ends: number[] = new Array(values.length);
  let pos = 0;
  for (let i = 0; i < values.length; i++) {
    pos += spaces[i].length;
    let at = pos;
    if (!text.startsWith(values[i], pos)) {
      const f = text.indexOf(values[i], pos);
      at = f >= 0 ? f : pos;
    }
    starts[i] = at;
    ends[i] = Math.min(text.length, at + values[i].length);
    pos = ends[i];
  }
  const spans = d.sentences().out(its.span) as unknown as [number, number][];
  const push = (s: number, e: number) => {
    // trim, and never cross a line break (a heading is not part of the next sentence)
    let a = s;
    for (let nl = text.indexOf("\n", a); nl >= 0 && nl < e; nl = text.indexOf("\n", a)) {
      if (/[\p{L}\p{N}]/u.test(text.slice(a, nl))) out.push(trim(text, a, nl));
      a = nl + 1;
    }
    if (/[\p{L}\p{N}]/u.test(text.slice(a, e))) out.push(trim(text, a, e));
  };
  for (const [a, b] of spans) {
    if (a >= starts.length) continue;
    push(starts[a], b < ends.length ? ends[b] : text.length);
  }
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
