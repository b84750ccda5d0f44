// Ingest from the API: pasted text, an uploaded HTML page or a URL goes through the same
// readers as the CLI (src/ingest, with its private-address protections for URLs), the
// per-article pipeline (src/pipeline.ts) and into the store.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInputs } from "../ingest/index.js";
import { extract } from "../pipeline.js";
import type { Store } from "../store/types.js";
import type { Warning } from "../types/index.js";
import { ApiError } from "./errors.js";

export interface IngestRequest {
  /** Plain article text (title on the first line is fine). */
  text?: string;
  /** A whole HTML page. */
  html?: string;
  /** A page or feed URL, fetched by the server. */
  url?: string;
  /** A name for the input (a dropped file's name), kept as the article's source. */
  name?: string;
  /** Publication time to use when the article itself gives none (ISO 8601 date or date-time). */
  publishedAt?: string;
}

export interface IngestedArticle {
  articleId: string;
  title?: string;
  status: "inserted" | "unchanged" | "replaced";
  eventIds: string[];
  newEvents: number;
  mergedEvents: number;
  actors: number;
  places: number;
  warnings: Warning[];
}

export interface IngestOptions {
  /** Allow URLs on loopback/private addresses (only when the server was started with the flag). */
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

/** Reads, extracts and stores one request's article(s). Throws ApiError when nothing could be read. */
export async function ingest(store: Store, req: IngestRequest, opts: IngestOptions): Promise<IngestedArticle[]> {
  const given = [req.text, req.html, req.url].filter((x) => typeof x === "string" && x.trim() !== "");
  if (given.length !== 1) throw new ApiError("BAD_REQUEST", "give exactly one of text, html or url");
  let dir: string | undefined;
  let input: string;
  if (req.url) {
    if (!/^https?:\/\//i.test(req.url)) throw new ApiError("BAD_REQUEST", "url must start with http:// or https://");
    input = req.url;
  } else {
    // The readers take paths: hand them the pasted text or page as a temporary file.
    dir = await mkdtemp(join(tmpdir(), "sitrep-ingest-"));
    const base = (req.name ?? "pasted").replace(/[^\w.-]+/g, "_").replace(/\.(html?|txt)$/i, "").slice(0, 80) || "pasted";
    input = join(dir, `${base}.${req.html ? "html" : "txt"}`);
    await writeFile(input, (req.html ?? req.text) as string, "utf8");
  }
  const out: IngestedArticle[] = [];
  const failures: string[] = [];
  try {
    for await (const r of readInputs([input], { allowPrivate: opts.allowPrivate, timeoutMs: opts.timeoutMs ?? 15000, maxBytes: opts.maxBytes })) {
      if (!r.ok) {
        failures.push(`${r.message} [${r.code}]`);
        continue;
      }
      const article = r.article;
      if (dir) article.source = req.name ? `upload:${req.name}` : "pasted";
      // Relative dates ("on Tuesday") resolve against the publication time; text pasted without
      // a dateline gets the one the user gave.
      if (!article.publishedAt && req.publishedAt) article.publishedAt = req.publishedAt;
      const doc = extract(article);
      const saved = await store.saveDoc(doc);
      out.push({
        articleId: saved.articleId,
        title: article.title,
        status: saved.status,
        eventIds: saved.eventIds,
        newEvents: saved.newEvents,
        mergedEvents: saved.mergedEvents,
        actors: doc.actors.length,
        places: doc.places.length,
        warnings: [...article.warnings, ...doc.warnings],
      });
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
  if (out.length === 0) {
    throw new ApiError("UNPROCESSABLE", failures.length ? failures.join("; ").replace(dir ?? "\0", "") : "no article could be read from the input");
  }
  return out;
}
