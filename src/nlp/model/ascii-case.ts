// Case-insensitive patterns without the "i" flag: each ASCII letter spelled as [xX]. Without the "u"
// flag a case-insensitive pattern matches an ASCII letter in either case and in no other form (a
// character outside ASCII never folds to one inside it), so the two match the same texts at the same
// places with the same groups; V8 compiles the spelled-out one to native code several times faster
// (chrono-node's "3 days later" pattern: ~150 ms with "i", ~25 ms spelled out), which is most of the
// cost of the first articles of a run. Anything else that folds (a letter outside ASCII, a
// back-reference, a range of mixed case, a group with modifiers) keeps the pattern as it is. Pass 06
// spells out only the chrono-node patterns chrono-gates.tsv marks "spell": most others run faster
// with the "i" flag once compiled.

const isLower = (c: string) => c >= "a" && c <= "z";
const isUpper = (c: string) => c >= "A" && c <= "Z";
const isLetter = (c: string) => isLower(c) || isUpper(c);
const other = (c: string) => (isLower(c) ? c.toUpperCase() : c.toLowerCase());
/** Does a character other than an ASCII letter have another case (it would fold with "i")? */
const folds = (c: string) => !isLetter(c) && c.toLowerCase() !== c.toUpperCase();

// escapes that stand for no one letter: classes, boundaries, control characters
const KEPT_ESCAPES = new Set([..."bBdDsSwWnrtfv0"]);
/**
 * The length of the escape at `src[i]` ("\\x2d" is 4, "\\d" 2), or -1 for one this module does not
 * spell out: back-references (named ones too), a letter's code ("\\x41"), a letter escaped for itself.
 */
function escapeLength(src: string, i: number): number {
  const c = src[i + 1];
  if (c === undefined || (c >= "1" && c <= "9")) return -1;
  if (c === "x" || c === "u") {
    const n = c === "x" ? 2 : 4;
    const hex = src.slice(i + 2, i + 2 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return -1;
    const ch = String.fromCharCode(Number.parseInt(hex, 16));
    return isLetter(ch) || folds(ch) ? -1 : 2 + n;
  }
  if (c === "c") return isLetter(src[i + 2] ?? "") ? 3 : -1;
  if (isLetter(c)) return KEPT_ESCAPES.has(c) ? 2 : -1;
  return folds(c) ? -1 : 2;
}

/** `src` with each ASCII letter matched in either case, or undefined when it has something else that folds. */
export function spellCase(src: string): string | undefined {
  let out = "";
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === "\\") {
      const n = escapeLength(src, i);
      if (n < 0) return undefined;
      out += src.slice(i, i + n);
      i += n;
    } else if (c === "[") {
      const end = classEnd(src, i);
      if (end < 0) return undefined;
      const body = spellClass(src.slice(i + 1, end));
      if (body === undefined) return undefined;
      out += `[${body}]`;
      i = end + 1;
    } else if (c === "(" && src[i + 1] === "?" && !"<:=!".includes(src[i + 2] ?? "")) {
      // a group with modifiers ("(?i:…)", "(?-i:…)") sets case itself
      return undefined;
    } else if (c === "(" && src.startsWith("(?<", i) && src[i + 3] !== "=" && src[i + 3] !== "!") {
      // a named group: its name stays as it is
      const end = src.indexOf(">", i);
      if (end < 0) return undefined;
      out += src.slice(i, end + 1);
      i = end + 1;
    } else if (c === "{") {
      // a quantifier's bounds are digits
      const end = src.indexOf("}", i);
      if (end < 0 || !/^\{\d*(?:,\d*)?\}$/.test(src.slice(i, end + 1))) return undefined;
      out += src.slice(i, end + 1);
      i = end + 1;
    } else {
      if (folds(c)) return undefined;
      out += isLetter(c) ? `[${c}${other(c)}]` : c;
      i++;
    }
  }
  return out;
}

/** Index of the "]" closing the class that opens at `src[from]`, or -1. */
function classEnd(src: string, from: number): number {
  let i = from + 1;
  if (src[i] === "^") i++;
  // (a "]" first in a class closes it: "[]" matches nothing, "[^]" any character)
  for (; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "]") return i;
  }
  return -1;
}

/** A class's body with both cases of each ASCII letter and letter range in it, or undefined. */
function spellClass(body: string): string | undefined {
  let out = "";
  let i = 0;
  if (body[0] === "^") {
    out = "^";
    i = 1;
  }
  while (i < body.length) {
    let atom: string;
    let len: number;
    if (body[i] === "\\") {
      len = escapeLength(body, i);
      if (len < 0) return undefined;
      atom = body.slice(i, i + len);
    } else {
      atom = body[i];
      len = 1;
    }
    // a range "a-z" (a "-" last in the class is a literal one)
    if (body[i + len] === "-" && i + len + 1 < body.length) {
      let hi = body[i + len + 1];
      let hiLen = 1;
      if (hi === "\\") {
        hiLen = escapeLength(body, i + len + 1);
        if (hiLen < 0) return undefined;
        hi = body.slice(i + len + 1, i + len + 1 + hiLen);
      }
      const range = `${atom}-${hi}`;
      if (atom.length === 1 && hi.length === 1 && ((isLower(atom) && isLower(hi)) || (isUpper(atom) && isUpper(hi)))) out += range + `${other(atom)}-${other(hi)}`;
      else if (atom.length === 1 && hi.length === 1 && !rangeFolds(atom, hi)) out += range;
      else return undefined;
      i += len + 1 + hiLen;
      continue;
    }
    if (atom.length === 1) {
      if (folds(atom)) return undefined;
      out += isLetter(atom) ? atom + other(atom) : atom;
    } else out += atom;
    i += len;
  }
  return out;
}

/** Does a range of characters hold a letter or another character that folds (so a range of it would need both cases)? */
function rangeFolds(lo: string, hi: string): boolean {
  for (let c = lo.charCodeAt(0); c <= hi.charCodeAt(0); c++) {
    const ch = String.fromCharCode(c);
    if (isLetter(ch) || folds(ch)) return true;
  }
  return false;
}

/** The same pattern without the "i" flag when it can be spelled out, else `re` itself. */
export function spelledCase(re: RegExp): RegExp {
  if (!re.flags.includes("i") || re.flags.includes("u") || re.flags.includes("v")) return re;
  const src = spellCase(re.source);
  return src === undefined ? re : new RegExp(src, re.flags.replace("i", ""));
}
