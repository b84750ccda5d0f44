// Letters, as /\p{L}/u reads them, tested one UTF-16 unit at a time: ASCII by range, every other unit
// tested once and then cached. For the loops that walk a text's words by character codes instead of
// matching a regex per word (language guesses in ingest and in NLP pass 02).

const LETTER = /\p{L}/u;
const ASTRAL_LETTER = /^\p{L}$/u;
const letterCache = new Uint8Array(65536);

/** Is the UTF-16 unit `c` (the character `ch`) a letter? */
export function isLetter(c: number, ch: string): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  let v = letterCache[c];
  if (v === 0) letterCache[c] = v = LETTER.test(ch) ? 1 : 2;
  return v === 1;
}

/** UTF-16 units of the letter starting at `i` of `s` (2 for one outside the BMP), 0 when none starts there. */
export function letterAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return i + 1 < s.length && ASTRAL_LETTER.test(s.slice(i, i + 2)) ? 2 : 0;
  return isLetter(c, s[i]) ? 1 : 0;
}
