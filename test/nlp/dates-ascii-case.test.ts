// Case-insensitive patterns spelled out without the "i" flag match the same texts at the same places,
// with the same groups; what cannot be spelled out that way is left as it is.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as chrono from "chrono-node";
import { spellCase, spelledCase } from "../../src/nlp/model/ascii-case.js";

test("ASCII letters in either case, in and out of classes; names, bounds and escapes kept", () => {
  assert.equal(spellCase(String.raw`\bMay\b`), String.raw`\b[Mm][aA][yY]\b`);
  assert.equal(spellCase("[^a-c0-9_]+"), "[^a-cA-C0-9_]+");
  assert.equal(spellCase(String.raw`(?<yr>\d{4})-?(?<!x)`), String.raw`(?<yr>\d{4})-?(?<![xX])`);
  assert.equal(spellCase(String.raw`a{2,3}\x2d\s`), String.raw`[aA]{2,3}\x2d\s`);
  // a "]" first in a class closes it (JavaScript, unlike POSIX): "[^]" is any character, "[]" none
  assert.equal(spellCase("[^]a]"), "[^][aA]]");
  assert.equal(spellCase("[]b|c"), "[][bB]|[cC]");
  for (const [src, text] of [["[^]a]", "xA]"], ["[^]a]", "xa"], ["[]a]", "a]"]]) {
    const re = new RegExp(src, "i");
    assert.deepEqual(spelledCase(re).exec(text)?.[0], re.exec(text)?.[0], `${src} on ${text}`);
  }
});

test("what folds otherwise is left to the i flag", () => {
  for (const src of [String.raw`\x41`, String.raw`caf\u00e9`, "café", String.raw`(a)\1`, String.raw`(?<n>a)\k<n>`, "[A-z]", String.raw`\p`, "ſ", "(?i:a)b", "(?-i:a)b"]) {
    assert.equal(spellCase(src), undefined, `${src} is not spelled out`);
  }
  const re = /x/iu;
  assert.equal(spelledCase(re), re, "a unicode pattern is kept");
});

test("chrono-node's patterns spelled out find what they found", () => {
  const texts = [
    "On Sunday 3 September, TWO DAYS AFTER the raid, officials said at 10am that three weeks ago Jan 5th was quiet.",
    "In MARCH 2016 forces retook Palmyra; by mid-march, within 2 Hours, last night and Tomorrow Morning.",
    "Thurs. 12/09/2017 at 5:30 PM, sept 9 and the 21st of October, this Weekend, next month, 2 yrs later.",
    "Ahmed said the ſtrike happened \u212A days before; İstanbul, the 1990s, a couple of days earlier.",
  ];
  let spelled = 0;
  let matches = 0;
  for (const p of chrono.casual.parsers) {
    const re = p.pattern({ text: "", option: {}, refDate: new Date() } as unknown as chrono.ParsingContext);
    const s = spelledCase(re);
    if (s !== re) spelled++;
    assert.ok(!s.flags.includes("i") || s === re, `${p.constructor.name}: spelled without the i flag`);
    for (const t of texts) {
      for (let from = 0; from < t.length; from += 7) {
        const a = re.exec(t.slice(from));
        const b = s.exec(t.slice(from));
        if (a) matches++;
        assert.deepEqual(b && [b.index, ...b], a && [a.index, ...a], `${p.constructor.name} on "${t.slice(from)}"`);
      }
    }
  }
  assert.ok(spelled > 10, `most patterns are spelled out (${spelled})`);
  assert.ok(matches > 50, `the texts have matches (${matches})`);
});
