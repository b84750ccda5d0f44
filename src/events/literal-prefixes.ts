// The literal starts of a regex source: the lower-case prefixes one of which every match begins with
// ("(?:are|is) suspected" gives "are suspected" and "is suspected"), so a pattern need only be tried
// where one of them occurs (the trigger index in classify.ts, PrefixedRegex in prefixed-regex.ts).

/** A word character for a regex `\b` without the unicode flag: [A-Za-z0-9_] (the trigger scan and PrefixedRegex test a prefix's ends with it). */
export const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** Top-level alternatives of a regex source ("a|(?:b|c)d" → ["a", "(?:b|c)d"]). */
export function alternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cls = false;
  // (each alternative cut out of the source at once, not built character by character)
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src.charCodeAt(i);
    if (ch === 92 /* \\ */) i++;
    else if (cls) {
      if (ch === 93 /* ] */) cls = false;
    } else if (ch === 91 /* [ */) cls = true;
    else if (ch === 40 /* ( */) depth++;
    else if (ch === 41 /* ) */) depth--;
    else if (ch === 124 /* | */ && depth === 0) {
      out.push(src.slice(from, i));
      from = i + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

/** Index of the parenthesis closing the group that opens `src` at `from`, or -1. */
function groupEnd(src: string, from = 0): number {
  let depth = 0;
  let cls = false;
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (cls) {
      if (ch === "]") cls = false;
    } else if (ch === "[") cls = true;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/** An alternative without its leading lookbehinds (they consume nothing: a match starts with what follows them), or undefined when one is unclosed. */
export function afterLookbehinds(alt: string): string | undefined {
  let rest = alt;
  while (rest.startsWith("(?<!") || rest.startsWith("(?<=")) {
    const end = groupEnd(rest);
    if (end < 0) return undefined;
    rest = rest.slice(end + 1);
  }
  return rest;
}

/** How many partial prefixes one alternative may branch into ("re-?" makes two) before its expansion stops at a further branching. */
const MAX_HEADS = 32;

/** The characters a literal prefix is made of: [a-z0-9' -] in either case. */
const isLiteral = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 32 || c === 45;
const QUANTIFIER = new Set(["?", "*", "+", "{"]);

/** A literal start of a match; `open` while every element up to here was literal (more may follow). */
interface Head {
  p: string;
  open: boolean;
}

const STOP: Head[] = [{ p: ".", open: true }];
const DIGITS: Head[] = [..."0123456789"].map((d) => ({ p: d, open: true }));
// (module functions, not closures made per call)
const closeAll = (hs: Head[]): Head[] => hs.map(closeHead);
const closeHead = (h: Head): Head => ({ p: h.p, open: false });
function anyOpen(hs: Head[]): boolean {
  for (const h of hs) if (h.open) return true;
  return false;
}

/**
 * The literal starts of a sequence (a regex source without a top-level "|"), lower-cased: letters,
 * digits (and "\\d"), spaces, hyphens, apostrophes and escaped full stops, optional ones ("re-?") and groups of such alternatives
 * ("(?:was|were) ") expanded, up to the first element of another kind. Every match of the sequence
 * starts with one of them.
 */
function heads(seq: string): Head[] {
  // a word boundary consumes nothing
  let i = seq.startsWith("\\b") ? 2 : 0;
  // (a run of literal characters without a quantifier is taken at once)
  let run = i;
  while (run < seq.length && isLiteral(seq.charCodeAt(run)) && !QUANTIFIER.has(seq[run + 1] ?? "")) run++;
  if (run === seq.length) return [{ p: seq.slice(i).toLowerCase(), open: true }];
  let hs: Head[] = [{ p: seq.slice(i, run).toLowerCase(), open: true }];
  i = run;
  while (i < seq.length && anyOpen(hs)) {
    let parts: Head[];
    let len: number;
    if (isLiteral(seq.charCodeAt(i))) {
      // the characters up to one with a quantifier, or that one alone
      let j = i + 1;
      if (!QUANTIFIER.has(seq[j] ?? "")) while (j < seq.length && isLiteral(seq.charCodeAt(j)) && !QUANTIFIER.has(seq[j + 1] ?? "")) j++;
      parts = [{ p: seq.slice(i, j).toLowerCase(), open: true }];
      len = j - i;
    } else if (seq.startsWith("\\.", i)) {
      // an escaped full stop ("U\\.S\\.")
      parts = STOP;
      len = 2;
    } else if (seq.startsWith("\\d", i)) {
      // a digit: ten starts
      parts = DIGITS;
      len = 2;
    } else if (seq.startsWith("(?:", i)) {
      const end = groupEnd(seq, i);
      if (end < 0) return closeAll(hs);
      parts = alternatives(seq.slice(i + 3, end)).flatMap(heads);
      len = end + 1 - i;
    } else return closeAll(hs);
    const q = seq[i + len];
    // may be absent more than once or repeat: the starts end before it
    if (q === "*" || q === "{") return closeAll(hs);
    const next: Head[] = [];
    for (const h of hs) {
      if (!h.open) next.push(h);
      else {
        // "x+": at least one x, then more may follow
        for (const part of parts) next.push({ p: h.p + part.p, open: part.open && q !== "+" });
        if (q === "?") next.push(h);
      }
    }
    // (past the cap the starts found so far do, once each is long enough to be worth indexing)
    if (next.length > MAX_HEADS && next.length > hs.length && hs.every((h) => h.p.length >= 2)) return closeAll(hs);
    hs = next;
    i += len + (q === "?" || q === "+" ? 1 : 0);
    // a lazy quantifier ("??", "+?") allows the same texts
    if ((q === "?" || q === "+") && seq[i] === "?") i++;
  }
  return hs;
}

/**
 * The literal prefixes (2+ characters) one of which every match of `src` starts with, or undefined.
 * Each is as long as the pattern allows ("(?:are|is) suspected" gives "are suspected" and "is suspected"),
 * so the prefix index sends few places to the full pattern; none starts with another.
 */
export function literalPrefixes(src: string): string[] | undefined {
  const out: string[] = [];
  for (const whole of alternatives(src)) {
    const alt = afterLookbehinds(whole);
    if (alt === undefined) return undefined;
    for (const h of heads(alt)) {
      if (h.p.length < 2) return undefined;
      out.push(h.p);
    }
  }
  // a prefix another one starts with adds nothing: the shorter one finds its places too
  // (in sorted order a prefix comes right before the ones that start with it)
  const kept: string[] = [];
  for (const p of [...new Set(out)].sort()) if (kept.length === 0 || !p.startsWith(kept[kept.length - 1])) kept.push(p);
  return kept;
}
