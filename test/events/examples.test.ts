// The sub-event type of the primary event on example sentences written for sitrep: a table test for
// the trigger lexicon. examples.tsv holds single cues; families.tsv whole ways of wording an event that
// the trigger rules must read the same way, one own example sentence each
// (both in test/fixtures/events/triggers/).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { extract } from "../../src/pipeline.js";
import { article } from "../nlp/helpers.js";

for (const [label, file] of [
  ["example", "examples.tsv"],
  ["family", "families.tsv"],
]) {
  const rows = readFileSync(`test/fixtures/events/triggers/${file}`, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.split("\t"));
  for (const [want, sentence] of rows) {
    test(`${label}: ${sentence.slice(0, 60)}`, () => {
      const e = extract(article(sentence)).events.find((x) => x.primary);
      assert.equal(e?.subEventType ?? "none", want, `primary event of: ${sentence}`);
    });
  }
}
