// The CLI commands of the web app, run as a user would: `sitrep demo` fills a temp database
// with the example reports, `sitrep serve` answers on the port it prints, bad options are
// one-line user errors (exit 2).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const root = join(import.meta.dirname, "..", "..");
const bin = join(root, "bin", "sitrep.js");
const dir = mkdtempSync(join(tmpdir(), "sitrep-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("sitrep demo loads the example reports, marked as examples", async () => {
  const db = join(dir, "demo.db");
  const r = spawnSync(process.execPath, [bin, "demo", "--db", db], { encoding: "utf8", cwd: root, timeout: 120000 });
  assert.equal(r.status, 0, r.stderr);
  const said = /loaded (\d+) example reports \((\d+) events from (\d+) event reports\)/.exec(r.stdout);
  assert.ok(said, `the summary names articles, events and reports: ${r.stdout}`);
  const { openStore } = await import("../../src/store/index.js");
  const store = await openStore(db);
  try {
    // the events it says it loaded are the events stored (reports of one event merged into it)
    const stats = await store.stats();
    assert.equal(Number(said[1]), stats.articles, "articles said = articles stored");
    assert.equal(Number(said[2]), stats.events, "events said = events stored");
    assert.equal(Number(said[3]), stats.eventSources, "event reports said = event sources stored");
    const { items } = await store.listArticles({ limit: 100 });
    assert.ok(items.length >= 5, `${items.length} example articles`);
    for (const a of items) assert.match(a.outlet ?? "", /example/i);
  } finally {
    await store.close();
  }
});

/** Starts a long-running command and resolves with the URL it prints. */
function urlOf(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (c) => {
      out += c;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer); // a pending timer would keep this file's process alive 90 s after the tests
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}`));
    });
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 90000);
  });
}

test("sitrep start loads the examples into an empty database, then serves", async () => {
  const child = spawn(process.execPath, [bin, "start", "--db", join(dir, "start.db"), "--port", "0"], { cwd: root });
  try {
    const url = await urlOf(child);
    const stats = await (await fetch(`${url}/api/stats`)).json();
    assert.ok(stats.articles >= 5);
    assert.ok(stats.events > 0);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
});

test("sitrep serve answers on the URL it prints and stops on SIGTERM", async () => {
  const child = spawn(process.execPath, [bin, "serve", "--db", join(dir, "serve.db"), "--port", "0"], { cwd: root });
  try {
    const url = await urlOf(child);
    const r = await fetch(`${url}/api/stats`);
    assert.equal(r.status, 200);
    assert.equal((await r.json()).articles, 0);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
});

test("a port in use is a one-line user error", async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = spawnSync(process.execPath, [bin, "serve", "--db", join(dir, "busy.db"), "--port", String(port)], { encoding: "utf8", cwd: root, timeout: 60000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /already in use; pass another with --port/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
  } finally {
    blocker.close();
  }
});
