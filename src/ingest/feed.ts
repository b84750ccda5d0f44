// RSS and Atom feeds: one Article per item, with the item's own date, link and author.
// A broken item (no text, no title) is skipped with a FEED_ITEM_SKIPPED warning on the feed's
// other articles; a feed with no usable item at all fails with FEED_INVALID.
import { parseDocument } from "./html/dom.js";
import type Parser from "rss-parser";
import { type Warning, warning } from "../types/index.js";
import { type ArticleParts, makeArticle } from "./article.js";
import { parseByline } from "./byline.js";
import { parseDate } from "./dates.js";
import { filterBlocks } from "./html/body.js";
import { blocksOf } from "./html/text.js";
import type { ReadResult } from "./index.js";

type Item = Parser.Item & { author?: string; "dc:creator"?: string; "content:encoded"?: string; id?: string; published?: string; updated?: string };

type FeedParser = Parser<Record<string, unknown>, Item>;
let parser: FeedParser | undefined;

/** The feed parser, made (and rss-parser loaded) when the first feed is read. */
async function feedParser(): Promise<FeedParser> {
  if (!parser) {
    const { default: RssParser } = await import("rss-parser");
    parser = new RssParser<Record<string, unknown>, Item>({
      customFields: { item: ["author", "dc:creator", "content:encoded", "id", "published", "updated"] },
    });
  }
  return parser;
}

function htmlToParagraphs(html: string): string[] {
  if (!/<[a-z][^>]*>/i.test(html)) return html.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean);
  const document = parseDocument(`<!doctype html><html><body>${html}</body></html>`);
  return filterBlocks(blocksOf(document.body as unknown as Element));
}

/** Reads every item of a feed text; `source` names the feed (path or URL). */
export async function* readFeed(xml: string, source: string, feedWarnings: Warning[] = []): AsyncGenerator<ReadResult> {
  let feed: Awaited<ReturnType<FeedParser["parseString"]>>;
  try {
    feed = await (await feedParser()).parseString(xml);
  } catch (e) {
    yield { ok: false, input: source, code: "FEED_INVALID", message: `the feed could not be parsed: ${String((e as Error).message).split("\n")[0]}` };
    return;
  }
  const items = feed.items ?? [];
  if (items.length === 0) {
    yield { ok: false, input: source, code: "FEED_INVALID", message: "the feed has no items" };
    return;
  }
  const outlet = typeof feed.title === "string" ? feed.title.trim() : undefined;
  const read = items.map((it) => {
    const html = it["content:encoded"] ?? it.content ?? it.summary ?? "";
    return {
      paragraphs: typeof html === "string" ? htmlToParagraphs(html) : [],
      title: typeof it.title === "string" && it.title.trim() ? it.title.trim() : undefined,
    };
  });
  // a broken item (no title, no text) becomes a warning on the feed's other articles
  const skipped = read.flatMap((r, i) => (r.paragraphs.length === 0 && !r.title ? [warning("FEED_ITEM_SKIPPED", undefined, `${source}#item${i + 1}`)] : []));
  if (skipped.length === items.length) {
    yield { ok: false, input: source, code: "FEED_INVALID", message: "no feed item has a title or text" };
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const where = `${source}#item${i + 1}`;
    const { paragraphs, title } = read[i]!;
    if (paragraphs.length === 0 && !title) continue;
    const warnings = [...feedWarnings, ...skipped];
    // the raw text keeps the feed's own offset; rss-parser's isoDate is converted to UTC
    const rawDate = [it.published, it.pubDate, it.updated, it.isoDate].find((d) => typeof d === "string" && d.trim());
    const publishedAt = parseDate(rawDate);
    if (rawDate && !publishedAt) warnings.push(warning("DATE_UNPARSED", JSON.stringify(rawDate), where));
    const author = it.creator ?? it["dc:creator"] ?? it.author;
    const parts: ArticleParts = {
      source: where,
      format: "feed",
      url: it.link,
      outlet,
      title,
      byline: typeof author === "string" ? (parseByline(author) ?? author) : undefined,
      publishedAt,
      paragraphs,
      warnings,
    };
    yield { ok: true, article: makeArticle(parts) };
  }
}
