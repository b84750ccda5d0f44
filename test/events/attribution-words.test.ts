// attribution.ts's lastWords: the words before "said" that may name the sayer, found by walking back
// from the end; it must agree with the plain pattern it replaced on every kind of input.
import assert from "node:assert/strict";
import { test } from "node:test";
import { lastWords } from "../../src/events/attribution.js";

const PLAIN = /((?:[\p{L}\p{N}'’-]+\s+){0,9}[\p{L}\p{N}'’-]+)\s*$/u;

const CASES = [
  "the British-based Syrian Observatory for Human Rights ",
  "Fighting continued, the Observatory",
  "one two three four five six seven eight nine ten eleven twelve",
  "a  b\u00a0c\td",
  "ends with a comma, ",
  "",
  "   ",
  "People’s Protection Units' spokesman",
  "𝒜lpha beta",
  "broken \ud835 pair",
  "“quoted words”",
  "numbers 12 and 3-4",
];

for (const s of CASES) {
  test(`lastWords agrees with the pattern: ${JSON.stringify(s)}`, () => {
    const m = PLAIN.exec(s);
    const got = lastWords(s, 10);
    assert.deepEqual(got ? [got.index, got.text] : null, m ? [m.index, m[1]] : null, `for ${JSON.stringify(s)}`);
  });
}

test("lastWords keeps at most ten words", () => {
  const got = lastWords("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12", 10);
  assert.equal(got?.text, "w3 w4 w5 w6 w7 w8 w9 w10 w11 w12", "the last ten words");
});
