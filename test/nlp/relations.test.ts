// Pass 05: relations between actors (table test).
import assert from "node:assert/strict";
import { test } from "node:test";
import { runNlp } from "../../src/nlp/pipeline.js";
import { article } from "./helpers.js";

// [text, "source type target" that must be found]
const ROWS: [string, string][] = [
  ["US-backed Syrian Democratic Forces advanced.", "sdf backed-by usa"],
  ["Syrian government troops, supported by Russia and Iran, advanced.", "syria-gov-forces backed-by iran"],
  ["The Military Council is a part of the predominantly-Kurdish SDF. The Deir Ezzor Military Council fought.", "deir-ezzor-military-council part-of sdf"],
  ["The SDF, which is dominated by the Kurdish YPG militia, controls the northeast.", "sdf dominated-by ypg"],
  ["In Syria, the Syrian army and talks between Russia and opposition backer Turkey failed.", "x:syria-opposition backed-by turkey"],
  ["The pro-Assad alliance gained. The alliance includes Iran-backed militias and Hezbollah.", "syria-gov-forces allied-with hezbollah"],
  ["Iranian-backed fighters arrived.", "x:iran-backed-militias backed-by iran"],
  ["Ahmed Abu Kholeh, head of the Deir Ezzor Military Council, told Reuters.", "deir-ezzor-military-council led-by person:ahmed-abu-kholeh"],
  ["The Houthis, who are backed by Iran, fired missiles.", "houthis backed-by iran"],
  ["The Turkish-backed Syrian National Army entered Afrin.", "sna backed-by turkey"],
];

for (const [text, want] of ROWS) {
  test(`relations: ${text.slice(0, 50)}`, () => {
    const doc = runNlp(article(text));
    const got = doc.relations.map((r) => `${r.source} ${r.type} ${r.target}`);
    assert.ok(got.includes(want), `expected "${want}" in ${JSON.stringify(got)}`);
    const r = doc.relations.find((x) => `${x.source} ${x.type} ${x.target}` === want)!;
    for (const e of r.evidence) assert.equal(text.slice(e.start, e.end), e.text);
  });
}

test("relations: the same are found when the text has a ⟦ of its own (the placeholders' bracket)", () => {
  for (const [text, want] of ROWS) {
    const t = `⟦Archive⟧ ${text} ⟦`;
    const got = runNlp(article(t)).relations.map((r) => `${r.source} ${r.type} ${r.target}`);
    assert.ok(got.includes(want), `${t}: expected "${want}" in ${JSON.stringify(got)}`);
  }
});

const BACKLOG: [string, string][] = [
  ["The SDF and its allies took the town.", "sdf allied-with ?"], // allies never named
];
for (const [text, want] of BACKLOG) {
  test(`relations backlog: ${text}`, { todo: "known miss" }, () => {
    const doc = runNlp(article(text));
    assert.ok(doc.relations.some((r) => `${r.source} ${r.type} ${r.target}` === want));
  });
}
