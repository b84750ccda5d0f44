// Table tests for bylines: the people's names, without "By", titles, places or outlets.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isPersonName, parseByline } from "../../src/ingest/byline.js";

const ROWS: [string, string | undefined][] = [
  ["Rachel Roberts", "Rachel Roberts"],
  ["By Rachel Roberts", "Rachel Roberts"],
  ["By Rachel Roberts | Reuters", "Rachel Roberts"],
  ["By Martin Chulov in Beirut", "Martin Chulov"],
  ["Bethan McKernan, Middle East correspondent", "Bethan McKernan"],
  ["By John Smith and Jane Doe", "John Smith and Jane Doe"],
  ["By Ann Lee, Bob Ray and Cy Young", "Ann Lee, Bob Ray and Cy Young"],
  ["By Ahmed al-Sharaa", "Ahmed al-Sharaa"],
  ["Written by Patrick Cockburn", "Patrick Cockburn"],
  ["By Lara Seligman @laraseligman", "Lara Seligman"],
  ["By Tom Perry 12 March 2018", "Tom Perry"],
  ["Comments", undefined],
  ["US troops and Russia-backed Syrian forces set to come into contact", undefined],
  ["Saturday 09 September 2017 17:49 EDT", undefined],
  ["", undefined],
];

test("parseByline: names out of byline lines", () => {
  for (const [input, want] of ROWS) assert.equal(parseByline(input), want, input);
});

test("isPersonName: the shape of a name", () => {
  assert.equal(isPersonName("Rachel Roberts"), true);
  assert.equal(isPersonName("Abu Bakr al-Baghdadi"), true);
  assert.equal(isPersonName("rachel roberts"), false);
  assert.equal(isPersonName("Join our commenting forum"), false);
});

test("parseByline: dates and agencies run into the byline", () => {
  assert.equal(parseByline("Bryan DeArdo Nov 19, 2019"), "Bryan DeArdo");
  assert.equal(parseByline("By Sandee LaMotte, CNN"), "Sandee LaMotte");
  assert.equal(parseByline("by Jeff FoustMonday, November 18, 2019"), "Jeff Foust");
});

test("parseByline: surnames that look like months stay", () => {
  assert.equal(parseByline("By Theresa May"), "Theresa May");
  assert.equal(parseByline("Ann Marchant"), "Ann Marchant");
});
