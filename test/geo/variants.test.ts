// Second tries for given spans whose name is in no gazetteer entry (src/geo/variants.ts through
// resolveSpans): qualifiers, generic trailing words, joined words, and the country check.
import assert from "node:assert/strict";
import { test } from "node:test";
import { distanceKm } from "../../src/geo/distance.js";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { resolveSpans } from "../../src/geo/index.js";
import { fallbackName } from "../../src/geo/variants.js";

const gazetteer = loadGazetteer()!;

function resolveName(text: string, name: string) {
  const start = text.indexOf(name);
  assert.ok(start >= 0, `"${name}" is not in the text`);
  const { results } = resolveSpans(text, [{ start, end: start + name.length }], { gazetteer });
  return results[0]?.place;
}

// [text, span, country, lat, lon]: the span resolves within 100 km of (lat, lon)
const ROWS: [string, string, string, number, number][] = [
  ["Police patrolled North Dallas overnight, Texas officials said.", "North Dallas", "US", 32.78, -96.8],
  ["Flights to Da Nang International Airport in Vietnam resumed on Monday.", "Da Nang International Airport", "VN", 16.05, 108.2],
  ["Farmers in the Swat Valley of Pakistan lost their crops to the floods.", "Swat Valley", "PK", 35.2, 72.4],
  ["The town of Dogu Beyazit in eastern Turkey reported two cases.", "Dogu Beyazit", "TR", 39.55, 44.08],
  ["The council of Greater Mumbai in India closed the beaches.", "Greater Mumbai", "IN", 19.07, 72.88],
];

for (const [text, span, cc, lat, lon] of ROWS) {
  test(`variants: "${span}"`, () => {
    const p = resolveName(text, span);
    assert.ok(p, `${span} was not resolved`);
    assert.equal(p.countryCode, cc, `${p.name} ${p.featureCode} ${p.countryCode}`);
    const d = distanceKm(lat, lon, p.lat, p.lon);
    assert.ok(d < 100, `${p.name} is ${Math.round(d)} km off`);
  });
}

test("variants: a qualifier makes the place a part of the winner (precision 2 or coarser, own id)", () => {
  const p = resolveName("Police patrolled North Dallas overnight, Texas officials said.", "North Dallas");
  assert.ok(p && p.precision >= 2, `precision ${p?.precision}`);
  assert.ok(p.id.startsWith("part:"), p.id);
});

test("variants: a second-try name in a country the article never mentions stays unresolved", () => {
  // "West Prince" → "Prince" names places far from Canada only
  const p = resolveName("Farmers in West Prince, Canada, were told to keep poultry indoors.", "West Prince");
  assert.ok(!p || p.countryCode === "CA", `resolved to ${p?.name} ${p?.countryCode}`);
});

test("variants: strict generic words keep only their kind ('X Island' is not the town X)", () => {
  const f = fallbackName(gazetteer, "Plum Island");
  assert.ok(!f || f.candidates.every((i) => gazetteer.fcode(i).startsWith("ISL")), `got ${f?.candidates.map((i) => gazetteer.fcode(i)).join(",")}`);
});

test("variants: a name the gazetteer has needs no second try, junk gets none", () => {
  assert.equal(fallbackName(gazetteer, "Xqzzv Valley"), undefined, "a made-up name found candidates");
  assert.equal(fallbackName(gazetteer, ""), undefined, "empty name found candidates");
});
