// Readers: every input (HTML page, scraped text, feed, URL, JSON Lines, directory, stdin)
// becomes one or more normalized Articles.
// (Scaffold: the readers are added by the foundation work.)
import type { Article, WarningCode } from "../types/index.js";

export interface ReadOptions {
  /** Allow URLs that point at loopback, private or link-local addresses (local testing only). */
  allowPrivate?: boolean;
  /** Per-request timeout for URLs, ms. */
  timeoutMs?: number;
  /** Largest input accepted, bytes. */
  maxBytes?: number;
}

export type ReadResult =
  | { ok: true; article: Article }
  | { ok: false; input: string; code: WarningCode; message: string };

/** Reads every input in order; a failing input yields `{ ok: false }` and the rest go on. */
export async function* readInputs(_inputs: string[], _opts: ReadOptions = {}): AsyncGenerator<ReadResult> {
  // filled in by the foundation work
}
