// Matches found from the word a phrase ends with (src/geo/anchored.ts) are exactly the matches of a
// global scan with the same pattern, on written examples and on generated text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { matchesEndingWith } from "../../src/geo/anchored.js";
import { pseudoRandom } from "./pseudo-random.js";

// the recognizer's and relative.ts's phrase patterns (kept in step by hand: the test is about the scan)
const CAPITAL = String.raw`\b(\p{Lu}[\p{Ll}\p{M}]+)\s+capital\b(?!\s*,?\s*(?:city\s+)?\p{Lu})`;
const BORDER = String.raw`\b(?:the\s+)?([A-Z][a-z]+)(?:[-–]([A-Z][a-z]+))?\s+border\b`;
const CASES: [string, string, number, string][] = [
  [CAPITAL, "capital", 1, "u"],
  [BORDER, "border", 2, ""],
];

function both(text: string): void {
  for (const [src, word, groups, flags] of CASES) {
    const want = [...text.matchAll(new RegExp(src, `g${flags}`))].map((m) => [m.index, ...m]);
    const got = matchesEndingWith(text, word, groups, new RegExp(src, `y${flags}`)).map((m) => [m.index, ...m]);
    assert.deepEqual(got, want, `${word} in ${JSON.stringify(text)}`);
  }
}

test("matchesEndingWith: the global scan's matches on written examples", () => {
  const texts = [
    "Officials in the Kazakh capital said. The Syrian capital, Damascus, and the Iraqi capital Baghdad.",
    "along the Syrian-Turkish border and the Iraqi border; the Turkish–Syrian border border Iraqi  border",
    "Xcapital capital Écoles capital xÉcole capital Kazakh capitalé capital Kazakh\u00a0capital.",
    "the the Iraqi border, 12Iraqi border, _Iraqi border, Iraqi borders, Iraqi border-crossing",
    "capital border Capital Border the border The Iraqi border",
  ];
  for (const t of texts) both(t);
});

test("matchesEndingWith: the global scan's matches on generated text", () => {
  const parts = ["the ", "The ", "Kazakh ", "Iraqi", "-", "–", "Syrian ", " ", "\u00a0", "capital", "border", ", ", "city ", "É", "é", "x", "\n", "1", "_", "s", "Damascus"];
  const rnd = pseudoRandom(12345);
  for (let k = 0; k < 3000; k++) {
    let t = "";
    for (let j = 0; j < 14; j++) t += parts[(rnd.next().value >>> 8) % parts.length];
    both(t);
  }
});
