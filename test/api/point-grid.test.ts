// The point index's helpers on their own: the grid's candidates hold every point of a box inside a
// time window (and only positions of that window), merged runs come out in order, and the places
// list groups by place id with the smallest field values, most events first.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PlaceList } from "../../src/api/place-list.js";
import { mergeRuns, PointGrid } from "../../src/api/point-grid.js";
import { rng } from "../../bench/api-data.js";

describe("point grid", () => {
  test("candidates cover every point of the box in the window, and merge into ascending order", () => {
    const r = rng(3);
    const n = 20_000;
    const lon = Float64Array.from({ length: n }, () => -20 + r() * 60);
    const lat = Float64Array.from({ length: n }, () => -10 + r() * 40);
    const placed = Uint8Array.from({ length: n }, (_, i) => (i % 17 === 0 ? 0 : 1));
    const grid = new PointGrid(lon, lat, placed);
    let used = 0;
    for (let k = 0; k < 200; k++) {
      const w = -20 + r() * 55;
      const s = -10 + r() * 35;
      const box: [number, number, number, number] = [w, s, w + 0.2 + r() * 3, s + 0.2 + r() * 3];
      const from = Math.floor(r() * n * 0.8);
      const to = from + Math.floor(r() * (n - from));
      const runs = grid.candidates(box[0], box[1], box[2], box[3], from, to);
      if (!runs) continue;
      used++;
      const merged = runs.ends.length > 1 ? mergeRuns(runs.at, runs.ends) : runs.at;
      const got = Array.from(merged.subarray(0, runs.ends[runs.ends.length - 1] ?? 0));
      for (let i = 1; i < got.length; i++) assert.ok(got[i - 1] < got[i], `box ${k}: candidates ascending without repeats`);
      for (const i of got) assert.ok(i >= from && i < to && placed[i], `box ${k}: ${i} is a placed point of the window`);
      const set = new Set(got);
      for (let i = from; i < to; i++) {
        const inside = placed[i] && lon[i] >= box[0] && lon[i] <= box[2] && lat[i] >= box[1] && lat[i] <= box[3];
        if (inside) assert.ok(set.has(i), `box ${k}: point ${i} inside the box is a candidate`);
      }
    }
    assert.ok(used > 100, `most small boxes are read from the grid (${used} of 200)`);
    assert.equal(grid.candidates(-180, -90, 180, 90, 0, n), null, "a world-sized box reads the window instead");
  });

  test("mergeRuns orders any number of ascending runs, empty ones included", () => {
    const r = rng(9);
    for (let k = 0; k < 50; k++) {
      const runs: number[][] = Array.from({ length: 1 + Math.floor(r() * 9) }, () =>
        Array.from({ length: Math.floor(r() * 30) }, () => Math.floor(r() * 1000)).sort((a, b) => a - b),
      );
      const ends: number[] = [];
      let total = 0;
      for (const x of runs) ends.push((total += x.length));
      const at = Int32Array.from(runs.flat());
      const want = runs.flat().sort((a, b) => a - b);
      assert.deepEqual(Array.from(mergeRuns(at, ends).subarray(0, total)), want, `case ${k}: ${runs.length} runs`);
    }
  });
});

describe("places list", () => {
  const place = (id: string, name: string, lon: number, lat: number, extra: { country?: string; admin1?: string; precision?: 1 | 2 | 3 } = {}) => ({
    lon,
    lat,
    sources: 2,
    place: { id, name, lon, lat, precision: extra.precision ?? 1, country: extra.country, admin1: extra.admin1 },
  });

  test("groups by place id, counts events and sources, smallest fields, most events first then id", () => {
    const list = new PlaceList([
      place("b", "Bravo", 10, 10, { country: "SY" }),
      place("b", "Bravo", 10, 10, { country: "SY", admin1: "X" }),
      place("a", "Alpha", 11, 11),
      place("c", "Charlie", 12, 12),
      place("c", "Charlie", 12, 12),
      // Same id at another position and name: one place, the smaller values win.
      place("c", "Aardvark", 12.5, 11.5, { precision: 2 }),
      { lon: Number.NaN, lat: Number.NaN, sources: 1 },
    ]);
    const all = list.query(undefined, 10);
    assert.deepEqual(
      all.map((p) => [p.id, p.name, p.lon, p.lat, p.precision, p.country, p.admin1, p.eventCount, p.articleCount]),
      [
        ["c", "Aardvark", 12, 11.5, 1, undefined, undefined, 3, 6],
        ["b", "Bravo", 10, 10, 1, "SY", "X", 2, 4],
        ["a", "Alpha", 11, 11, 1, undefined, undefined, 1, 2],
      ],
      "grouped and ordered",
    );
    assert.deepEqual(
      list.query([11.9, 11.9, 12.1, 12.1], 10).map((p) => [p.id, p.name, p.eventCount]),
      [["c", "Charlie", 2]],
      "a box takes only the events inside it",
    );
    assert.equal(list.query(undefined, 2).length, 2, "limit");
    assert.deepEqual(
      list.query([170, -90, 10.5, 90], 10).map((p) => p.id),
      ["b"],
      "a box across the antimeridian",
    );
  });
});
