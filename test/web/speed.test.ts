// Speed with 100,000 stored events, in Chromium: time to the first map render (from navigation
// start) and frame times while panning, with the CPU time Chromium spent on each (wall-clock is
// noisy on a shared machine). Printed, never asserted (speed targets live in benchmarks); the
// test checks only that every event reached the map. Panning starts once the map is idle (the
// detailed base layers that load after the first render are in), so both runs pan the same map.
// Same-run baselines: the page on an empty database (base map alone) for the first render, the
// same map with the event layers hidden for panning.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { syntheticEvents } from "../../bench/api-data.js";
import { browserSkip, openSession, type Session, screenshot } from "./harness.js";

/** Pans continuously for 3 s, one step per frame, and returns the frame-time figures. */
const PAN_SCRIPT = `(async () => {
  const map = window.sitrep.map;
  const frames = [];
  let last = performance.now();
  const end = last + 3000;
  let dir = 1;
  await new Promise((resolve) => {
    function step(now) {
      frames.push(now - last);
      last = now;
      if (frames.length % 60 === 0) dir = -dir;
      map.panBy([12 * dir, 6 * dir], { duration: 0 });
      if (now < end) requestAnimationFrame(step); else resolve();
    }
    requestAnimationFrame(step);
  });
  frames.shift();
  const sorted = [...frames].sort((a, b) => a - b);
  const q = (x) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))];
  return { frames: frames.length, fps: frames.length / 3, medianMs: q(0.5), p95Ms: q(0.95), maxMs: sorted[sorted.length - 1] };
})()`;

/** Resolves once the map has drawn its last frame with nothing left to load (no frame for 0.7 s). */
const IDLE_SCRIPT = `new Promise((resolve) => {
  const map = window.sitrep.map;
  let timer = 0;
  const quiet = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!map.loaded() || !map.areTilesLoaded()) return;
      map.off("render", quiet);
      resolve();
    }, 700);
  };
  map.on("render", quiet);
  quiet();
})`;

const N = Number(process.env.SITREP_SPEED_EVENTS ?? 100_000);

describe(`map speed with ${N.toLocaleString("en")} events`, { skip: browserSkip }, () => {
  let s: Session;
  const t: Record<string, number> = {};
  before(async () => {
    s = await openSession(async (store) => {
      const t0 = performance.now();
      await store.importEvents(syntheticEvents(N));
      t.seedMs = performance.now() - t0;
    });
    // The server warms its point index at start; wait for it as a running server would have.
    const t1 = performance.now();
    const r = await fetch(`${s.url}/api/map/points`);
    assert.equal(r.status, 200);
    await r.arrayBuffer();
    t.warmIndexMs = performance.now() - t1;
  });
  after(async () => {
    await s?.close();
  });

  test("first render and panning", async () => {
    // Same-run baseline: the page on an empty database (the base map alone), in its own browser.
    const empty = await openSession();
    let baseMs = Number.NaN;
    let baseCpuMs = Number.NaN;
    try {
      await empty.page.goto("about:blank");
      const c = empty.chromiumCpuMs();
      await empty.page.goto(empty.url);
      await empty.page.waitForFunction(() => (window as unknown as { sitrep: { timings: { baseLoadedAt?: number } } }).sitrep?.timings.baseLoadedAt !== undefined, null, { timeout: 120000 });
      baseMs = await empty.page.evaluate(() => (window as unknown as { sitrep: { timings: { baseLoadedAt: number } } }).sitrep.timings.baseLoadedAt);
      baseCpuMs = empty.chromiumCpuMs() - c;
    } finally {
      await empty.close();
    }
    const { page } = s;
    await page.goto("about:blank");
    const cpu0 = s.chromiumCpuMs();
    await page.goto(s.url);
    await page.waitForFunction(() => (window as unknown as { sitrep: { firstRenderMs?: number } }).sitrep?.firstRenderMs !== undefined, null, { timeout: 120000 });
    const d = await page.evaluate(() => {
      const x = (window as unknown as { sitrep: { firstRenderMs: number; pointsMs: number; points: number; pointsAt: number; timings: { setDataAt: number; baseLoadedAt: number } } }).sitrep;
      return { firstRenderMs: x.firstRenderMs, pointsMs: x.pointsMs, points: x.points, pointsAt: x.pointsAt, setDataAt: x.timings.setDataAt, baseLoadedAt: x.timings.baseLoadedAt };
    });
    const firstCpuMs = s.chromiumCpuMs() - cpu0;
    assert.equal(d.points, N, "every event reached the map");
    await screenshot(page, "09-100k-events");
    // Pan continuously for 3 s, one step per frame, and record the frame times.
    // Plain JS source: tsx would wrap named functions in a helper the page does not have.
    type Pan = { frames: number; fps: number; medianMs: number; p95Ms: number; maxMs: number; cpuMsPerFrame: number };
    const panned = async (): Promise<Pan> => {
      await page.evaluate(IDLE_SCRIPT);
      const c = s.chromiumCpuMs();
      const r = (await page.evaluate(PAN_SCRIPT)) as Pan;
      return { ...r, cpuMsPerFrame: (s.chromiumCpuMs() - c) / Math.max(1, r.frames) };
    };
    const pan = await panned();
    // Same-run baseline: the same panning with the event layers hidden (base map only).
    await page.evaluate(`(() => { const m = window.sitrep.map; for (const l of ["clusters", "cluster-count", "events"]) m.setLayoutProperty(l, "visibility", "none"); })()`);
    const base = await panned();
    console.log(
      `speed (${N} events): seed ${(t.seedMs / 1000).toFixed(1)} s, server point index warm-up ${(t.warmIndexMs / 1000).toFixed(1)} s; ` +
        `page: points fetched+parsed in ${d.pointsMs.toFixed(0)} ms, first map render at ${d.firstRenderMs.toFixed(0)} ms after navigation start ` +
        `(points in hand at ${d.pointsAt.toFixed(0)} ms, given to the map at ${d.setDataAt.toFixed(0)} ms, map loaded at ${d.baseLoadedAt.toFixed(0)} ms; ` +
        `baseline: the same page on an empty database loaded its base map at ${baseMs.toFixed(0)} ms, ratio ${(d.firstRenderMs / baseMs).toFixed(2)}x), Chromium CPU until then ${firstCpuMs.toFixed(0)} ms (empty database: ${baseCpuMs.toFixed(0)} ms); ` +
        `panning: ${pan.fps.toFixed(1)} fps, frame median ${pan.medianMs.toFixed(1)} ms, p95 ${pan.p95Ms.toFixed(1)} ms, CPU ${pan.cpuMsPerFrame.toFixed(0)} ms/frame; ` +
        `baseline without the event layers ${base.fps.toFixed(1)} fps, median ${base.medianMs.toFixed(1)} ms, p95 ${base.p95Ms.toFixed(1)} ms, CPU ${base.cpuMsPerFrame.toFixed(0)} ms/frame ` +
        `(ratio ${(pan.medianMs / base.medianMs).toFixed(2)}x by frame time, ${(pan.cpuMsPerFrame / base.cpuMsPerFrame).toFixed(2)}x by CPU; headless Chromium, software WebGL)`,
    );
    assert.ok(pan.frames > 0, "the panning script drew frames");
  });
});
