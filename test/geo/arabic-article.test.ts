// A name written with a hyphenated Arabic article ('al-Hol', 'al-Badou') is an Arabic place name: it is
// not matched to a place elsewhere whose own name has no article (Kingston upon Hull, Badou in Togo,
// Gbadolite), while Arabic names still find their places. Real gazetteer, no mocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gazetteer = loadGazetteer()!;

function found(text: string): string[] {
  return geoparse(text, { gazetteer }).places.map((p) => `${p.mentions[0]!.text}→${p.name}/${p.featureCode}/${p.countryCode}`);
}

test("al-Hol in a British story is the Syrian camp, not Hull", () => {
  const got = found("Many children died on the journey to al-Hol, British officials in London and Manchester told the Guardian.");
  assert.ok(got.some((g) => g.startsWith("al-Hol→") && g.endsWith("/SY")), got.join(", "));
});

test("an unknown al- neighbourhood stays unresolved rather than an African town", () => {
  const got = found("Twenty people were killed in al-Badou and al-Takana neighbourhoods, Airwars said, as US-backed forces advanced.");
  assert.ok(!got.some((g) => g.startsWith("al-Badou→")), got.join(", "));
});

test("Arabic names with the article still resolve (al-Raqqa, al-Bireh, al-Shadadi)", () => {
  const got = found("Shelling hit al-Raqqa and al-Shadadi. Officials in Ramallah said the protest in al-Bireh was peaceful.");
  for (const [name, cc] of [["al-Raqqa", "SY"], ["al-Shadadi", "SY"], ["al-Bireh", "PS"]] as const)
    assert.ok(got.some((g) => g.startsWith(`${name}→`) && g.endsWith(`/${cc}`)), `${name}: ${got.join(", ")}`);
});
