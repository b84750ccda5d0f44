// Who did what to whom, where and when: sentences with event triggers → ConflictEvents.
// (Scaffold: the event passes are added by the extraction work.)
import type { NlpDoc } from "../nlp/pipeline.js";
import type { Article, ConflictEvent, Place, Relation, Warning } from "../types/index.js";

export interface EventsResult {
  events: ConflictEvent[];
  /** "opposes" relations read off hostile events. */
  relations: Relation[];
  warnings: Warning[];
}

export function extractEvents(
  _article: Article,
  _nlp: NlpDoc,
  _places: Place[],
  _opts: { explain?: boolean } = {},
): EventsResult {
  return { events: [], relations: [], warnings: [] };
}
