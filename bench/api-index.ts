// bench:api-index: the point index alone (no HTTP), CPU per answer for the varied filters of
// bench:api's map, timeline, event-page and places routes, and the cost of its upkeep after one
// changed event. Shows how much of a route's server CPU is the index's and how much is HTTP's.
//   node --import tsx bench/api-index.ts --db /tmp/b.db [--rounds 2000]
import { parseArgs } from "node:util";
import { PointIndex, type PointFilter } from "../src/api/points.js";
import { loadRegion } from "../src/api/regions.js";
import { EVENT_TYPES } from "../src/api/filters.js";
import { openStore } from "../src/store/index.js";
import { ACTORS, AREAS, rng, syntheticEvents } from "./api-data.js";

const { values } = parseArgs({ options: { db: { type: "string" }, rounds: { type: "string", default: "1500" }, only: { type: "string" } } });
if (!values.db) throw new Error("--db PATH: a store seeded by bench:api (it is changed: one event is re-imported as it is)");
const store = await openStore(values.db);
const index = new PointIndex(store);
let t = performance.now();
await index.ready();
console.log(`index loaded: ${(performance.now() - t).toFixed(0)} ms wall`);
const r = rng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const day = (i: number) => new Date(Date.UTC(2017, 0, 1) + i * 86400000).toISOString().slice(0, 10);
const bbox = (): [number, number, number, number] => {
  const a = pick(AREAS);
  const w = 0.3 + r() * 4;
  const h = 0.3 + r() * 3;
  const lon = a.lon + (r() - 0.5) * 2 * a.spread;
  const lat = a.lat + (r() - 0.5) * 2 * a.spread;
  return [lon - w / 2, lat - h / 2, lon + w / 2, lat + h / 2];
};
const window = () => {
  const from = Math.floor(r() * 330);
  return { since: day(from), until: day(from + 1 + Math.floor(r() * 60)) };
};
const types = () => [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(EVENT_TYPES)))];
const N = Number(values.rounds);
const many = (f: () => PointFilter) => Array.from({ length: N }, f);
const cases: [string, PointFilter[], (f: PointFilter) => Promise<unknown>][] = [
  ["map bbox+window+type", many(() => ({ bbox: bbox(), ...window(), types: r() < 0.5 ? types() : undefined })), (f) => index.answer(f)],
  ["map region+window", many(() => ({ region: loadRegion(pick(AREAS).cc), ...window() })), (f) => index.answer(f)],
  ["map actor+window", many(() => ({ actor: pick(ACTORS), ...window() })), (f) => index.answer(f)],
  ["timeline bbox+type (text)", many(() => ({ bbox: bbox(), types: types() })), (f) => index.timelineText(f, "day")],
  ["event page bbox+window", many(() => ({ bbox: bbox(), ...window() })), (f) => index.eventPage(f, "date-desc", 0, 50)],
  ["event page type+actor+window", many(() => ({ types: types(), actor: pick(ACTORS), ...window() })), (f) => index.eventPage(f, "date-desc", 0, 50)],
  ["places bbox", many(() => ({ bbox: bbox() })), (f) => index.places(f.bbox, 100)],
];
for (const [label, filters, run] of cases.filter(([label]) => !values.only || new RegExp(values.only, "i").test(label))) {
  for (const f of filters.slice(0, 50)) await run(f);
  const c0 = process.cpuUsage();
  for (const f of filters) await run(f);
  const c = process.cpuUsage(c0);
  console.log(`${label.padEnd(32)} ${((c.user + c.system) / 1000 / N).toFixed(3)} ms CPU per answer`);
}
const again = syntheticEvents(20);
const costs: number[] = [];
for (let k = 0; k < 7; k++) {
  await store.importEvents([again[k]]);
  const c0 = process.cpuUsage();
  t = performance.now();
  await index.answer({ region: loadRegion("SY"), since: "2017-03-01", until: "2017-04-15" });
  const c = process.cpuUsage(c0);
  costs.push((c.user + c.system) / 1000);
}
costs.sort((a, b) => a - b);
console.log(`upkeep: first answer after one changed event ${costs[3].toFixed(1)} ms CPU (median of 7; min ${costs[0].toFixed(1)}, max ${costs[6].toFixed(1)})`);
index.close();
await store.close();
