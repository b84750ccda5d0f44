// The NLP passes, in run order. Each pass reads what earlier passes assigned and adds its own.
// (Scaffold: the passes are added by the extraction work; until then this returns no annotations.)
import type { Actor, Article, Quote, Relation, Span, Warning } from "../types/index.js";

/** What the NLP passes leave for geoparsing and event extraction. */
export interface NlpDoc {
  article: Article;
  sentences: Span[];
  actors: Actor[];
  relations: Relation[];
  quotes: Quote[];
  warnings: Warning[];
}

export function runNlp(article: Article, _opts: { explain?: boolean } = {}): NlpDoc {
  return { article, sentences: [], actors: [], relations: [], quotes: [], warnings: [] };
}
