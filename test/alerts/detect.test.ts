// Contact and escalation detection, table-tested on hand-made events modelled on Deir Ezzor,
// September 2017, with negative cases that must stay silent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { areasOfOperation } from "../../src/alerts/areas.js";
import { detectAlerts } from "../../src/alerts/detect.js";
import { resolveAlertOptions } from "../../src/alerts/options.js";
import type { AlertData, AlertEvent } from "../../src/alerts/types.js";
import { ev, P, seedActors, seedRelations } from "./seed-situation.js";

function data(events: AlertEvent[]): AlertData {
  return { actors: seedActors(), relations: seedRelations(), events };
}

/** The race for Deir Ezzor: both sides fight Isis, the SDF coming down the eastern bank. */
function race(): AlertEvent[] {
  return [
    ev("2017-09-01", "Armed clash", "sdf", "isis", P.abuKhashab, { id: "sdf-1" }),
    ev("2017-09-02", "Armed clash", "syria-gov-forces", "isis", P.shula, { id: "gov-1" }),
    ev("2017-09-05", "Government regains territory", "syria-gov-forces", "isis", P.deirEzzor, { id: "gov-2" }),
    ev("2017-09-09", "Armed clash", "dmc", "isis", P.industrialZone, { id: "sdf-2" }),
    ev("2017-09-09", "Armed clash", "sdf", "isis", P.deirEzzor, { id: "sdf-plan", modality: "planned" }),
    ev("2017-09-10", "Non-state actor overtakes territory", "sdf", "isis", P.industrialZone, { id: "sdf-3" }),
  ];
}

const byKind = (d: AlertData, o = {}) => {
  const r = detectAlerts(d, o);
  return (k: string) => r.alerts.filter((a) => a.kind === k);
};

test("converging: SDF east of the river and government forces in Deir Ezzor, gap shrinking", () => {
  const alerts = byKind(data(race()), { asOf: "2017-09-10", trendDays: 7, distanceKm: 30 })("converging");
  assert.equal(alerts.length, 1);
  const a = alerts[0]!;
  assert.deepEqual(a.sides.map((s) => s.coalition).sort(), ["russia-iran-backed", "us-backed"]);
  assert.ok(a.distanceKm! > 3 && a.distanceKm! < 8, `distance ${a.distanceKm}`);
  assert.equal(a.trend?.direction, "closing");
  assert.ok(a.trend!.fromKm > 50, `from ${a.trend!.fromKm}`);
  assert.deepEqual(a.places.map((p) => p.name).sort(), ["Deir Ezzor industrial zone", "Deir ez-Zor"]);
  assert.ok(a.eventIds.includes("gov-2"));
  assert.match(a.explanation, /converging/);
  assert.match(a.explanation, /km apart/);
  assert.ok(a.sources.some((s) => s.outlet === "The Independent"));
  const us = a.sides.find((s) => s.coalition === "us-backed")!;
  assert.ok(us.actors.some((x) => x.id === "sdf"));
});

test("racing: both sides advancing on Deir Ezzor", () => {
  const alerts = byKind(data(race()), { asOf: "2017-09-10" })("racing");
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.places[0]!.name, "Deir ez-Zor");
  assert.match(alerts[0]!.explanation, /^Both US-backed \(Deir Ezzor Military Council and Syrian Democratic Forces\) and Russia\/Iran-backed \(Syrian government forces\) forces are advancing on Deir ez-Zor/);
  assert.match(alerts[0]!.explanation, /announced/);
});

test("clash: the SDF shooting down a Syrian government plane", () => {
  const e = ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.raqqa, { id: "plane", modality: "claimed", sources: [{ attribution: "Syrian Observatory for Human Rights" }] });
  const alerts = byKind(data([e]))("clash");
  assert.equal(alerts.length, 1);
  assert.deepEqual(alerts[0]!.eventIds, ["plane"]);
  assert.match(alerts[0]!.explanation, /Syrian Democratic Forces \(US-backed\) and Syrian government forces \(Russia\/Iran-backed\)/);
  assert.match(alerts[0]!.explanation, /according to Syrian Observatory for Human Rights/);
});

test("clash through an associated actor: Deir Ezzor Military Council with government forces", () => {
  const e = ev("2017-09-12", "Armed clash", "syria-gov-forces", "isis", P.deirEzzor, { id: "assoc", assocActors2: ["dmc"] });
  assert.equal(byKind(data([e]))("clash").length, 1);
});

test("sponsor: Russian air strike near the SDF's area", () => {
  const events = [...race(), ev("2017-09-16", "Air/drone strike", "russia", "sdf", P.industrialZone, { id: "ru-strike" })];
  const alerts = byKind(data(events), { asOf: "2017-09-16" })("sponsor");
  assert.equal(alerts.length, 1);
  const a = alerts[0]!;
  assert.equal(a.sides[0].coalition, "russia-iran-backed");
  assert.equal(a.sides[1].coalition, "us-backed");
  assert.ok(a.eventIds.includes("ru-strike"));
  assert.equal(a.distanceKm, 0);
  assert.match(a.explanation, /Russia, a sponsor of Russia\/Iran-backed/);
});

const negatives: [string, AlertEvent[], object][] = [
  ["hypothetical clash ('if fired upon')", [ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.deirEzzor, { modality: "hypothetical" })], {}],
  ["negated clash", [ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.deirEzzor, { modality: "negated" })], {}],
  ["planned clash", [ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.deirEzzor, { modality: "planned" })], {}],
  ["rejected by an analyst", [ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.deirEzzor, { review: "rejected" })], {}],
  ["allies fighting together", [ev("2017-09-08", "Armed clash", "syria-gov-forces", "isis", P.deirEzzor, { assocActors1: ["hezbollah"] })], {}],
  ["SDF against Isis (not rivals for contact alerts)", [ev("2017-09-08", "Armed clash", "sdf", "isis", P.deirEzzor)], {}],
  ["unknown actors", [ev("2017-09-08", "Armed clash", "x:a", "x:b", P.deirEzzor)], {}],
  [
    "far apart: Raqqa and Palmyra",
    [
      ev("2017-09-01", "Armed clash", "sdf", "isis", P.shaddadi),
      ev("2017-09-02", "Armed clash", "syria-gov-forces", "isis", P.kabajib),
      ev("2017-09-09", "Armed clash", "sdf", "isis", P.raqqa),
      ev("2017-09-10", "Armed clash", "syria-gov-forces", "isis", P.palmyra),
    ],
    { asOf: "2017-09-10" },
  ],
  [
    "close but steady (same positions all along)",
    [ev("2017-09-01", "Armed clash", "sdf", "isis", P.industrialZone), ev("2017-09-01", "Armed clash", "syria-gov-forces", "isis", P.shula)],
    { asOf: "2017-09-10", objectiveKm: 1 },
  ],
  [
    "close but widening",
    [
      ev("2017-09-01", "Armed clash", "sdf", "isis", P.industrialZone),
      ev("2017-09-01", "Armed clash", "syria-gov-forces", "isis", P.deirEzzor),
      ev("2017-09-09", "Armed clash", "syria-gov-forces", "isis", P.shula),
    ],
    { asOf: "2017-09-09", windowDays: 5, trendDays: 7, objectiveKm: 1 },
  ],
  [
    "only province-level places",
    [
      ev("2017-09-01", "Armed clash", "sdf", "isis", P.raqqa),
      ev("2017-09-01", "Armed clash", "syria-gov-forces", "isis", P.palmyra),
      ev("2017-09-09", "Armed clash", "sdf", "isis", P.deirProvince),
      ev("2017-09-09", "Armed clash", "syria-gov-forces", "isis", P.deirProvince),
    ],
    { asOf: "2017-09-09", windowDays: 3 },
  ],
  ["air strike puts nobody on the ground (no race)", [ev("2017-09-09", "Air/drone strike", "sdf", "isis", P.deirEzzor), ev("2017-09-09", "Armed clash", "syria-gov-forces", "isis", P.deirEzzor)], {}],
  ["events outside the window", race(), { asOf: "2017-12-31" }],
  ["events after asOf", race(), { asOf: "2017-08-01" }],
];

for (const [name, events, opts] of negatives) {
  test(`no alert: ${name}`, () => {
    const r = detectAlerts(data(events), opts);
    assert.deepEqual(
      r.alerts.map((a) => `${a.kind}: ${a.explanation}`),
      [],
    );
  });
}

test("thresholds are configurable: a 3 km converging threshold silences the 5.6 km gap", () => {
  assert.equal(byKind(data(race()), { asOf: "2017-09-10", distanceKm: 3 })("converging").length, 0);
  assert.equal(byKind(data(race()), { asOf: "2017-09-10", distanceKm: 10 })("converging").length, 1);
});

test("deterministic: shuffled input gives the same alerts and ids", () => {
  const events = [...race(), ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.raqqa, { id: "plane" })];
  const a = detectAlerts(data(events), { asOf: "2017-09-10" }).alerts;
  const b = detectAlerts({ actors: seedActors().reverse(), relations: seedRelations().reverse(), events: [...events].reverse() }, { asOf: "2017-09-10" }).alerts;
  assert.ok(a.length >= 3);
  assert.deepEqual(a, b);
  assert.ok(a.every((x) => /^al-[0-9a-f]{16}$/.test(x.id)));
  assert.equal(new Set(a.map((x) => x.id)).size, a.length);
});

test("areas of operation at a date: cells, places taken and lost", () => {
  const o = resolveAlertOptions({});
  const early = areasOfOperation(race(), o, "2017-09-03");
  assert.equal(early.get("sdf")?.took.length ?? 0, 0);
  const late = areasOfOperation(race(), o, "2017-09-10");
  assert.deepEqual(late.get("sdf")!.took.map((t) => t.placeName), ["Deir Ezzor industrial zone"]);
  assert.deepEqual(late.get("isis")!.lost.map((t) => t.placeName), ["Deir Ezzor industrial zone", "Deir ez-Zor"]);
  assert.ok(late.get("syria-gov-forces")!.cells.length >= 2);
  assert.ok(late.get("sdf")!.cells.every((c) => /^[0-9a-f]{15}$/.test(c.cell)));
});

test("bad thresholds are refused with a message naming the option", () => {
  assert.throws(() => detectAlerts(data([]), { distanceKm: -1 }), /distanceKm must be a positive number/);
  assert.throws(() => detectAlerts(data([]), { asOf: "yesterday" }), /asOf must be a date/);
});
