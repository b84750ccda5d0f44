// distanceKmCos (cosines of the latitudes given, for a point compared with many others) gives
// distanceKm's very result, to the last bit: ranking sums its exponential into scores compared
// for equality with the session-start output.
import assert from "node:assert/strict";
import { test } from "node:test";
import { distanceKm, distanceKmCos, latCos } from "../../src/geo/distance.js";
import { pseudoRandom } from "./pseudo-random.js";

// a fixed pseudo-random sequence (the same points on every run)
function points(n: number): number[][] {
  const rnd = pseudoRandom(12345);
  const next = () => rnd.next().value / 2 ** 32;
  const out: number[][] = [];
  for (let k = 0; k < n; k++) {
    const p = [next() * 180 - 90, next() * 360 - 180, next() * 180 - 90, next() * 360 - 180];
    // half as the gazetteer stores them (float32), half as typed
    out.push(k % 2 === 0 ? p.map((v) => Math.fround(v)) : p);
  }
  // the same point, antipodes, the poles
  out.push([10, 20, 10, 20], [0, 0, 0, 180], [90, 0, -90, 0], [36.2, 37.1, 35.3, 40.1]);
  return out;
}

test("distanceKmCos is distanceKm to the last bit (both radii)", () => {
  let differ = 0;
  let first = "";
  for (const [a, b, c, d] of points(50_000)) {
    for (const radius of [6371, 6371.0088]) {
      const want = distanceKm(a!, b!, c!, d!, radius);
      const got = distanceKmCos(a!, b!, latCos(a!), c!, d!, latCos(c!), radius);
      if (!Object.is(want, got)) {
        differ++;
        first ||= `${a},${b} → ${c},${d} r=${radius}: ${want} vs ${got}`;
      }
    }
  }
  assert.equal(differ, 0, `distanceKmCos differs from distanceKm on ${differ} pairs, first ${first}`);
});
