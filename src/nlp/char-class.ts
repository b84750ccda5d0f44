// Classes of UTF-16 units (upper-case, letter or digit, white space, letter), one table for the scans of
// passes 03 and 04. The units news text in Latin script uses are tested at load, any other the first time it
// is looked up (classOfUnit): a scan's first look-up of a character it has never seen then seldom takes the
// branch that tests it, which its optimised code has not tried and V8 throws away there.
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
function testUnit(c: number): number {
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

// tested at load: ASCII, the Latin letters above it (Latin-1, Latin Extended-A and -B) and general punctuation
// (curly quotes, dashes, spaces), the units above ASCII that news text in Latin script uses most
for (let c = 0; c < 0x250; c++) testUnit(c);
for (let c = 0x2000; c < 0x2070; c++) testUnit(c);
