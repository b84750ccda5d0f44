// The latitude-band index against brute force on seeded random points, near the poles and the antimeridian too.
import assert from "node:assert/strict";
import { test } from "node:test";
import { haversineKm } from "../../src/alerts/distance.js";
import { LatIndex } from "../../src/alerts/nearest.js";

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test("nearest and within agree with brute force", () => {
  const rnd = prng(3);
  const pts = Array.from({ length: 400 }, (_, i) => ({ id: i, lat: -89 + rnd() * 178, lon: -180 + rnd() * 360 }));
  const idx = new LatIndex(pts, (a, b) => a.id - b.id);
  for (let q = 0; q < 200; q++) {
    const lat = -90 + rnd() * 180;
    const lon = -180 + rnd() * 360;
    const brute = pts.map((p) => ({ p, km: haversineKm(lat, lon, p.lat, p.lon) })).sort((a, b) => a.km - b.km || a.p.id - b.p.id);
    const n = idx.nearest(lat, lon)!;
    assert.ok(Math.abs(n.km - brute[0]!.km) < 1e-6, `query ${lat},${lon}: ${n.km} vs ${brute[0]!.km}`);
    const r = 500 + rnd() * 1500;
    assert.deepEqual(
      idx.within(lat, lon, r).map((p) => p.id).sort((a, b) => a - b),
      brute.filter((b) => b.km <= r).map((b) => b.p.id).sort((a, b) => a - b),
    );
    const capped = idx.nearest(lat, lon, 50);
    assert.equal(capped?.p.id, brute[0]!.km <= 50 ? brute[0]!.p.id : undefined);
  }
  assert.equal(new LatIndex([], () => 0).nearest(0, 0), undefined);
});
