// The document `sitrep extract` prints, one per input: the article and what was found in it.
import type { Actor, Quote, Relation } from "./actor.js";
import type { Article } from "./article.js";
import type { ConflictEvent } from "./event.js";
import type { Place } from "./place.js";
import type { Warning } from "./warnings.js";

export interface ExtractedDoc {
  /** The input's own id when it gave one, else a stable content hash. */
  id: string;
  article: Article;
  actors: Actor[];
  relations: Relation[];
  places: Place[];
  events: ConflictEvent[];
  quotes: Quote[];
  /** Warnings from extraction and geoparsing (the reader's are in `article.warnings`). */
  warnings: Warning[];
}
