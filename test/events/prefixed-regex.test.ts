// PrefixedRegex gives what its regex's own exec gives: same match, index and groups, on words in
// either case, at and away from word boundaries, with the characters the i and u flags fold to ASCII.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readModel } from "../../src/events/classify.js";
import { literalPrefixes } from "../../src/events/literal-prefixes.js";
import { PrefixedRegex } from "../../src/events/prefixed-regex.js";

const REGEXES = [
  /\b(?:according to|citing|cited by|quoted by|reports? by|said by|as reported by)\s+([^,.;“”"()]{2,90})/iu,
  /\b(?:did not|didn't|no|never|not)\b(?:\s+[\w'’-]+){0,3}\s*$/iu,
  /\b(?:will|set to|plans?|planned)\b|\b(?:to|in order to)\s+$/iu,
  /(?:village|town|city|province)/i,
  /\b(?:killed|wounded)\s+(\d+)/i,
  /(?<!not )\bsuspected\b/i,
];
const WORDS = ["according to", "ACCORDING TO", "Citing", "reports by", "report by", "said by", "ſaid by", "\u212Ailled", "did not", "Didn't", "no", "not", "never",
  "will", "plans", "planned", "to", "in order to", "village", "Township", "citizens", "killed", "wounded", "suspected", "not suspected", "x", "rebels", "Reuters",
  "the", "é", "’", ",", ".", "  ", "3", "12", "-", "_", "ſ", "K"];

/** A seeded generator (deterministic texts). */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

test("PrefixedRegex finds the same first match as the regex on 4,000 generated texts", () => {
  const next = rng(7);
  const gated = REGEXES.map((re) => new PrefixedRegex(re));
  let matched = 0;
  for (let n = 0; n < 4000; n++) {
    const parts: string[] = [];
    const len = 1 + Math.floor(next() * 12);
    for (let k = 0; k < len; k++) parts.push(WORDS[Math.floor(next() * WORDS.length)]);
    const text = parts.join(next() < 0.7 ? " " : "");
    REGEXES.forEach((re, i) => {
      const want = re.exec(text);
      const got = gated[i].exec(text);
      if (want) matched++;
      assert.deepEqual(got ? [...got] : null, want ? [...want] : null, `${re} on ${JSON.stringify(text)}`);
      assert.equal(got?.index, want?.index, `index of ${re} on ${JSON.stringify(text)}`);
      assert.equal(gated[i].test(text), want !== null, `test of ${re} on ${JSON.stringify(text)}`);
    });
  }
  assert.ok(matched > 2000, `the texts should match often enough to compare matches (${matched})`);
});

test("PrefixedRegex gives what each modality cue of the model gives, on texts made of the cues' own words", () => {
  // (the patterns extract.ts gates, read from the model file: a pattern added there is checked too)
  const cues = readModel("modality.tsv", 2).map(([, p]) => new RegExp(p, "iu"));
  const gated = cues.map((re) => new PrefixedRegex(re));
  const words = [...cues.flatMap((re) => literalPrefixes(re.source) ?? []), "rebels", "the", "’", ",", "ſ", "\u212A", "é"];
  // each word as it is, upper-cased and with its letters s and k written as the characters that fold to them
  const pool = words.flatMap((w) => [w, w.toUpperCase(), w.replace(/s/g, "ſ").replace(/k/g, "\u212A")]);
  const next = rng(11);
  let matched = 0;
  for (let n = 0; n < 3000; n++) {
    const parts: string[] = [];
    const len = 1 + Math.floor(next() * 8);
    for (let k = 0; k < len; k++) parts.push(pool[Math.floor(next() * pool.length)]);
    const text = parts.join(next() < 0.8 ? " " : "") + (next() < 0.5 ? " " : "");
    cues.forEach((re, i) => {
      const want = re.exec(text);
      const got = gated[i].exec(text);
      if (want) matched++;
      assert.deepEqual(got ? [...got] : null, want ? [...want] : null, `${re} on ${JSON.stringify(text)}`);
      assert.equal(got?.index, want?.index, `index of ${re} on ${JSON.stringify(text)}`);
    });
  }
  assert.ok(matched > 1000, `the texts should match often enough to compare matches (${matched})`);
});

test("a regex without the i flag or without literal prefixes is run as it is", () => {
  for (const re of [/Reuters/, /\S+ attacked/i, /^the/i]) {
    const g = new PrefixedRegex(re);
    assert.equal(g.exec("Reuters said the rebels attacked")?.[0], re.exec("Reuters said the rebels attacked")?.[0], `${re}`);
  }
});
