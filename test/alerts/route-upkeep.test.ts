// GET /api/alerts answered from the server's watcher (src/alerts/upkeep.ts) instead of a full pass:
// over a real store (SQLite file; PostgreSQL when SITREP_TEST_PG is set) changed step by step, each
// answer must be what a full pass (`alertsFromStore`) gives for the same query, including queries
// the watcher answers by filtering (since, kind, until = the latest day) and ones it cannot (other
// options, an earlier as-of day), coalition overrides and an analyst's review (no store change
// after them), a report written by another process (seen within a second), and requests arriving
// together right after a change. Once warm, the watcher's answer reads no events.
import assert from "node:assert/strict";
import { test } from "node:test";
import Fastify from "fastify";
import { Reviews } from "../../src/accounts/review.js";
import { Accounts } from "../../src/accounts/users.js";
import { alertsPlugin } from "../../src/alerts/routes.js";
import { type AlertQuery, alertsFromStore } from "../../src/alerts/run.js";
import { createServices } from "../../src/alerts/services.js";
import { openStore } from "../../src/store/index.js";
import { BACKENDS, fakeClock, tempDb } from "../accounts/helpers.js";
import { docFor } from "./docs.js";
import { deirEzzorRace, ev, P, seedActors, seedRelations } from "./seed-situation.js";

const situation = [
  ev("2017-08-20", "Armed clash", "sdf", "syria-gov-forces", P.shaddadi),
  ev("2017-08-25", "Government regains territory", "syria-gov-forces", "isis", P.kabajib),
  ...deirEzzorRace(),
  ev("2017-09-10", "Air/drone strike", "russia", "sdf", P.jafra),
];
const later = [ev("2017-09-18", "Armed clash", "sdf", "isis", P.deirEzzor), ev("2017-09-19", "Armed clash", "syria-gov-forces", "isis", P.industrialZone)];

/** Route query strings and the same queries as `alertsFromStore` takes them. */
const QUERIES: [string, AlertQuery][] = [
  ["", {}],
  ["?kind=clash,racing", { kinds: ["clash", "racing"] }],
  ["?since=2017-09-08", { since: "2017-09-08" }],
  ["?distanceKm=30&days=7", { distanceKm: 30, trendDays: 7 }],
  ["?distanceKm=80&windowDays=10", { distanceKm: 80, windowDays: 10 }],
  ["?until=2017-09-09", { until: "2017-09-09" }],
];

for (const { backend, skip } of BACKENDS) {
  test(`GET /api/alerts from the watcher equals a full pass after every change (${backend})`, { skip }, async () => {
    const t = await tempDb(backend);
    const c = fakeClock();
    const svc = createServices(t.store, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 }, pollMs: 60_000 });
    const app = Fastify();
    await app.register(alertsPlugin, { store: t.store, services: svc });
    await app.ready();
    const rels = seedRelations();
    let n = 0;
    const save = async (e: (typeof situation)[number], k = n++) => (await t.store.saveDoc(docFor(e, seedActors(), rels, k))).eventIds;
    const seen = new Set<string>();
    const check = async (step: string, extra: [string, AlertQuery][] = []) => {
      for (const [qs, q] of [...QUERIES, ...extra]) {
        const r = await app.inject({ method: "GET", url: `/api/alerts${qs}` });
        assert.equal(r.statusCode, 200, `${step}, ${qs}: ${r.body}`);
        const full = await alertsFromStore(t.store, q);
        assert.deepEqual(r.json(), JSON.parse(JSON.stringify({ asOf: full.asOf, options: full.options, items: full.alerts })), `${step}, GET /api/alerts${qs}: differs from a full pass`);
        for (const a of full.alerts) seen.add(a.kind);
      }
    };
    await check("empty store");
    const ids: string[][] = [];
    for (const e of situation.slice(0, 4)) ids.push(await save(e));
    await check("first articles");
    for (const e of situation.slice(4)) ids.push(await save(e));
    await check("the whole situation", [["?until=2017-09-10", { until: "2017-09-10" }]]);

    const admin = await new Accounts(t.db, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 } }).register("ana@example.org", "Ana", "a long enough passphrase");
    // Once warm, an answer from the watcher reads no events from the store.
    const queryEvents = t.store.queryEvents.bind(t.store);
    let reads = 0;
    t.store.queryEvents = (q) => {
      reads++;
      return queryEvents(q);
    };
    assert.equal((await app.inject({ method: "GET", url: "/api/alerts?kind=clash" })).statusCode, 200);
    assert.equal(reads, 0, `GET /api/alerts with the server's options should be answered by the watcher, but it read events ${reads} times`);
    t.store.queryEvents = queryEvents;

    // An analyst moves an actor out of its coalition, then back (no store change either time).
    const ov = await svc.overrides.set(admin, "sdf", null, "test");
    assert.equal(ov.coalitionId, null);
    await check("an actor put in no coalition");
    await svc.overrides.set(admin, "sdf", "us-backed");
    await check("the actor back in its coalition");
    // An analyst's rejection changes the alerts without any store change.
    await new Reviews(t.db, c.clock).review(admin, ids[4]![0]!, "reject", { note: "wrong place" });
    await check("an analyst's rejection");
    // A replaced article, the latest day going back, then the window moving on.
    await save(ev("2017-09-08", "Armed clash", "syria-gov-forces", "isis", P.palmyra), 7);
    await check("a replaced article");
    await save(ev("2017-09-07", "Air/drone strike", "russia", "sdf", P.jafra), 8);
    await check("the latest day gone");
    // A report written by another process (a second store on the same SQLite file): no change
    // announced here, so the route reads the change feed itself, at least once a second.
    if (t.path) {
      const other = await openStore(t.path);
      await other.saveDoc(docFor(later[0]!, seedActors(), rels, n++));
      await other.close();
      await new Promise((r) => setTimeout(r, 1100));
      await check("a report written by another process, a second later");
    }
    for (const e of later) await save(e);
    // Requests arriving together right after a change all see it.
    const answers = await Promise.all(Array.from({ length: 8 }, () => app.inject({ method: "GET", url: "/api/alerts" })));
    const full = await alertsFromStore(t.store, {});
    for (const r of answers) assert.deepEqual(r.json(), JSON.parse(JSON.stringify({ asOf: full.asOf, options: full.options, items: full.alerts })), "concurrent requests after a change: one differs from a full pass");
    await check("the window moved");
    assert.ok(seen.has("clash") && seen.has("converging") && seen.has("racing"), `the steps should raise clash, converging and racing alerts, got ${[...seen]}`);
    await app.close();
    await t.done();
  });
}
