// Named places inside or beside cities (data/geo/landmarks.json: protest squares and streets, Baghdad's
// districts, big slums, military sites), large islands and historical regions (data/geo/physical.json):
// found in running text and placed in their city or country, not in a look-alike town elsewhere. Real
// gazetteer, no mocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { distanceKm } from "../../src/geo/distance.js";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gazetteer = loadGazetteer()!;

function places(text: string) {
  return geoparse(text, { gazetteer }).places.map((p) => ({ text: p.mentions[0]!.text, name: p.name, cc: p.countryCode, code: p.featureCode, lat: p.lat, lon: p.lon }));
}

// [sentence, the name as written, its country, a city it lies in or beside (lat, lon), km at most]
const ROWS: [string, string, string, [number, number], number][] = [
  ["Protesters filled Tahrir Square in Cairo on Friday.", "Tahrir Square", "EG", [30.06, 31.25], 15],
  ["Police cleared Taksim Square after a week of protests in Istanbul, Turkey.", "Taksim Square", "TR", [41.01, 28.95], 15],
  ["A car bomb exploded in Sadr City, a Shia district of Baghdad, killing 12 people.", "Sadr City", "IQ", [33.34, 44.4], 15],
  ["Gunmen attacked a checkpoint in the Adhamiyah district of Baghdad overnight.", "Adhamiyah", "IQ", [33.34, 44.4], 15],
  ["Cholera cases were reported in Kibera, the largest slum in Nairobi, Kenya.", "Kibera", "KE", [-1.28, 36.82], 15],
  ["Climate activists blocked traffic on Piccadilly in central London on Monday.", "Piccadilly", "GB", [51.51, -0.13], 5],
  ["The samples were sent to the defence laboratory at Porton Down in Wiltshire, England.", "Porton Down", "GB", [51.07, -1.79], 30],
  ["Detainees held at Guantánamo Bay were moved by the US military.", "Guantánamo Bay", "CU", [19.9, -75.13], 30],
  ["Holidaymakers on Rügen, an island off Germany's Baltic coast, were told to stay indoors.", "Rügen", "DE", [54.42, 13.4], 40],
  // well-known historical and geographic regions (physical.json)
  ["Shelling resumed in Nagorno-Karabakh as Armenia and Azerbaijan traded blame.", "Nagorno-Karabakh", "AZ", [39.82, 46.75], 60],
  ["Hospitals across the Midlands and the north of England were told to prepare, the NHS said.", "Midlands", "GB", [52.48, -1.9], 100],
  ["Floods cut off villages in Yorkshire after the river Ouse burst its banks in England.", "Yorkshire", "GB", [53.96, -1.08], 100],
  ["Rival governments in Tripoli and Cyrenaica, in eastern Libya, both claimed the oil ports.", "Cyrenaica", "LY", [32.1, 20.1], 400],
];

for (const [text, name, cc, [lat, lon], km] of ROWS)
  test(`${name}: ${text}`, () => {
    const got = places(text);
    const p = got.find((x) => x.text === name);
    assert.ok(p, `"${name}" is found: ${JSON.stringify(got)}`);
    assert.equal(p.cc, cc, `"${name}" is in ${cc}: ${JSON.stringify(p)}`);
    const d = distanceKm(lat, lon, p.lat, p.lon);
    assert.ok(d <= km, `"${name}" is within ${km} km of ${lat},${lon}: ${Math.round(d)} km (${JSON.stringify(p)})`);
  });

test("a city part the text puts in another town is not the far one of its name ('Piccadilly station in Manchester')", () => {
  const got = places("Piccadilly station in Manchester and King’s Cross in London reopened after protesters left.");
  const p = got.find((g) => g.text === "Piccadilly");
  assert.ok(!p || distanceKm(p.lat, p.lon, 53.48, -2.24) < 50, `not London's Piccadilly: ${JSON.stringify(p)}`);
  assert.ok(got.some((g) => g.text === "Manchester" && g.cc === "GB"), `Manchester is still found: ${JSON.stringify(got)}`);
});
