// The routes the point index answers once loaded (`/api/events`, `/api/events/:id`, `/api/places`,
// `/api/timeline`) give the text the store's own answers would: same items, same order (date,
// then id), same totals, byte for byte. Events with sources (saved articles), imported events,
// events without a place, and many events on one day (the id tie-break) are all in the store.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/api/app.js";
import { EventJsonCache } from "../../src/api/event-json.js";
import { toEventQuery } from "../../src/api/filters.js";
import { queryWithRegion } from "../../src/api/routes/events.js";
import { openStore } from "../../src/store/index.js";
import type { EventQuery, Store } from "../../src/store/types.js";
import { syntheticEvents } from "../../bench/api-data.js";
import { deirEzzor, talAfar } from "./fixture.js";

let dir: string;
let store: Store;
let app: FastifyInstance;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "sitrep-index-answers-"));
  store = await openStore(join(dir, "i.db"));
  const events = syntheticEvents(1500, 11);
  // Every 10th event without a place: lists without a spatial filter must still include them.
  await store.importEvents(events.map((e, i) => (i % 10 === 3 ? { ...e, place: undefined } : e)));
  await store.saveDoc(deirEzzor());
  await store.saveDoc(talAfar());
  app = await buildApp({ store, cache: false, webRoot: join(dir, "no-web") });
  // The request for every point waits for the index to load.
  assert.equal((await app.inject({ method: "GET", url: "/api/map/points" })).statusCode, 200, "the map answers");
});

after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function body(url: string): Promise<string> {
  const r = await app.inject({ method: "GET", url });
  assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 200)}`);
  return r.body;
}

const FILTERS = [
  "",
  "since=2017-03-01&until=2017-03-31",
  "type=Battles,Riots&since=2017-02-01&until=2017-05-31",
  "bbox=36,32,42,37",
  "bbox=36,32,42,37&since=2017-06-01&until=2017-06-20",
  "bbox=40,0,-1,60",
  "near=35.0,38.5,120",
  "near=34.0,43.5,60&type=Battles",
  "actor=isis&since=2017-06-01&until=2017-08-31",
  "actor=sdf",
  "actor=nobody-at-all",
  "region=IQ&since=2017-01-01&until=2017-03-01",
  "region=SY",
  "subType=Armed%20clash&minSources=1",
  "type=Protests&actor=gna&since=2017-04-01",
  // Two narrowing filters at once: whichever gives the candidates, the other is still tested.
  "region=SY&actor=isis&since=2017-02-01&until=2017-06-30",
  "region=IQ&bbox=40,30,46,37&type=Battles",
  "actor=sdf&bbox=36,32,42,37",
  // A day most of whose events name the actor: the window is scanned, the actor tested on each.
  "actor=houthis&since=2017-02-22&until=2017-02-22",
];

describe("routes answered by the point index", () => {
  test("event lists: the store's items, order and total, byte for byte", async () => {
    let nonEmpty = 0;
    for (const f of FILTERS) {
      for (const extra of ["limit=50", "limit=7&offset=20&withSources=false", "limit=30&sort=date-asc", "limit=25&sort=sources-desc"]) {
        const qs = [f, extra].filter(Boolean).join("&");
        const got = await body(`/api/events?${qs}`);
        const p = Object.fromEntries(new URLSearchParams(qs)) as Record<string, string>;
        const q: EventQuery = {
          ...toEventQuery(p),
          limit: Number(p.limit),
          offset: Number(p.offset ?? 0),
          sort: (p.sort ?? "date-desc") as EventQuery["sort"],
          withSources: p.withSources !== "false",
          withTotal: true,
          minSources: p.minSources ? Number(p.minSources) : undefined,
        };
        const want = await queryWithRegion(store, p, q);
        assert.equal(got, JSON.stringify(want), `/api/events?${qs}`);
        if (want.items.length) nonEmpty++;
      }
    }
    assert.ok(nonEmpty > 40, `most lists are not empty (${nonEmpty})`);
    const all = JSON.parse(await body("/api/events?limit=1000"));
    assert.ok(all.items.some((e: { place?: unknown }) => !e.place), "events without a place are listed");
    assert.ok(all.items.some((e: { sources: unknown[] }) => e.sources.length > 0), "events with sources are listed");
  });

  test("one event: the store's getEvent text, sources included", async () => {
    const { items } = await store.queryEvents({ limit: 2000, withSources: false });
    assert.ok(items.length > 1000, "the store holds the events");
    for (const e of items.filter((_, i) => i % 50 === 0 || i < 3)) {
      assert.equal(await body(`/api/events/${e.id}`), JSON.stringify(await store.getEvent(e.id)), `event ${e.id}`);
    }
    assert.equal((await app.inject({ method: "GET", url: "/api/events/99999999" })).statusCode, 404, "an unknown id is a 404");
  });

  test("places: the store's listPlaces for a box, the whole world, and across the antimeridian", async () => {
    for (const [qs, bbox, limit] of [
      ["limit=100", undefined, 100],
      ["bbox=36,32,42,37&limit=50", [36, 32, 42, 37], 50],
      ["bbox=40,0,-1,60&limit=5000", [40, 0, -1, 60], 5000],
      ["bbox=0,0,1,1", [0, 0, 1, 1], 500],
    ] as const) {
      const want = await store.listPlaces({ bbox: bbox as [number, number, number, number] | undefined, limit });
      assert.equal(await body(`/api/places?${qs}`), JSON.stringify({ items: want }), `/api/places?${qs}`);
    }
  });

  test("timelines: the store's buckets with and without a spatial filter", async () => {
    for (const f of FILTERS.filter((x) => !x.includes("region"))) {
      for (const by of ["day", "week"]) {
        const qs = [f, `by=${by}`].filter(Boolean).join("&");
        const p = Object.fromEntries(new URLSearchParams(qs)) as Record<string, string>;
        const q = toEventQuery({ ...p, minSources: p.minSources ? Number(p.minSources) : undefined });
        assert.equal(await body(`/api/timeline?${qs}`), JSON.stringify(await store.timeline({ ...q, by: by as "day" | "week" })), `/api/timeline?${qs}`);
      }
    }
  });

  test("a new article shows in the lists, the event route and the places at once", async () => {
    const before = JSON.parse(await body("/api/events?limit=1&since=2017-09-09&until=2017-09-09&actor=sdf")).total;
    const saved = await store.saveDoc(deirEzzor("deir-ezzor-2", "Third Post"));
    const after = JSON.parse(await body("/api/events?limit=5&since=2017-09-09&until=2017-09-09&actor=sdf"));
    const id = saved.eventIds[0];
    assert.equal(await body(`/api/events/${id}`), JSON.stringify(await store.getEvent(id)), "the event's new version");
    assert.ok(after.total >= before, "the list still finds the event");
    assert.equal(JSON.stringify(after), JSON.stringify(await store.queryEvents({ since: "2017-09-09", until: "2017-09-09", actor: "sdf", limit: 5, withTotal: true })), "the list is the store's");
    assert.equal(await body("/api/places?limit=5000"), JSON.stringify({ items: await store.listPlaces({ limit: 5000 }) }), "places are the store's");
  });
});

describe("event JSON cache", () => {
  test("text with and without sources, replaced versions, and a budget that drops the oldest", async () => {
    const { items } = await store.queryEvents({ limit: 40, withSources: true });
    const withSrc = (await store.queryEvents({ limit: 5000 })).items.filter((e) => e.sources.length > 0);
    assert.ok(withSrc.length > 0 && withSrc[0].sources.length > 0, "an event with sources");
    const cache = new EventJsonCache();
    for (const e of [...items, ...withSrc]) cache.set(e);
    for (const e of [...items, ...withSrc]) {
      assert.equal(cache.text(e.id, true), JSON.stringify(e), `${e.id} with sources`);
      assert.equal(cache.text(e.id, false), JSON.stringify({ ...e, sources: [] }), `${e.id} without`);
    }
    cache.set({ ...withSrc[0], sourceCount: 99 });
    assert.equal(JSON.parse(cache.text(withSrc[0].id, true) ?? "{}").sourceCount, 99, "a new version replaces the old");
    const small = new EventJsonCache(JSON.stringify(items[0]).length * 5);
    for (const e of items) small.set(e);
    assert.ok(small.size <= 6 && small.size >= 1, `the budget bounds the entries (${small.size})`);
    assert.equal(small.text(items[0].id, true), undefined, "the oldest entry went first");
    assert.equal(small.text(items[items.length - 1].id, true), JSON.stringify(items[items.length - 1]), "the newest stays");
  });
});

describe("compression", () => {
  test("loopback peers are told apart from remote ones", async () => {
    const { isLoopback } = await import("../../src/api/routes/events.js");
    for (const a of ["127.0.0.1", "127.4.5.6", "::1", "::ffff:127.0.0.1"]) assert.equal(isLoopback(a), true, `${a} is loopback`);
    for (const a of ["192.0.2.7", "10.0.0.1", "::ffff:192.0.2.7", "2001:db8::1", "", undefined]) assert.equal(isLoopback(a), false, `${a} is not loopback`);
  });
});

describe("response cache", () => {
  test("a read asked again is kept, then answered from the cache with the same text and headers, until a write", async () => {
    const cached = await buildApp({ store, webRoot: join(dir, "no-web"), warm: false });
    try {
      const url = "/api/events?limit=3&type=Riots";
      const first = await cached.inject({ method: "GET", url });
      const again = await cached.inject({ method: "GET", url });
      const second = await cached.inject({ method: "GET", url });
      assert.equal(first.headers["x-cache"], undefined, "the first answer is computed");
      assert.equal(again.headers["x-cache"], undefined, "asked a second time: computed again, and kept");
      assert.equal(second.headers["x-cache"], "hit", "the third comes from the cache");
      // A question asked once is not kept: another one-off does not push it out, and is not a hit.
      const other = "/api/events?limit=4&type=Riots";
      await cached.inject({ method: "GET", url: other });
      assert.equal((await cached.inject({ method: "GET", url })).headers["x-cache"], "hit", "the kept answer is still there");
      assert.equal(second.body, first.body, "same text");
      assert.equal(second.headers["content-type"], first.headers["content-type"], "same type");
      assert.match(String(second.headers["content-security-policy"]), /default-src 'self'/, "a cached answer carries the security headers");
      await store.saveDoc(talAfar("tal-afar-cache"));
      assert.equal((await cached.inject({ method: "GET", url })).headers["x-cache"], undefined, "a write empties the cache");
    } finally {
      await cached.close();
    }
  });
});
