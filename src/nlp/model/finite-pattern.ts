// Literal pre-tests for the case-insensitive phrase patterns of the data files (generic-actors.tsv):
// a pattern written only with literal characters, (?:…) groups, | and ? matches finitely many strings,
// listed here; a trie of them over the lower-cased text finds every place where one of the patterns
// may match, so the patterns themselves are tried only there ("the army" at "the", never at "they").

/**
 * Every string the pattern matches ("(?:the )?armys?" → "the army", "the armys", "army", "armys"),
 * or undefined when it uses anything else (classes, *, +, {n}, anchors, look-arounds, back-references)
 * or matches more than `max` strings.
 */
export function expandFinite(pattern: string, max = 5000): string[] | undefined {
  let i = 0;
  let tooMany = false;
  const cross = (a: string[], b: string[]): string[] => {
    if (a.length * b.length > max) {
      tooMany = true;
      return [];
    }
    const out: string[] = [];
    for (const x of a) for (const y of b) out.push(x + y);
    return out;
  };
  // alternation := sequence ("|" sequence)*
  const alternation = (): string[] | undefined => {
    const all: string[] = [];
    for (;;) {
      const s = sequence();
      if (!s) return undefined;
      all.push(...s);
      if (all.length > max) return undefined;
      if (pattern[i] !== "|") return all;
      i++;
    }
  };
  // sequence := (atom "?"?)*  (a run of plain characters is added to every string at once)
  const sequence = (): string[] | undefined => {
    let acc = [""];
    let literal = "";
    while (i < pattern.length && pattern[i] !== "|" && pattern[i] !== ")") {
      let atom: string[] | undefined;
      const c = pattern[i];
      if (c === "(") {
        if (!pattern.startsWith("(?:", i)) return undefined;
        i += 3;
        atom = alternation();
        if (!atom || pattern[i] !== ")") return undefined;
        i++;
      } else if (c === "\\") {
        const e = pattern[i + 1];
        // an escaped punctuation character stands for itself; \b, \d, \s, \1 … do not
        if (e === undefined || /[\p{L}\p{N}]/u.test(e)) return undefined;
        atom = [e];
        i += 2;
      } else if ("[]{}*+.^$".includes(c)) return undefined;
      else {
        atom = [c];
        i++;
      }
      if (pattern[i] === "?") {
        i++;
        // a lazy "??" tries the empty string first: the set of strings is the same
        if (pattern[i] === "?") i++;
        atom = [...atom, ""];
      }
      if (pattern[i] === "*" || pattern[i] === "+" || pattern[i] === "{") return undefined;
      if (atom.length === 1) {
        literal += atom[0];
        continue;
      }
      if (literal) acc = acc.map((x) => x + literal);
      literal = "";
      acc = cross(acc, atom);
      if (tooMany) return undefined;
    }
    return literal ? acc.map((x) => x + literal) : acc;
  };
  const all = alternation();
  if (!all || i !== pattern.length) return undefined;
  return [...new Set(all)];
}

/**
 * A trie over phrases, matched ASCII-case-insensitively: at a text position, which phrase sets have a
 * phrase starting there (a bit per set). Only for phrases of ASCII characters (other letters fold in
 * ways a JavaScript /i pattern without the u flag does not; such sets are refused by the caller).
 */
export class PhraseTrie {
  /** character code (ASCII, lower case) → alphabet index + 1; 0 ends the walk */
  private readonly alpha = new Uint8Array(128);
  private readonly width: number;
  private next: Int32Array;
  private ends = new Int32Array(64);
  private nodes = 1;
  /** First characters of some phrase (lower case): the positions worth walking from. */
  readonly starts = new Uint8Array(128);

  constructor(sets: string[][]) {
    if (sets.length > 30) throw new Error(`PhraseTrie: ${sets.length} phrase sets, at most 30`);
    for (const set of sets) for (const p of set) if (p === "" || !/^[\x00-\x7f]+$/.test(p)) throw new Error(`PhraseTrie: "${p}" is empty or not ASCII`);
    let w = 0;
    for (const set of sets) for (const p of set) for (const ch of p.toLowerCase()) if (this.alpha[ch.charCodeAt(0)] === 0) this.alpha[ch.charCodeAt(0)] = ++w;
    this.width = w + 1;
    this.next = new Int32Array(64 * this.width);
    sets.forEach((set, k) => {
      for (const p of set) this.add(p.toLowerCase(), 1 << k);
    });
  }

  private add(p: string, bit: number): void {
    this.starts[p.charCodeAt(0)] = 1;
    let node = 0;
    for (let j = 0; j < p.length; j++) {
      const slot = node * this.width + this.alpha[p.charCodeAt(j)];
      let to = this.next[slot];
      if (to === 0) {
        to = this.nodes++;
        if (this.nodes * this.width > this.next.length) {
          const grown = new Int32Array(this.next.length * 2);
          grown.set(this.next);
          this.next = grown;
        }
        if (this.nodes > this.ends.length) {
          const grown = new Int32Array(this.ends.length * 2);
          grown.set(this.ends);
          this.ends = grown;
        }
        this.next[slot] = to;
      }
      node = to;
    }
    this.ends[node] |= bit;
  }

  /** Places found by `find`: hitAt[i] the position, hitBits[i] the sets with a phrase there (reused by the next call). */
  hitAt = new Int32Array(256);
  hitBits = new Int32Array(256);

  /**
   * Every place in `text` where a phrase starts, in order, into hitAt/hitBits; returns their count.
   * With `wordStart`, only places after no ASCII letter, digit or "_" (a \b before a phrase that starts with one).
   */
  find(text: string, wordStart: boolean): number {
    const starts = this.starts;
    let n = 0;
    for (let p = 0; p < text.length; p++) {
      let c = text.charCodeAt(p);
      if (c >= 65 && c <= 90) c += 32;
      if (c >= 128 || starts[c] === 0) continue;
      if (wordStart && p > 0) {
        const b = text.charCodeAt(p - 1);
        if ((b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 95) continue;
      }
      const bits = this.at(text, p);
      if (bits === 0) continue;
      if (n === this.hitAt.length) {
        const a = new Int32Array(n * 2);
        const b = new Int32Array(n * 2);
        a.set(this.hitAt);
        b.set(this.hitBits);
        this.hitAt = a;
        this.hitBits = b;
      }
      this.hitAt[n] = p;
      this.hitBits[n] = bits;
      n++;
    }
    return n;
  }

  /** Whether some phrase starts with the character at `p` (either case): a cheap test before `at`. */
  mayStart(text: string, p: number): boolean {
    let c = text.charCodeAt(p);
    if (c >= 65 && c <= 90) c += 32;
    return c < 128 && this.starts[c] === 1;
  }

  /** The bits of the sets with a phrase that `text` has at `at` (ASCII letters of either case). */
  at(text: string, at: number): number {
    const { alpha, next, ends, width } = this;
    let node = 0;
    let bits = 0;
    for (let j = at; j < text.length; j++) {
      let c = text.charCodeAt(j);
      if (c >= 128) break;
      if (c >= 65 && c <= 90) c += 32;
      const a = alpha[c];
      if (a === 0) break;
      node = next[node * width + a];
      if (node === 0) break;
      bits |= ends[node];
    }
    return bits;
  }
}
