// The recognizer's hand-written token scanner finds exactly the tokens of its token pattern
// (letters with inner apostrophes, "U.S."-style initials, digit runs), on ASCII and non-ASCII text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize } from "../../src/geo/recognize.js";
import { pseudoRandom } from "./pseudo-random.js";

// the pattern the scanner implements (src/geo/recognize.ts TOKEN_RE)
const PATTERN = /(?:[A-Z]\.){2,}|[\p{L}\p{M}][\p{L}\p{M}'’ʿ‘`]*[\p{L}\p{M}]|[\p{L}]|\d+/gu;

function bySpec(text: string): [number, number][] {
  return [...text.matchAll(PATTERN)].map((m) => [m.index, m.index + m[0].length]);
}

function byScanner(text: string): [number, number][] {
  return tokenize(text).map((t) => [t.start, t.fullEnd]);
}

test("tokenize: same tokens as the pattern on written examples", () => {
  const texts = [
    "Clashes near Deir Ezzor's countryside, U.S.-backed SDF said on 12 March.",
    "al-Shadadi and Deir el-Zour; the U.N. and U.S. A.B test 'quoted' o'clock rock`n`roll",
    "Ḩamāh, Aleppo — İdlib’s north; Ma‘arrat al-Nu‘man, São Paulo, Zürich 2019 ١٢٣",
    "A.B.C. X.Y U.S A. B. I.e. e.g. 's ' ` a b c 1a2b 𝒜lpha emoji 😀 done",
    "",
    "   ",
  ];
  for (const t of texts) assert.deepEqual(byScanner(t), bySpec(t), `tokens differ on: ${t}`);
});

test("tokenize: same tokens as the pattern on generated text", () => {
  const alphabet = ["A", "U", "S", "a", "z", "m", ".", ".", " ", " ", "'", "`", "’", "ʿ", "-", "1", "9", ",", "\n", "é", "Ḩ", "\u0301", "😀", "ß", "İ", "“", "”", "‘", "—", "–", "\u00a0", "…", "«"];
  const rnd = pseudoRandom(7);
  for (let n = 0; n < 2000; n++) {
    const len = rnd.next().value! % 40;
    let t = "";
    for (let k = 0; k < len; k++) t += alphabet[rnd.next().value! % alphabet.length];
    assert.deepEqual(byScanner(t), bySpec(t), `tokens differ on: ${JSON.stringify(t)}`);
  }
});

// a token's abbreviation flag as the recognizer defines it: a capitalised token that is all capitals
// (two to five) or capitals each with its full stop
const ABBREVIATION = /^(?:[A-Z]\.){2,}$|^[A-Z]{2,5}$/;

test("tokenize: the abbreviation flag is the pattern's answer on each token", () => {
  const alphabet = ["A", "U", "S", "N", "a", "z", ".", ".", ".", " ", " ", "'", "’", "-", "1", ",", "é", "É", "s", "’s"];
  const rnd = pseudoRandom(11);
  let flagged = 0;
  for (let n = 0; n < 4000; n++) {
    const len = rnd.next().value! % 30;
    let t = "";
    for (let k = 0; k < len; k++) t += alphabet[rnd.next().value! % alphabet.length];
    for (const tok of tokenize(t)) {
      const want = tok.cap && ABBREVIATION.test(tok.text);
      if (want) flagged++;
      assert.equal(tok.abbrev, want, `abbreviation flag of ${JSON.stringify(tok.text)} in ${JSON.stringify(t)}`);
    }
  }
  assert.ok(flagged > 100, `the generated texts hold abbreviations of both kinds (${flagged} flagged)`);
});
