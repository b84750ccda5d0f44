// Names the gazetteer answers beyond its sources' own spellings: an administrative unit named with
// its type word ("Nyanza Province" when the source says "Nyanza"), former names of today's countries
// and dissolved states (data/geo/former-countries.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PROJECT_ROOT, weightedMean } from "../../src/geo/build.js";
import { distanceKm } from "../../src/geo/distance.js";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse } from "../../src/geo/index.js";

const gaz = loadGazetteer();
const show = (surface: string) =>
  gaz!
    .candidates(surface)
    .slice(0, 5)
    .map((i) => `${gaz!.name(i)} ${gaz!.fcode(i)} ${gaz!.cc(i)}`)
    .join("; ") || "(none)";

// [as written, feature code prefix, ISO country] the type-word fallback must find
const WITH_TYPE_WORD: [string, string, string][] = [
  ["Nyanza Province", "ADM1", "KE"], // Kenya's former provinces: "Nyanza" in Natural Earth
  ["Rift Valley Province", "ADM1", "KE"],
  ["Bas Congo Province", "ADM1", "CD"],
  ["New York State", "ADM1", "US"],
];
for (const [surface, fc, cc] of WITH_TYPE_WORD)
  test(`"${surface}": the unit named without its type word`, () => {
    const g = gaz!;
    const c = g.candidates(surface);
    assert.ok(
      c.some((i) => g.fcode(i).startsWith(fc) && g.cc(i) === cc),
      `${surface}: ${show(surface)}`,
    );
    assert.ok(
      c.every((i) => g.fcode(i).startsWith("ADM") || g.fcode(i) === "RGN"),
      `only administrative units answer a name with a type word: ${show(surface)}`,
    );
  });

test("a type word after a word that names no unit is no place", () => {
  const g = gaz!;
  for (const s of ["Islamic State", "Kurdish Region"])
    assert.equal(g.candidates(s).length, 0, `${s}: ${show(s)}`);
});

test("a name found as written is not widened by the fallback", () => {
  const g = gaz!;
  // "Free State" is a South African province under that very name
  const c = g.candidates("Free State");
  assert.ok(c.length > 0 && g.cc(c[0]!) === "ZA", `Free State: ${show("Free State")}`);
});

const former = JSON.parse(readFileSync(join(PROJECT_ROOT, "data", "geo", "former-countries.json"), "utf8")) as {
  renamed: Record<string, string>;
  dissolved: { id: string; name: string; aliases: string[]; successors: string[] }[];
};

test("every former name of a country finds that country", () => {
  const g = gaz!;
  for (const [name, cc] of Object.entries(former.renamed))
    assert.ok(
      g.candidates(name).some((i) => g.fcode(i).startsWith("PCL") && g.cc(i) === cc),
      `${name} → ${cc}: ${show(name)}`,
    );
});

test("a dissolved state is one PCLH among its successors' points", () => {
  const g = gaz!;
  for (const d of former.dissolved)
    for (const n of [d.name, ...d.aliases]) {
      const i = g.candidates(n).find((c) => g.fcode(c) === "PCLH");
      assert.ok(i !== undefined, `${n}: ${show(n)}`);
      const f = g.feature(i);
      assert.equal(f.supplementId, d.id, `${n} is ${d.id}`);
      // its point is no farther from the successors' mean than the farthest successor
      const pts = d.successors.map((cc) => {
        const k = g.header.countryFeature[cc]!;
        return [g.lat(k), g.lon(k)] as [number, number];
      });
      const maxD = Math.max(...pts.map(([la, lo]) => distanceKm(f.lat, f.lon, la, lo)));
      assert.ok(maxD < 6000, `${n}: ${f.lat},${f.lon} is ${Math.round(maxD)} km from a successor`);
    }
});

test("weightedMean: equal weights on the equator meet in the middle; a heavier point pulls", () => {
  const [la, lo] = weightedMean([
    [0, 10, 1],
    [0, 30, 1],
  ]);
  assert.ok(Math.abs(la) < 1e-6 && Math.abs(lo - 20) < 1e-6, `${la},${lo}`);
  const [, lo2] = weightedMean([
    [0, 10, 3],
    [0, 30, 1],
  ]);
  assert.ok(lo2 > 10 && lo2 < 20, `pulled toward the heavier point: ${lo2}`);
  const [, lo3] = weightedMean([
    [0, 170, 1],
    [0, -170, 1],
  ]);
  assert.ok(Math.abs(Math.abs(lo3) - 180) < 1e-6, `across the antimeridian: ${lo3}`);
});

test("geoparse: 'Zaire' and 'the Soviet Union' in running text", () => {
  const r = geoparse("Mobutu ruled Zaire for three decades, a close ally in the fight against the Soviet Union.", {
    gazetteer: gaz!,
  });
  const names = r.places.map((p) => `${p.name}/${p.featureCode}/${p.countryCode}`);
  assert.ok(names.some((n) => n.startsWith("DR Congo/PCL")), `Zaire is DR Congo: ${names.join(", ")}`);
  assert.ok(names.some((n) => n.startsWith("Soviet Union/PCLH")), `the Soviet Union: ${names.join(", ")}`);
});

// Airports and air bases from OurAirports: [as written, feature code, ISO country]
const AIRPORTS: [string, string, string][] = [
  ["Kabul airport", "AIRP", "AF"], // "Kabul International Airport" also as "Kabul Airport"
  ["Heathrow Airport", "AIRP", "GB"], // "London Heathrow Airport" without its city
  ["Kirkuk Air Base", "AIRB", "IQ"],
  ["Ramstein Airbase", "AIRB", "DE"], // "Air Base" also written as one word
  ["Al Asad Air Base", "AIRB", "IQ"], // the curated "Ain al-Asad Air Base" takes OurAirports' name
];
for (const [surface, fc, cc] of AIRPORTS)
  test(`airport: "${surface}" is a ${fc} in ${cc}`, () => {
    const g = gaz!;
    const i = g.candidates(surface)[0];
    assert.ok(i !== undefined && g.fcode(i) === fc && g.cc(i) === cc, `${surface}: ${show(surface)}`);
  });

test("airport: a generic airport phrase or a bare city name is no airport", () => {
  const g = gaz!;
  assert.equal(g.candidates("International Airport").length, 0, show("International Airport"));
  const aba = g.candidates("Aba");
  assert.ok(aba.length > 0 && aba.every((i) => !g.fcode(i).startsWith("AIR")), `Aba: ${show("Aba")}`);
});

test("airport: the curated Deir ez-Zor airport stays the one answer for its names", () => {
  const g = gaz!;
  const c = g.candidates("Deir ez-Zor Airport").filter((i) => g.fcode(i).startsWith("AIR"));
  assert.equal(c.length, 1, show("Deir ez-Zor Airport"));
  assert.equal(g.feature(c[0]!).supplementId, "deir-ez-zor-airbase", show("Deir ez-Zor Airport"));
});

test("France's regions until 2016 are ADM1H at the centre of their departments", () => {
  const g = gaz!;
  // [name, a town well inside it]
  const cases: [string, number, number][] = [
    ["Alsace", 48.58, 7.75], // Strasbourg
    ["Rhône-Alpes", 45.76, 4.84], // Lyon
    ["Picardy", 49.89, 2.3], // Amiens
    ["Languedoc-Roussillon", 43.61, 3.88], // Montpellier
  ];
  for (const [name, la, lo] of cases) {
    const i = g.candidates(name).find((c) => g.fcode(c) === "ADM1H" && g.cc(c) === "FR");
    assert.ok(i !== undefined, `${name}: ${show(name)}`);
    const d = distanceKm(g.lat(i), g.lon(i), la, lo);
    assert.ok(d < 150, `${name} at ${g.lat(i)},${g.lon(i)}: ${Math.round(d)} km from its town`);
  }
});

test("an admin-1 unit is not placed on another level's unit that shares its code (Brittany is not Mayenne)", () => {
  const g = gaz!;
  const i = g.header.admin1Feature["FR.53"];
  assert.ok(i !== undefined && g.name(i) === "Brittany", `FR.53: ${i === undefined ? "none" : g.name(i)}`);
  const d = distanceKm(g.lat(i), g.lon(i), 48.11, -1.68); // Rennes
  assert.ok(d < 120, `Brittany at ${g.lat(i)},${g.lon(i)}: ${Math.round(d)} km from Rennes`);
});

test("geoparse: an airport named in running text is the airport, at precision 1", () => {
  const cases: [string, string][] = [
    ["Flights resumed at Kabul airport on Monday.", "Kabul International Airport/AIRP/AF/1"],
    ["Rockets hit Kirkuk Air Base overnight.", "Kirkuk Air Base/AIRB/IQ/1"],
  ];
  for (const [text, want] of cases) {
    const got = geoparse(text, { gazetteer: gaz! }).places.map((p) => `${p.name}/${p.featureCode}/${p.countryCode}/${p.precision}`);
    assert.ok(got.includes(want), `${text}: ${got.join(", ")}`);
  }
});
