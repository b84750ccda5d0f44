// Words for people and operations that gazetteers hold as towns: "a Briton" is a British person,
// not Brighton; "Olive Branch" in an article about Operation Olive Branch is the operation, not the
// town in Mississippi. Stoplist and demonym data (src/geo/model/stoplist.json, data/geo/supplement.json);
// real gazetteer, no mocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gazetteer = loadGazetteer()!;

function found(text: string) {
  return geoparse(text, { gazetteer }).places.map((p) => ({ text: p.mentions[0]!.text, name: p.name, cc: p.countryCode }));
}

test("a Briton, Britons, a Scot, Poles: people, never a place", () => {
  const got = found("A Briton and two Scots who fought with the YPG in Raqqa, Syria, returned home; Poles and a Dane were also held.");
  for (const w of ["Briton", "Scots", "Poles", "Dane"]) assert.ok(!got.some((p) => p.text === w), `${w}: ${JSON.stringify(got)}`);
  assert.ok(got.some((p) => p.text === "Raqqa" && p.cc === "SY"), `Raqqa is still found: ${JSON.stringify(got)}`);
});

test("a code name after 'Operation' is the operation everywhere in the article", () => {
  const got = found(
    "Turkey launched Operation Olive Branch against the YPG in Afrin, Syria, in January. By March, Olive Branch had displaced thousands of civilians from Afrin.",
  );
  assert.ok(!got.some((p) => p.text === "Olive Branch"), JSON.stringify(got));
  assert.ok(got.some((p) => p.text === "Afrin" && p.cc === "SY"), `Afrin is still found: ${JSON.stringify(got)}`);
});

test("without 'Operation' in the article the same words are still looked up as a place", () => {
  const got = found("The festival moved from Memphis to Olive Branch, Mississippi, this year.");
  assert.ok(got.some((p) => p.text === "Olive Branch" && p.cc === "US"), JSON.stringify(got));
});

test("'the Obama administration' is a government, not Obama in Japan; 'the US administration' keeps the US", () => {
  const got = found("Sanctions lifted under the Obama administration were restored by the US administration in Washington.");
  assert.ok(!got.some((p) => p.text === "Obama"), JSON.stringify(got));
  assert.ok(got.some((p) => p.text === "US" && p.cc === "US"), `US: ${JSON.stringify(got)}`);
});

test("a lone name that is only a district's, in a country the article does not point to, is not that district", () => {
  const got = found("Rebels held the town of Afrin in northern Syria. Khalil said their expulsion from Afrin came at night.");
  assert.ok(!got.some((p) => p.text === "Khalil"), JSON.stringify(got));
  assert.ok(got.some((p) => p.text === "Afrin" && p.cc === "SY"), `Afrin: ${JSON.stringify(got)}`);
});
