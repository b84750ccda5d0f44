// Passes 06-07: dates against the publication day (ACLED precision), quotes and speakers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { findDates, referenceDay } from "../../src/nlp/passes/06-dates.js";
import { runNlp } from "../../src/nlp/pipeline.js";
import { article } from "./helpers.js";

const REF = referenceDay("2017-09-09T17:49:00-04:00")!; // a Saturday
// [sentence, first date, end or "", precision, future]
const ROWS: [string, string, string, number, boolean][] = [
  ["The SDF launched an offensive on Saturday.", "2017-09-09", "", 1, false],
  ["This week, Syrian troops reached Deir Ezzor.", "2017-09-04", "2017-09-10", 2, false],
  ["In June, the SDF shot down a plane.", "2017-06-01", "2017-06-30", 3, false],
  ["Troops had been holed up since 2014.", "2014-01-01", "2017-09-09", 3, false],
  ["Talks are set to take place next week.", "2017-09-11", "2017-09-17", 2, true],
  ["Three months into the battle, they have liberated the city.", "2017-06-11", "", 3, false],
  ["A track in Geneva in October or November.", "2017-10-01", "2017-11-30", 3, true],
  ["Isis recaptured the village on December 13.", "2016-12-13", "", 1, false],
  ["Warplanes struck early Wednesday.", "2017-09-06", "", 1, false],
  ["The uprising began in March 2011.", "2011-03-01", "2011-03-31", 3, false],
];
for (const [s, date, end, precision, future] of ROWS) {
  test(`dates: ${s}`, () => {
    const d = findDates(s, 0, s.length, REF)[0];
    assert.ok(d, "no date found");
    assert.equal(d.date.date, date);
    assert.equal(d.date.end ?? "", end);
    assert.equal(d.date.precision, precision);
    assert.equal(d.future, future);
    assert.equal(s.slice(d.start, d.end), d.text);
  });
}

test("dates: none in a sentence without any", () => assert.deepEqual(findDates("The SDF advanced.", 0, 17, REF), []));

const QUOTES: [string, string, string | undefined, string | undefined][] = [
  ["“The first step is to free the eastern bank,” Ahmed Abu Kholeh, head of the Deir Ezzor Military Council, told Reuters.", "The first step is to free the eastern bank,", "person:ahmed-abu-kholeh", "head of the Deir Ezzor Military Council"],
  ["Ahmed Abu Kholeh, head of the Deir Ezzor Military Council, spoke. “We hope it will be a quick operation,” he said.", "We hope it will be a quick operation,", "person:ahmed-abu-kholeh", "head of the Deir Ezzor Military Council"],
  ["The SDF said: “We will not stop until Raqqa is free.”", "We will not stop until Raqqa is free.", "sdf", undefined],
];
for (const [text, q, speaker, role] of QUOTES) {
  test(`quotes: ${text.slice(0, 40)}`, () => {
    const doc = runNlp(article(text));
    assert.equal(doc.quotes.length, 1);
    assert.equal(doc.quotes[0].text, q);
    assert.equal(doc.quotes[0].speaker, speaker);
    assert.equal(doc.quotes[0].role, role);
  });
}
