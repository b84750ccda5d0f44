// Modality of classified events: planned talks and captures, failed talks, and what is or is not a
// hedge. (The wording-family table, families.tsv, runs in examples.test.ts.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { extract } from "../../src/pipeline.js";
import { article } from "../nlp/helpers.js";

// [sentence, modality of the primary event]: talks and signings still to come are planned
const PLANNED: [string, string][] = [
  ["Talks between the government and the rebels are due to be held in Geneva next month.", "planned"],
  ["Peace talks are due to resume in Geneva.", "planned"],
  ["The two sides will hold talks in Geneva on Tuesday.", "planned"],
  ["Negotiations on a ceasefire are scheduled to resume in Doha.", "planned"],
  ["The parties are expected to sign a peace agreement.", "planned"],
  ["Talks between the two sides were held in Geneva last week.", "asserted"],
  ["The warring parties signed a peace deal in Juba on Saturday.", "asserted"],
];
for (const [text, want] of PLANNED) {
  test(`planned talks: ${text.slice(0, 60)}`, () => {
    const e = extract(article(text)).events.find((x) => x.primary);
    assert.equal(e?.subEventType, "Agreement", `an agreement event in: ${text}`);
    assert.equal(e?.modality, want, `modality of: ${text}`);
  });
}

test("failed peace talks are background, not an agreement", () => {
  const d = extract(article("The chaos has drawn in regional powers, with peace talks failing to resolve the war."));
  assert.ok(!d.events.some((e) => e.subEventType === "Agreement"), "no Agreement from talks that failed");
});

test("an infinitive capture is planned, and gives way to what did happen beside it", () => {
  const vow = extract(article("The rebels vowed to retake the town within days.")).events.find((x) => x.primary);
  assert.equal(vow?.modality, "planned", "a vow to retake is a planned event");
  const both = extract(article("Rebels ambushed an army convoy near the town and vowed to retake it within days.")).events.find((x) => x.primary);
  assert.equal(both?.subEventType, "Armed clash", "the ambush, not the vow, is the event");
});

// [text, modality of the primary event]: reasons and months are not hedges; threats and warnings are
const HEDGES: [string, string][] = [
  ["Amid concerns over rising prices, hundreds of people protested in the capital.", "asserted"],
  ["In May, rebels seized the town after a week of fighting.", "asserted"],
  ["Under threat of arrest, the activists marched to the parliament.", "asserted"],
  ["The army warned that it could launch an offensive on the town.", "hypothetical"],
  ["The group threatened to attack the city.", "hypothetical"],
  ["There are fears of an eventual clash between the two sides.", "hypothetical"],
];
for (const [text, want] of HEDGES) {
  test(`hedge: ${text.slice(0, 60)}`, () => {
    const e = extract(article(text)).events.find((x) => x.primary);
    assert.equal(e?.modality, want, `modality of: ${text}`);
  });
}
