// The whole flow for one article, on one page:
//   ingest (src/ingest) → nlp passes (src/nlp/pipeline.ts) → geoparsing (src/geo)
//   → events (src/events/extract.ts) → one ExtractedDoc.
// Storing and merging across articles happens later, in src/store and src/events/merge.ts.
import { extractEvents } from "./events/extract.js";
import { geoparse } from "./geo/index.js";
import { runNlp } from "./nlp/pipeline.js";
import type { Article, ExtractedDoc } from "./types/index.js";

export interface ExtractOptions {
  /** Keep the per-fact explanations (`--explain`). */
  explain?: boolean;
}

/** Runs every extraction stage over one article. Never throws on bad text. */
export function extract(article: Article, opts: ExtractOptions = {}): ExtractedDoc {
  const nlp = runNlp(article, opts);
  const geo = geoparse(article.body, {
    exclude: nlp.actors.flatMap((a) => a.mentions),
    publishedAt: article.publishedAt,
    explain: opts.explain,
  });
  const ev = extractEvents(article, nlp, geo.places, opts);
  return {
    id: article.id,
    article,
    actors: nlp.actors,
    relations: [...nlp.relations, ...ev.relations],
    places: geo.places,
    events: ev.events,
    quotes: nlp.quotes,
    warnings: [...nlp.warnings, ...geo.warnings, ...ev.warnings],
  };
}
