// A small place that only has a big place's name as another name ('Jerusalem' is also an old name of
// Funkstown, Maryland) loses it to the big place, however much the article is about its country
// (src/geo/resolve.ts, junk-name check). Real gazetteer, no mocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gazetteer = loadGazetteer()!;

function found(text: string) {
  return geoparse(text, { gazetteer }).places.map((p) => ({ text: p.mentions[0]!.text, name: p.name, cc: p.countryCode, code: p.featureCode }));
}

// [sentence, the name as written, the country it must be in, and a feature-code prefix]
const ROWS: [string, string, string, string][] = [
  [
    "The Pentagon in Washington was told to plan the withdrawal of US troops from Syria, but on a visit to Jerusalem on Sunday the US national security adviser said it would take longer.",
    "Jerusalem",
    "IL",
    "PPL",
  ],
  [
    "Voters in Texas and New York backed the president, and South Carolina may skip its primary, US party officials said.",
    "South Carolina",
    "US",
    "ADM1",
  ],
  ["Turkey, Russia and Iran, which oversee the talks in Astana, met again in Sochi.", "Astana", "KZ", "PPL"],
];

for (const [text, name, cc, code] of ROWS)
  test(`${name} is the big place of that name: ${text.slice(0, 60)}…`, () => {
    const got = found(text);
    const p = got.find((x) => x.text === name);
    assert.ok(p && p.cc === cc && p.code.startsWith(code), `${name}: ${JSON.stringify(p)} (all: ${JSON.stringify(got)})`);
  });
