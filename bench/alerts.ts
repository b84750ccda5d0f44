// Benchmark: contact and escalation detection on synthetic events (seeded, deterministic), with a
// same-run baseline: one linear pass that reads every event and measures its distance to a point
// (the least any detector must do). Also: scrypt password hashing (per login) against one SHA-256.
// Then the server's cost per store change: a store of 100,000 synthetic events (bench:api's data;
// --db PATH copies a store seeded by bench:api instead of seeding a temp one), one new report
// imported at a time, and after each the alerts computed again two ways in the same run: a full
// pass (`alertsFromStore`: the whole window read again, the baseline) and the upkeep the server's
// watcher uses (`AlertUpkeep`: only the changes since the last pass read), as CPU ms.
//   npm run bench:alerts [-- --events 100000 --db /tmp/seeded.db --changes 7]
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "../src/accounts/password.js";
import { detectAlerts } from "../src/alerts/detect.js";
import { alertsFromStore } from "../src/alerts/run.js";
import { AlertUpkeep } from "../src/alerts/upkeep.js";
import { openStore } from "../src/store/index.js";
import { syntheticEvents } from "./api-data.js";
import { haversineKm } from "../src/alerts/distance.js";
import type { AlertData, AlertEvent } from "../src/alerts/types.js";
import type { Actor, Relation } from "../src/types/index.js";

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SUBS: AlertEvent["subEventType"][] = ["Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Shelling/artillery/missile attack", "Air/drone strike"];

function synthetic(nEvents: number, seed = 7): AlertData {
  const rnd = prng(seed);
  const actors: Actor[] = [];
  const relations: Relation[] = [];
  const mk = (id: string, kind: Actor["kind"], country?: string): Actor => ({ id, name: id, kind, country, aliases: [], mentions: [], known: true });
  actors.push(mk("usa", "state", "US"), mk("russia", "state", "RU"), mk("turkey", "state", "TR"), mk("isis", "jihadist-group"));
  const sponsors = ["usa", "russia", "turkey"];
  for (let i = 0; i < 60; i++) {
    const id = `g${i}`;
    actors.push(mk(id, "rebel-group"));
    const ev = [{ pass: "bench", rule: "synthetic", confidence: 0.9, start: 0, end: 0, text: `${id}-backed` }];
    if (i % 4 !== 3) relations.push({ type: "backed-by", source: id, target: sponsors[i % 4]!, evidence: ev, confidence: 0.9 });
    else relations.push({ type: "part-of", source: id, target: `g${i - 1}`, evidence: ev, confidence: 0.8 });
  }
  const ids = actors.map((a) => a.id);
  const events: AlertEvent[] = [];
  for (let i = 0; i < nEvents; i++) {
    const day = 1 + Math.floor(rnd() * 60);
    const date = new Date(Date.UTC(2017, 7, day)).toISOString().slice(0, 10);
    const lat = 33 + rnd() * 4;
    const lon = 36 + rnd() * 6;
    events.push({
      id: `e${i}`,
      eventType: "Battles",
      subEventType: SUBS[Math.floor(rnd() * SUBS.length)]!,
      actor1: ids[Math.floor(rnd() * ids.length)],
      actor2: ids[Math.floor(rnd() * ids.length)],
      assocActors1: [],
      assocActors2: [],
      date,
      modality: rnd() < 0.85 ? "asserted" : "claimed",
      place: { id: `p${Math.floor(rnd() * nEvents * 0.3)}`, name: "P", lat, lon, precision: 1 },
      sources: [{ outlet: "Bench" }],
    });
  }
  return { actors, relations, events };
}

function time(fn: () => void, reps: number): number {
  fn();
  const t = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t) / reps;
}

console.log("detectAlerts on synthetic events (60 days, 64 actors in 4 coalitions), as of the last day:");
console.log("events   detect ms   baseline ms   ratio   alerts");
for (const n of [1_000, 5_000, 20_000]) {
  const data = synthetic(n);
  let count = 0;
  const reps = n >= 20_000 ? 2 : 5;
  const ms = time(() => {
    count = detectAlerts(data, { asOf: "2017-09-29" }).alerts.length;
  }, reps);
  let sink = 0;
  const base = time(() => {
    for (const e of data.events) sink += haversineKm(e.place!.lat, e.place!.lon, 35.33, 40.14) > 30 ? 1 : 0;
  }, 50);
  if (sink < 0) console.log(sink);
  console.log(`${String(n).padEnd(8)} ${ms.toFixed(1).padStart(9)}   ${base.toFixed(3).padStart(11)}   ${(ms / base).toFixed(0).padStart(5)}x   ${count}`);
}

const scryptMs = time(() => {}, 1) + (await (async () => {
  const t = performance.now();
  for (let i = 0; i < 3; i++) await hashPassword("correct horse battery staple");
  return (performance.now() - t) / 3;
})());
const shaMs = time(() => createHash("sha256").update("correct horse battery staple").digest(), 1000);
console.log(`\npassword hash (scrypt N=2^15 r=8 p=2): ${scryptMs.toFixed(1)} ms; baseline SHA-256: ${shaMs.toFixed(4)} ms; ratio ${(scryptMs / shaMs).toFixed(0)}x (the cost is the point)`);

// ───────── cost per store change at 100k events ─────────
const { values } = parseArgs({ options: { events: { type: "string", default: "100000" }, db: { type: "string" }, changes: { type: "string", default: "7" } } });
const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-alerts-"));
const dbPath = join(dir, "bench.db");
const seeded = values.db !== undefined && existsSync(values.db);
if (seeded) copyFileSync(values.db!, dbPath);
const store = await openStore(dbPath);
const t0 = performance.now();
if (!seeded) await store.importEvents(syntheticEvents(Number(values.events)));
const stats = await store.stats();
console.log(
  `\nper store change: ${stats.events.toLocaleString("en")} events ${seeded ? `(copy of ${values.db})` : `(stored in ${((performance.now() - t0) / 1000).toFixed(1)} s)`}`,
);
const cpuMs = async (fn: () => Promise<unknown>) => {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const upkeep = new AlertUpkeep(store);
let cursor = stats.cursor;
const firstMs = await cpuMs(() => upkeep.alerts());
const fresh = syntheticEvents(40, 4242);
const med = (l: number[]) => [...l].sort((x, y) => x - y)[Math.floor(l.length / 2)]!;
let same = true;
let serial = 0;
/** `changes` new reports dated `date`, each followed by both passes (alternating which goes first). */
async function perChange(label: string, date: string, changes: number): Promise<void> {
  const full: number[] = [];
  const inc: number[] = [];
  for (let k = 0; k < changes; k++) {
    await store.importEvents([{ ...fresh[serial % fresh.length]!, externalId: `ALBENCH${serial++}-${Date.now()}`, date }]);
    let a: Awaited<ReturnType<typeof alertsFromStore>> | undefined;
    let b: typeof a;
    const runFull = async () => full.push(await cpuMs(async () => (a = await alertsFromStore(store))));
    const runInc = async () =>
      inc.push(
        await cpuMs(async () => {
          const ch = await store.eventsSince(cursor, 1000);
          cursor = ch.cursor;
          await upkeep.apply(ch);
          b = await upkeep.alerts();
        }),
      );
    if (k % 2) {
      await runFull();
      await runInc();
    } else {
      await runInc();
      await runFull();
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) same = false;
  }
  console.log(`${label}:`);
  console.log(`  full pass (baseline)  ${med(full).toFixed(1).padStart(7)} ms CPU per change (median of ${full.length}; min ${Math.min(...full).toFixed(1)}, max ${Math.max(...full).toFixed(1)})`);
  console.log(
    `  upkeep                ${med(inc).toFixed(1).padStart(7)} ms CPU per change (median of ${inc.length}; min ${Math.min(...inc).toFixed(1)}, max ${Math.max(...inc).toFixed(1)})   ratio ${(med(full) / med(inc)).toFixed(1)}x less`,
  );
}
console.log(`window held by the upkeep: ${upkeep.size.toLocaleString("en")} events; its first pass (reads the window): ${firstMs.toFixed(0)} ms CPU`);
await perChange(`a report of the latest day (${stats.lastEvent?.slice(0, 10)}, in the window)`, stats.lastEvent!.slice(0, 10), Number(values.changes));
await perChange(`a report of an older day (${stats.firstEvent?.slice(0, 10)}, outside the window)`, stats.firstEvent!.slice(0, 10), Number(values.changes));
console.log(`same alerts from both after every change: ${same ? "yes" : "NO"}`);
await store.close();
rmSync(dir, { recursive: true, force: true });
