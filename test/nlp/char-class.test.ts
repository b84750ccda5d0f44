// The table of unit classes the scans of passes 03 and 04 read (src/nlp/char-class.ts) must hold, for every
// UTF-16 unit, what the patterns say of it, whether it was tested at load or when first looked up.
import assert from "node:assert/strict";
import { test } from "node:test";
import { classOfUnit, LETTER_BIT, LETTER_OR_DIGIT_BIT, TESTED, UPPER_CASE, unitClass, WHITE_SPACE } from "../../src/nlp/char-class.js";

const expected = (c: number) => {
  const ch = String.fromCharCode(c);
  return TESTED | (/^\p{Lu}$/u.test(ch) ? UPPER_CASE : 0) | (/^[\p{L}\p{N}]$/u.test(ch) ? LETTER_OR_DIGIT_BIT : 0) | (/^\s$/u.test(ch) ? WHITE_SPACE : 0) | (/^\p{L}$/u.test(ch) ? LETTER_BIT : 0);
};

test("char-class: units above the ones tested at load are tested when looked up, as the patterns class them", () => {
  const text = "Ḥamas’ “fighters” in Ağrı — ٣ Ωmega\u00a0İdlib Zürich 東京 ١٢ \u2028Ⅻ";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    assert.equal(classOfUnit(c), expected(c), `class of U+${c.toString(16)} looked up`);
    assert.equal(unitClass[c], expected(c), `class of U+${c.toString(16)} in the table once looked up`);
  }
});

test("char-class: every unit looked up alone has the class the patterns give it", () => {
  let wrong = 0;
  let first = -1;
  for (let c = 0; c < 65536; c++) {
    if (classOfUnit(c) !== expected(c)) {
      wrong++;
      if (first < 0) first = c;
    }
  }
  assert.equal(wrong, 0, `${wrong} units with another class, the first U+${first.toString(16)}`);
});
