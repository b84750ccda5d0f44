// Pass 02's English check (src/nlp/passes/02-language.ts): function words of up to 6 letters are looked up by
// number, longer ones ("against", "between") by their first six letters first; both count as written in any case.
import assert from "node:assert/strict";
import { test } from "node:test";
import { notEnglish } from "../../src/nlp/passes/02-language.js";

test("notEnglish: long function words count, long other words do not", () => {
  const filler = Array.from({ length: 40 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}`);
  const withLong = filler.map((w) => `${w} against between`).join(" ");
  assert.equal(notEnglish(withLong), undefined, "against/between make it English");
  assert.equal(notEnglish(withLong.toUpperCase()), undefined, "in capitals too");
  const lookalike = filler.map((w) => `${w} againsx betweex`).join(" ");
  assert.match(notEnglish(lookalike) ?? "", /English function words/, "words that only start like them do not count");
});
