// The one-pass trigger scan (a prefix index, then each pattern tried where it can start) finds exactly
// the matches a full global scan of every pattern finds, on the example sentences run together as one text.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { readModel, scanTriggers } from "../../src/events/classify.js";
import { literalPrefixes } from "../../src/events/literal-prefixes.js";

const sentences = ["examples.tsv", "families.tsv"].flatMap((f) =>
  readFileSync(`test/fixtures/events/triggers/${f}`, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.split("\t")[1]),
);

test("indexed scan = full scan of every pattern", () => {
  const text = sentences.join(" ");
  const scan = scanTriggers(text);
  const rows = readModel("triggers.tsv", 3);
  let matches = 0;
  rows.forEach(([type, , pat], i) => {
    const re = new RegExp(String.raw`\b(?:${pat})`, "gi");
    const want: string[] = [];
    for (let m = re.exec(text); m; m = re.exec(text)) {
      want.push(`${m.index}:${m[0]}`);
      if (m[0] === "") re.lastIndex++;
    }
    matches += want.length;
    assert.deepEqual(
      scan[i].map((h) => `${h.start}:${h.text}`),
      want,
      `row ${i + 1} (${type}) of triggers.tsv`,
    );
  });
  assert.ok(matches > sentences.length, `the examples exercise the patterns (${matches} matches)`);
});

const GUARDIAN = "../shared/data/articles/guardian-sdf-unlabelled.jsonl";

test("indexed scan = full scan of every pattern, on news articles", { skip: existsSync(GUARDIAN) ? false : "needs ../shared/data (absent)" }, () => {
  const rows = readModel("triggers.tsv", 3).map(([, , pat]) => new RegExp(String.raw`\b(?:${pat})`, "gi"));
  const texts = readFileSync(GUARDIAN, "utf8").trim().split("\n").slice(0, 40).map((l) => (JSON.parse(l) as { text: string }).text);
  let matches = 0;
  for (const [k, text] of texts.entries()) {
    const scan = scanTriggers(text);
    rows.forEach((re, i) => {
      const want: string[] = [];
      for (let m = re.exec(text); m; m = re.exec(text)) {
        want.push(`${m.index}:${m[0]}`);
        if (m[0] === "") re.lastIndex++;
      }
      matches += want.length;
      assert.deepEqual(scan[i].map((h) => `${h.start}:${h.text}`), want, `article ${k + 1}, row ${i + 1} of triggers.tsv`);
    });
  }
  assert.ok(matches > texts.length, `the articles have trigger matches (${matches})`);
});

test("literal prefixes: lookbehinds skipped, optional parts and groups expanded, the shortest of nested ones kept", () => {
  assert.deepEqual(literalPrefixes("(?<!stun )(?:hand |rocket-propelled )?grenades?"), ["grenade", "hand grenade", "rocket-propelled grenade"]);
  assert.deepEqual(literalPrefixes("(?:re-?)?captured|seized"), ["captured", "re-captured", "recaptured", "seized"]);
  assert.deepEqual(literalPrefixes("(?:is|was) (?:\\S+ )?behind"), ["is ", "was "], "a group with a non-literal part ends the prefix");
  assert.deepEqual(literalPrefixes("rap(?:ed|e|es|ing)\\b"), ["rape", "raping"], "'raped' starts with 'rape'");
  assert.deepEqual(literalPrefixes("ab+c|\\bVX\\b"), ["ab", "vx"], "'b+' ends the prefix; a word boundary is skipped");
  assert.equal(literalPrefixes("ab|xy*z"), undefined, "'xy*z' leaves one letter: too short to index");
  assert.equal(literalPrefixes("\\S+ attacked"), undefined, "no literal start");
});

test("literal prefixes: a group of many alternatives is expanded once, not multiplied past the cap", () => {
  const many = Array.from({ length: 40 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${i}`).join("|");
  const ps = literalPrefixes(`(?:${many}) (?:a|b|c)`);
  assert.ok(ps && ps.length === 40 && ps.every((p) => p.endsWith(" ")), `40 prefixes, the group after them left out: ${ps?.slice(0, 3)}`);
});
