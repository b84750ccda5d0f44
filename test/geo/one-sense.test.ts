// One sense per name and article: a name the article uses for one place most of the time keeps that
// sense where only its neighbours pull it elsewhere ("Buffalo, New York … Ontario"); two mentions that
// disagree are left as they are. Real gazetteer, no mocks.
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
