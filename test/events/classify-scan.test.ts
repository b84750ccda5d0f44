// The one-pass trigger scan (a prefix index, then each pattern tried where it can start) finds exactly
// the matches a full global scan of every pattern finds, on the example sentences run together as one text.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { literalPrefixes, readModel, scanTriggers } from "../../src/events/classify.js";

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

test("literal prefixes: lookbehinds skipped, optional leading groups add what follows", () => {
  assert.deepEqual(literalPrefixes("(?<!stun )(?:hand |rocket-propelled )?grenades?"), ["hand ", "rocket-propelled ", "grenade"]);
  assert.deepEqual(literalPrefixes("(?:re-?)?captured|seized"), ["re", "captured", "seized"]);
  assert.equal(literalPrefixes("\\S+ attacked"), undefined, "no literal start");
});
