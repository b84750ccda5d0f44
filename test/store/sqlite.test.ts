// Runs the store contract against SQLite in a temporary file.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { openStore } from "../../src/store/index.js";
import { contractSuite } from "./contract.js";
import { corpus } from "./docs.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-store-"));
let n = 0;
let last = "";

contractSuite({
  name: "sqlite",
  open: () => openStore((last = join(dir, `t${++n}.db`))),
  reopen: () => openStore(last),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

// The full-text rows of a batch are written just before its commit (schema 7): after a batch with a
// replacement inside it and a failing document, FTS5's own check finds the index equal to the articles.
test("sqlite: the full-text index equals the articles after a batch with a replacement and a failure", async (t) => {
  const own = mkdtempSync(join(tmpdir(), "sitrep-fts-"));
  t.after(() => rmSync(own, { recursive: true, force: true }));
  const path = join(own, "fts.db");
  const s = await openStore(path);
  const v2 = corpus()[0];
  v2.article.body += " A zebrafinch was seen over the front line.";
  // a failing new version of an article of this batch: undone after the pending full-text rows
  // were written inside its savepoint (to delete the old version's)
  const bad = corpus()[2];
  bad.article.body += " A bandicoot was seen too.";
  bad.events.push({ ...bad.events[0] }); // duplicate report key → constraint violation mid-save
  const batch = s.openBatch();
  for (const d of [corpus()[0], corpus()[2]]) await batch.save(d);
  await batch.save(v2);
  await assert.rejects(batch.save(bad));
  await batch.save(corpus()[3]);
  await batch.commit();
  await s.saveDoc(corpus()[2]); // unchanged, outside a batch
  await s.close();
  const db = new Database(path);
  try {
    assert.doesNotThrow(() => db.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run(), "full-text index = articles");
    const n = (sql: string) => (db.prepare(sql).get() as { c: number }).c;
    assert.equal(n("SELECT count(*) AS c FROM articles_fts WHERE articles_fts MATCH 'zebrafinch'"), 1, "the replacing version is indexed");
    assert.equal(n("SELECT count(*) AS c FROM articles_fts WHERE articles_fts MATCH 'bandicoot'"), 0, "nothing of the failing version");
    assert.equal(n("SELECT count(*) AS c FROM articles"), 3);
  } finally {
    db.close();
  }
});
