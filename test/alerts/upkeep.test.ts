// The incremental alert upkeep (src/alerts/upkeep.ts) against a full pass: a real store (SQLite
// file; PostgreSQL when SITREP_TEST_PG is set) changed step by step (new articles, a replaced
// article, the latest day going back, an analyst's rejection, the window moving past old events, a
// report older than the window);
// after each step the upkeep, fed only `eventsSince` batches, must give what `alertsFromStore` gives.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Reviews } from "../../src/accounts/review.js";
import { Accounts } from "../../src/accounts/users.js";
import { type AlertQuery, alertsFromStore } from "../../src/alerts/run.js";
import { AlertUpkeep } from "../../src/alerts/upkeep.js";
import type { Store } from "../../src/store/types.js";
import { BACKENDS, fakeClock, tempDb } from "../accounts/helpers.js";
import { docFor } from "./docs.js";
import { deirEzzorRace, ev, P, seedActors, seedRelations } from "./seed-situation.js";

const early = [
  ev("2017-08-20", "Armed clash", "sdf", "syria-gov-forces", P.shaddadi),
  ev("2017-08-25", "Government regains territory", "syria-gov-forces", "isis", P.kabajib),
];
const situation = [...deirEzzorRace(), ev("2017-09-10", "Air/drone strike", "russia", "sdf", P.jafra)];
const later = [
  ev("2017-09-18", "Armed clash", "sdf", "isis", P.deirEzzor),
  ev("2017-09-19", "Armed clash", "syria-gov-forces", "isis", P.industrialZone),
];

class Follower {
  cursor = 0;
  batches = 0;
  constructor(
    readonly store: Store,
    readonly upkeep: AlertUpkeep,
  ) {}
  /** Feeds the upkeep every change since the last call, in small batches (several per step). */
  async follow(): Promise<void> {
    for (;;) {
      const ch = await this.store.eventsSince(this.cursor, 2);
      if (ch.events.length === 0 && ch.removed.length === 0) return;
      this.cursor = ch.cursor;
      this.batches++;
      await this.upkeep.apply(ch);
    }
  }
}

for (const { backend, skip } of BACKENDS) {
  test(`alert upkeep fed by eventsSince equals a full pass after every change (${backend})`, { skip }, async () => {
    const t = await tempDb(backend);
    const rels = seedRelations();
    const save = async (e: (typeof situation)[number], n: number) => (await t.store.saveDoc(docFor(e, seedActors(), rels, n))).eventIds;
    const queries: AlertQuery[] = [{}, { until: "2017-09-10" }, { distanceKm: 80, windowDays: 10, trendDays: 5, kinds: ["converging", "clash"] }];
    const followers: Follower[] = [];
    for (const q of queries) {
      const f = new Follower(t.store, new AlertUpkeep(t.store, q));
      f.cursor = (await t.store.stats()).cursor;
      followers.push(f);
    }
    const seen = new Set<string>();
    const check = async (step: string) => {
      for (const [i, f] of followers.entries()) {
        await f.follow();
        const inc = await f.upkeep.alerts();
        const full = await alertsFromStore(t.store, queries[i]);
        assert.deepEqual(inc, full, `${step}, query ${JSON.stringify(queries[i])}: the upkeep's result differs from a full pass`);
        for (const a of full.alerts) seen.add(a.kind);
      }
    };
    await check("empty store");
    let n = 0;
    const ids: string[][] = [];
    for (const e of [...early, ...situation.slice(0, 3)]) ids.push(await save(e, n++));
    await check("first articles");
    for (const e of situation.slice(3)) ids.push(await save(e, n++));
    await check("the whole situation");
    // The clash article is replaced by a different report: its event goes, another comes.
    await save(ev("2017-09-08", "Armed clash", "syria-gov-forces", "isis", P.palmyra), 7);
    await check("a replaced article");
    // Both reports of the latest day are replaced by earlier ones: the as-of day goes back.
    await save(ev("2017-09-07", "Armed clash", "sdf", "isis", P.jafra), 6);
    await save(ev("2017-09-07", "Air/drone strike", "russia", "sdf", P.jafra), 8);
    await check("the latest day gone");
    // An analyst rejects an event (reviews are outside the store's change counter; a store change follows).
    const c = fakeClock();
    const acc = new Accounts(t.db, { clock: c.clock, scrypt: { logN: 12, r: 8, p: 1 } });
    const admin = await acc.register("ana@example.org", "Ana", "a long enough passphrase");
    await new Reviews(t.db, c.clock).review(admin, ids[4]![0]!, "reject", { note: "wrong place" });
    await check("an analyst's rejection");
    // Later reports move the window past the August events.
    for (const e of later) ids.push(await save(e, n++));
    await check("the window moved");
    // A report of an older day (outside the window) changes nothing the alerts see.
    ids.push(await save(ev("2017-08-02", "Armed clash", "sdf", "syria-gov-forces", P.raqqa), n++));
    await check("a report older than the window");
    assert.ok(seen.has("clash") && seen.has("converging") && seen.has("racing"), `the steps should raise clash, converging and racing alerts, got ${[...seen]}`);
    assert.ok(followers[0]!.batches >= 6, `changes should arrive in several batches, got ${followers[0]!.batches}`);
    await t.done();
  });
}
