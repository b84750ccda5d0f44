// Table tests for resolution with context (src/geo/resolve.ts) and for relative places
// (src/geo/relative.ts), both through geoparse.
import assert from "node:assert/strict";
import { test } from "node:test";
import { distanceKm } from "../../src/geo/distance.js";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gazetteer = loadGazetteer()!;

function placeOf(text: string, surface: string) {
  const r = geoparse(text, { gazetteer });
  return r.places.find((p) => !p.relative && p.mentions.some((m) => m.text === surface));
}

// [text, mention, country, lat, lon] — the mention must resolve within 50 km of (lat, lon)
const ROWS: [string, string, string, number, number][] = [
  ["Protests in Paris and Lyon continued.", "Paris", "FR", 48.85, 2.35],
  ["Paris, Texas, declared an emergency near Dallas.", "Paris", "US", 33.66, -95.56],
  ["Flooding in Tripoli and Benghazi, Libya.", "Tripoli", "LY", 32.89, 13.19],
  ["Clashes in Tripoli and Beirut, Lebanon.", "Tripoli", "LB", 34.44, 35.85],
  ["Talks in Astana between Kazakhstan and Russia.", "Astana", "KZ", 51.18, 71.45],
  ["Strikes hit Homs and Hama as the Syrian army advanced.", "Hama", "SY", 35.13, 36.76],
  ["The governor of Georgia spoke in Atlanta.", "Georgia", "US", 32.7, -83.4],
  ["Russian troops crossed into Georgia near Tbilisi.", "Georgia", "GE", 42.0, 43.5],
  ["al-Shadadi in Hasaka province was shelled.", "al-Shadadi", "SY", 36.06, 40.73],
  ["Fighting near Alexandria and Cairo, Egypt.", "Alexandria", "EG", 31.2, 29.92],
  ["Shooting in Alexandria, Virginia, near Washington.", "Alexandria", "US", 38.8, -77.05],
  ["Victoria and New South Wales, Australia, closed schools.", "Victoria", "AU", -36.8, 144.5],
  ["Cases rose in Illinois, Missouri and Ohio.", "Illinois", "US", 40.0, -89.2],
  ["Talks between Turkey, Iraq, Iran and Syria.", "Iraq", "IQ", 33.0, 43.7],
  // a list names places of one kind: the state / province, not a town of the same name
  ["Cases were reported in Texas, Michigan, Ohio and Wyoming.", "Wyoming", "US", 43.0, -107.5],
  ["Outbreaks hit Texas, Ohio, Florida, Alberta, Manitoba and Ontario.", "Ontario", "CA", 50.0, -86.0],
  // names that fold to one key ("Hainan", "Henan"): the one spelled as written
  ["Bird flu reached Hainan and Yunnan, China.", "Hainan", "CN", 19.2, 109.7],
  ["Flooding hit Henan and Yunnan, China.", "Henan", "CN", 33.9, 113.5],
  // the state goes by "New York"; the city by "New York City"
  ["Schools closed across New York and New Jersey after the storm.", "New York", "US", 43.0, -75.0],
  ["The storm flooded New York City and Newark.", "New York City", "US", 40.71, -74.0],
  // a doubled letter is the same spelling ("Odessa" / "Odesa"); a big city's exonym is its name
  // ("Geneva" / "Genève"), an unrelated other name is not ("Victoria" for Hong Kong)
  ["Missiles struck Odessa overnight.", "Odessa", "UA", 46.48, 30.73],
  ["Talks resume in Geneva next week.", "Geneva", "CH", 46.2, 6.15],
  ["Bushfires spread across Victoria.", "Victoria", "AU", -36.8, 144.5],
  // a postal code names the state ("Portland, ME"); "Washington, D.C." names the city twice
  ["Flooding in Portland, ME, closed roads.", "Portland", "US", 43.66, -70.26],
  ["Officials in Washington, D.C. met on Monday.", "Washington", "US", 38.9, -77.04],
  // "X, Y": Y is X's closest container — the city for a borough, the state for a town far from the city
  ["Flooding hit homes in Brooklyn, New York, on Monday.", "New York", "US", 40.71, -74.0],
  ["Snow closed schools in Buffalo, New York, on Monday.", "New York", "US", 43.0, -75.0],
];

for (const [text, surface, cc, lat, lon] of ROWS) {
  test(`resolve: ${surface} in "${text}"`, () => {
    const p = placeOf(text, surface);
    assert.ok(p, `${surface} not found`);
    assert.equal(p.countryCode, cc, `${p.name} ${p.featureCode} ${p.countryCode}`);
    const d = distanceKm(lat, lon, p.lat, p.lon);
    assert.ok(d < 150, `${p.name} is ${Math.round(d)} km off`);
  });
}

test("explain shows the runners-up and the winner's reasons", () => {
  const r = geoparse("Paris, Texas, declared an emergency.", { gazetteer, explain: true });
  const e = r.explanations?.find((x) => x.text === "Paris");
  assert.ok(e);
  assert.ok(e.runnersUp.length > 0);
  assert.ok(e.runnersUp.every((x) => x.reasons.length > 0 && Number.isFinite(x.score)));
  assert.ok(e.reasons.some((x) => /inside Texas/.test(x)), e.reasons.join("; "));
});

test("precision: town 1, province 3, country 3", () => {
  const r = geoparse("Shelling in Aleppo and Idlib province, Syria.", { gazetteer });
  const by = (s: string) => r.places.find((p) => p.mentions.some((m) => m.text === s));
  assert.equal(by("Aleppo")?.precision, 1);
  assert.equal(by("Idlib")?.precision, 3);
  assert.equal(by("Syria")?.precision, 3);
});

// Relative and vague places: [text, phrase, kind, precision, anchor id, max km from the anchor]
const REL: [string, RegExp, string, number, string, number][] = [
  ["An attack 40 km north of Homs killed five.", /40 km north of Homs/, "offset", 2, "geonames:169577", 45],
  ["Syrian troops recaptured an oilfield southwest of Deir Ezzor.", /oilfield southwest of Deir Ezzor/, "direction", 2, "geonames:170794", 40],
  ["SDF advanced in Deir Ezzor's northwestern countryside.", /northwestern countryside/, "countryside", 2, "geonames:170794", 30],
  ["Shelling on the outskirts of Aleppo.", /outskirts of Aleppo/, "near", 2, "geonames:170063", 5],
  ["Airstrikes in northern Syria killed 10.", /northern Syria/, "part", 3, "country:SY", 500],
  ["The SDF controls much of Syria’s northeast.", /Syria’s northeast/, "part", 3, "country:SY", 500],
];
for (const [text, phrase, kind, precision, anchor, maxKm] of REL) {
  test(`relative: ${text}`, () => {
    const r = geoparse(text, { gazetteer });
    const p = r.places.find((x) => x.relative && x.mentions.some((m) => phrase.test(m.text)));
    assert.ok(p, `no relative place; got ${r.places.map((x) => x.id).join(", ")}`);
    assert.equal(p.relative?.kind, kind);
    assert.equal(p.precision, precision);
    assert.equal(p.relative?.anchor, anchor);
    const a = r.places.find((x) => x.id === anchor);
    if (a) assert.ok(distanceKm(a.lat, a.lon, p.lat, p.lon) <= maxKm, "too far from the anchor");
  });
}

test("relative: 40 km north is 40 km north", () => {
  const r = geoparse("An attack 40 km north of Homs.", { gazetteer });
  const p = r.places.find((x) => x.relative?.kind === "offset")!;
  const homs = r.places.find((x) => x.id === "geonames:169577")!;
  assert.ok(Math.abs(distanceKm(homs.lat, homs.lon, p.lat, p.lon) - 40) < 1);
  assert.ok(p.lat > homs.lat);
});

test("relative: along the border with Iraq, in a Syria story", () => {
  const r = geoparse("Isis still holds towns in Syria along the border with Iraq near Abu Kamal.", { gazetteer });
  const b = r.places.find((x) => x.relative?.kind === "border");
  assert.ok(b, r.places.map((x) => x.id).join(", "));
  assert.equal(b.id, "rel:border:IQ|SY");
  assert.equal(b.precision, 2);
});

test("relative: the eastern bank of the Euphrates lies on the river near the story", () => {
  const r = geoparse("Near Raqqa, the SDF crossed to the eastern bank of the Euphrates.", { gazetteer });
  const b = r.places.find((x) => x.relative?.kind === "bank");
  assert.ok(b);
  assert.ok(distanceKm(b.lat, b.lon, 35.95, 39.01) < 40, `${b.lat},${b.lon}`);
});

test("'Raqqa, northwest of Deir Ezzor' describes Raqqa: no extra place", () => {
  const r = geoparse("The SDF is battling in Raqqa, northwest of Deir Ezzor.", { gazetteer });
  assert.ok(!r.places.some((p) => p.relative?.kind === "direction"), r.places.map((p) => p.id).join(", "));
});

test("a seat whose population GeoNames does not know gets its kind's typical size, not zero", () => {
  const r = geoparse("Troops entered Tal Afar in Iraq.", { gazetteer, explain: true });
  const e = r.explanations?.find((x) => x.text === "Tal Afar");
  assert.ok(e, "Tal Afar was not found");
  const prior = e.reasons.find((x) => x.startsWith("prior log10(pop)="));
  assert.ok(prior && Number(prior.split("=")[1]) >= 3.5, `prior: ${prior}`);
});
