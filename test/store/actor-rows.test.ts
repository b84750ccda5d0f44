// The actors rows a document writes (src/store/actor-rows.ts), worked out against stored rows:
// which are left out as unchanged, how aliases accumulate, which fields a lexicon row keeps.
import assert from "node:assert/strict";
import { test } from "node:test";
import { actorIdsOf, actorRow, actorWrites, relationRows } from "../../src/store/actor-rows.js";
import type { Actor, ExtractedDoc } from "../../src/types/index.js";

const mention = (text: string) => ({ start: 0, end: text.length, text, pass: "04-actors", rule: "test", confidence: 0.9 });
const sdf: Actor = {
  id: "sdf",
  name: "Syrian Democratic Forces",
  kind: "rebel-group",
  inter: 2,
  country: "SY",
  aliases: ["SDF"],
  mentions: [mention("SDF"), mention("Syrian Democratic Forces")],
  known: true,
} as Actor;
/** The stored row saveActors would read back for an actor it wrote as `row`. */
const stored = (row: readonly unknown[]) => actorRow(row);

test("actorIdsOf: the document's actors, then its events' actors, then its relations' ends, each once", () => {
  const doc = {
    actors: [sdf],
    events: [{ actor1: "isis", actor2: "sdf", assocActors1: ["", "us"], assocActors2: ["isis"] }],
    relations: [{ type: "allied-with", source: "us", target: "ypg", evidence: [], confidence: 0.8 }],
  } as unknown as ExtractedDoc;
  const { known, all } = actorIdsOf(doc);
  assert.deepEqual(all, ["sdf", "isis", "us", "ypg"], "ids in first-seen order, empty ids left out");
  assert.equal(known.get("sdf"), sdf, "the document's actor by id");
});

test("actorWrites: a new actor is upserted with its aliases and mention texts, sorted, its name left out", () => {
  const { upserts, mentions } = actorWrites(["sdf"], new Map([["sdf", sdf]]), new Map(), "a1", "2017-09-09");
  assert.deepEqual(upserts, [["sdf", "Syrian Democratic Forces", "rebel-group", 2, "SY", null, null, 1, '["SDF"]']], "the row written");
  assert.deepEqual(mentions, [["a1", "sdf", 2, "2017-09-09"]], "one actor_mentions row with the mention count");
});

test("actorWrites: an actor stored as the document has it is not written again; a new alias rewrites it", () => {
  const row = actorWrites(["sdf"], new Map([["sdf", sdf]]), new Map(), "a1", null).upserts[0];
  const again = actorWrites(["sdf"], new Map([["sdf", sdf]]), new Map([["sdf", stored(row)]]), "a2", null);
  assert.equal(again.upserts.length, 0, "same row: no upsert");
  assert.equal(again.mentions.length, 1, "the mention row is still written");
  const more = { ...sdf, mentions: [...sdf.mentions, mention("Kurdish-led SDF")] };
  const changed = actorWrites(["sdf"], new Map([["sdf", more]]), new Map([["sdf", stored(row)]]), "a3", null);
  assert.deepEqual(changed.upserts.map((r) => r[8]), ['["Kurdish-led SDF","SDF"]'], "the new mention text joins the sorted aliases");
});

test("actorWrites: a lexicon row keeps its canonical fields over an actor discovered in the text", () => {
  const lexicon = stored(["sdf", "Syrian Democratic Forces", "rebel-group", 2, "SY", null, null, 1, '["SDF"]']);
  const found: Actor = { ...sdf, name: "Kurdish fighters", kind: "other", inter: undefined, known: false, aliases: [], mentions: [mention("Kurdish fighters"), mention("the Kurdish fighters")] } as Actor;
  const { upserts } = actorWrites(["sdf"], new Map([["sdf", found]]), new Map([["sdf", lexicon]]), "a1", null);
  assert.deepEqual(upserts, [["sdf", "Syrian Democratic Forces", "rebel-group", 2, "SY", null, null, 1, '["SDF","the Kurdish fighters"]']], "name, kind, inter, known kept; a mention other than the discovered name added");
});

test("actorWrites: an id no document actor and no stored row has gets the placeholder row, and no mention row", () => {
  const { upserts, mentions } = actorWrites(["x:someone"], new Map(), new Map(), "a1", null);
  assert.deepEqual(upserts, [["x:someone", "x:someone", "other", null, null, null, null, 0, "[]"]], "placeholder");
  assert.equal(mentions.length, 0, "no mention row");
  assert.equal(actorWrites(["x:someone"], new Map(), new Map([["x:someone", stored(upserts[0])]]), "a2", null).upserts.length, 0, "a stored placeholder is not written again");
});

test("relationRows: one row per (type, source, target), evidence counted (at least 1 each), the highest confidence", () => {
  const doc = {
    relations: [
      { type: "allied-with", source: "us", target: "sdf", evidence: [{}, {}], confidence: 0.6 },
      { type: "allied-with", source: "us", target: "sdf", evidence: [], confidence: 0.9 },
      { type: "opposes", source: "sdf", target: "isis", evidence: [{}], confidence: 0.7 },
    ],
  } as unknown as ExtractedDoc;
  assert.deepEqual(relationRows(doc, "a1", "2017-09-09"), [
    ["a1", "allied-with", "us", "sdf", 3, 0.9, "2017-09-09"],
    ["a1", "opposes", "sdf", "isis", 1, 0.7, "2017-09-09"],
  ], "summed rows in first-seen order");
});
