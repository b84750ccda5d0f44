// Short a-z words as numbers, and a table of such numbers: the language guesses in ingest and in NLP pass 02
// compute a word's number as they walk a text's character codes and look it up without making its string.

/** Words of up to SHORT letters a-z are numbers (base 27, "a" = 1); a longer word's number is that of its first SHORT letters. */
export const SHORT = 6;

/** The number of an a-z word (of its first SHORT letters). */
export function wordCode(w: string): number {
  let key = 0;
  for (let k = 0; k < w.length && k < SHORT; k++) key = key * 27 + w.charCodeAt(k) - 96;
  return key;
}

/**
 * Word numbers → non-zero 32-bit values in an open-addressed table (a power-of-two size, at most a quarter full):
 * slot j holds number + 1 in `keys` (0: empty) and its value in `values`. Looked up in a few reads of two typed
 * arrays, no Map.
 */
export class WordCodeTable {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  constructor(entries: Map<number, number>) {
    let size = 64;
    while (size < entries.size * 4) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size);
    for (const [key, v] of entries) {
      let j = slot(key) & this.mask;
      while (this.keys[j] !== 0) j = (j + 1) & this.mask;
      this.keys[j] = key + 1;
      this.values[j] = v;
    }
  }
  /** The value of word number `key`, 0 when it has none. */
  get(key: number): number {
    for (let j = slot(key) & this.mask; ; j = (j + 1) & this.mask) {
      const k = this.keys[j];
      if (k === 0) return 0;
      if (k === key + 1) return this.values[j];
    }
  }
}
const slot = (key: number) => Math.imul(key, 0x9e3779b1) >>> 7;
