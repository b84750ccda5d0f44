// Contract tests of the compiled gazetteer (src/geo/gazetteer.ts, src/geo/build.ts) and of the
// curated supplement (data/geo/supplement.json, data/geo/physical.json). Loaded once for the file.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PROJECT_ROOT } from "../../src/geo/build.js";
import { distanceKm } from "../../src/geo/distance.js";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { FORMAT_VERSION, storeVersionOf } from "../../src/geo/store-format.js";
import { lookupPlace, placeAt } from "../../src/geo/index.js";

const gaz = loadGazetteer();

test("the gazetteer loads (built at install or on demand)", () => {
  assert.ok(gaz, "gazetteer missing and could not be built");
  assert.ok(gaz.size > 200_000, `only ${gaz.size} features`);
});

test("every feature has finite coordinates in range, a feature code and a country or none", () => {
  const g = gaz!;
  for (let i = 0; i < g.size; i += 97) {
    const f = g.feature(i);
    assert.ok(Math.abs(f.lat) <= 90 && Math.abs(f.lon) <= 180, `${f.name}: ${f.lat},${f.lon}`);
    assert.ok(f.featureCode.length >= 2, f.name);
    assert.ok(f.countryCode === "" || /^[A-Z]{2}$/.test(f.countryCode), `${f.name}: ${f.countryCode}`);
  }
});

// [name, feature code prefix, ISO country] that lookups must find among the candidates
const MUST_FIND: [string, string, string][] = [
  ["Deir ez-Zor", "PPL", "SY"],
  ["Deir ez-Zor", "ADM1", "SY"],
  ["Syria", "PCL", "SY"],
  ["Turkey", "PCL", "TR"],
  ["U.S.", "PCL", "US"],
  ["Euphrates", "STM", "SY"],
  ["Tabqa Dam", "DAM", "SY"],
  ["Bab al-Hawa", "PSTB", "SY"],
  ["Hmeimim", "AIRB", "SY"],
  ["al-Omar oil field", "OILF", "SY"],
  ["West Bank", "RGN", "PS"],
  ["Lake Victoria", "LK", ""],
  ["Strait of Hormuz", "STRT", ""],
  ["Hedmark", "ADM1H", "NO"],
  ["Midwest", "RGN", "US"],
  ["Donbas", "RGN", "UA"],
  ["New South Wales", "ADM1", "AU"],
  ["Springfield", "PPL", "US"],
];
for (const [name, fc, cc] of MUST_FIND) {
  test(`candidates for ${name} include a ${fc} in ${cc}`, () => {
    const g = gaz!;
    const found = g.candidates(name).some((i) => g.fcode(i).startsWith(fc) && g.cc(i) === cc);
    assert.ok(found, g.candidates(name).slice(0, 5).map((i) => `${g.name(i)} ${g.fcode(i)} ${g.cc(i)}`).join("; "));
  });
}

test("abbreviations are case-sensitive: 'US' is a country, 'us' is not", () => {
  const g = gaz!;
  assert.ok(g.candidates("US").some((i) => g.fcode(i).startsWith("PCL")));
  assert.ok(!g.candidates("us").some((i) => g.fcode(i).startsWith("PCL") && g.cc(i) === "US"));
});

test("unknown names have no candidates", () => {
  assert.deepEqual([...gaz!.lookupKey("qqqxyzzy nowhere")], []);
  assert.equal(lookupPlace("Qqqxyzzy"), undefined);
  assert.equal(lookupPlace(""), undefined);
});

test("header tables: demonyms, capitals, shared borders, country extents", () => {
  const h = gaz!.header;
  assert.equal(h.demonyms.syrian, "SY");
  assert.equal(h.demonyms.kazak ?? h.demonyms.kazakh, "KZ");
  assert.equal(gaz!.name(h.capitals.KZ!), "Astana");
  const b = h.borders["IQ|SY"];
  assert.ok(b && b[0] > 32 && b[0] < 37.5 && b[1] > 38 && b[1] < 42.5, `IQ|SY border ${b}`);
  const e = h.extents.SY!;
  assert.ok(e[0] < e[1] && e[2] < e[3]);
});

test("lookupPlace picks the main sense of a bare name", () => {
  const d = lookupPlace("Deir ez-Zor");
  assert.equal(d?.countryCode, "SY");
  assert.equal(d?.geonameId, 170794);
  assert.equal(lookupPlace("Paris")?.countryCode, "FR");
  assert.equal(lookupPlace("Dayr az Zawr")?.geonameId, 170794);
});

test("placeAt gives the country and admin-1 of a point", () => {
  const p = placeAt(35.33, 40.14);
  assert.equal(p?.countryCode, "SY");
  assert.equal(p?.admin1, "Deir ez-Zor");
  assert.equal(placeAt(Number.NaN, 0), undefined);
  assert.equal(placeAt(95, 0), undefined);
});

test("every supplement and physical-feature entry has a source, a known feature code and coordinates in range", () => {
  type Entry = { id: string; name: string; source: string; lat: number; lon: number; featureCode: string; geometry?: { coordinates: [number, number][] } };
  const read = (file: string) => (JSON.parse(readFileSync(join(PROJECT_ROOT, "data", "geo", file), "utf8")) as { features: Entry[] }).features;
  const all = [...read("supplement.json"), ...read("physical.json")];
  const ids = new Set<string>();
  for (const f of all) {
    assert.ok(!ids.has(f.id), `duplicate id ${f.id}`);
    ids.add(f.id);
    assert.ok(f.source && f.source.length > 5, `${f.id}: no source`);
    assert.ok(Math.abs(f.lat) <= 90 && Math.abs(f.lon) <= 180, `${f.id}: ${f.lat},${f.lon}`);
    assert.match(f.featureCode, /^[A-Z]{2,5}$/);
    for (const [lon, lat] of f.geometry?.coordinates ?? []) assert.ok(Math.abs(lat) <= 90 && Math.abs(lon) <= 180, f.id);
  }
});

test("a missing gazetteer file is reported, not thrown", () => {
  assert.equal(loadGazetteer({ path: "/nonexistent/gazetteer.bin", buildIfMissing: false }), undefined);
});

test("a gazetteer file from another format version is not misread (rebuilt, or explained when building is off)", () => {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-gaz-"));
  const path = join(dir, "old.bin");
  const buf = Buffer.from(readFileSync(join(PROJECT_ROOT, "data", "build", "gazetteer.bin")));
  // rewrite the version number in the header in place, with as many digits ("version":6 → 5, 10 → 11)
  const other = String(FORMAT_VERSION - 1).length === String(FORMAT_VERSION).length ? FORMAT_VERSION - 1 : FORMAT_VERSION + 1;
  const head = buf.toString("latin1", 0, 64);
  const at = head.indexOf(`"version":${FORMAT_VERSION}`);
  assert.ok(at > 0, `no version field in the header: ${head}`);
  buf.write(`"version":${other}`, at, "latin1");
  writeFileSync(path, buf);
  assert.equal(storeVersionOf(path), other, "the other version is read from the header");
  assert.equal(loadGazetteer({ path, buildIfMissing: false }), undefined, "an old file must not load as if current");
  rmSync(dir, { recursive: true, force: true });
});

test("an admin-1 point lies among its own places (no stale Natural Earth code moves it to another province)", () => {
  const g = gaz!;
  const byA1 = new Map<number, { lats: number[]; lons: number[] }>();
  for (let i = 0; i < g.size; i++) {
    if (g.a1(i) < 0 || !g.fcode(i).startsWith("PPL") || !["PH", "FR", "IT", "ES", "DE", "SY", "IQ", "KE"].includes(g.cc(i))) continue;
    const e = byA1.get(g.a1(i)) ?? { lats: [], lons: [] };
    e.lats.push(g.lat(i));
    e.lons.push(g.lon(i));
    byA1.set(g.a1(i), e);
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  let checked = 0;
  for (const [a1, e] of byA1) {
    if (e.lats.length < 10) continue;
    const fi = g.header.admin1Feature[g.header.admin1Keys[a1]!];
    if (fi === undefined) continue;
    const d = distanceKm(g.lat(fi), g.lon(fi), med(e.lats), med(e.lons));
    assert.ok(d < 300, `${g.name(fi)} (${g.header.admin1Keys[a1]}) at ${g.lat(fi)},${g.lon(fi)} is ${Math.round(d)} km from the middle of its places`);
    checked++;
  }
  assert.ok(checked > 50, `only ${checked} admin-1 units checked`);
});

test("provinces spanning the antimeridian are placed on their land, not near 0° (Alaska, Chukotka)", () => {
  // [name, country, a point inside the province's main land]
  const rows: [string, string, number, number][] = [
    ["Alaska", "US", 64.8, -147.7], // Fairbanks
    ["Chukotka", "RU", 64.73, 177.5], // Anadyr
  ];
  const g = gaz!;
  for (const [name, cc, lat, lon] of rows) {
    const i = g.candidates(name).find((c) => g.fcode(c) === "ADM1" && g.cc(c) === cc && g.name(c) === name);
    assert.ok(i !== undefined, `${name}: no ADM1 of that name in ${cc}`);
    const d = distanceKm(lat, lon, g.lat(i), g.lon(i));
    assert.ok(d < 900, `${name} at ${g.lat(i)},${g.lon(i)} is ${Math.round(d)} km from ${lat},${lon}`);
  }
});

test("England's regions, compass words alone in Natural Earth, are named with England (South West England)", () => {
  const g = gaz!;
  // [name, a town inside the region]
  const rows: [string, number, number][] = [
    ["South West England", 50.72, -3.53], // Exeter
    ["East of England", 52.2, 0.12], // Cambridge
    ["North East England", 54.97, -1.61], // Newcastle
  ];
  for (const [name, lat, lon] of rows) {
    const i = g.candidates(name).find((c) => g.fcode(c) === "RGN" && g.cc(c) === "GB");
    assert.ok(i !== undefined, `${name}: no GB region of that name`);
    const d = distanceKm(lat, lon, g.lat(i), g.lon(i));
    assert.ok(d < 200, `${name} at ${g.lat(i)},${g.lon(i)} is ${Math.round(d)} km from ${lat},${lon}`);
  }
  // the US census region "South" spans many states: not named after one of them
  assert.equal(g.candidates("South Texas").filter((c) => g.fcode(c) === "RGN").length, 0, "no 'South Texas' region");
});
