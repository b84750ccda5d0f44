// `sitrep ingest <inputs>`: read → extract → merge → store, one transaction per batch of articles
// (INGEST_BATCH). Idempotent and resumable: an article already stored with the same content is
// skipped before extraction; Ctrl-C or SIGTERM stops after committing the articles in hand, and
// kill -9 loses only the uncommitted batch. A progress bar shows on long runs when stderr is a terminal.
import "./v8-tiering.js";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { readInputs } from "../ingest/index.js";
import { extract } from "../pipeline.js";
import { articleKey, contentHash } from "../store/index.js";
import type { Store } from "../store/types.js";
import { addDbOption, withStore } from "./store-option.js";

export interface IngestCounts {
  read: number;
  inserted: number;
  replaced: number;
  unchanged: number;
  failed: number;
  newEvents: number;
  mergedEvents: number;
  interrupted: boolean;
}

/**
 * Articles go to the store in batches, one transaction each (Store.openBatch: each article is written
 * as soon as it is extracted, the commit waits). A batch is committed when it holds `articles`
 * articles; when the next input has not come within `ms` (a slow URL, standard input: what is done
 * does not wait on it); and after an article once the batch is `maxMs` old (a very slow extraction
 * still shows up and stays bounded). The time limits count waiting, not working: in a fresh process
 * the first articles extract several times slower than later ones, and a limit on a batch's age
 * alone (250 ms) cut the first runs into batches of 5–10 articles, each commit rewriting the changed
 * index pages and adding a full-text segment (~0.45 ms/article more than batches of 32). Fewer
 * commits make a long ingest cheaper: a commit rewrites most leaf pages of the indexes keyed by
 * actor or date whatever the batch's size (2,330 articles: 194 MB of WAL in 73 commits of 32), and
 * 64 articles a commit took COMMIT's CPU from ~1.2 s to ~0.95 s. A kill -9 loses at most the batch in
 * hand (64 articles or 2 s of work), which a re-run redoes.
 */
export const INGEST_BATCH = { articles: 64, ms: 250, maxMs: 2000 };

/** Ingests every input into `store`; `shouldStop` is polled between articles. */
export async function ingestInto(
  store: Store,
  inputs: string[],
  opts: {
    allowPrivate?: boolean;
    timeoutMs?: number;
    onInputError?: (input: string, message: string, code: string) => void;
    onProgress?: (c: IngestCounts) => void;
    shouldStop?: () => boolean;
    batch?: { articles: number; ms: number; maxMs?: number };
  } = {},
): Promise<IngestCounts> {
  const c: IngestCounts = { read: 0, inserted: 0, replaced: 0, unchanged: 0, failed: 0, newEvents: 0, mergedEvents: 0, interrupted: false };
  const limits = opts.batch ?? INGEST_BATCH;
  const maxMs = limits.maxMs ?? INGEST_BATCH.maxMs;
  const batch = store.openBatch();
  let started = 0;
  // while the loop waits for the next input, a timer commits the batch in hand; a failure there is
  // thrown at the next article
  let timer: NodeJS.Timeout | undefined;
  let timerFailure: unknown;
  const inputs$ = readInputs(inputs, { allowPrivate: opts.allowPrivate, timeoutMs: opts.timeoutMs });
  try {
    for (;;) {
      if (batch.pending > 0 && timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          batch.commit().catch((err) => {
            timerFailure = err;
          });
        }, limits.ms);
        timer.unref();
      }
      const next = await inputs$.next();
      clearTimeout(timer);
      timer = undefined;
      if (next.done) break;
      const r = next.value;
      if (timerFailure) throw timerFailure;
      if (opts.shouldStop?.()) {
        c.interrupted = true;
        break;
      }
      if (!r.ok) {
        c.failed++;
        opts.onInputError?.(r.input, r.message, r.code);
        continue;
      }
      c.read++;
      const state = await store.articleState(articleKey(r.article));
      if (state && state.contentHash === contentHash(r.article)) {
        c.unchanged++; // stored by an earlier run: resume past it without extracting again
      } else {
        if (batch.pending === 0) started = performance.now();
        const res = await batch.save(extract(r.article));
        c[res.status]++;
        c.newEvents += res.newEvents;
        c.mergedEvents += res.mergedEvents;
        if (batch.pending >= limits.articles || performance.now() - started >= maxMs) await batch.commit();
      }
      opts.onProgress?.(c);
    }
  } finally {
    // what was saved before a stop, a failure or the end is committed; then an input left open is
    // closed (a failure closing it changes nothing stored)
    clearTimeout(timer);
    try {
      await batch.commit();
    } finally {
      await inputs$.return(undefined).catch(() => {});
    }
  }
  if (timerFailure) throw timerFailure;
  if (opts.shouldStop?.()) c.interrupted = true;
  return c;
}

export function registerIngest(program: Command): void {
  const cmd = program
    .command("ingest")
    .description("read articles, extract what they report, merge it with what is stored, and store it")
    .argument("<inputs...>", "files, directories, URLs, feeds, .jsonl files, or - for standard input")
    .option("--allow-private", "allow URLs on loopback, private or link-local addresses")
    .option("--timeout <ms>", "per-URL timeout in milliseconds", "15000")
    .option("--no-progress", "no progress bar")
    .option("--quiet", "no summary line");
  addDbOption(cmd).action(
    async (inputs: string[], o: { db?: string; allowPrivate?: boolean; timeout: string; progress: boolean; quiet?: boolean }) => {
      let stop = false;
      const onSignal = () => {
        stop = true;
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      const bar =
        o.progress && process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: "ingest {value} articles | {inserted} stored, {unchanged} unchanged | {events} events ({merged} merged) | {rate}/s",
                stream: process.stderr,
                hideCursor: true,
                clearOnComplete: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
      const t0 = performance.now();
      bar?.start(0, 0, { inserted: 0, unchanged: 0, events: 0, merged: 0, rate: "0" });
      try {
        const c = await withStore(o.db, (store) =>
          ingestInto(store, inputs, {
            allowPrivate: o.allowPrivate,
            timeoutMs: Number(o.timeout),
            shouldStop: () => stop,
            onInputError: (input, message, code) => {
              bar?.stop();
              process.stderr.write(`sitrep: ${input}: ${message} [${code}]\n`);
            },
            onProgress: (c) => {
              const done = c.read;
              bar?.setTotal(done);
              bar?.update(done, {
                inserted: c.inserted + c.replaced,
                unchanged: c.unchanged,
                events: c.newEvents + c.mergedEvents,
                merged: c.mergedEvents,
                rate: (done / ((performance.now() - t0) / 1000)).toFixed(0),
              });
            },
          }),
        );
        bar?.stop();
        if (!o.quiet)
          process.stderr.write(
            `sitrep ingest: ${c.read} articles read: ${c.inserted} stored, ${c.replaced} replaced, ${c.unchanged} unchanged; ` +
              `${c.newEvents} new events, ${c.mergedEvents} merged into stored events; ${c.failed} inputs failed` +
              ` (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
          );
        if (c.interrupted) {
          process.stderr.write("sitrep ingest: interrupted; everything stored so far is kept; run the same command again to resume\n");
          process.exitCode = 130;
        } else if (c.failed > 0) process.exitCode = 1;
      } finally {
        bar?.stop();
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    },
  );
}
