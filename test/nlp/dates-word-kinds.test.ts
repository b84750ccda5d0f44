// Pass 06 looks for the kinds of word a date needs in one scan of a sentence (06-dates KINDS): a sentence
// with none of the dated kinds gets no date, chrono-node runs only where a chrono kind is, and each rule of
// date-patterns.tsv runs only where a kind it needs is (chrono-gates.tsv "rule:" rows). Each of these may
// only skip work that could find nothing.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { CHRONO, DATED, dateRules, kindsIn } from "../../src/nlp/passes/06-dates.js";

// the tests pass 06 made before, one regex each: any date word at all, and chrono's words
const ANY_DATE =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|today|yesterday|tomorrow|tonight|weeks?|months?|years?|days|weekend|(?:19|20)\d\d)\b/i;
const CHRONO_WORD =
  /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|today|yesterday|tomorrow|tonight|last night|weekend|\d{1,2}\/\d{1,2})\b/i;

// one text for each rule and each kind, and texts where kinds touch or hide in other words
const TEXTS = [
  "since 2014", "From 1999 on", "in 2017", "in2017", "mid-2016", "by 2020,", "October or November", "three days into the siege",
  "two weeks ago", "a few months before", "several years earlier", "earlier this week", "last week", "next week", "later this month",
  "last month", "next month", "two days after", "a few days later", "Days earlier", "on Monday", "SUNDAY", "in Sept.", "may", "today",
  "last night", "over the weekend", "9/11", "12/2019", "2019/11/12", "1/2/3", "20/11 2019", "weekends", "weekday", "Sunni", "Mayor",
  "months-long", "years'", "12/20/2019", "in 1920s", "20190", "x2017", "the 2020 vote", "last  night", "Last Night", "",
];
const GUARDIAN = "../shared/data/articles/guardian-sdf-unlabelled.jsonl";
const sentences = (n: number) =>
  existsSync(GUARDIAN)
    ? readFileSync(GUARDIAN, "utf8").trim().split("\n").slice(0, n).flatMap((l) => (JSON.parse(l) as { text: string }).text.split(/(?<=[.!?])\s+/))
    : [];

function sameGates(texts: string[]) {
  for (const t of texts) {
    const k = kindsIn(t);
    assert.equal((k & DATED) !== 0, ANY_DATE.test(t), `dated kinds in ${JSON.stringify(t)}`);
    assert.equal((k & DATED) !== 0 && (k & CHRONO) !== 0, ANY_DATE.test(t) && CHRONO_WORD.test(t), `chrono kinds in ${JSON.stringify(t)}`);
  }
}

/** Every match of every rule is in a sentence with a kind of word the rule needs. Returns the number of matches. */
function rulesNeedsHold(texts: string[]): number {
  let matches = 0;
  for (const t of texts) {
    const k = kindsIn(t);
    for (const r of dateRules()) {
      for (const m of t.matchAll(r.re)) {
        matches++;
        assert.ok(r.needs === -1 || (k & r.needs) !== 0, `rule ${r.rule} matches ${JSON.stringify(m[0])} in ${JSON.stringify(t)}, where chrono-gates.tsv says it needs other words`);
      }
    }
  }
  return matches;
}

test("word kinds: one scan says what the two tests before said (a date word; a chrono word)", () => sameGates(TEXTS));

test("word kinds: each rule's needs hold wherever its pattern matches", () => {
  const matches = rulesNeedsHold(TEXTS);
  assert.ok(matches >= 20, `the texts match the rules (${matches} matches)`);
  const gated = dateRules().filter((r) => r.needs !== -1).map((r) => r.rule);
  assert.ok(gated.length >= 10, `most rules have needs listed (${gated.join(", ")})`);
});

test("word kinds: a need listed wrong is caught (units-ago needing only 'weeks' misses 'two days ago')", () => {
  const r = dateRules().find((x) => x.rule === "units-ago");
  assert.ok(r, "date-patterns.tsv has units-ago");
  const kept = r.needs;
  try {
    r.needs = kindsIn("weeks");
    assert.throws(() => rulesNeedsHold(["two days ago"]), /units-ago/);
  } finally {
    r.needs = kept;
  }
});

test("word kinds: same gates and needs on every sentence of 80 news articles", { skip: existsSync(GUARDIAN) ? false : "needs ../shared/data (absent)" }, () => {
  const ss = sentences(80);
  sameGates(ss);
  const matches = rulesNeedsHold(ss);
  assert.ok(matches > 50, `${matches} rule matches in ${ss.length} sentences`);
});
