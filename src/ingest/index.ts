// Readers: every input (HTML page, scraped text, feed, URL, JSON Lines, directory, stdin)
// becomes one or more normalized Articles. Each input is read on its own: a failing input
// yields `{ ok: false, code, message }` (one line, no stack trace) and the rest go on.
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Article, WarningCode } from "../types/index.js";
import { InputError, warning } from "../types/index.js";
import { makeArticle } from "./article.js";
import { decodeBytes, gunzipIfNeeded, looksBinary } from "./decode.js";
import { looksLikeJsonl, readJsonlRecord } from "./jsonl.js";
import { feedReader, htmlReader, urlFetcher } from "./readers-on-demand.js";
import { parseScrapedText } from "./scraped.js";

export interface ReadOptions {
  /** Allow URLs that point at loopback, private or link-local addresses (local testing only). */
  allowPrivate?: boolean;
  /** Per-request timeout for URLs, ms (default 15000). */
  timeoutMs?: number;
  /** Largest input accepted, bytes (default 10 MB; for JSON Lines, per line). */
  maxBytes?: number;
  /** Most redirects followed per URL (default 5). */
  maxRedirects?: number;
  /** Standard input, for "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

export type ReadResult =
  | { ok: true; article: Article }
  | { ok: false; input: string; code: WarningCode; message: string };

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** File names read from directories. */
const KNOWN_EXT = /\.(?:html?|xhtml|txt|text|jsonl|ndjson|xml|rss|atom)(?:\.gz)?$/i;

type Kind = "html" | "text" | "feed" | "jsonl";

/** Reads every input in order; a failing input yields `{ ok: false }` and the rest go on. */
export async function* readInputs(inputs: string[], opts: ReadOptions = {}): AsyncGenerator<ReadResult> {
  for (const input of inputs) {
    try {
      yield* readOne(input, opts);
    } catch (e) {
      yield failure(input, e);
    }
  }
}

function failure(input: string, e: unknown): ReadResult {
  if (e instanceof InputError) return { ok: false, input: e.input ?? input, code: e.code, message: e.message };
  const err = e as { code?: string; message?: string };
  if (err.code === "ENOENT") return { ok: false, input, code: "NOT_FOUND", message: "no such file or directory" };
  if (err.code === "EACCES") return { ok: false, input, code: "UNREADABLE", message: "permission denied" };
  return { ok: false, input, code: "UNREADABLE", message: String(err.message ?? e).split("\n")[0]! };
}

async function* readOne(input: string, opts: ReadOptions): AsyncGenerator<ReadResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input === "-") {
    const buf = await readStream(opts.stdin ?? process.stdin, maxBytes, "stdin");
    yield* readBuffer(buf, "stdin", { maxBytes });
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    const r = await (await urlFetcher())(input, opts);
    yield* readBuffer(r.body, input, { maxBytes, contentType: r.contentType, url: r.url, fromUrl: true, ext: extname(new URL(r.url).pathname) });
    return;
  }
  const st = await stat(input);
  if (st.isDirectory()) {
    for (const file of await listFiles(input)) {
      try {
        yield* readFileInput(file, opts, maxBytes);
      } catch (e) {
        yield failure(file, e);
      }
    }
    return;
  }
  yield* readFileInput(input, opts, maxBytes);
}

async function* readFileInput(path: string, _opts: ReadOptions, maxBytes: number): AsyncGenerator<ReadResult> {
  const st = await stat(path);
  if (/\.(?:jsonl|ndjson)$/i.test(path)) {
    yield* readJsonlFile(path, maxBytes);
    return;
  }
  if (st.size > maxBytes) throw new InputError("TOO_LARGE", `${st.size} bytes, limit ${maxBytes}`, path);
  const buf = await readFile(path);
  yield* readBuffer(buf, path, { maxBytes, ext: path.toLowerCase().replace(/\.gz$/, "").match(/\.[a-z0-9]+$/)?.[0] });
}

/** Directory files with known extensions, recursively, sorted; hidden files skipped. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile() && KNOWN_EXT.test(e.name)) out.push(p);
  }
  return out;
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = typeof c === "string" ? Buffer.from(c) : (c as Buffer);
    size += b.length;
    if (size > maxBytes) throw new InputError("TOO_LARGE", `more than ${maxBytes} bytes`, name);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function* readJsonlFile(path: string, maxBytes: number): AsyncGenerator<ReadResult> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  let any = false;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    any = true;
    if (line.length > maxBytes) {
      yield { ok: false, input: `${path}:${n}`, code: "TOO_LARGE", message: `line ${n} exceeds ${maxBytes} bytes` };
      continue;
    }
    yield readJsonlRecord(line, `${path}:${n}`);
  }
  if (!any) yield { ok: false, input: path, code: "EMPTY_INPUT", message: "the input is empty" };
}

interface BufferContext {
  maxBytes: number;
  contentType?: string;
  url?: string;
  ext?: string;
  fromUrl?: boolean;
}

/** Bytes of one input → articles, by format (extension, Content-Type, then content). */
export async function* readBuffer(raw: Buffer, source: string, ctx: BufferContext): AsyncGenerator<ReadResult> {
  const buf = gunzipIfNeeded(raw, ctx.maxBytes);
  if (isBlank(buf))
    throw new InputError("EMPTY_INPUT", "the input is empty", source);
  if (looksBinary(buf)) throw new InputError("BINARY_INPUT", "the input looks binary, not text or HTML", source);
  const dec = decodeBytes(buf, { contentType: ctx.contentType });
  const text = dec.text.replace(/^\uFEFF/, "");
  const kind = detectKind(text, ctx);
  if (kind === "feed") {
    yield* (await feedReader())(text, source, dec.warnings);
    return;
  }
  if (kind === "jsonl") {
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) if (lines[i]!.trim()) yield readJsonlRecord(lines[i]!, `${source}:${i + 1}`);
    return;
  }
  const format: Article["format"] = ctx.fromUrl ? "url" : kind;
  if (kind === "html") {
    const p = (await htmlReader())(text, { url: ctx.url });
    const warnings = [...dec.warnings];
    if (p.malformed) warnings.push(warning("MALFORMED_HTML", undefined, source));
    if (p.dateUnparsed) warnings.push(warning("DATE_UNPARSED", JSON.stringify(p.dateUnparsed), source));
    yield { ok: true, article: makeArticle({ ...p, source, format, url: ctx.url ?? p.url, warnings }) };
    return;
  }
  const p = parseScrapedText(text);
  yield { ok: true, article: makeArticle({ ...p, source, format, url: ctx.url, warnings: dec.warnings }) };
}

/** True when a text is an RSS or Atom document. */
function looksLikeFeed(text: string): boolean {
  const head = text.slice(0, 2000).replace(/^\uFEFF/, "").trimStart();
  return /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)\b/i.test(head);
}

const HTML_START = /^\s*(?:<!doctype html|<html\b|<head\b|<body\b|<meta\b|<title\b|<article\b|<div\b|<p\b)/i;

function detectKind(text: string, ctx: BufferContext): Kind {
  const ext = ctx.ext?.toLowerCase();
  const ct = ctx.contentType?.toLowerCase() ?? "";
  if (looksLikeFeed(text)) return "feed";
  if (ext === ".jsonl" || ext === ".ndjson" || ct.includes("ndjson") || ct.includes("jsonl")) return "jsonl";
  if (ext === ".html" || ext === ".htm" || ext === ".xhtml" || ct.includes("html")) return "html";
  if (HTML_START.test(text)) return "html";
  if ((ext === undefined || ext === ".json") && looksLikeJsonl(text)) return "jsonl";
  if (!ext && (text.match(/<\/?(?:p|div|span|a|br)\b[^>]*>/gi)?.length ?? 0) > 5) return "html";
  return "text";
}

/** True when the bytes are empty or only whitespace. */
function isBlank(buf: Buffer): boolean {
  for (const b of buf) if (b !== 32 && b !== 10 && b !== 13 && b !== 9 && b !== 12) return false;
  return true;
}
