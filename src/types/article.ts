// The normalized article every reader produces: clean body text plus metadata.
import type { Warning } from "./warnings.js";

/** An image caption, kept apart from the body, with its photo credit when one is given. */
export interface Caption {
  text: string;
  /** "Reuters", "AFP/Getty Images" */
  credit?: string;
}

/**
 * One article, as read from a page, a feed item, a JSON Lines record or plain text.
 * `body` is the clean text: paragraphs separated by one blank line ("\n\n"), no
 * boilerplate. Every span in later annotations points into `body`.
 */
export interface Article {
  id: string;
  /** Where it came from: a file path, a URL, "stdin", or "stdin:3" for line 3 of a stream. */
  source: string;
  /** What kind of reader made it. */
  format: "html" | "text" | "feed" | "jsonl" | "url";
  url?: string;
  /** "The Independent" */
  outlet?: string;
  title?: string;
  /** The sub-headline. */
  standfirst?: string;
  /** "Rachel Roberts" */
  byline?: string;
  /** ISO 8601 with the page's own offset: "2017-09-09T17:49:00-04:00". */
  publishedAt?: string;
  /** ISO 639-1: "en" */
  language?: string;
  body: string;
  captions: Caption[];
  /** Credit lines such as "Additional reporting by Reuters". */
  credits: string[];
  warnings: Warning[];
}
