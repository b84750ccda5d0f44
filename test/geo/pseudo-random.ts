// A small deterministic generator for the geo tests' generated inputs (no Math.random: a failure must be
// reproducible): the 32-bit linear congruential sequence from `seed`, each value an unsigned 32-bit integer.
export function* pseudoRandom(seed: number): Generator<number, never> {
  let x = seed;
  for (;;) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    yield x;
  }
}
