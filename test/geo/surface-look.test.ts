// The recognizer's one-look answers (Gazetteer.surface: the key, whether a longer name goes on, and
// named()) agree with the separate look-ups they stand for (nameKey, hasLongerKey, lookupKey) on
// names from the real gazetteer, their first words and near misses. surface() answers both
// questions from one bisection; the separate look-ups bisect on their own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { nameKey } from "../../src/geo/normalize.js";

const gaz = loadGazetteer();

test("surface() answers as nameKey, hasLongerKey and lookupKey do", (t) => {
  if (!gaz) return t.skip("no gazetteer (npm run build:gazetteer)");
  const asks = new Set<string>(["A", "Al", "Al-", "Deir", "Deir ez-Zor", "New", "New York", "Saint", "US", "Z", "Zz", "Xq Yq", "'s"]);
  for (let i = 0; i < gaz.size; i += 61) {
    const name = gaz.name(i);
    const words = name.split(" ");
    asks.add(name);
    asks.add(words[0]!);
    if (words.length > 2) asks.add(words.slice(0, 2).join(" "));
    asks.add(`${name} Province`);
    asks.add(name.slice(0, Math.max(1, name.length - 1)));
  }
  let longer = 0;
  let named = 0;
  for (const s of asks) {
    const look = gaz.surface(s);
    const key = nameKey(s);
    assert.equal(look.key, key, `key of ${JSON.stringify(s)}`);
    assert.equal(look.longer, gaz.hasLongerKey(key), `longer of ${JSON.stringify(s)} (${key})`);
    assert.equal(gaz.named(look), gaz.lookupKey(key).length > 0, `named ${JSON.stringify(s)} (${key})`);
    if (look.longer) longer++;
    if (gaz.named(look)) named++;
  }
  // both answers are met both ways (the comparison above is not of all-false answers)
  assert.ok(longer > 100 && longer < asks.size - 100, `${longer} of ${asks.size} asks have a longer name`);
  assert.ok(named > 1000 && named < asks.size - 100, `${named} of ${asks.size} asks name an entry`);
});

test("candidatesOf(surface, look) gives what candidates(surface) gives from a fresh search", (t) => {
  if (!gaz) return t.skip("no gazetteer (npm run build:gazetteer)");
  // names as written, in capitals, with curly and straight possessives, cut short, and abbreviations:
  // keys with entries, keys without, one-byte keys (no bisection in the look), abbreviation-only hits
  const asks = new Set<string>(["US", "U.S.", "UK", "Tenn.", "Calif.", "A", "É", "Z", "Al", "Xq", "Deir ez-Zor", "DEIR EZ ZOR", "Ḩamāh"]);
  for (let i = 0; i < gaz.size; i += 97) {
    const name = gaz.name(i);
    asks.add(name);
    asks.add(name.toUpperCase());
    asks.add(`${name}’s`);
    asks.add(name.slice(0, Math.max(1, name.length - 2)));
  }
  // the plain path (nameKey, lookupKey) first, every memo then emptied, then the look's path
  const want = new Map<string, number[]>();
  for (const s of asks) want.set(s, [...gaz.candidates(s)]);
  gaz.clearMemo();
  let some = 0;
  for (const s of asks) {
    const got = gaz.candidatesOf(s, gaz.surface(s));
    assert.deepEqual([...got], want.get(s), `candidates of ${JSON.stringify(s)}`);
    if (got.length > 0) some++;
  }
  assert.ok(some > 1000 && some < asks.size - 100, `${some} of ${asks.size} asks have candidates`);
});
