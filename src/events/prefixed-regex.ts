// A case-insensitive regex tried only where one of its literal prefixes starts (literal-prefixes.ts):
// the same first match as the regex's own search, found by comparing a few characters at each place
// instead of running the whole pattern there. V8 runs a long /i or /iu alternation slowly at every
// position of a subject (most of all a two-byte one), and most sentences hold none of its words.
import { afterLookbehinds, alternatives, isWordCode, literalPrefixes } from "./literal-prefixes.js";

// The only characters outside ASCII that the i and u flags together fold to an ASCII letter (long s
// to "s", the Kelvin sign to "k"), which also count as word characters for `\b` there: a subject
// holding one is searched by the regex itself.
const FOLDS_TO_ASCII = /[\u017f\u212a]/;

/** True when every match of `src` starts at a word boundary (each alternative begins with `\b`). */
function startsAtBoundary(src: string): boolean {
  for (const whole of alternatives(src)) {
    const alt = afterLookbehinds(whole);
    if (alt === undefined || !alt.startsWith("\\b")) return false;
  }
  return true;
}

export class PrefixedRegex {
  /** The regex as given, for the subjects the prefixes cannot be used on. */
  readonly re: RegExp;
  /** `re` anchored at lastIndex. */
  private readonly sticky: RegExp | undefined;
  /** Per lower-case ASCII code, the prefixes that start with it (undefined: none). */
  private readonly byFirst: (string[] | undefined)[] = [];
  private readonly boundary: boolean;
  private readonly wide: boolean;

  /** `re`: a regex without the g or y flag; used as it is when it lacks the i flag or literal prefixes. */
  constructor(re: RegExp) {
    this.re = re;
    const prefixes = re.flags.includes("i") && !re.global && !re.sticky ? literalPrefixes(re.source) : undefined;
    this.boundary = prefixes !== undefined && startsAtBoundary(re.source);
    this.wide = re.unicode;
    if (!prefixes) return;
    for (let c = 0; c < 128; c++) this.byFirst.push(undefined);
    for (const p of prefixes) (this.byFirst[p.charCodeAt(0)] ??= []).push(p);
    this.sticky = new RegExp(re.source, `${re.flags}y`);
  }

  /** What `re.exec(s)` gives. */
  exec(s: string): RegExpExecArray | null {
    const sticky = this.sticky;
    if (sticky === undefined || (this.wide && FOLDS_TO_ASCII.test(s))) return this.re.exec(s);
    const n = s.length;
    let wordBefore = false;
    for (let p = 0; p < n; p++) {
      const c = s.charCodeAt(p);
      if (this.boundary) {
        const word = isWordCode(c);
        if (word === wordBefore) continue;
        wordBefore = word;
      }
      if (c >= 128) continue;
      const list = this.byFirst[c >= 65 && c <= 90 ? c + 32 : c];
      if (list === undefined || !startsHere(s, p, list)) continue;
      sticky.lastIndex = p;
      const m = sticky.exec(s);
      if (m !== null) return m;
    }
    return null;
  }

  /** What `re.test(s)` gives. */
  test(s: string): boolean {
    return this.exec(s) !== null;
  }
}

/** Whether one of `list` (lower case) starts at `p` of `s`, ASCII letters compared in either case. */
function startsHere(s: string, p: number, list: string[]): boolean {
  for (const q of list) {
    if (p + q.length > s.length) continue;
    let k = 1;
    for (; k < q.length; k++) {
      const c = s.charCodeAt(p + k);
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== q.charCodeAt(k)) break;
    }
    if (k === q.length) return true;
  }
  return false;
}
