// The seed article: a golden file of actors, relations, events and quotes, plus the analyst's
// must-haves checked one by one, and the page's boilerplate yielding nothing.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { extractEvents } from "../../src/events/extract.js";
import { readInputs } from "../../src/ingest/index.js";
import { runNlp } from "../../src/nlp/pipeline.js";
import { extract } from "../../src/pipeline.js";
import type { Article } from "../../src/types/index.js";
import { article } from "../nlp/helpers.js";

const SEED = "../shared/data/seed/independent-2017-09-09-syria-deir-ezzor.txt";
const DIR = "test/fixtures/events/seed";
const skip = existsSync(SEED) ? false : "needs ../shared/data (absent)";

async function seedArticle(): Promise<Article> {
  for await (const r of readInputs([SEED])) if (r.ok) return r.article;
  throw new Error("the seed could not be read");
}

function compact(a: Article) {
  const nlp = runNlp(a);
  const ev = extractEvents(a, nlp, []);
  return {
    actors: nlp.actors.map((x) => ({ id: x.id, name: x.name, kind: x.kind, inter: x.inter, country: x.country, role: x.role, affiliation: x.affiliation, aliases: x.aliases, mentions: x.mentions.length })),
    relations: [...nlp.relations, ...ev.relations].map((r) => `${r.source} ${r.type} ${r.target} | ${r.evidence.map((e) => `${e.rule}: ${e.text}`).join(" || ")}`),
    events: ev.events.map((e) => ({
      id: e.id,
      primary: e.primary,
      type: `${e.eventType} / ${e.subEventType}`,
      actor1: e.actor1,
      assoc1: e.assocActors1,
      actor2: e.actor2,
      assoc2: e.assocActors2,
      location: e.location?.text,
      date: `${e.date.date}${e.date.end ? `..${e.date.end}` : ""} p${e.date.precision}${e.date.text ? ` "${e.date.text}"` : ""}`,
      fatalities: e.fatalities,
      modality: e.modality,
      source: `${e.attribution.name} (${e.attribution.kind})`,
      trigger: e.trigger.text,
      sentence: a.body.slice(e.sentence.start, e.sentence.end),
    })),
    quotes: nlp.quotes.map((q) => ({ text: q.text, speaker: q.speaker, role: q.role })),
    warnings: [...nlp.warnings, ...ev.warnings],
  };
}

test("seed golden", { skip }, async () => {
  const got = compact(await seedArticle());
  const file = `${DIR}/expected.json`;
  const json = `${JSON.stringify(got, null, 2)}\n`;
  if (process.env.UPDATE === "1" || !existsSync(file)) writeFileSync(file, json);
  const want = readFileSync(file, "utf8");
  if (json !== want) writeFileSync(`${DIR}/actual.json`, json);
  assert.equal(json, want, `golden mismatch: compare ${DIR}/actual.json with expected.json`);
});

test("seed: what an analyst expects", { skip }, async () => {
  const a = await seedArticle();
  const nlp = runNlp(a);
  const { events } = extractEvents(a, nlp, []);
  const rel = (s: string, t: string, d: string) => nlp.relations.some((r) => r.source === s && r.type === t && r.target === d);
  assert.ok(rel("sdf", "backed-by", "usa") || rel("sdf", "backed-by", "usa-gov-forces"), "SDF US-backed");
  assert.ok(rel("sdf", "dominated-by", "ypg"), "SDF dominated by YPG");
  assert.ok(rel("deir-ezzor-military-council", "part-of", "sdf"), "Military Council part of SDF");
  assert.ok(rel("deir-ezzor-military-council", "led-by", "person:ahmed-abu-kholeh"), "head Ahmed Abu Kholeh");
  assert.ok(rel("syria-gov-forces", "backed-by", "russia") && rel("syria-gov-forces", "backed-by", "iran"), "gov backed by Russia and Iran");
  assert.ok(rel("syria-gov-forces", "allied-with", "hezbollah"), "Hezbollah in the alliance");
  const p = events.find((e) => e.primary)!;
  assert.deepEqual([p.actor1, p.actor2, p.subEventType, p.date.date, p.date.precision], ["sdf", "isis", "Armed clash", "2017-09-09", 1]);
  const find = (f: (e: (typeof events)[number]) => boolean, what: string) => assert.ok(events.some(f), what);
  find((e) => e.actor1 === "sdf" && e.attribution.actor === "sohr" && /seiz/.test(e.trigger.text), "SDF seizing hilltops per the Observatory");
  find((e) => e.actor1 === "syria-gov-forces" && /siege/.test(e.trigger.text) && e.date.precision === 2, "siege broken this week");
  find((e) => e.subEventType === "Government regains territory" && e.location?.text === "Homs" && e.attribution.kind === "partisan-media", "villages near Homs per pro-Damascus media");
  find((e) => e.actor1 === "sdf" && e.actor2 === "syria-gov-forces" && e.date.date === "2017-06-01" && e.modality === "asserted", "plane shot down in June");
  find((e) => e.actor1 === "sdf" && e.modality === "negated", "did not expect clashes is negated");
  find((e) => e.modality === "planned" && e.location?.text === "Astana", "talks planned in Astana");
  find((e) => e.location?.text === "Raqqa" && e.actor1 === "sdf", "battle for Raqqa");
});

test("seed with geoparsing: the primary event keeps a location span", { skip }, async () => {
  const d = extract(await seedArticle());
  const p = d.events.find((e) => e.primary)!;
  assert.ok(p.location, "primary event has a location");
  for (const e of d.events) if (e.placeId) assert.ok(d.places.some((pl) => pl.id === e.placeId));
});

test("seed boilerplate yields nothing", { skip }, () => {
  // the page as scraped, boilerplate and all: no event may come from a boilerplate paragraph
  const raw = readFileSync(SEED, "utf8");
  const d = extract(article(raw));
  const boiler = ["Your support", "The Independent is", "Join our commenting", "Thank you for registering", "Please refresh", "Notifications can", "Stay up to date", "From reproductive rights", "At such a critical"];
  for (const e of d.events) {
    const sentence = raw.slice(e.sentence.start, e.sentence.end);
    assert.ok(!boiler.some((b) => sentence.startsWith(b)), `event from boilerplate: ${sentence}`);
  }
});
