// Runs the store contract against SQLite in a temporary file.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { openStore } from "../../src/store/index.js";
import { contractSuite } from "./contract.js";
import { corpus, makeDoc } from "./docs.js";

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

// The store keeps the merge columns of candidate events from one document to the next (SQLite). Another
// connection's commit can change such an event: here B merges a precise report into an event A saw
// at province precision, so the event moves to Muhasan; A must then judge a report from Abu Kamal
// (same province, ~105 km from Muhasan) against Muhasan — a separate event — as one store would.
test("sqlite: a store's kept merge candidates follow another connection's writes to the same file", async (t) => {
  const own = mkdtempSync(join(tmpdir(), "sitrep-views-"));
  t.after(() => rmSync(own, { recursive: true, force: true }));
  const report = (id: string, place: "deirProvince" | "raqqa" | "muhasan" | "abuKamal") =>
    makeDoc({
      id,
      url: `https://example.org/${id}`,
      outlet: `Outlet ${id}`,
      publishedAt: "2017-09-09T18:00:00Z",
      events: [{ a1: "sdf", a2: "isis", date: "2017-09-09", place, sentence: `The SDF fought Isis fighters (${id}) on Saturday.` }],
    });
  const sequence = [report("p1", "deirProvince"), report("p2", "raqqa"), report("p3", "muhasan"), report("p4", "abuKamal")];
  // one store doing it all: the reference
  const one = await openStore(join(own, "one.db"));
  const expected = [];
  for (const d of sequence) expected.push(await one.saveDoc(d));
  await one.close();
  assert.deepEqual(
    expected.map((r) => [r.newEvents, r.mergedEvents]),
    [[1, 0], [1, 0], [0, 1], [1, 0]],
    "the province report and Muhasan merge; Raqqa and Abu Kamal stay apart",
  );
  // two connections: A saves p1 and p2 (reading p1's event as a candidate), B saves p3, A saves p4
  const path = join(own, "two.db");
  const a = await openStore(path);
  const b = await openStore(path);
  try {
    const got = [await a.saveDoc(sequence[0]), await a.saveDoc(sequence[1]), await b.saveDoc(sequence[2]), await a.saveDoc(sequence[3])];
    assert.deepEqual(
      got.map((r) => [r.newEvents, r.mergedEvents, r.eventIds]),
      expected.map((r) => [r.newEvents, r.mergedEvents, r.eventIds]),
      "the same merges as one store",
    );
  } finally {
    await a.close();
    await b.close();
  }
});

// A SQLite store keeps a merged event's reports and written values from one merge into it to the
// next (and writes only the actor links that change), the merge views of the events it writes, and
// the places and actors rows it wrote or read: the tables must be what a store that reads
// everything back each time writes. The reference opens a new store (nothing kept) for every save.
test("sqlite: merges from kept reports give the tables of a store that reads every report back", async (t) => {
  const own = mkdtempSync(join(tmpdir(), "sitrep-kept-"));
  t.after(() => rmSync(own, { recursive: true, force: true }));
  const deir = (id: string, extra: { date?: string; assoc1?: string[]; place?: string; fatalities?: number } = {}) =>
    makeDoc({
      id,
      url: `https://example.org/${id}`,
      outlet: `Outlet ${id}`,
      publishedAt: "2017-09-10T08:00:00Z",
      events: [{ a1: "sdf", a2: "isis", assoc1: extra.assoc1, date: extra.date ?? "2017-09-09", place: extra.place ?? "deir", fatalities: extra.fatalities, sentence: `SDF fighters attacked Isis near Deir ez-Zor on Saturday (${id}${extra.fatalities ? `, ${extra.fatalities} killed` : ""}).` }],
    });
  // a place row that changes, changes back and changes again; an actor gaining an alias (its row rewritten), then named as before
  const renamed = (id: string) => {
    const d = deir(id);
    d.places = d.places.map((p) => ({ ...p, name: `${p.name} (renamed)` }));
    d.actors = d.actors.map((a) => (a.id === "sdf" ? { ...a, aliases: [...a.aliases, "Quwat Suriya al-Dimuqratiya"] } : a));
    return d;
  };
  // merges into one event, an actor joining its side, a replacement (the event loses and regains a report), a date moved, re-saves
  const sequence = [
    ...corpus(),
    deir("k1", { fatalities: 5 }),
    deir("k2", { assoc1: ["usa"] }),
    deir("k3", { place: "deirProvince" }),
    deir("k2", { fatalities: 30 }),
    deir("k4"),
    deir("k5", { date: "2017-09-08" }), // an earlier day: the event and its actor links move
    renamed("k6"),
    deir("k7"),
    renamed("k8"),
  ];
  // after a commit (the same store: what it keeps stays), the place changes back; then re-saves
  const more = [deir("k9"), ...corpus()];
  const tables = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return ["events", "event_sources", "event_actors", "actor_event_counts", "actor_pairs", "actors", "actor_mentions", "places"].map((name) =>
        db.prepare(`SELECT * FROM ${name}`).raw().all(),
      );
    } finally {
      db.close();
    }
  };
  const kept = await openStore(join(own, "kept.db"));
  const got = [];
  const expected = [];
  const midway = [];
  for (const docs of [sequence, more]) {
    const batch = kept.openBatch();
    for (const d of docs) got.push(await batch.save(d));
    await batch.commit();
    for (const d of docs) {
      const fresh = await openStore(join(own, "fresh.db"));
      expected.push(await fresh.saveDoc(d));
      await fresh.close();
    }
    if (docs === sequence) midway.push(tables(join(own, "kept.db")), tables(join(own, "fresh.db")));
  }
  await kept.close();
  assert.deepEqual(midway[0], midway[1], "the same tables after the first batch (a place renamed by its last document)");
  assert.ok(
    got.some((r) => r.mergedEvents > 0 && r.status === "replaced"),
    "the sequence has a replacement that merges (else the test tests less than it says)",
  );
  assert.deepEqual(got, expected, "the same save results");
  assert.deepEqual(tables(join(own, "kept.db")), tables(join(own, "fresh.db")), "the same events, sources, actor links, counts, actors and places");
  const db = new Database(join(own, "kept.db"), { readonly: true });
  try {
    const aliases = String((db.prepare("SELECT aliases FROM actors WHERE id = 'sdf'").get() as { aliases: string }).aliases);
    assert.ok(aliases.includes("Quwat Suriya al-Dimuqratiya"), `the alias a document added is stored (${aliases})`);
    const names = db.prepare("SELECT name FROM places WHERE name LIKE '%(renamed)'").all();
    assert.equal(names.length, 0, "the place row has the name the last document gave it");
    // both stores write links the same way: the links must also be what the events say
    const links = db.prepare("SELECT x.event_n, x.actor_id, x.date FROM event_actors x ORDER BY 1, 2").raw().all();
    const want = [];
    for (const e of db.prepare("SELECT n, actor1, actor2, assoc1, assoc2, date FROM events WHERE origin = 'sitrep' ORDER BY n").all() as Record<string, string>[])
      for (const id of [...new Set([e.actor1, e.actor2, ...JSON.parse(e.assoc1), ...JSON.parse(e.assoc2)])].filter(Boolean).sort()) want.push([e.n, id, e.date]);
    assert.deepEqual(links, want, "each event's actor links name its actors and carry its date");
    const counts = db.prepare("SELECT actor_id, events FROM actor_event_counts WHERE events <> 0 ORDER BY 1").raw().all();
    assert.deepEqual(counts, db.prepare("SELECT actor_id, count(*) FROM event_actors GROUP BY 1 ORDER BY 1").raw().all(), "per-actor counts are the links'");
  } finally {
    db.close();
  }
});

// SQLite batches take no savepoint per document: a failing one rolls the transaction back and the
// batch's earlier documents are saved again. They must come out as if the failing one was never given.
test("sqlite: a failing document mid-batch leaves the same results and tables as a batch without it", async (t) => {
  const own = mkdtempSync(join(tmpdir(), "sitrep-redo-"));
  t.after(() => rmSync(own, { recursive: true, force: true }));
  const bad = () => {
    const d = corpus()[1];
    d.article = { ...d.article, id: "bad", url: "https://example.org/bad", body: `${d.article.body} A bad copy.` };
    d.events.push({ ...d.events[0] }); // duplicate report key → constraint violation mid-save
    return d;
  };
  const replaced = corpus()[0];
  replaced.article = { ...replaced.article, body: `${replaced.article.body} A later paragraph.` };
  const run = async (name: string, withBad: boolean) => {
    const s = await openStore(join(own, name));
    const batch = s.openBatch();
    const results = [];
    const docs = [...corpus(), replaced];
    for (let i = 0; i < docs.length; i++) {
      results.push(await batch.save(docs[i]));
      // the first is committed alone: the replacement at the end replaces a committed article
      if (i === 0) await batch.commit();
      if (withBad && (i === 1 || i === docs.length - 1)) await assert.rejects(batch.save(bad()), "the failing document fails");
    }
    assert.equal(batch.pending, docs.length - 1, "every good document after the first commit is pending");
    await batch.commit();
    const stats = await s.stats();
    await s.close();
    const db = new Database(join(own, name));
    try {
      const tables = ["articles", "events", "event_sources", "event_actors", "actor_event_counts", "actor_pairs", "actors", "actor_mentions", "places", "counters"].map(
        (tn) => db.prepare(`SELECT * FROM ${tn}`).raw().all().map((r) => JSON.stringify(r).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, "TS")),
      );
      assert.doesNotThrow(() => db.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run(), "full-text index = articles");
      // the failing copies' word and the replacing version's: found as often as without the failures
      const fts = db.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'bad OR paragraph'").raw().all();
      return { results, stats, tables, fts };
    } finally {
      db.close();
    }
  };
  const a = await run("with-bad.db", true);
  const b = await run("without.db", false);
  assert.ok(a.results.some((r) => r.mergedEvents > 0) && a.results.some((r) => r.status === "replaced"), "the batch merges and replaces (else the test tests less)");
  assert.deepEqual(a.results, b.results, "the same save results");
  assert.deepEqual(a.stats, b.stats, "the same counts and cursor");
  assert.deepEqual(a.tables, b.tables, "the same rows");
  assert.ok(b.fts.length > 0, "the replacing version is found (else the full-text comparison tests nothing)");
  assert.deepEqual(a.fts, b.fts, "the same full-text matches (none of the failing copies)");
});
