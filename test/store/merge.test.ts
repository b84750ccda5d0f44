// Table tests for merge decisions (src/events/merge.ts): [case, report A changes, report B changes, same?, reason].
import assert from "node:assert/strict";
import { test } from "node:test";
import { combineReports, type EventReport, sameEvent } from "../../src/events/merge.js";

const base: EventReport = {
  articleId: "a1",
  docEventId: "e1",
  outlet: "Reuters",
  publishedAt: "2017-09-10T08:00:00Z",
  eventType: "Battles",
  subEventType: "Armed clash",
  actor1: "sdf",
  actor2: "isis",
  assocActors1: [],
  assocActors2: [],
  date: "2017-09-09",
  datePrecision: 1,
  dateDefaulted: false,
  place: { id: "geonames:170794", name: "Deir ez-Zor", lat: 35.336, lon: 40.141, precision: 1, country: "SY", admin1: "Deir ez-Zor" },
  modality: "asserted",
  attribution: { name: "Reuters", kind: "wire" },
  sentence: { start: 0, end: 10, text: "SDF fought Isis." },
  confidence: 0.8,
};
const r = (over: Partial<EventReport>): EventReport => ({ ...base, articleId: "a2", docEventId: "e1", ...over });
const muhasan = { id: "geonames:1", name: "Muhasan", lat: 35.28, lon: 40.36, precision: 1 as const, country: "SY", admin1: "Deir ez-Zor" };
const afrin = { id: "geonames:2", name: "Afrin", lat: 36.51, lon: 36.87, precision: 1 as const, country: "SY", admin1: "Aleppo" };
const province = { id: "geonames:3", name: "Deir ez-Zor Governorate", lat: 35.0, lon: 40.5, precision: 3 as const, country: "SY", admin1: "Deir ez-Zor" };
const mosul = { id: "geonames:4", name: "Mosul", lat: 36.34, lon: 43.13, precision: 1 as const, country: "IQ", admin1: "Nineveh" };

const rows: [string, Partial<EventReport>, boolean, string][] = [
  ["same report from another outlet", {}, true, "match"],
  ["sides named the other way round", { actor1: "isis", actor2: "sdf" }, true, "match"],
  ["one day later (reporting lag)", { date: "2017-09-10" }, true, "match"],
  ["three days later, both precise", { date: "2017-09-12" }, false, "time"],
  ["week-precision date covering it", { date: "2017-09-04", datePrecision: 2 }, true, "match"],
  ["month-precision date in another month", { date: "2017-11-01", datePrecision: 3 }, false, "time"],
  ["date defaulted to a publication 9 days later", { date: "2017-09-18", dateDefaulted: true }, true, "match"],
  ["date defaulted to a publication 30 days later", { date: "2017-10-09", dateDefaulted: true }, false, "time"],
  ["town 21 km away, both town-precise", { place: muhasan }, false, "place"],
  ["province-level place around it", { place: province }, true, "match"],
  ["another town 300 km away", { place: afrin }, false, "place"],
  ["another country", { place: mosul }, false, "country"],
  ["no place on one side", { place: undefined }, true, "match"],
  ["other event type", { eventType: "Violence against civilians", subEventType: "Attack" }, false, "type"],
  ["incompatible sub-type", { eventType: "Explosions/Remote violence", subEventType: "Air/drone strike" }, false, "type"],
  ["compatible battle sub-type (territory taken)", { subEventType: "Non-state actor overtakes territory" }, true, "match"],
  ["different opponent (sdf vs government)", { actor2: "sygov" }, false, "actors"],
  ["no shared actor", { actor1: "turkey", actor2: "ypg" }, false, "actors"],
  ["partner named as associate", { actor1: "sdf", actor2: "isis", assocActors1: ["usa"] }, true, "match"],
  ["one side only, shared", { actor2: undefined }, true, "match"],
  ["planned vs happened", { modality: "planned" }, false, "modality"],
  ["claimed vs asserted", { modality: "claimed" }, true, "match"],
  ["same article (kept apart by the extractor)", { articleId: "a1", docEventId: "e2" }, false, "same-article"],
  ["no actors on one side, same town and day", { actor1: undefined, actor2: undefined }, true, "match"],
  ["no actors on one side, next day", { actor1: undefined, actor2: undefined, date: "2017-09-10" }, false, "actors"],
  ["no actors on one side, date defaulted", { actor1: undefined, actor2: undefined, dateDefaulted: true }, false, "actors"],
];

for (const [name, over, same, reason] of rows) {
  test(`merge: ${name}`, () => {
    const d = sameEvent(base, r(over));
    assert.equal(d.reason, reason);
    assert.equal(d.same, same);
    // the decision does not depend on the order
    assert.equal(sameEvent(r(over), base).same, same);
  });
}

test("merge: without actors, only a precise coincidence in time and place merges", () => {
  const a = { ...base, actor1: undefined, actor2: undefined };
  assert.equal(sameEvent(a, r({ actor1: undefined, actor2: undefined })).same, true);
  assert.equal(sameEvent(a, r({ actor1: undefined, actor2: undefined, date: "2017-09-10" })).same, false);
  assert.equal(sameEvent(a, r({ actor1: undefined, actor2: undefined, place: province })).same, false);
});

test("combine: most precise date and place win; claims kept with their sources; sources counted", () => {
  const c = combineReports([
    r({ articleId: "a", place: province, date: "2017-09-04", datePrecision: 2, fatalities: 20, attribution: { name: "SDF", kind: "official" } }),
    r({ articleId: "b", outlet: "AFP", fatalities: 12, attribution: { name: "SOHR", kind: "monitor" }, actor1: "isis", actor2: "sdf", assocActors2: ["usa"] }),
    r({ articleId: "c", outlet: "AP", fatalities: 12, attribution: { name: "SOHR", kind: "monitor" }, modality: "claimed" }),
  ]);
  assert.equal(c.date, "2017-09-09");
  assert.equal(c.datePrecision, 1);
  assert.equal(c.place?.name, "Deir ez-Zor");
  assert.deepEqual(
    c.fatalityClaims.map((x) => [x.fatalities, x.source]),
    [
      [20, "SDF"],
      [12, "SOHR"],
    ],
  );
  assert.equal(c.fatalities, 12);
  assert.deepEqual([c.actor1, c.actor2, c.assocActors1], ["sdf", "isis", ["usa"]]);
  assert.deepEqual(c.articleIds, ["a", "b", "c"]);
  assert.equal(c.sourceCount, 5); // reuters, sdf, afp, sohr, ap
  assert.equal(c.modality, "asserted");
});

test("merge: many follow-up reports of one kidnapping become one event, not hundreds", () => {
  // A kidnapping on 1 March, then daily follow-ups whose date defaulted to each day's publication.
  const kidnap = (i: number): EventReport => {
    const d = new Date(Date.UTC(2018, 2, 1 + i)).toISOString().slice(0, 10);
    return r({
      articleId: `k${i}`,
      eventType: "Violence against civilians",
      subEventType: "Abduction/forced disappearance",
      actor1: "isis",
      actor2: "civilians",
      date: d,
      dateDefaulted: i > 0,
      place: afrin,
    });
  };
  const events: EventReport[][] = [];
  for (let i = 0; i < 12; i++) {
    const rep = kidnap(i);
    const hit = events.find((reports) => sameEvent(rep, { ...combineReports(reports), articleIds: reports.map((x) => x.articleId) }).same);
    if (hit) hit.push(rep);
    else events.push([rep]);
  }
  assert.equal(events.length, 1);
});

test("merge: an air strike and shelling on the same day are different events", () => {
  const strike = { ...base, eventType: "Explosions/Remote violence" as const, subEventType: "Air/drone strike" as const };
  const shelling = r({ eventType: "Explosions/Remote violence", subEventType: "Shelling/artillery/missile attack" });
  assert.equal(sameEvent(strike, shelling).reason, "type");
  assert.equal(sameEvent(strike, r({ eventType: "Explosions/Remote violence", subEventType: "Other" })).same, true);
});
