// The literal pre-test for phrase patterns (src/nlp/model/finite-pattern.ts): the strings a finite
// pattern matches, and a trie of them that finds every place where the pattern itself matches.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expandFinite, PhraseTrie } from "../../src/nlp/model/finite-pattern.js";
import { readTsv } from "../../src/nlp/model/load.js";

test("finite patterns: every string of groups, alternatives and optional parts", () => {
  const got = expandFinite("(?:the )?arm(?:y|ies)s?")?.sort();
  assert.deepEqual(got, ["armies", "armiess", "army", "armys", "the armies", "the armiess", "the army", "the armys"], `got ${got}`);
  assert.deepEqual(expandFinite("a|b\\-c"), ["a", "b-c"], "alternatives at the top level and an escaped hyphen");
  assert.deepEqual(expandFinite("x(?:y??)"), ["xy", "x"], "a lazy ? gives the same strings");
});

test("finite patterns: anything else is refused", () => {
  for (const p of ["[a-z]+", "a*", "a+", "a{2}", "\\bwar", "(war)", "(?=a)b", "(?<n>a)", "a.", "^a", "(?:a", "a)"]) {
    assert.equal(expandFinite(p), undefined, `"${p}" should not expand`);
  }
  assert.equal(expandFinite("(?:a|b)(?:a|b)(?:a|b)", 7), undefined, "more strings than the limit");
});

test("phrase trie: the sets with a phrase at a place, in either case", () => {
  const t = new PhraseTrie([["the army", "army"], ["police"], ["the"]]);
  assert.equal(t.at("The Army said", 0), 0b101, "'The Army' and 'The' at 0");
  assert.equal(t.at("The Army said", 4), 0b001, "'Army' at 4");
  assert.equal(t.at("POLICEMEN", 0), 0b010, "'police' is a prefix: the pattern decides where it ends");
  assert.equal(t.at("polic", 0), 0, "a phrase cut short is no phrase");
  assert.throws(() => new PhraseTrie([["café"]]), /not ASCII/, "non-ASCII phrases are refused");
});

test("phrase trie: find lists the places in order, at word starts only when asked", () => {
  const t = new PhraseTrie([["army"], ["my"]]);
  const text = "The army, my Army; enemy armyX";
  const places = (wordStart: boolean) => {
    const n = t.find(text, wordStart);
    return [...t.hitAt.slice(0, n)].map((p, i) => `${p}:${t.hitBits[i]}`).join(" ");
  };
  assert.equal(places(true), "4:1 10:2 13:1 25:1", "word starts: 'army' at 4, 13, 25 and 'my' at 10");
  assert.equal(places(false), "4:1 6:2 10:2 13:1 15:2 22:2 25:1 27:2", "anywhere: also 'my' inside 'army' and 'enemy'");
});

test("phrase trie: finds every place where a generic-actor pattern matches", () => {
  const rows = readTsv("generic-actors.tsv", 4);
  const sets = rows.map((r) => expandFinite(r[3]));
  assert.ok(
    sets.every((s) => s !== undefined),
    "every pattern of generic-actors.tsv is finite (else the actors pass falls back to the slower alternation)",
  );
  const trie = new PhraseTrie(sets as string[][]);
  const text =
    "THE ARMY and the Army; anti-riot police, Riot Policemen, éresidents, the_army, Rebel Fighters, the rebels-held " +
    "town, pro-government forces, Government-led troops, Islamist Militants, angry crowds and mobs; civilians, jihadists.";
  let matches = 0;
  rows.forEach(([, , , pat], k) => {
    const re = new RegExp(String.raw`\b(?:${pat})\b(?!-)`, "gi");
    for (const m of text.matchAll(re)) {
      matches++;
      assert.ok((trie.at(text, m.index ?? 0) & (1 << k)) !== 0, `pattern ${k} matches "${m[0]}" at ${m.index}, the trie misses it`);
    }
  });
  assert.ok(matches >= 12, `the text has matches of the patterns (${matches})`);
});
