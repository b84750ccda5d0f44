// Pass 01: sentence boundaries (wink-nlp) as character spans in the body. Caps huge documents
// (TEXT_TRUNCATED) and never lets a sentence cross a paragraph break.
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { Span } from "../../types/index.js";
import { warning } from "../../types/index.js";
import type { NlpDoc, Pass } from "../pipeline.js";

/** Characters analysed at most (about 40,000 words). */
export const MAX_CHARS = 250_000;

let nlp: ReturnType<typeof winkNLP> | undefined;
const wink = () => (nlp ??= winkNLP(model, ["sbd"]));

/** Splits `text` into sentence spans. Exported for tests. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  // Paragraphs first: wink would otherwise join a heading to the next line.
  const para = /[^\n]+/g;
  for (let m = para.exec(text); m; m = para.exec(text)) {
    const base = m.index;
    const p = m[0];
    if (!/[\p{L}\p{N}]/u.test(p)) continue;
    const its = wink().its;
    const d = wink().readDoc(p);
    const values = d.tokens().out(its.value) as string[];
    const spaces = d.tokens().out(its.precedingSpaces) as string[];
    const starts: number[] = [];
    const ends: number[] = [];
    let pos = 0;
    for (let i = 0; i < values.length; i++) {
      pos += spaces[i].length;
      let at = pos;
      if (!p.startsWith(values[i], pos)) {
        const f = p.indexOf(values[i], pos);
        at = f >= 0 ? f : pos;
      }
      starts.push(at);
      ends.push(Math.min(p.length, at + values[i].length));
      pos = ends[i];
    }
    const spans = d.sentences().out(its.span) as unknown as [number, number][];
    for (const [a, b] of spans) {
      if (a >= starts.length) continue;
      const s = starts[a];
      const e = b < ends.length ? ends[b] : p.length;
      if (e > s && /[\p{L}\p{N}]/u.test(p.slice(s, e))) out.push({ start: base + s, end: base + e });
    }
  }
  return out;
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
