// Who acted: a people's forces as an actor ("Kurdish fighters"), "fell to X", and "they" / "the group"
// referring back to the last armed actor named (same or previous sentence, lower confidence).
import assert from "node:assert/strict";
import { test } from "node:test";
import { extract } from "../../src/pipeline.js";
import { article } from "../nlp/helpers.js";

const primary = (text: string) => extract(article(text)).events.find((e) => e.primary);

// [text, actor1 of the primary event (or "none"), rule of its evidence]
const SUBJECTS: [string, string, string][] = [
  ["Kurdish fighters clashed with Turkish troops near Afrin.", "kurdish-forces", "actor1/before-trigger"],
  ["Druze militiamen repelled an attack on the town of Sweida.", "druze-forces", "actor1/before-trigger"],
  ["After weeks of battles, the last strongholds fell to Kurdish fighters.", "kurdish-forces", "actor1/passive-by"],
  ["The SDF launched an assault on Raqqa. They have captured around 60 per cent of the city.", "sdf", "actor1/anaphora"],
  ["Isis fighters stormed the town. The group killed 20 villagers.", "isis", "actor1/anaphora"],
  ["Al-Shabaab moved into the region last month. On Sunday the group seized the town of Af-Urur.", "al-shabaab", "actor1/anaphora"],
  // the ones acted on, not the actors
  ["Isis fighters were cornered. They were arrested by the police.", "police", "actor1/passive-by"],
  // the last named is no armed actor, or a group in between is the one meant
  ["Villagers fled the area. They later seized the town.", "none", ""],
  ["The Iraqi army drove the jihadists out of Mosul. But they are now regrouping in Sunni areas.", "none", ""],
  // more than one sentence back
  ["The SDF entered Raqqa. Residents fled. The town lay in ruins. They captured the stadium.", "none", ""],
];
for (const [text, want, rule] of SUBJECTS) {
  test(`subject: ${text.slice(0, 60)}`, () => {
    const e = primary(text);
    assert.ok(e, `an event in ${text}`);
    assert.equal(e.actor1 ?? "none", want, `actor1 of ${text}`);
    if (rule) assert.ok(e.evidence.some((v) => v.rule === rule), `evidence ${rule} in ${e.evidence.map((v) => v.rule).join(", ")}`);
  });
}

test("an anaphoric subject has lower confidence and names what it refers back to", () => {
  const doc = extract(article("The SDF launched an assault on Raqqa. They have captured around 60 per cent of the city."), { explain: true });
  const e = doc.events.find((x) => x.evidence.some((v) => v.rule === "actor1/anaphora"));
  const v = e?.evidence.find((x) => x.rule === "actor1/anaphora");
  assert.ok(v && v.confidence < 0.7, "anaphora evidence with lower confidence");
  assert.equal(v?.text, "They", "the pronoun is the evidence span");
  assert.match(v?.explain ?? "", /SDF/, "the explanation names the antecedent");
});

test("a people's forces are their own actor, never a guessed organisation", () => {
  const doc = extract(article("Kurdish forces captured the town from Isis, while the Kurdish YPG held the line."));
  const k = doc.actors.find((a) => a.id === "kurdish-forces");
  assert.equal(k?.kind, "identity-militia", "Kurdish forces are an identity militia");
  assert.ok(doc.actors.some((a) => a.id === "ypg"), "a named organisation still comes from the lexicon");
  assert.ok(!doc.actors.some((a) => a.id === "sdf"), "Kurdish forces are not assumed to be the SDF");
});
