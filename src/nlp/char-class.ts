// Classes of UTF-16 units (upper-case, letter or digit, white space, letter), one table for the scans of
// passes 03 and 04. A unit is tested by its patterns the first time it is looked up; the names pass tests
// every unit of a document first (classesFor), so the scans' first look-ups of a character they have never
// seen take no untried branch of their optimised code, which V8 would throw away there.
const UPPER = /^\p{Lu}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;
const LETTER = /^\p{L}$/u;
/** Bits of unitClass: TESTED is set for every unit once tested (0 means not yet). */
export const TESTED = 1;
export const UPPER_CASE = 2;
export const LETTER_OR_DIGIT_BIT = 4;
export const WHITE_SPACE = 8;
export const LETTER_BIT = 16;
/** The class bits of each UTF-16 unit, 0 until tested (see classOfUnit). A lone surrogate is in no class. */
export const unitClass = new Uint8Array(65536);

/** Tests the unit `c` by the patterns and records its class. */
export function testUnit(c: number): number {
  const ch = String.fromCharCode(c);
  const v = TESTED | (UPPER.test(ch) ? UPPER_CASE : 0) | (LETTER_OR_DIGIT.test(ch) ? LETTER_OR_DIGIT_BIT : 0) | (SPACE.test(ch) ? WHITE_SPACE : 0) | (LETTER.test(ch) ? LETTER_BIT : 0);
  unitClass[c] = v;
  return v;
}

/** The class bits of the unit `c`. */
export function classOfUnit(c: number): number {
  const v = unitClass[c];
  return v !== 0 ? v : testUnit(c);
}

let lastText = "";
/** Tests every unit of `text` not tested yet (ASCII ones are tested at load); the text of the call before is not read again. */
export function classesFor(text: string): void {
  if (text === lastText) return;
  lastText = text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127 && unitClass[c] === 0) testUnit(c);
  }
}

for (let c = 0; c < 128; c++) testUnit(c);
