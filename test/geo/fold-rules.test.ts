// nameKey's letter folding gives what the transliteration rules give applied one after another as
// written (each substitution as a global pattern over the word, then doubled letters single), on
// generated words rich in the rules' letters: fold() skips a rule for a word that cannot hold its
// letters, and must never skip one that a word (or an earlier rule's output) makes match.
import assert from "node:assert/strict";
import { test } from "node:test";
import rules from "../../src/geo/model/transliteration.json" with { type: "json" };
import { dropsBeforeName, nameKey } from "../../src/geo/normalize.js";
import { pseudoRandom } from "./pseudo-random.js";

const SUBS = rules.substitutions.map(([a, b]) => [new RegExp(a!, "g"), b!, /^[a-z]+$/.test(a!) ? a! : ""] as const);

/**
 * The rules applied in order; with `ownLettersOnly`, a rule written as plain letters only to a word
 * that held all its letters from the start (what fold() would do if it forgot what rules write).
 */
function byRules(w: string, ownLettersOnly = false): string {
  const own = w;
  for (const [re, to, plain] of SUBS) {
    if (ownLettersOnly && [...plain].some((c) => !own.includes(c))) continue;
    w = w.replace(re, to);
  }
  return w.replace(/([a-z])\1+/g, "$1");
}

test("fold: generated one-word names fold as the rules applied in order", () => {
  // the rules' letters and a few others (no word of the words table, no article: one word is folded as it is)
  const letters = "aeiouyqphwkfsthbz";
  const skip = new Set<string>([...Object.keys(rules.words), ...rules.articles, ...rules.leadingWords]);
  const rnd = pseudoRandom(5);
  let changedLate = 0;
  for (let n = 0; n < 20000; n++) {
    const len = 1 + (rnd.next().value! % 9);
    let w = "";
    for (let k = 0; k < len; k++) w += letters[rnd.next().value! % letters.length];
    if (skip.has(w)) continue;
    const want = byRules(w);
    // words where a rule's output makes a later rule match ("aay" → "ai" → "i")
    if (want !== byRules(w, true)) changedLate++;
    assert.equal(nameKey(w), want, `nameKey(${JSON.stringify(w)})`);
  }
  assert.ok(changedLate > 20, `the generated words include ones whose rules interact (${changedLate})`);
});

test("fold: a rule made to match only by an earlier rule's output still applies", () => {
  // "ay" → "i", then "ai" → "i": 'aay' holds no 'i' until the first rule writes one
  assert.equal(nameKey("aay"), byRules("aay"));
  assert.equal(nameKey("baayk"), byRules("baayk"));
});

test("dropsBeforeName: a word nameKey drops before another, as the key of the two words says", () => {
  const words: string[] = [...rules.articles, ...rules.leadingWords, ...Object.keys(rules.words), ...Object.values(rules.words)];
  const az = "abcdefghijklmnopqrstuvwxyz";
  for (const a of az) for (const b of az) {
    words.push(a + b);
    for (const c of "aehlnrstuz") words.push(a + b + c);
  }
  let dropped = 0;
  for (const w of words) {
    const want = nameKey(`${w.toUpperCase()} x`) === "x";
    if (want) dropped++;
    assert.equal(dropsBeforeName(w), want, `dropsBeforeName(${JSON.stringify(w)})`);
  }
  assert.ok(dropped >= rules.articles.length, `the articles are among the words dropped (${dropped})`);
});
