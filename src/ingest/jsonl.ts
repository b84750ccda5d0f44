// JSON Lines: one record a line, `{id?, url?, outlet?, title?, publishedAt?, html | text}`.
// A record's `id` is kept as the article id; a bad line is a failure naming its line number.
import { type Warning, warning } from "../types/index.js";
import { makeArticle } from "./article.js";
import { parseDate } from "./dates.js";
import type { HtmlParts } from "./html/extract.js";
import type { ReadResult } from "./index.js";
import { htmlReader, loadedHtmlReader } from "./readers-on-demand.js";
import { parseScrapedText } from "./scraped.js";

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/**
 * Reads one JSON Lines record; `where` is "file.jsonl:12". A promise only for an "html" record met
 * before the HTML reader was loaded (it loads on first need: src/ingest/readers-on-demand.ts).
 */
export function readJsonlRecord(line: string, where: string): ReadResult | Promise<ReadResult> {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (e) {
    return { ok: false, input: where, code: "JSONL_LINE_INVALID", message: `not valid JSON (${(e as Error).message.split("\n")[0]})` };
  }
  if (!rec || typeof rec !== "object" || Array.isArray(rec))
    return { ok: false, input: where, code: "JSONL_LINE_INVALID", message: "the line is not a JSON object" };
  const r = rec as Record<string, unknown>;
  const html = str(r.html);
  const text = str(r.text);
  if (!html && !text) return { ok: false, input: where, code: "JSONL_LINE_INVALID", message: 'the record has neither "html" nor "text"' };
  const id = r.id === undefined || r.id === null ? undefined : String(r.id);
  const warnings: Warning[] = [];
  const rawDate = str(r.publishedAt);
  const date = parseDate(rawDate);
  if (rawDate && !date) warnings.push(warning("DATE_UNPARSED", JSON.stringify(rawDate), where));
  if (html) {
    const fromHtml = (p: HtmlParts): ReadResult => ({
      ok: true,
      article: makeArticle({
        ...p,
        id,
        source: where,
        format: "jsonl",
        url: str(r.url) ?? p.url,
        outlet: str(r.outlet) ?? p.outlet,
        title: str(r.title) ?? p.title,
        publishedAt: date ?? p.publishedAt,
        warnings,
      }),
    });
    const extractHtml = loadedHtmlReader();
    if (extractHtml) return fromHtml(extractHtml(html, { url: str(r.url) }));
    return htmlReader().then((x) => fromHtml(x(html, { url: str(r.url) })));
  }
  const title = str(r.title);
  const p = parseScrapedText(text!, { title });
  // (every field written out: a spread copy of the parts is a slow generic clone)
  return {
    ok: true,
    article: makeArticle({
      id,
      source: where,
      format: "jsonl",
      url: str(r.url),
      outlet: str(r.outlet) ?? p.outlet,
      title: title ?? p.title,
      standfirst: p.standfirst,
      byline: p.byline,
      publishedAt: date ?? p.publishedAt,
      paragraphs: p.paragraphs,
      captions: p.captions,
      credits: p.credits,
      warnings,
    }),
  };
}

/** True when the text's first non-empty lines all look like JSON objects. */
export function looksLikeJsonl(text: string): boolean {
  const lines = text.slice(0, 20000).split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 3);
  return lines.length > 0 && lines.every((l) => l.startsWith("{"));
}
