// `sitrep demo`: loads the example reports the project wrote (data/demo, fictional and marked
// as examples) into the store, so a newcomer sees a map at once.
import { join } from "node:path";
import type { Command } from "commander";
import { readInputs } from "../ingest/index.js";
import { extract } from "../pipeline.js";
import { defaultDbSpec } from "../store/index.js";
import type { Store } from "../store/types.js";
import { UserError } from "./errors.js";
import { openStoreForCli } from "./serve.js";

/** The example reports: data/demo/examples.jsonl. */
export const DEMO_FILE = join(import.meta.dirname, "..", "..", "data", "demo", "examples.jsonl");

export interface DemoResult {
  articles: number;
  /** Distinct events stored: reports of one event in several examples are merged into it. */
  events: number;
  /** Event reports the examples made, each in the event it was stored as (new or merged). */
  reports: number;
  failed: string[];
}

/** Reads, extracts and stores every example report. */
export async function loadDemo(store: Store): Promise<DemoResult> {
  const r: DemoResult = { articles: 0, events: 0, reports: 0, failed: [] };
  const events = new Set<string>();
  for await (const item of readInputs([DEMO_FILE])) {
    if (!item.ok) {
      r.failed.push(`${item.input}: ${item.message} [${item.code}]`);
      continue;
    }
    const saved = await store.saveDoc(extract(item.article));
    r.articles++;
    r.reports += saved.eventIds.length;
    for (const id of saved.eventIds) events.add(String(id));
  }
  r.events = events.size;
  return r;
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("load the example reports (fictional, written by the project) into the database")
    .option("--db <path|url>", "SQLite file or postgres:// URL", defaultDbSpec())
    .action(async (o: { db: string }) => {
      const store = await openStoreForCli(o.db);
      try {
        const r = await loadDemo(store);
        for (const f of r.failed) process.stderr.write(`sitrep: ${f}\n`);
        if (r.articles === 0) throw new UserError(`no example report could be read from ${DEMO_FILE}`);
        process.stdout.write(`sitrep: loaded ${r.articles} example reports (${r.events} events from ${r.reports} event reports) into ${o.db}; run \`sitrep serve\` to see them\n`);
      } finally {
        await store.close();
      }
    });
}
