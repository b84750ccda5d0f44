// Benchmark: contact and escalation detection on synthetic events (seeded, deterministic), with a
// same-run baseline: one linear pass that reads every event and measures its distance to a point
// (the least any detector must do). Also: scrypt password hashing (per login) against one SHA-256.
//   npm run bench:alerts
import { createHash } from "node:crypto";
import { hashPassword } from "../src/accounts/password.js";
import { detectAlerts } from "../src/alerts/detect.js";
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
