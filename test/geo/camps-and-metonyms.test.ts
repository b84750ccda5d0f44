// Refugee camps (data/geo/camps.json), government buildings named for their government (Whitehall)
// and organisations named like villages (Red Cross): what a Syria article names should land in Syria,
// London or nowhere, never in a US town of the same name. Real gazetteer, no mocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gazetteer = loadGazetteer()!;

function places(text: string) {
  return geoparse(text, { gazetteer }).places.map((p) => ({ text: p.mentions[0]!.text, name: p.name, cc: p.countryCode, code: p.featureCode }));
}

test("a camp named with its type word is the camp, in its country (al-Hawl camp, Zaatari camp)", () => {
  const got = places(
    "Thousands of women from Britain and France are held in al-Hawl camp in north-eastern Syria. Others fled to Zaatari camp in Jordan.",
  );
  const hol = got.find((p) => p.text.startsWith("al-Hawl"));
  assert.ok(hol && hol.cc === "SY" && hol.code === "CMPRF", `al-Hawl camp: ${JSON.stringify(got)}`);
  const zaatari = got.find((p) => p.text.startsWith("Zaatari"));
  assert.ok(zaatari && zaatari.cc === "JO", `Zaatari: ${JSON.stringify(got)}`);
  assert.ok(!got.some((p) => p.cc === "GB" && p.code.startsWith("PPL")), `no Hull: ${JSON.stringify(got)}`);
});

test("Whitehall in a British story is the London street of ministries, not a US town", () => {
  const got = places("Whitehall officials said the UK would not repatriate the families held in Syria, a Downing Street spokesman added.");
  const w = got.find((p) => p.text === "Whitehall");
  assert.ok(w && w.cc === "GB", `Whitehall: ${JSON.stringify(got)}`);
  assert.ok(!got.some((p) => p.cc === "US"), `nothing in the US: ${JSON.stringify(got)}`);
});

test("the Red Cross is an organisation, not a village in North Carolina", () => {
  const got = places("The Red Cross said aid convoys reached Raqqa in Syria on Monday.");
  assert.ok(!got.some((p) => p.text.includes("Red Cross")), JSON.stringify(got));
  assert.ok(got.some((p) => p.text === "Raqqa" && p.cc === "SY"), `Raqqa is still found: ${JSON.stringify(got)}`);
});
