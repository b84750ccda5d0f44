// Shared building blocks of every annotation: spans into `article.body`, and the
// evidence that says which pass and rule made an annotation and how sure it is.

/** A half-open character range `[start, end)` in `article.body`. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Why an annotation exists. Every fact sitrep reports carries at least one.
 * @example { pass: "03-actors", rule: "lexicon", confidence: 0.95, start: 120, end: 123, text: "SDF" }
 */
export interface Evidence extends Span {
  /** The pass (file name without extension) that made the annotation. */
  pass: string;
  /** The rule or pattern inside the pass, as named in its model file. */
  rule: string;
  /** 0..1 */
  confidence: number;
  /** The covered text, copied for readability: `body.slice(start, end)`. */
  text: string;
  /** With `--explain`: the sentence and the reason, for people ("rule backed-by/adj-sponsor matched in: …"). */
  explain?: string;
}

/** One occurrence of an entity in the body. */
export interface Mention extends Span {
  text: string;
  pass: string;
  rule: string;
  confidence: number;
  /** With `--explain`: the sentence and the reason. */
  explain?: string;
}
