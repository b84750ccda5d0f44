// Table tests for publication dates: datelines, machine dates, timezone abbreviations.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isDateLine, parseDate } from "../../src/ingest/dates.js";

const ROWS: [string, string | undefined][] = [
  ["Saturday 09 September 2017 17:49 EDT", "2017-09-09T17:49:00-04:00"],
  ["September 9, 2017 5:49 PM ET", "2017-09-09T17:49:00-04:00"],
  ["9 Jan 2018 10:00 ET", "2018-01-09T10:00:00-05:00"],
  ["Sep 9, 2017, 5:49 p.m. EDT", "2017-09-09T17:49:00-04:00"],
  ["Sat, 09 Sep 2017 17:49:00 -0400", "2017-09-09T17:49:00-04:00"],
  ["9 June 2019 17:49 BST", "2019-06-09T17:49:00+01:00"],
  ["Updated 17:49 GMT+1 9 June 2019", "2019-06-09T17:49:00+01:00"],
  ["Monday 4 March 2019 12:00 CET", "2019-03-04T12:00:00+01:00"],
  ["21 August 2018 08:15 CEST", "2018-08-21T08:15:00+02:00"],
  ["14 March 2019 09:00 UK", "2019-03-14T09:00:00+00:00"],
  ["1 April 2019 09:00 UK", "2019-04-01T09:00:00+01:00"],
  ["March 10, 2019 3:00 PM PT", "2019-03-10T15:00:00-07:00"],
  ["March 9, 2019 3:00 PM PT", "2019-03-09T15:00:00-08:00"],
  ["12 May 2020 12:30 am", "2020-05-12T00:30:00"],
  ["2017-09-09T21:49:00Z", "2017-09-09T21:49:00Z"],
  ["2017-09-09T17:49:00-04:00", "2017-09-09T17:49:00-04:00"],
  ["2017-09-09T17:49:00.000+0300", "2017-09-09T17:49:00+03:00"],
  ["2017-09-09", "2017-09-09"],
  ["9 September 2017", "2017-09-09"],
  ["31 February 2019", undefined],
  // European languages' month names (model/months.json)
  ["9 septembre 2017", "2017-09-09"],
  ["le 1er janvier 2019 à 17:49", "2019-01-01T17:49:00"],
  ["5 août 2019", "2019-08-05"],
  ["9. März 2018 10:00 CET", "2018-03-09T10:00:00+01:00"],
  ["3 MÄRZ 2019", "2019-03-03"],
  ["9 de septiembre de 2017", "2017-09-09"],
  ["3 dicembre 2019", "2019-12-03"],
  ["10 de outubro de 2019", "2019-10-10"],
  ["14 maart 2020", "2020-03-14"],
  ["Sept. 9, 2017", "2017-09-09"],
  // English words among other languages' abbreviations are no months
  ["3 ago 2019", undefined],
  ["yesterday", undefined],
  ["", undefined],
];

test("parseDate: datelines and machine dates keep their own offset", () => {
  for (const [input, want] of ROWS) assert.equal(parseDate(input), want, input);
});

test("isDateLine: a whole line that is a dateline, not a sentence with a date", () => {
  assert.equal(isDateLine("Saturday 09 September 2017 17:49 EDT"), true);
  assert.equal(isDateLine("Updated: 9 June 2019 17:49 BST"), true);
  assert.equal(isDateLine("The offensive began on 9 September 2017, officials said."), false);
  assert.equal(isDateLine("Rachel Roberts"), false);
  assert.equal(isDateLine("September 9, 2017 / 6:21 PM / Updated 2 hours ago"), true);
  assert.equal(isDateLine("Fighting resumed on 9 September 2017 near the city"), false);
});
