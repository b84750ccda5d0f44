// Pass 06 runs chrono-node's parsers only on texts with what each one's pattern needs
// (src/nlp/model/chrono-gates.tsv), and its own date patterns only on sentences with the kinds of word
// each one needs: the dates found must be exactly chrono-node's own, and exactly the ungated rules'.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import * as chrono from "chrono-node";
import { spelledCase } from "../../src/nlp/model/ascii-case.js";
import { chronoParse, chronoParsers } from "../../src/nlp/passes/06-dates.js";

const instant = new Date("2017-09-09T12:00:00Z");
const ref = { instant, timezone: 0 };
const seen = (rs: chrono.ParsedResult[]) =>
  rs.map((r) => [r.index, r.text, r.start.date().toISOString(), r.end?.date().toISOString(), ...(["day", "weekday", "month", "year", "hour"] as const).map((c) => r.start.isCertain(c))]);
const same = (text: string) =>
  assert.deepEqual(seen(chronoParse(text, instant)), seen(chrono.parse(text, ref, { forwardDate: false })), text);

// short texts with one cue each, for every parser of the casual configuration, then longer ones and
// texts with none of the needs
const CUES = [
  "9 September 2017", "Sept. 12th, 2017", "June 3", "2017-09-09T10:00:00Z", "2017/09/09", "9/11", "3/2017", "at 5:30 pm",
  "three days ago", "two weeks before", "a few hours earlier", "two weeks later", "3 days from now", "2 days after",
  "last week", "next month", "this year", "past 2 days", "+2 days", "-1 week", "in 3 days", "within 2 hours",
  "for a couple of days", "in about 3 days", "after a few days", "within half an hour", "for the next two weeks", "in several weeks",
  "next 3 months", "last few days", "past couple weeks", "- 2 days", "after about a week", "for roughly two hours", "in ~5 days",
  "this morning", "in the afternoon", "the evening", "at night", "noon", "midday", "midnight",
  "end of the month", "last day of the month", "now", "today", "tonight", "tomorrow", "yesterday", "last night",
  "Monday", "on Tuesday", "Wednesday", "Thursday", "thurs", "Friday", "Saturday", "Sat.", "Sunday", "over the weekend", "on a weekday",
  "in January", "Feb 2016", "March", "April", "May", "in June", "July", "August", "September", "October", "November", "December",
  "2017 Sep", "2016 of March", "jun", "aug", "Dec.",
];
const TEXTS = [
  ...CUES.map((c) => `It happened ${c}, they said.`),
  "The offensive began on 9 September 2017 and ended on Sept. 12th, 2017, from 5:30 pm until 7 o'clock.",
  "They may go now, or later; Omar said the market was calm and the doctor was out.",
  "No date here at all: the rebels shelled the town and people fled.",
  "",
];

test("gated chrono = chrono on dated and undated texts", () => {
  for (const t of TEXTS) same(t);
  const dated = TEXTS.filter((t) => chrono.parse(t, ref, { forwardDate: false }).length > 0).length;
  assert.ok(dated > CUES.length / 2, `the texts have dates to find (${dated} of ${TEXTS.length})`);
});

test("every parser has a need listed (a renamed or new parser would run ungated)", () => {
  const listed = readFileSync("src/nlp/model/chrono-gates.tsv", "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t")[0]);
  const names = chrono.casual.parsers.map((p) => p.constructor.name);
  assert.deepEqual(
    names.filter((n) => !listed.includes(n)),
    [],
    `parsers: ${names.join(", ")}`,
  );
});

test("the parsers marked 'spell' run their own pattern without the i flag (model/ascii-case.ts), the others theirs", () => {
  const rows = readFileSync("src/nlp/model/chrono-gates.tsv", "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"));
  for (const r of rows) assert.ok(r.length === 2 || (r.length === 3 && r[2] === "spell"), `${r[0]}: a third column is "spell" or nothing (${JSON.stringify(r.slice(2))})`);
  const spell = new Set(rows.filter((r) => r[2] === "spell").map((r) => r[0]));
  assert.ok(spell.size > 0, "some patterns are spelled out");
  // (a text every need is found in)
  const ctx = { text: CUES.join(" "), option: {}, refDate: new Date() } as unknown as chrono.ParsingContext;
  const gated = chronoParsers();
  chrono.casual.parsers.forEach((p, i) => {
    const own = p.pattern(ctx);
    const run = gated[i].parser.pattern(ctx);
    const name = p.constructor.name;
    if (spell.has(name)) {
      assert.ok(own.flags.includes("i") && !run.flags.includes("i"), `${name} runs /${run.source}/${run.flags}`);
      assert.equal(run.source, spelledCase(own).source, `${name} runs its own pattern spelled out`);
    }
    else assert.equal(run, own, `${name} runs its own pattern`);
  });
});

const GUARDIAN = "../shared/data/articles/guardian-sdf-unlabelled.jsonl";
test("gated chrono = chrono on every sentence of 60 news articles", { skip: existsSync(GUARDIAN) ? false : "needs ../shared/data (absent)" }, () => {
  const sentences = readFileSync(GUARDIAN, "utf8")
    .trim()
    .split("\n")
    .slice(0, 60)
    .flatMap((l) => (JSON.parse(l) as { text: string }).text.split(/(?<=[.!?])\s+/));
  let dated = 0;
  for (const s of sentences) {
    same(s);
    if (chrono.parse(s, ref, { forwardDate: false }).length > 0) dated++;
  }
  assert.ok(dated > 50, `${dated} of ${sentences.length} sentences have dates`);
});
