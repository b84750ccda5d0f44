// One sense per name and article: a name the article uses for one place most of the time keeps that
// sense where only its neighbours pull it elsewhere ("Buffalo, New York … Ontario"); two mentions that
// disagree are left as they are; a name the text places once ("Austin, in Scott County") keeps that
// place where it comes back bare. Real gazetteer, no mocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gazetteer = loadGazetteer()!;

test("the article's Ontario stays the province next to 'Buffalo, New York'", () => {
  const text =
    "Hospitals in Toronto, Canada, are full. Clinics across Ontario turned patients away, and the province of Ontario " +
    "asked for help. Buffalo, New York in the United States may take some women from Ontario with high-risk pregnancies.";
  const got = geoparse(text, { gazetteer }).places.filter((p) => p.mentions.some((m) => m.text === "Ontario"));
  assert.ok(got.length === 1 && got[0]!.countryCode === "CA", `every Ontario is the Canadian province: ${JSON.stringify(got.map((p) => [p.name, p.countryCode, p.mentions.length]))}`);
  assert.equal(got[0]!.mentions.length, 3, "all three mentions");
});

test("a name the text places once ('Austin, in Scott County') means that place where it comes back bare", () => {
  const text =
    "Health officials reported an HIV outbreak in the rural south of the state. Austin, in Scott County, Indiana, was " +
    "its centre. Doctors came from Chicago, Nashville, Memphis, Atlanta and Louisville. Louisville, Kentucky, is about " +
    "35 miles south of Austin.";
  const names = ["Austin", "Scott County", "Indiana", "Chicago", "Nashville", "Memphis", "Atlanta", "Louisville", "Louisville", "Kentucky", "Austin"];
  let from = 0;
  const mentions = names.map((n) => {
    const start = text.indexOf(n, from);
    from = start + n.length;
    return { start, end: start + n.length };
  });
  const got = geoparse(text, { gazetteer, mentions }).places.filter((p) => p.mentions.some((m) => m.text === "Austin"));
  assert.ok(got.length === 1 && got[0]!.admin1 === "Indiana", `both Austins are the Indiana town: ${JSON.stringify(got.map((p) => [p.name, p.admin1, p.mentions.length]))}`);
});
