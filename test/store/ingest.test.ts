// `sitrep ingest` through the real pipeline: idempotent re-runs, interruption (kill -9 and
// SIGTERM) mid-run leaving a consistent database that a re-run completes, and when batches commit
// (by size, by age, and while waiting on a slow input).
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { ingestInto } from "../../src/cli/ingest.js";
import { readInputs } from "../../src/ingest/index.js";
import { extract } from "../../src/pipeline.js";
import { openStore } from "../../src/store/index.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-ingest-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SEED = "../shared/data/seed/independent-2017-09-09-syria-deir-ezzor.txt";

/** Checks the invariants a committed state always satisfies; returns the article count. */
function assertConsistent(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const one = (sql: string) => Object.values(db.prepare(sql).get() as object)[0];
    assert.equal(one("PRAGMA integrity_check"), "ok");
    assert.equal(one("SELECT count(*) FROM event_sources s LEFT JOIN events e ON e.n = s.event_n WHERE e.n IS NULL"), 0, "sources of missing events");
    assert.equal(one("SELECT count(*) FROM events e WHERE e.origin = 'sitrep' AND NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_n = e.n)"), 0, "events without a source");
    assert.equal(one("SELECT count(*) FROM event_sources s LEFT JOIN articles a ON a.id = s.article_id WHERE a.id IS NULL"), 0, "sources of missing articles");
    assert.equal(
      one("SELECT count(*) FROM articles a WHERE a.event_count <> (SELECT count(*) FROM event_sources s WHERE s.article_id = a.id)"),
      0,
      "articles missing some of their events",
    );
    assert.equal(one("SELECT count(*) FROM events_rtree"), one("SELECT count(*) FROM events WHERE lat IS NOT NULL"));
    assert.equal(one("SELECT count(*) FROM event_actors x LEFT JOIN events e ON e.n = x.event_n WHERE e.n IS NULL"), 0);
    assert.equal(one("SELECT count(*) FROM articles_fts"), one("SELECT count(*) FROM articles"));
    // the full-text index holds exactly the stored articles (FTS5 fails "malformed" otherwise)
    const w = new Database(path);
    try {
      assert.doesNotThrow(() => w.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run(), "full-text index = articles");
    } finally {
      w.close();
    }
    return Number(one("SELECT count(*) FROM articles"));
  } finally {
    db.close();
  }
}

function articleCount(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, timeout: 1000 });
    try {
      return Number((db.prepare("SELECT count(*) AS c FROM articles").get() as { c: number }).c);
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

/** Synthetic wire reports, each a distinct article (same shape as the JSON Lines inputs). */
function writeCorpus(path: string, n: number): void {
  const places = ["Raqqa", "Deir ez-Zor", "Manbij", "Afrin", "Idlib", "Hajin", "Tabqa", "Kobani"];
  const actors = ["Syrian Democratic Forces", "Isis fighters", "Syrian government forces", "Turkish troops", "Russian jets"];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    const a = actors[i % actors.length];
    const b = actors[(i + 2) % actors.length];
    const p = places[i % places.length];
    const text =
      `${a} clashed with ${b} near ${p} on ${day} March 2018, killing ${i % 9} people, the Syrian Observatory for Human Rights said. ` +
      `Report ${i}: residents of ${p} said fighting continued into the night and several buildings were destroyed. ` +
      `${b} said it had repelled the attack and would continue operations around ${places[(i + 3) % places.length]}.`;
    lines.push(JSON.stringify({ id: `syn-${i}`, publishedAt: `2018-03-${String(day).padStart(2, "0")}T12:00:00Z`, outlet: "Test Wire", text }));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

function startIngest(input: string, db: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; err: string }> } {
  const child = spawn(process.execPath, ["bin/sitrep.js", "ingest", input, "--db", db, "--no-progress"], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => {
    err += d;
  });
  const done = new Promise<{ code: number | null; signal: string | null; err: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, err })),
  );
  return { child, done };
}

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

test("ingest through the real pipeline stores what extract finds; a re-run changes nothing", { skip: existsSync(SEED) ? false : "needs ../shared/data (absent)" }, async () => {
  const path = join(dir, "seed.db");
  const store = await openStore(path);
  try {
    let expected = 0;
    for await (const r of readInputs([SEED])) if (r.ok) expected += extract(r.article).events.length;
    const c = await ingestInto(store, [SEED]);
    assert.equal(c.read, 1);
    assert.equal(c.inserted, 1);
    assert.equal(c.newEvents + c.mergedEvents, expected);
    const st = await store.stats();
    assert.equal(st.articles, 1);
    assert.equal(st.eventSources, expected);
    const again = await ingestInto(store, [SEED]);
    assert.deepEqual([again.unchanged, again.inserted, again.newEvents], [1, 0, 0]);
    assert.deepEqual(await store.stats(), st);
  } finally {
    await store.close();
  }
  assertConsistent(path);
});

test("killing an ingest mid-run (kill -9, then SIGTERM) leaves a consistent database; re-running completes it", async () => {
  const input = join(dir, "wire.jsonl");
  const path = join(dir, "wire.db");
  const N = 80;
  writeCorpus(input, N);

  // kill -9 once a few articles are committed
  const first = startIngest(input, path);
  const started = await waitFor(() => articleCount(path) >= 3, 120_000);
  first.child.kill("SIGKILL");
  const r1 = await first.done;
  assert.ok(started, `ingest never stored anything: ${r1.err}`);
  assert.equal(r1.signal, "SIGKILL");
  const afterKill = assertConsistent(path);
  assert.ok(afterKill >= 3 && afterKill < N, `stored ${afterKill}`);

  // SIGTERM: stops after the article in hand, says how to resume, exit 130
  const second = startIngest(input, path);
  await waitFor(() => articleCount(path) >= afterKill + 3, 120_000);
  second.child.kill("SIGTERM");
  const r2 = await second.done;
  const afterTerm = assertConsistent(path);
  if (afterTerm < N) {
    assert.equal(r2.code, 130, r2.err);
    assert.match(r2.err, /interrupted; everything stored so far is kept/);
    assert.match(r2.err, new RegExp(`${afterKill} unchanged`));
  }

  // the re-run skips what is stored and completes the rest
  const third = startIngest(input, path);
  const r3 = await third.done;
  assert.equal(r3.code, 0, r3.err);
  assert.match(r3.err, new RegExp(`${N} articles read: ${N - afterTerm} stored, 0 replaced, ${afterTerm} unchanged`));
  assert.equal(assertConsistent(path), N);
});

test("batches commit at their size while inputs keep coming, after maxMs of age, and while the next input is slow", async () => {
  const input = join(dir, "batches.jsonl");
  writeCorpus(input, 10);
  const commitsOf = async (batch: { articles: number; ms: number; maxMs: number }) => {
    const path = join(dir, `batches-${batch.articles}-${batch.ms}-${batch.maxMs}.db`);
    const store = await openStore(path);
    let commits = 0;
    store.onChange(() => commits++); // called once per committed transaction of this process
    try {
      const c = await ingestInto(store, [input], { batch });
      assert.equal(c.inserted, 10, "every article stored");
    } finally {
      await store.close();
    }
    assertConsistent(path);
    return commits;
  };
  // however slow the extraction, time alone does not cut a batch while inputs keep coming
  assert.equal(await commitsOf({ articles: 4, ms: 60_000, maxMs: 60_000 }), 3, "batches of 4, 4 and 2");
  // ms is time spent waiting for the next input, not the batch's age: a 1 ms wait limit, far below one
  // article's extraction, still gives batches of 4, 4 and 2 (lines of a file come without waiting)
  assert.equal(await commitsOf({ articles: 4, ms: 1, maxMs: 60_000 }), 3, "working time does not count as waiting");
  assert.equal(await commitsOf({ articles: 100, ms: 60_000, maxMs: 0 }), 10, "a batch older than maxMs commits after its article");

  // a slow input: the article before it is committed while the loop waits for it
  const page = (t: string) =>
    `<html><head><title>${t}</title></head><body><article><h1>${t}</h1><p>Syrian Democratic Forces clashed with Isis fighters near Raqqa on 3 March 2018, killing four people, the Syrian Observatory for Human Rights said. ${t}.</p></article></body></html>`;
  let seenWhileWaiting = -1;
  const path = join(dir, "slow.db");
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    if (req.url === "/fast") return res.end(page("A fast report"));
    setTimeout(() => {
      seenWhileWaiting = articleCount(path); // another connection, while the ingest waits for this page
      res.end(page("A slow report"));
    }, 1500).unref();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = await openStore(path);
  try {
    const c = await ingestInto(store, [`${base}/fast`, `${base}/slow`], { allowPrivate: true, batch: { articles: 32, ms: 100, maxMs: 60_000 } });
    assert.equal(c.inserted, 2, `both pages stored: ${JSON.stringify(c)}`);
  } finally {
    await store.close();
    server.closeAllConnections();
    server.close();
  }
  assert.equal(seenWhileWaiting, 1, "the first article was committed while the second was on its way");
  assert.equal(assertConsistent(path), 2);
});
