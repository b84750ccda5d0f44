// A failing document of a SQLite write batch rolls the batch's transaction back and saves the batch's
// earlier documents again in a new transaction (redoBatch). When another connection takes the write
// lock in between, that new transaction cannot begin: the batch must end there, so that the next save
// begins a transaction of its own (not writing outside one) and no commit writes full-text rows for
// articles the rollback undid (a second row for a stored article corrupts the FTS5 index).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { openStore } from "../../src/store/index.js";
import { corpus } from "./docs.js";

test("sqlite: a batch whose redo cannot begin (another connection took the lock) ends; the next save begins anew", async (t) => {
  const own = mkdtempSync(join(tmpdir(), "sitrep-redo-lock-"));
  const timeout = process.env.SITREP_DB_TIMEOUT_MS;
  process.env.SITREP_DB_TIMEOUT_MS = "50"; // the lock wait before "locked" (read when the store opens)
  t.after(() => {
    if (timeout === undefined) delete process.env.SITREP_DB_TIMEOUT_MS;
    else process.env.SITREP_DB_TIMEOUT_MS = timeout;
    rmSync(own, { recursive: true, force: true });
  });
  const path = join(own, "lock.db");
  const s = await openStore(path);
  const [first, second, third] = corpus();
  await s.saveDoc(first); // committed before the batch, which then replaces it
  // A real second connection holds the write lock while the store asks for it with db.run (only
  // redoBatch does: a batch's own transaction begins in Db.tx), and lets it go at once after (the
  // statement runs synchronously). The hook only times it: the failure is SQLite's.
  const other = new Database(path);
  const db = (s as unknown as { db: { run: (sql: string, params?: unknown[]) => Promise<number> } }).db;
  const run = db.run.bind(db);
  db.run = (sql, params) => {
    if (sql !== "BEGIN IMMEDIATE") return run(sql, params);
    other.exec("BEGIN IMMEDIATE");
    try {
      return run(sql, params);
    } finally {
      other.exec("ROLLBACK");
    }
  };
  try {
    const batch = s.openBatch();
    const v2 = structuredClone(first);
    v2.article.body += " A zebrafinch was seen over the front line.";
    assert.equal((await batch.save(v2)).status, "replaced", "the new version replaces the stored one in the batch");
    const bad = structuredClone(second);
    bad.events.push({ ...bad.events[0] }); // duplicate report key → constraint violation mid-save
    await assert.rejects(batch.save(bad), /locked/, "the batch could not go on: the lock is reported");
    assert.equal(batch.pending, 0, "the batch ended without its documents");
    assert.equal((await batch.save(third)).status, "inserted", "the next save begins a new transaction");
    await batch.commit();
  } finally {
    other.close();
    await s.close();
  }
  const check = new Database(path);
  try {
    assert.doesNotThrow(() => check.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run(), "full-text index = articles");
    const count = (sql: string) => (check.prepare(sql).get() as { c: number }).c;
    assert.equal(count("SELECT count(*) AS c FROM articles"), 2, "the first version before the batch and the save after it");
    assert.equal(count("SELECT count(*) AS c FROM articles_fts WHERE articles_fts MATCH 'zebrafinch'"), 0, "nothing of the undone version");
    assert.equal(count("SELECT count(*) AS c FROM articles_fts"), 2, "one full-text row per article");
  } finally {
    check.close();
  }
});
