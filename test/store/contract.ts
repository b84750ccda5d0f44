// The one contract every Store implementation passes (SQLite and PostgreSQL run it from
// sqlite.test.ts and postgres.test.ts). Each test opens a fresh, empty store.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Store } from "../../src/store/types.js";
import { corpus, makeDoc } from "./docs.js";

export interface Backend {
  name: string;
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** Reopens the store last opened (same database), to check persistence. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
  skip?: string | false;
}

const SDF_URL = "https://example.org/independent/sdf-offensive";

async function loaded(b: Backend): Promise<Store> {
  const s = await b.open();
  for (const d of corpus()) await s.saveDoc(d);
  return s;
}

export function contractSuite(b: Backend): void {
  describe(`Store contract: ${b.name}`, { skip: b.skip }, () => {
    after(() => b.cleanup());

    test("migrations are versioned and idempotent; data survives reopening", async () => {
      const s = await loaded(b);
      const v = await s.migrate();
      assert.ok(v >= 1, `schema version ${v}`);
      assert.equal(await s.migrate(), v, "re-running applies nothing new");
      const st = await s.stats();
      assert.equal(st.schemaVersion, v);
      assert.equal(st.backend, s.backend);
      await s.close();
      const r = await b.reopen();
      assert.equal((await r.stats()).articles, 4);
      await r.close();
    });

    test("saving the same article twice stores it once", async () => {
      const s = await loaded(b);
      const before = await s.stats();
      const again = await s.saveDoc(corpus()[0]);
      assert.equal(again.status, "unchanged");
      assert.equal(again.eventIds.length, 2);
      // identical content under another URL is the same article, not a new one
      const copy = corpus()[0];
      copy.article.url = "https://mirror.example.net/copy";
      assert.equal((await s.saveDoc(copy)).status, "unchanged");
      assert.deepEqual(await s.stats(), before);
      assert.deepEqual(await s.articleState(SDF_URL), { articleId: SDF_URL, contentHash: (await s.getArticle(SDF_URL))!.contentHash });
      assert.equal(await s.articleState("https://nowhere.example/x"), null);
      await s.close();
    });

    test("a new version of the same URL replaces the old one and its facts", async () => {
      const s = await loaded(b);
      const oldIds = (await s.getArticle(SDF_URL))!.eventIds;
      const v2 = makeDoc({
        id: "ind-1",
        url: SDF_URL,
        outlet: "The Independent",
        publishedAt: "2017-09-09T20:00:00-04:00",
        events: [
          {
            type: "Violence against civilians",
            sub: "Attack",
            a1: "isis",
            date: "2017-09-09",
            place: "afrin",
            sentence: "Updated: Isis attacked civilians near Afrin on Saturday.",
          },
        ],
      });
      const r = await s.saveDoc(v2);
      assert.equal(r.status, "replaced");
      assert.equal(r.newEvents, 1);
      // the Russian strike was reported only here: gone; the SDF offensive keeps its other sources
      const strike = oldIds[1];
      assert.ok(r.removedEventIds.includes(strike), "the strike is reported removed");
      assert.equal(await s.getEvent(strike), null);
      const offensive = (await s.getEvent(oldIds[0]))!;
      assert.ok(offensive, "the merged event survives with its other sources");
      assert.ok(!offensive.articleIds.includes(SDF_URL), "the replaced article is no longer a source");
      assert.equal(offensive.fatalityClaims.some((c) => c.fatalities === 12), false);
      const st = await s.stats();
      assert.equal(st.articles, 4);
      const art = (await s.getArticle(SDF_URL))!;
      assert.match(art.doc.article.body, /^Updated/);
      // relation evidence from the old version is gone (usa backs sdf now in 2 articles, not 3)
      const sdf = (await s.getActor("sdf"))!;
      assert.equal(sdf.sponsors.find((x) => x.actor === "usa")?.articleCount, 2);
      assert.equal((await s.searchArticles("Russian jets")).length, 0);
      await s.close();
    });

    test("reports of the same event merge; conflicting claims stay side by side", async () => {
      const s = await loaded(b);
      const sdfEvents = (await s.queryEvents({ actor: "sdf", eventType: "Battles" })).items;
      assert.equal(sdfEvents.length, 1, "three outlets, one offensive");
      const e = sdfEvents[0];
      assert.equal(e.articleIds.length, 3);
      assert.equal(e.sources.length, 3);
      assert.ok(e.sourceCount >= 3, `sourceCount ${e.sourceCount}`);
      assert.deepEqual(
        e.fatalityClaims.map((c) => [c.fatalities, c.source]).sort(),
        [
          [12, "Syrian Observatory for Human Rights"],
          [20, "SDF commander"],
        ],
      );
      assert.equal(e.fatalities, 12);
      assert.equal(e.date, "2017-09-09");
      assert.equal(e.datePrecision, 1);
      assert.equal(e.place?.name, "Deir ez-Zor");
      assert.equal(e.place?.precision, 1);
      assert.deepEqual(e.assocActors1, ["usa"]);
      assert.equal(e.firstReported, "2017-09-09T17:49:00-04:00");
      assert.equal(e.lastReported, "2017-09-11T10:00:00Z");
      // same place and day, different sides: a different battle
      const gov = (await s.queryEvents({ actor: "sygov" })).items;
      assert.equal(gov.length, 1);
      assert.notEqual(gov[0].id, e.id);
      assert.equal((await s.stats()).events, 5);
      assert.equal((await s.stats()).eventSources, 7);
      await s.close();
    });

    // One article's reports ask for candidates by actors, date window and type (SQLite answers a
    // repeated question from what it read for the article's earlier report): each must still find
    // its own stored event, whether it asks what an earlier report asked or differs only in type or date.
    test("an article's reports each merge into their own stored event: same actors, different place, type or date", async () => {
      const s = await b.open();
      const ev = (place: "deir" | "abuKamal", date: string, type?: "Explosions/Remote violence") => ({
        a1: "sdf",
        a2: "isis",
        date,
        place,
        ...(type ? { type, sub: "Shelling/artillery/missile attack" as const } : {}),
        sentence: `SDF ${type ? "shelled" : "fought"} Isis in ${place} (${date}).`,
      });
      const specs = [ev("deir", "2017-09-09"), ev("abuKamal", "2017-09-09"), ev("deir", "2017-09-09", "Explosions/Remote violence"), ev("deir", "2017-11-20")];
      const first = await s.saveDoc(makeDoc({ id: "m-1", url: "https://example.org/m-1", outlet: "Outlet one", publishedAt: "2017-11-21T08:00:00Z", events: specs }));
      assert.equal(first.newEvents, 4, "one article's events stay apart");
      const second = await s.saveDoc(makeDoc({ id: "m-2", url: "https://example.org/m-2", outlet: "Outlet two", publishedAt: "2017-11-21T09:00:00Z", events: specs }));
      assert.equal(second.mergedEvents, 4, `every report of the second article merges (${JSON.stringify(second)})`);
      assert.deepEqual(second.eventIds, first.eventIds, "each report merges into the event its twin made, in order");
      await s.close();
    });

    test("getEvent lists every source with attribution, sentence and date", async () => {
      const s = await loaded(b);
      const id = (await s.queryEvents({ actor: "sdf", eventType: "Battles" })).items[0].id;
      const e = (await s.getEvent(id))!;
      const reu = e.sources.find((x) => x.outlet === "Reuters")!;
      assert.equal(reu.url, "https://example.org/reuters/deir-offensive");
      assert.equal(reu.attribution.name, "SDF commander");
      assert.equal(reu.fatalities, 20);
      assert.equal(reu.modality, "asserted");
      assert.equal(reu.date, "2017-09-09");
      const body = (await s.getArticle(reu.articleId))!.doc.article.body;
      assert.equal(body.slice(reu.sentence.start, reu.sentence.end), reu.sentence.text);
      assert.match(reu.sentence.text, /US-backed SDF fighters/);
      assert.equal(await s.getEvent("999999"), null);
      assert.equal(await s.getEvent("not-an-id"), null);
      await s.close();
    });

    test("event filters: time, bbox, near, type, source, text, paging, sort", async () => {
      const s = await loaded(b);
      const ids = async (q: Parameters<Store["queryEvents"]>[0]) =>
        (await s.queryEvents({ ...q, withSources: false })).items.map((e) => e.eventType + "|" + (e.actor1 ?? "") + "|" + (e.place?.name ?? "")).sort();
      assert.equal((await s.queryEvents({})).items.length, 5);
      assert.deepEqual(await ids({ since: "2018-01-01" }), ["Explosions/Remote violence|turkey|Afrin"]);
      assert.equal((await ids({ until: "2017-09-08" })).length, 1);
      // an actor with a time window is exactly the actor's events inside the window (and so is the total)
      const every = (await s.queryEvents({ withSources: false })).items;
      let narrowed = 0;
      for (const actor of new Set(every.flatMap((e) => [e.actor1, e.actor2].filter((x): x is string => !!x)))) {
        const mine = (await s.queryEvents({ actor, withSources: false })).items;
        for (const d of new Set(mine.map((e) => e.date))) {
          for (const w of [{ since: d }, { until: d }, { since: d, until: d }]) {
            const want = mine.filter((e) => (!w.since || e.date >= w.since) && (!("until" in w) || e.date <= (w.until as string))).map((e) => e.id).sort();
            const page = await s.queryEvents({ actor, ...w, withSources: false, withTotal: true });
            assert.deepEqual(page.items.map((e) => e.id).sort(), want, `actor ${actor} in ${JSON.stringify(w)}`);
            assert.equal(page.total, want.length, `total for actor ${actor} in ${JSON.stringify(w)}`);
            if (want.length < mine.length) narrowed++;
          }
        }
      }
      assert.ok(narrowed > 0, "some window leaves out some of an actor's events");
      const deirBox: [number, number, number, number] = [39.5, 34.5, 41.0, 35.6];
      assert.deepEqual(await ids({ bbox: deirBox }), [
        "Battles|sdf|Deir ez-Zor",
        "Battles|sygov|Deir ez-Zor",
        "Violence against civilians|isis|Deir ez-Zor",
      ]);
      assert.deepEqual(await ids({ near: { lat: 35.95, lon: 39.01, radiusKm: 20 } }), ["Explosions/Remote violence|russia|Raqqa"]);
      assert.equal((await ids({ near: { lat: 35.95, lon: 39.01, radiusKm: 200 } })).length, 4);
      assert.equal((await ids({ eventType: "Explosions/Remote violence" })).length, 2);
      assert.equal((await ids({ eventType: ["Battles", "Violence against civilians"] })).length, 3);
      assert.equal((await ids({ subEventType: "Abduction/forced disappearance" })).length, 1);
      assert.deepEqual(await ids({ source: "state media" }), ["Battles|sygov|Deir ez-Zor"]);
      assert.deepEqual(await ids({ source: "reuters" }), ["Battles|sdf|Deir ez-Zor"]);
      assert.deepEqual(await ids({ text: "aid worker" }), ["Violence against civilians|isis|Deir ez-Zor"]);
      assert.deepEqual(await ids({ minSources: 3 }), ["Battles|sdf|Deir ez-Zor"]);
      const all = (await s.queryEvents({ sort: "date-asc", withTotal: true })).items;
      assert.equal(all[0].date, "2017-09-08");
      assert.equal(all[all.length - 1].date, "2018-01-20");
      const p2 = await s.queryEvents({ sort: "date-asc", limit: 2, offset: 2, withTotal: true });
      assert.equal(p2.total, 5);
      assert.deepEqual(
        p2.items.map((e) => e.id),
        all.slice(2, 4).map((e) => e.id),
      );
      assert.equal((await s.queryEvents({ sort: "sources-desc" })).items[0].articleIds.length, 3);
      await s.close();
    });

    test("map points: the same events as the list query, as columns, newest first, capped with the full count; grid cells", async () => {
      const s = await loaded(b);
      const deirBox: [number, number, number, number] = [39.5, 34.5, 41.0, 35.6];
      const listed = (await s.queryEvents({ bbox: deirBox, since: "2017-01-01", withSources: false })).items;
      const m = await s.mapPoints({ bbox: deirBox, since: "2017-01-01" });
      assert.equal(m.count, listed.length, "count is every placed match");
      assert.equal(m.truncated, false);
      assert.deepEqual(m.id, listed.map((e) => e.id), "same events, same newest-first order");
      assert.deepEqual(m.lon, listed.map((e) => e.place!.lon));
      assert.deepEqual(m.eventType, listed.map((e) => e.eventType));
      assert.deepEqual(m.sources, listed.map((e) => e.sourceCount));
      assert.deepEqual(m.precision, listed.map((e) => e.place!.precision));
      const capped = await s.mapPoints({ limit: 2 });
      const placed = (await s.queryEvents({ withSources: false })).items.filter((e) => e.place);
      assert.equal(capped.count, placed.length, "a capped answer still counts every match");
      assert.equal(capped.truncated, true);
      assert.deepEqual(capped.id, placed.slice(0, 2).map((e) => e.id));
      assert.equal((await s.mapPoints({ eventType: "Battles", bbox: deirBox })).count, 2);
      // one-degree cells: Deir ez-Zor's three events in one cell, at their mean position
      const grid = await s.mapPoints({ cellDegrees: 1 });
      assert.equal(grid.id.length, 0);
      assert.equal(grid.count, placed.length);
      const deir = grid.cells!.find((c) => c.lon > deirBox[0] && c.lon < deirBox[2] && c.lat > deirBox[1] && c.lat < deirBox[3]);
      assert.ok(deir, `a cell at Deir ez-Zor: ${JSON.stringify(grid.cells)}`);
      assert.equal(deir.count, 3);
      assert.deepEqual(deir.byType, { Battles: 2, "Violence against civilians": 1 });
      await s.close();
    });

    test("actor filter, with everything the actor's sponsors back", async () => {
      const s = await loaded(b);
      const actors = async (q: Parameters<Store["queryEvents"]>[0]) =>
        (await s.queryEvents(q)).items.map((e) => `${e.actor1}-${e.actor2}`).sort();
      assert.deepEqual(await actors({ actor: "usa" }), ["sdf-isis"]);
      assert.deepEqual(await actors({ actor: "russia" }), ["russia-isis"]);
      // Russia backs the government: its battles join Russia's own strike
      assert.deepEqual(await actors({ actor: "russia", includeBacked: true }), ["russia-isis", "sygov-isis"]);
      // the SDF's sponsor (US) backs the SDF, and the YPG is part of the SDF
      assert.deepEqual(await actors({ actor: "sdf", includeBacked: true }), ["sdf-isis", "turkey-ypg"]);
      assert.deepEqual(await actors({ actor: "nobody" }), []);
      await s.close();
    });

    test("actor profile: aliases, kind, sponsors, opponents, parts, recent events, first/last seen", async () => {
      const s = await loaded(b);
      const p = (await s.getActor("sdf"))!;
      assert.equal(p.name, "Syrian Democratic Forces");
      assert.equal(p.kind, "rebel-group");
      assert.ok(p.aliases.includes("SDF"), `aliases ${p.aliases}`);
      const usa = p.sponsors.find((x) => x.actor === "usa")!;
      assert.deepEqual([usa.evidenceCount, usa.articleCount, usa.firstSeen, usa.lastSeen], [3, 3, "2017-09-09", "2018-01-21"]);
      assert.equal(usa.name, "United States");
      assert.deepEqual(p.parts.map((x) => x.actor), ["ypg"]);
      assert.deepEqual(p.opponents.map((x) => x.actor).sort(), ["isis", "sygov"]);
      assert.equal(p.recentEvents.length, 1);
      assert.equal(p.eventCount, 1);
      assert.equal(p.articleCount, 4);
      assert.equal(p.firstSeen, "2017-09-09");
      assert.equal(p.lastSeen, "2018-01-21");
      const usaP = (await s.getActor("usa"))!;
      assert.deepEqual(usaP.backs.map((x) => x.actor), ["sdf"]);
      assert.equal(await s.getActor("nobody"), null);
      const list = await s.listActors({ text: "daesh" });
      assert.deepEqual(list.items.map((a) => a.id), ["isis"]);
      await s.close();
    });

    test("actor graph: nodes and weighted edges, whole or around one actor", async () => {
      const s = await loaded(b);
      const g = await s.actorGraph();
      const e = g.edges.find((x) => x.type === "backed-by" && x.source === "sdf" && x.target === "usa")!;
      assert.equal(e.weight, 3);
      assert.equal(e.articleCount, 3);
      assert.ok(g.nodes.some((n) => n.id === "usa" && n.name === "United States"), "the US is a node with its name");
      const local = await s.actorGraph({ actor: "russia", depth: 1 });
      assert.deepEqual(local.nodes.map((n) => n.id).sort(), ["russia", "sygov"]);
      const fought = await s.actorGraph({ includeEvents: true, types: ["opposes"] });
      const pair = fought.edges.filter((x) => x.type === "fought" && [x.source, x.target].sort().join() === "isis,sdf");
      assert.deepEqual(
        pair.map((x) => x.weight),
        [1],
        "one edge per pair, weighted by shared events",
      );
      await s.close();
    });

    test("full-text search over articles; odd input never throws", async () => {
      const s = await loaded(b);
      const hits = await s.searchArticles("Afrin");
      assert.equal(hits[0].article.url, "https://example.org/guardian/afrin");
      assert.match(hits[0].snippet, /«Afrin»/);
      assert.equal((await s.searchArticles("jets")).length, 2);
      assert.equal((await s.searchArticles('"aid worker"')).length, 1);
      for (const odd of ['Deir ez-Zor', 'AND (', '"', '*', "NEAR(x y)", "", "ünïcødé"]) await s.searchArticles(odd);
      await s.close();
    });

    test("full-text search after a write batch: a version replaced inside the batch, a failing document", async () => {
      const s = await b.open();
      const docs = corpus();
      const v2 = corpus()[0];
      v2.article.body += " A zebrafinch was seen over the front line.";
      const bad = corpus()[1];
      bad.article.body += " A bandicoot was seen too.";
      bad.events.push({ ...bad.events[0] }); // duplicate report key → constraint violation mid-save
      const batch = s.openBatch();
      assert.equal((await batch.save(docs[0])).status, "inserted");
      assert.equal((await batch.save(v2)).status, "replaced", "a new version of the same URL in the same batch");
      await assert.rejects(batch.save(bad));
      assert.equal((await batch.save(docs[3])).status, "inserted");
      await batch.commit();
      assert.deepEqual(
        (await s.searchArticles("zebrafinch")).map((h) => h.article.url),
        [docs[0].article.url],
        "the replacing version is found",
      );
      assert.equal((await s.searchArticles('"launch offensive"')).length, 1, "the replaced version is gone from the index, the new one found once");
      assert.equal((await s.searchArticles("bandicoot")).length, 0, "nothing of the failing document");
      assert.equal((await s.searchArticles("Afrin"))[0]?.article.url, docs[3].article.url, "the article after the failing one");
      await s.close();
    });

    test("timeline by day and by week, per event type", async () => {
      const s = await loaded(b);
      const days = await s.timeline({ by: "day" });
      const d9 = days.find((x) => x.bucket === "2017-09-09")!;
      assert.deepEqual(d9.counts, { Battles: 2 });
      const weeks = await s.timeline({ by: "week" });
      // Fri 8 – Mon 11 Sep 2017 fall in the weeks starting Mon 4 Sep and Mon 11 Sep
      assert.deepEqual(
        weeks.map((w) => [w.bucket, w.total]),
        [
          ["2017-09-04", 3],
          ["2017-09-11", 1],
          ["2018-01-15", 1],
        ],
      );
      assert.equal((await s.timeline({ by: "week", actor: "turkey" })).length, 1);
      await s.close();
    });

    test("places and stats", async () => {
      const s = await loaded(b);
      const places = await s.listPlaces();
      assert.equal(places[0].name, "Deir ez-Zor");
      assert.equal(places[0].eventCount, 3);
      assert.deepEqual((await s.listPlaces({ bbox: [36, 36, 37.5, 37] })).map((p) => p.name), ["Afrin"]);
      const st = await s.stats();
      assert.equal(st.articles, 4);
      assert.equal(st.eventsByType.Battles, 2);
      assert.equal(st.firstEvent, "2017-09-08");
      assert.ok(st.actors >= 7, `actors ${st.actors}`);
      assert.equal(st.relations, 4);
      await s.close();
    });

    test("eventsSince streams creations, changes and removals; onChange fires after commits", async () => {
      const s = await b.open();
      let notified = 0;
      const off = s.onChange(() => notified++);
      const docs = corpus();
      await s.saveDoc(docs[0]);
      const c1 = await s.eventsSince(0);
      assert.equal(c1.events.length, 2);
      assert.equal(notified, 1);
      const none = await s.eventsSince(c1.cursor);
      assert.deepEqual([none.events.length, none.removed.length, none.cursor], [0, 0, c1.cursor]);
      await s.saveDoc(docs[1]); // merges into the offensive: that event changes
      const c2 = await s.eventsSince(c1.cursor);
      assert.equal(c2.events.length, 1);
      assert.equal(c2.events[0].sources.length, 2);
      const v2 = makeDoc({ id: "x", url: SDF_URL, outlet: "The Independent", publishedAt: "2017-09-10T00:00:00Z", events: [] });
      await s.saveDoc(v2);
      const c3 = await s.eventsSince(c2.cursor);
      assert.equal(c3.removed.length, 1, "the strike only this article reported is removed");
      assert.equal(c3.events.length, 1, "the offensive lost a source");
      // paging through changes one at a time reaches the same cursor
      let cur = 0;
      let seen = 0;
      for (let i = 0; i < 20; i++) {
        const c = await s.eventsSince(cur, 1);
        seen += c.events.length;
        if (c.cursor === cur) break;
        cur = c.cursor;
      }
      assert.equal(cur, (await s.stats()).cursor);
      assert.equal(seen, 1);
      off();
      await s.close();
    });

    test("a failing save rolls back completely", async () => {
      const s = await b.open();
      const bad = corpus()[0];
      bad.events[1].id = bad.events[0].id; // duplicate report key → constraint violation mid-save
      await assert.rejects(s.saveDoc(bad));
      const st = await s.stats();
      assert.deepEqual([st.articles, st.events, st.eventSources, st.actors], [0, 0, 0, 0]);
      assert.equal((await s.saveDoc(corpus()[1])).status, "inserted", "the store still works");
      await s.close();
    });

    test("saveDocs stores a batch as saveDoc one by one would; a failing document keeps those before it", async () => {
      const one = await b.open();
      const single = [];
      for (const d of corpus()) single.push(await one.saveDoc(d));
      const expected = { stats: await one.stats(), events: (await one.queryEvents({ limit: 100 })).items };
      await one.close();
      const s = await b.open();
      const docs = corpus();
      const batch = await s.saveDocs([...docs, docs[0]]);
      assert.deepEqual(
        batch.map((r) => [r.status, r.eventIds.length, r.newEvents, r.mergedEvents]),
        [...single, { ...single[0], status: "unchanged", newEvents: 0, mergedEvents: 0 }].map((r) => [r.status, r.eventIds.length, r.newEvents, r.mergedEvents]),
        "each document's result as saveDoc gave it (the repeated one unchanged)",
      );
      const st = await s.stats();
      assert.deepEqual({ ...st, cursor: 0 }, { ...expected.stats, cursor: 0 }, "same counts as one save per document");
      assert.deepEqual(
        (await s.queryEvents({ limit: 100 })).items.map((e) => [e.eventType, e.date, e.actor1, e.sourceCount, e.fatalities]),
        expected.events.map((e) => [e.eventType, e.date, e.actor1, e.sourceCount, e.fatalities]),
        "the same merged events",
      );
      assert.deepEqual(await s.saveDocs([]), [], "an empty batch does nothing");
      await s.close();

      const f = await b.open();
      const bad = corpus()[2];
      bad.events[1].id = bad.events[0].id; // duplicate report key → constraint violation mid-save
      const good = corpus();
      await assert.rejects(f.saveDocs([good[0], good[1], bad, good[3]]));
      const fs = await f.stats();
      assert.equal(fs.articles, 2, "the two documents before the failing one are stored, the rest not");
      assert.equal((await f.saveDoc(good[3])).status, "inserted", "the store still works");
      await f.close();
    });

    test("a write batch: saves wait for commit, a failing document is undone alone, close() commits what is open", async () => {
      const s = await b.open();
      const docs = corpus();
      const batch = s.openBatch();
      assert.equal(batch.pending, 0);
      assert.equal((await batch.save(docs[0])).status, "inserted");
      const bad = corpus()[1];
      bad.events.push({ ...bad.events[0] }); // duplicate report key → constraint violation mid-save
      await assert.rejects(batch.save(bad));
      assert.equal((await batch.save(docs[2])).status, "inserted", "the batch goes on after a failing document");
      assert.equal(batch.pending, 2);
      await batch.commit();
      assert.equal(batch.pending, 0);
      const st = await s.stats();
      assert.equal(st.articles, 2, "the failing document left nothing, the other two are committed");
      assert.equal(st.eventSources, docs[0].events.length + docs[2].events.length, "no report of the failing document");
      await batch.commit(); // nothing pending: nothing to do
      assert.equal((await batch.save(docs[3])).status, "inserted", "a save after a commit opens a new transaction");
      await s.close(); // commits the open batch
      const r = await b.reopen();
      assert.equal((await r.stats()).articles, 3, "close() committed the batch left open");
      await r.close();
    });

    test("imported ACLED events are stored by their id, updated in place, never merged", async () => {
      const s = await loaded(b);
      const row = {
        externalId: "SYR1001",
        eventType: "Battles" as const,
        subEventType: "Armed clash" as const,
        actor1: "acled:sdf",
        actor2: "isis",
        assocActors1: [],
        assocActors2: [],
        actorNames: { "acled:sdf": { name: "SDF: Syrian Democratic Forces", inter: 2 }, isis: { name: "Islamic State (Syria)", inter: 2 } },
        date: "2017-09-09",
        datePrecision: 1 as const,
        place: { id: "acled:Deir-ez-Zor", name: "Deir-ez-Zor", lat: 35.336, lon: 40.141, precision: 1 as const, country: "SY", admin1: "Deir ez Zor" },
        fatalities: 15,
        source: "SOHR; Reuters",
        notes: "On 9 September 2017, SDF clashed with IS near Deir-ez-Zor.",
      };
      assert.deepEqual(await s.importEvents([row, { ...row, externalId: "SYR1002", date: "2017-09-10" }]), { inserted: 2, updated: 0 });
      assert.deepEqual(await s.importEvents([{ ...row, fatalities: 16 }]), { inserted: 0, updated: 1 });
      const acled = (await s.queryEvents({ origin: "acled", sort: "date-asc" })).items;
      assert.equal(acled.length, 2);
      assert.equal(acled[0].externalId, "SYR1001");
      assert.equal(acled[0].fatalities, 16);
      assert.equal(acled[0].sourceCount, 2);
      assert.equal((await s.queryEvents({ origin: "sitrep" })).items.length, 5, "sitrep's own events untouched");
      assert.equal((await s.queryEvents({ actor: "isis", origin: "acled" })).items.length, 2);
      assert.equal((await s.getActor("isis"))!.name, "Islamic State", "an import never renames a known actor");
      assert.equal((await s.queryEvents({ source: "sohr" })).items.length, 2);
      await s.close();
    });

    test("an undated article whose events carry no date is stored, dated by the day it was stored", async () => {
      const s = await loaded(b);
      const doc = corpus()[0];
      doc.id = "undated";
      doc.article = { ...doc.article, id: "undated", url: "https://example.org/undated", publishedAt: undefined, body: `${doc.article.body} ` };
      doc.events = doc.events.map((e) => ({ ...e, date: { date: "", precision: 2 as const } }));
      const before = new Date().toISOString().slice(0, 10);
      const r = await s.saveDoc(doc);
      const after = new Date().toISOString().slice(0, 10);
      assert.equal(r.status, "inserted");
      assert.equal(r.eventIds.length, doc.events.length, "every event is stored");
      for (const id of r.eventIds) {
        const e = (await s.getEvent(id))!;
        const src = e.sources.find((x) => x.articleId === "https://example.org/undated")!;
        assert.ok(src, `event ${id} lists the undated article as a source`);
        assert.ok(src.date === before || src.date === after, `the report is dated by the day it was stored, got ${src.date}`);
        assert.equal(src.datePrecision, 3, "an assumed date has the vaguest precision");
      }
      await s.close();
    });

    test("articles: list and get the stored document back", async () => {
      const s = await loaded(b);
      const list = await s.listArticles({ outlet: "reuters" });
      assert.equal(list.items.length, 1);
      assert.equal(list.items[0].eventCount, 1);
      assert.equal((await s.listArticles()).total, 4);
      assert.equal((await s.listArticles({ since: "2018-01-01" })).items.length, 1);
      const a = (await s.getArticle("https://example.org/afp/deir"))!;
      assert.deepEqual(a.doc, JSON.parse(JSON.stringify(corpus()[2])));
      assert.equal(a.eventIds.length, 2);
      assert.equal(await s.getArticle("nope"), null);
      await s.close();
    });
  });
}
