// Subscription matching: actor, coalition pair, region (polygon or place + radius), event type.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkSpec, matchAlert, matchEvent, type NotifyEvent, type SubscriptionSpec } from "../../src/notify/match.js";
import { detectAlerts } from "../../src/alerts/detect.js";
import { ev, P, seedActors, seedRelations } from "../alerts/seed-situation.js";

const clash: NotifyEvent = ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.deirEzzor, { assocActors2: ["hezbollah"] });
const coalition = (id: string) => ({ sdf: "us-backed", "syria-gov-forces": "russia-iran-backed", hezbollah: "russia-iran-backed" })[id];

// A square around Deir Ezzor drawn on the map ([lon, lat]).
const square: SubscriptionSpec = {
  kind: "region",
  polygon: { type: "Polygon", coordinates: [[[40.0, 35.2], [40.3, 35.2], [40.3, 35.5], [40.0, 35.5], [40.0, 35.2]]] },
};
const holed: SubscriptionSpec = {
  kind: "region",
  polygon: {
    type: "Polygon",
    coordinates: [
      [[39.5, 34.8], [40.8, 34.8], [40.8, 35.9], [39.5, 35.9], [39.5, 34.8]],
      [[40.0, 35.2], [40.3, 35.2], [40.3, 35.5], [40.0, 35.5], [40.0, 35.2]],
    ],
  },
};

const rows: [string, SubscriptionSpec, NotifyEvent, boolean][] = [
  ["actor as actor2", { kind: "actor", actorId: "syria-gov-forces" }, clash, true],
  ["actor as associate", { kind: "actor", actorId: "hezbollah" }, clash, true],
  ["other actor", { kind: "actor", actorId: "isis" }, clash, false],
  ["coalition pair either order", { kind: "coalition-pair", a: "russia-iran-backed", b: "us-backed" }, clash, true],
  ["coalition pair not involved", { kind: "coalition-pair", a: "us-backed", b: "turkey-backed" }, clash, false],
  ["polygon containing the place", square, clash, true],
  ["polygon hole containing the place", holed, clash, false],
  ["polygon elsewhere", square, { ...clash, place: P.raqqa }, false],
  ["radius around a named place", { kind: "region", center: { lat: 35.33, lon: 40.14, name: "Deir ez-Zor" }, radiusKm: 20 }, { ...clash, place: P.industrialZone }, true],
  ["radius too small", { kind: "region", center: { lat: 35.33, lon: 40.14 }, radiusKm: 2 }, { ...clash, place: P.industrialZone }, false],
  ["no place, region", square, { ...clash, place: undefined }, false],
  ["event type", { kind: "event-type", eventType: "Battles" }, clash, true],
  ["sub-event type mismatch", { kind: "event-type", subEventType: "Air/drone strike" }, clash, false],
  ["hypothetical never notifies", { kind: "actor", actorId: "sdf" }, { ...clash, modality: "hypothetical" }, false],
  ["negated never notifies", { kind: "actor", actorId: "sdf" }, { ...clash, modality: "negated" }, false],
];

for (const [name, spec, e, want] of rows) {
  test(`event match: ${name}`, () => assert.equal(matchEvent(spec, e, coalition), want));
}

test("alert match by actor, pair, region and alert kind", () => {
  const [a] = detectAlerts({ actors: seedActors(), relations: seedRelations(), events: [ev("2017-09-08", "Armed clash", "sdf", "syria-gov-forces", P.deirEzzor)] }).alerts;
  assert.equal(a?.kind, "clash");
  assert.equal(matchAlert({ kind: "actor", actorId: "sdf" }, a!), true);
  assert.equal(matchAlert({ kind: "coalition-pair", a: "us-backed", b: "russia-iran-backed" }, a!), true);
  assert.equal(matchAlert(square, a!), true);
  assert.equal(matchAlert({ kind: "event-type", alertKinds: ["clash"] }, a!), true);
  assert.equal(matchAlert({ kind: "event-type", alertKinds: ["racing"] }, a!), false);
  assert.equal(matchAlert({ kind: "event-type", eventType: "Battles" }, a!), false);
});

test("bad specs are refused with a message naming the field", () => {
  assert.throws(() => checkSpec({ kind: "planet" }), /spec.kind must be/);
  assert.throws(() => checkSpec({ kind: "actor" }), /spec.actorId/);
  assert.throws(() => checkSpec({ kind: "region", center: { lat: 95, lon: 0 }, radiusKm: 5 }), /center/);
  assert.throws(() => checkSpec({ kind: "region", center: { lat: 35, lon: 40 }, radiusKm: -5 }), /radiusKm/);
  assert.throws(() => checkSpec({ kind: "region", polygon: { type: "Polygon", coordinates: [[[0, 0], [1, 1]]] } }), /at least 4 positions/);
  assert.throws(() => checkSpec({ kind: "event-type" }), /needs an eventType/);
  assert.deepEqual(checkSpec({ kind: "region", center: { lat: 35, lon: 40, name: "X" }, radiusKm: 5, extra: 1 }), {
    kind: "region",
    center: { lat: 35, lon: 40, name: "X" },
    radiusKm: 5,
  });
});
