// Two ranking rules (src/geo/resolve.ts): a qualifier alone before "and"/"or" shares the next name's
// head ("Central and South America" → Central America), and a section of a city as populous as a city
// (Hollywood) ranks as a city rather than as a neighbourhood. Given spans, real gazetteer, no mocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gazetteer = loadGazetteer()!;

/** The place each of the given names resolves to (spans found by their first occurrence). */
function resolve(text: string, names: string[]) {
  const mentions = names.map((n) => ({ start: text.indexOf(n), end: text.indexOf(n) + n.length }));
  const { places } = geoparse(text, { mentions, gazetteer });
  return mentions.map((s) => places.find((p) => p.mentions.some((m) => m.start === s.start)));
}

// [sentence, the qualifier alone, the name after it, the name the qualifier stands for]
const ELIDED: [string, string, string, string][] = [
  ["Many frog species in the forests of Central and South America are still undescribed.", "Central", "South America", "Central America"],
  ["Talks between North and South Korea resumed on Monday.", "North", "South Korea", "North Korea"],
];

for (const [text, first, second, full] of ELIDED)
  test(`"${first}" in "${first} and ${second}" is ${full}`, () => {
    const [a, b] = resolve(text, [first, second]);
    assert.ok(a && a.name === full, `"${first}": ${JSON.stringify(a)}`);
    assert.ok(b && b.name !== full, `"${second}" keeps its own place: ${JSON.stringify(b)}`);
  });

test("a qualifier with no such name is left as it is (\"East and Midlands\")", () => {
  const [a] = resolve("Rail services in the East and Midlands were cancelled.", ["East", "Midlands"]);
  assert.ok(!a?.name.includes("Midlands"), JSON.stringify(a));
});

test("Hollywood, a Los Angeles section of 160k people, beats a same-sized Florida city with no context", () => {
  const [h] = resolve("The Hollywood actress was greeted by fans at the airport.", ["Hollywood"]);
  assert.ok(h && h.countryCode === "US" && h.lat > 33 && h.lat < 35 && h.lon < -117, `Hollywood: ${JSON.stringify(h)}`);
});
