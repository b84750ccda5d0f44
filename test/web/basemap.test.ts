// The base-map layers the map draws (src/api/basemap.ts): land as one shape, every border and
// every admin-1 boundary once. Built from the packaged Natural Earth data; no browser needed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildAdmin1, buildAdmin1Lines, buildBase, buildBorders, buildCountries, buildLand } from "../../src/api/basemap.js";

type Line = number[][];
const segments = (lines: Line[]) => lines.reduce((n, l) => n + l.length - 1, 0);
const key = (a: number[], b: number[]) => [a.join(), b.join()].sort().join("|");
const outlines = (fc: ReturnType<typeof buildCountries>): Line[] =>
  fc.features.flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates).flat());

describe("base map layers", () => {
  test("land is one shape with fewer points than the countries' outlines", () => {
    const land = buildLand("110m");
    assert.equal(land.features.length, 1, "one land feature");
    const ringsOf = (g: (typeof land.features)[number]["geometry"]) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates).flat();
    const pts = ringsOf(land.features[0].geometry).reduce((n, r) => n + r.length, 0);
    const countryPts = outlines(buildCountries("110m")).reduce((n, r) => n + r.length, 0);
    assert.ok(pts > 1000, `land has its coastlines (${pts} points)`);
    assert.ok(pts < countryPts * 0.7, `no inner borders in the land shape: ${pts} points vs ${countryPts} in the countries`);
  });

  test("each border is drawn once: no segment twice, fewer segments than the countries' outlines", () => {
    const lines = buildBorders("110m").features[0].geometry.coordinates;
    const seen = new Set<string>();
    for (const l of lines) for (let i = 1; i < l.length; i++) seen.add(key(l[i - 1], l[i]));
    assert.equal(seen.size, segments(lines), "no segment repeats");
    const countrySegs = segments(outlines(buildCountries("110m")));
    assert.ok(segments(lines) < countrySegs * 0.85, `shared borders once: ${segments(lines)} segments vs ${countrySegs} in the outlines`);
    assert.ok(segments(lines) > countrySegs * 0.5, `coastlines kept: ${segments(lines)} segments`);
  });

  test("the drawn base is the land and the borders in one collection, told apart by kind", () => {
    const base = buildBase("110m");
    assert.deepEqual(
      base.features.map((f) => [f.properties.kind, f.geometry.type]),
      [
        ["land", buildLand("110m").features[0].geometry.type],
        ["border", "MultiLineString"],
      ],
      "one land feature then one border feature",
    );
  });

  test("admin-1 boundaries as lines: fewer segments than the provinces' outlines, all in range", () => {
    const lines = buildAdmin1Lines().features[0].geometry.coordinates;
    const provinceSegs = segments(outlines(buildAdmin1()));
    assert.ok(segments(lines) < provinceSegs * 0.9, `shared boundaries once: ${segments(lines)} vs ${provinceSegs}`);
    assert.ok(segments(lines) > provinceSegs * 0.4, `coasts and borders kept: ${segments(lines)}`);
    for (const l of lines) for (const [x, y] of l) assert.ok(Math.abs(x) <= 180 && Math.abs(y) <= 90, `coordinate in range: ${x},${y}`);
  });
});
