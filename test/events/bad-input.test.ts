// Bad input never throws: odd Unicode, huge documents, no sentences, other languages.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractEvents } from "../../src/events/extract.js";
import { runNlp } from "../../src/nlp/pipeline.js";
import { extract } from "../../src/pipeline.js";
import { article } from "../nlp/helpers.js";

const codes = (body: string) => extract(article(body)).warnings.map((w) => w.code);

test("odd Unicode: control characters, lone surrogates, emoji, RTL marks, zero-width joiners", () => {
  const body = "The SDF\u200b attacked Isis\u0000 in Raqqa \ud800 on Saturday 💥. \u202eIsis\u202c fighters fled\uFEFF.\r\n\r\nالمرصد said 12 were killed.";
  const d = extract(article(body));
  for (const e of d.events) assert.ok(e.sentence.end <= body.length);
  for (const a of d.actors) for (const m of a.mentions) assert.equal(body.slice(m.start, m.end), m.text);
});

test("a 100,000-word document is capped with TEXT_TRUNCATED", () => {
  const para = "The SDF launched an offensive against Isis in Deir Ezzor province on Saturday, the monitor said. ";
  const body = para.repeat(Math.ceil(100_000 / 16));
  // the extraction stages only (geoparsing has its own bad-input tests)
  const a = article(body);
  const nlp = runNlp(a);
  const ev = extractEvents(a, nlp, []);
  assert.ok(nlp.warnings.some((w) => w.code === "TEXT_TRUNCATED"));
  assert.ok(ev.events.length > 0);
  assert.equal(ev.events.filter((e) => e.primary).length, 1);
  for (const e of ev.events) assert.ok(e.sentence.end <= body.length);
});

test("text with no sentences", () => {
  assert.ok(codes("").includes("NO_SENTENCES"));
  assert.ok(codes("   \n\n ... --- ***").includes("NO_SENTENCES"));
  assert.deepEqual(extract(article("12 34 56")).events, []);
});

test("other languages are reported, not misread as English", () => {
  const fr = "Les Forces démocratiques syriennes ont lancé samedi une offensive contre le groupe État islamique dans la province de Deir Ezzor, selon l'Observatoire syrien des droits de l'homme, qui a fait état de combats.";
  const d = extract(article(fr));
  assert.ok(d.warnings.some((w) => w.code === "NOT_ENGLISH"));
  assert.deepEqual(d.events, []);
  assert.deepEqual(d.actors, []);
  assert.ok(codes("قوات سوريا الديمقراطية أطلقت هجوما ضد تنظيم الدولة الإسلامية يوم السبت في دير الزور").includes("NOT_ENGLISH"));
});

test("a body that is not a string does not throw", () => {
  const a = article("x");
  (a as unknown as { body: unknown }).body = undefined;
  assert.doesNotThrow(() => extract(a));
});
