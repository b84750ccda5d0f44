// The words around a place name that say what kind of place it is: "Hasaka province",
// "the city of al-Mayadeen", "the Kazakh capital Astana". Tables live in model/ranking.json.
import W from "./model/ranking.json" with { type: "json" };

// (Maps: a word of the text such as "constructor" is no cue, where an object's prototype answered)
const AFTER = new Map<string, string[]>(Object.entries(W.cuesAfter));
const BEFORE = new Map<string, string[]>(Object.entries(W.cuesBefore));
// how far the words after and before the name are looked for
const AFTER_CHARS = 24;
const BEFORE_CHARS = 40;

/** `/\s/.test(ch)` without the regular expression for the common (ASCII) characters. */
function isSpace(c: number, ch: string): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 128) return false;
  return /\s/.test(ch);
}

function spaceAt(text: string, i: number): boolean {
  return isSpace(text.charCodeAt(i), text[i]!);
}

function asciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Feature-code prefixes favoured by the words next to text[start, end). */
export function cuesAround(text: string, start: number, end: number): string[] | undefined {
  // the word after the name: spaces, then ASCII letters, within AFTER_CHARS characters
  const lim = Math.min(text.length, end + AFTER_CHARS);
  let p = end;
  while (p < lim && spaceAt(text, p)) p++;
  if (p > end) {
    let q = p;
    while (q < lim && asciiLetter(text.charCodeAt(q))) q++;
    if (q > p) {
      const c = AFTER.get(text.slice(p, q).toLowerCase());
      if (c) return c;
    }
  }
  // the one or two words before it (the name follows a space), within BEFORE_CHARS characters
  const lo = Math.max(0, start - BEFORE_CHARS);
  let i = start - 1;
  if (i < lo || !spaceAt(text, i)) return undefined;
  while (i >= lo && spaceAt(text, i)) i--;
  if (i < lo) return undefined;
  const w1End = i + 1;
  while (i >= lo && !spaceAt(text, i)) i--;
  const w1 = text.slice(i + 1, w1End).toLowerCase();
  let w0 = "";
  while (i >= lo && spaceAt(text, i)) i--;
  if (i >= lo) {
    const w0End = i + 1;
    while (i >= lo && !spaceAt(text, i)) i--;
    w0 = text.slice(i + 1, w0End).toLowerCase();
  }
  if (/^[a-z]+$/.test(w1)) {
    if (/^[a-z]+$/.test(w0)) {
      const c = BEFORE.get(`${w0} ${w1}`);
      if (c) return c;
    }
    const c = BEFORE.get(w1);
    if (c) return c;
  }
  return undefined;
}
