// One HTML page → the article's body paragraphs and metadata.
import { parseDocument } from "./dom.js";
import type { Caption } from "../../types/index.js";
import { extractBody } from "./body.js";
import { readPageMeta } from "./meta.js";
import { prestrip } from "./prestrip.js";

export interface HtmlParts {
  body: string;
  paragraphs: string[];
  via: string;
  title?: string;
  standfirst?: string;
  byline?: string;
  publishedAt?: string;
  dateUnparsed?: string;
  outlet?: string;
  language?: string;
  url?: string;
  captions: Caption[];
  /** True when the markup was too broken to read as a page (no elements found). */
  malformed: boolean;
}

/**
 * Reads one HTML page: metadata first, then the cleaned article body.
 * @example extractHtml("<html><body><article><p>…</p></article></body></html>").body
 */
export function extractHtml(html: string, _opts: { url?: string } = {}): HtmlParts {
  const { html: stripped, jsonld } = prestrip(html);
  const doc = parseDocument(stripped);
  const meta = readPageMeta(doc, jsonld);
  const malformed = !doc.body || doc.body.children.length === 0;
  const r = extractBody(doc, { title: meta.titles, standfirst: meta.standfirstMarked ? meta.standfirst : undefined, jsonldBody: meta.jsonldBody });
  const { jsonldBody: _j, standfirstMarked: _s, titles: _t, ...rest } = meta;
  // a description that is just the lede (or its start) is no standfirst
  const lede = r.paragraphs[0]?.replace(/\s+/g, " ");
  if (rest.standfirst && lede?.startsWith(rest.standfirst.replace(/(?:\.\.\.|…)$/, "").trim())) delete rest.standfirst;
  return { ...rest, body: r.paragraphs.join("\n\n"), paragraphs: r.paragraphs, via: r.via, malformed };
}
