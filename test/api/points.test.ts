// The map's point index (src/api/points.ts) on its own: its JSON text is what JSON.stringify would
// write for the same columns, every column agrees with the store's answer, and writes show up —
// at once from this process, within a second from another handle on the same file.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { decodeMapAnswer, encodeColumns } from "../../src/api/map-answer.js";
import { PointIndex } from "../../src/api/points.js";
import { loadRegion } from "../../src/api/regions.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { syntheticEvents } from "../../bench/api-data.js";

let dir: string;
let store: Store;
let index: PointIndex;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "sitrep-points-"));
  store = await openStore(join(dir, "p.db"));
  await store.importEvents(syntheticEvents(2000, 5));
  index = new PointIndex(store);
});

after(async () => {
  index.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function text(f: Parameters<PointIndex["answer"]>[0]): Promise<string> {
  const { body, gzipped } = await index.answer(f);
  assert.equal(gzipped, false, "a plain answer was asked for");
  return String(body);
}

describe("map point index", () => {
  test("answers are canonical JSON whose columns agree with the store's, point by point", async () => {
    const filters = [
      {},
      { types: ["Battles", "Riots"], since: "2017-02-01", until: "2017-04-30" },
      { bbox: [36, 32, 42, 37] as [number, number, number, number], types: ["Protests"] },
      { actor: "isis", since: "2017-06-01", until: "2017-08-31" },
      { region: loadRegion("IQ"), since: "2017-01-01", until: "2017-03-01" },
      { types: [] },
      // West edge east of the east edge: across the antimeridian, as the store reads it.
      { bbox: [40, 0, -1, 60] as [number, number, number, number] },
    ];
    for (const f of filters) {
      const json = await text(f);
      const wire = JSON.parse(json);
      assert.equal(json, JSON.stringify(wire), `${JSON.stringify(f)}: the text JSON.stringify writes`);
      assert.deepEqual(Object.keys(wire), ["count", "truncated", "types", "places", "dates", "runs", "points"], "field order");
      const body = decodeMapAnswer(wire);
      // The store's path writes its columns with encodeColumns: the same text for the same points.
      assert.equal(encodeColumns(body), json, `${JSON.stringify(f)}: the index writes what encodeColumns writes`);
      assert.equal(body.count, body.id.length, "count is the number of ids");
      assert.equal(wire.runs.reduce((a: number, b: number) => a + b, 0), body.count, "the date runs cover every point");
      if (f.types?.length === 0) assert.equal(body.count, 0, "an empty type list matches nothing");
      const stored = await store.mapPoints({ eventType: f.types as never, bbox: f.bbox ?? f.region?.bbox, actor: f.actor, since: f.since, until: f.until, limit: 100_000 });
      const byId = new Map(stored.id.map((id, i) => [id, i]));
      for (let k = 0; k < body.count; k++) {
        const i = byId.get(body.id[k]);
        assert.ok(i !== undefined, `${body.id[k]} is an event the store also finds`);
        assert.deepEqual(
          [body.lon[k], body.lat[k], body.types[body.type[k]], body.sources[k], body.date[k], body.precision[k]],
          [stored.lon[i], stored.lat[i], stored.eventType[i], stored.sources[i], stored.date[i], stored.precision[i]],
          `${body.id[k]}: same fields`,
        );
      }
      if (f.bbox?.[0] === 40) assert.ok(body.count > 0, "the box across the antimeridian holds points");
      if (!f.region && f.types?.length !== 0) assert.equal(body.count, stored.id.length, `${JSON.stringify(f)}: as many points as the store`);
    }
  });

  test("timeline buckets counted by the index are the store's, by day and by week", async () => {
    const filters = [
      { bbox: [36, 32, 42, 37] as [number, number, number, number] },
      { bbox: [30, 0, 50, 40] as [number, number, number, number], types: ["Battles", "Protests"], since: "2017-03-01", until: "2017-05-31" },
      { bbox: [35, 30, 45, 40] as [number, number, number, number], actor: "sdf" },
    ];
    for (const f of filters) {
      for (const by of ["day", "week"] as const) {
        const fromIndex = await index.timeline(f, by);
        const fromStore = await store.timeline({ eventType: f.types as never, bbox: f.bbox, actor: f.actor, since: f.since, until: f.until, by });
        assert.ok(fromStore.length > 0, `${JSON.stringify(f)} ${by}: the store counts events`);
        assert.equal(JSON.stringify(fromIndex), JSON.stringify(fromStore), `${JSON.stringify(f)} ${by}: same buckets, same order`);
      }
    }
  });

  test("after changes, the index answers what an index loaded afresh answers (changes are merged, not rebuilt)", async () => {
    const filters = [
      {},
      { since: "2017-03-01", until: "2017-05-31", types: ["Battles", "Protests"] },
      { region: loadRegion("SY") },
      { actor: "isis" },
      { bbox: [36, 32, 42, 37] as [number, number, number, number], since: "2017-06-01" },
    ];
    const answers = async (ix: PointIndex) => {
      const out: string[] = [];
      for (const f of filters) {
        out.push(String((await ix.answer(f)).body), await ix.timelineText(f, "week"), JSON.stringify(await ix.eventPage(f, "date-desc", 0, 40)));
      }
      out.push(JSON.stringify(await ix.places(undefined, 200)));
      return out;
    };
    await answers(index);
    const base = syntheticEvents(2000, 5);
    // Moved in time (both ways), moved in space, retyped, and new events in the middle of the order.
    const changed = [
      { ...base[3], date: "2017-12-30" },
      { ...base[10], date: "2017-01-01" },
      { ...base[20], place: { ...base[20].place!, id: "bench:moved", lat: 36.01, lon: 40.02 } },
      { ...base[30], eventType: "Riots" as const, subEventType: "Mob violence" as const },
      ...syntheticEvents(5, 77).map((e, i) => ({ ...e, externalId: `MID${i}`, date: "2017-06-15" })),
    ];
    for (const e of changed) {
      await store.importEvents([e]);
      await answers(index);
    }
    const fresh = new PointIndex(store);
    try {
      const [got, want] = [await answers(index), await answers(fresh)];
      for (let k = 0; k < want.length; k++) assert.equal(got[k], want[k], `answer ${k}: the updated index writes what a fresh one writes`);
      assert.ok(want[0].includes('"2017-12-30"'), "the moved event is in the answer");
    } finally {
      fresh.close();
    }
  });

  test("a write in this process is seen at once, one by another handle within a second", async () => {
    const before = JSON.parse(await text({ since: "2018-06-01" })).count;
    assert.equal(before, 0, "no synthetic event is dated after 2017");
    const late = syntheticEvents(3, 99).map((e, i) => ({ ...e, externalId: `LATE${i}`, date: "2018-06-02" }));
    await store.importEvents(late.slice(0, 1));
    assert.equal(JSON.parse(await text({ since: "2018-06-01" })).count, 1, "this process's write is in the next answer");
    const other = await openStore(join(dir, "p.db"));
    try {
      await other.importEvents(late.slice(1));
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal(JSON.parse(await text({ since: "2018-06-01", until: "2018-06-30" })).count, 3, "another handle's writes are in an answer a second later");
    } finally {
      await other.close();
    }
  });
});

describe("timeline counted without testing each point", () => {
  test("the per-day table and the grid's cells give the store's buckets, boxes on cell edges included", async () => {
    const d = mkdtempSync(join(tmpdir(), "sitrep-points-edges-"));
    const s = await openStore(join(d, "e.db"));
    const ix = new PointIndex(s);
    try {
      // A third of the places sit exactly on half-degree grid lines, where a box edge may fall too.
      const events = syntheticEvents(1500, 11).map((e, i) =>
        i % 3 === 0 && e.place ? { ...e, place: { ...e.place, id: `edge:${i % 40}`, lon: 36 + (i % 8) * 0.5, lat: 33 + ((i >> 3) % 5) * 0.5 } } : e,
      );
      await s.importEvents(events);
      const boxes: [number, number, number, number][] = [
        [36, 33, 38, 35],
        [36.5, 33.5, 37.5, 34.5],
        [35.99, 32.99, 40.01, 35.01],
        [36.25, 33, 39, 34.75],
        [-180, -90, 180, 90],
        [37, 34, 36, 35],
      ];
      const windows = [{}, { since: "2017-02-01", until: "2017-04-30" }, { since: "2017-06-10", until: "2017-06-10" }, { since: "2017-09-01", until: "2017-08-01" }];
      const typeSets = [undefined, ["Battles"], ["Protests", "Riots", "Strategic developments"]];
      let compared = 0;
      for (const bbox of [undefined, ...boxes]) {
        for (const w of windows) {
          for (const types of typeSets) {
            for (const by of ["day", "week"] as const) {
              const f = { bbox, types, ...w };
              const want = JSON.stringify(await s.timeline({ eventType: types as never, bbox, ...w, by }));
              assert.equal(await ix.timelineText(f, by), want, `${JSON.stringify(f)} by ${by}: the store's buckets`);
              if (want !== "[]") compared++;
            }
          }
        }
      }
      assert.ok(compared > 80, `most combinations count some events (${compared})`);
    } finally {
      ix.close();
      await s.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
