// The sub-event type of the primary event on example sentences written for sitrep
// (test/fixtures/events/triggers/examples.tsv): a table test for the trigger lexicon.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { extract } from "../../src/pipeline.js";
import { article } from "../nlp/helpers.js";

const rows = readFileSync("test/fixtures/events/triggers/examples.tsv", "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => l.split("\t"));

for (const [want, sentence] of rows) {
  test(`example: ${sentence.slice(0, 60)}`, () => {
    const e = extract(article(sentence)).events.find((x) => x.primary);
    assert.equal(e?.subEventType ?? "none", want);
  });
}
