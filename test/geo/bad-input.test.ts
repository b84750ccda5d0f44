// Bad input to geoparsing never throws: empty text, unknown names, spans outside the text,
// overlapping spans, junk span objects. Each gets "unresolved" or a coded warning.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../src/geo/gazetteer.js";
import { geoparse, lookupPlace, resolveSpans } from "../../src/geo/index.js";
import type { Span } from "../../src/types/index.js";

const gazetteer = loadGazetteer()!;

test("empty and whitespace text: no places, no warnings", () => {
  assert.deepEqual(geoparse("", { gazetteer }), { places: [], warnings: [] });
  assert.deepEqual(geoparse("   \n ", { gazetteer }).places, []);
  // a non-string from untyped callers
  assert.deepEqual(geoparse(undefined as unknown as string, { gazetteer }).places, []);
});

test("text with no places", () => {
  assert.deepEqual(geoparse("the quick brown fox jumps over the lazy dog", { gazetteer }).places, []);
});

test("an unknown name given as a span is unresolved, with PLACE_UNRESOLVED", () => {
  const text = "They met in Zzyzxqwv yesterday.";
  const { results, warnings } = resolveSpans(text, [{ start: 12, end: 20 }], { gazetteer });
  assert.equal(results.length, 1);
  assert.equal(results[0]!.place, undefined);
  assert.ok(warnings.some((w) => w.code === "PLACE_UNRESOLVED"));
});

test("spans outside the text, reversed, empty or not integers: SPAN_OUT_OF_RANGE, the rest still resolves", () => {
  const text = "Shelling hit Homs.";
  const spans = [
    { start: 13, end: 17 },
    { start: 10, end: 99 },
    { start: -1, end: 3 },
    { start: 5, end: 5 },
    { start: 8, end: 2 },
    { start: 1.5, end: 3 },
    null,
    "x",
  ] as unknown as Span[];
  const r = geoparse(text, { gazetteer, mentions: spans });
  assert.equal(r.places.length, 1);
  assert.equal(r.places[0]!.geonameId, 169577);
  assert.equal(r.warnings.filter((w) => w.code === "SPAN_OUT_OF_RANGE").length, 7);
});

test("overlapping spans: the later one gets SPAN_OVERLAP", () => {
  const text = "Deir ez-Zor city";
  const { results, warnings } = resolveSpans(text, [{ start: 0, end: 11 }, { start: 5, end: 11 }], { gazetteer });
  assert.equal(results.length, 1);
  assert.equal(results[0]!.place?.geonameId, 170794);
  assert.ok(warnings.some((w) => w.code === "SPAN_OVERLAP"));
});

test("mentions that is not an array is a warning, not a crash", () => {
  const r = geoparse("Homs", { gazetteer, mentions: "nope" as unknown as Span[] });
  assert.equal(r.places.length, 0);
  assert.equal(r.warnings[0]?.code, "SPAN_OUT_OF_RANGE");
});

test("a missing gazetteer gives GAZETTEER_MISSING with a hint, not a throw", () => {
  const env = { path: process.env.SITREP_GAZETTEER, nb: process.env.SITREP_GAZETTEER_NO_BUILD };
  process.env.SITREP_GAZETTEER = "/nonexistent/dir/gazetteer.bin";
  process.env.SITREP_GAZETTEER_NO_BUILD = "1";
  try {
    const r = geoparse("Fighting in Homs.");
    assert.deepEqual(r.places, []);
    assert.equal(r.warnings[0]?.code, "GAZETTEER_MISSING");
    assert.match(r.warnings[0]!.message, /build:gazetteer/);
  } finally {
    if (env.path === undefined) delete process.env.SITREP_GAZETTEER;
    else process.env.SITREP_GAZETTEER = env.path;
    if (env.nb === undefined) delete process.env.SITREP_GAZETTEER_NO_BUILD;
    else process.env.SITREP_GAZETTEER_NO_BUILD = env.nb;
  }
});

test("junk exclude spans are ignored", () => {
  const r = geoparse("Shelling hit Homs.", { gazetteer, exclude: [null, { start: "a" }, 5] as unknown as Span[] });
  assert.equal(r.places[0]?.geonameId, 169577);
});

test("lookupPlace with junk", () => {
  assert.equal(lookupPlace("", { gazetteer }), undefined);
  assert.equal(lookupPlace("!!!", { gazetteer }), undefined);
  assert.equal(lookupPlace(42 as unknown as string, { gazetteer }), undefined);
});

test("very long and odd text does not throw", () => {
  const text = `${"Ḩ‘ʿ-'’ al- el- ".repeat(2000)} Damascus ${"x".repeat(50_000)}`;
  const r = geoparse(text, { gazetteer });
  assert.ok(r.places.some((p) => p.geonameId === 170654));
});

test("words that name an object's built-in properties are plain words ('constructor', 'toString')", () => {
  // (the folding and cue tables were objects: "constructor" found their prototype and threw)
  for (const text of ["The Constructor said.", "Fighting near Aleppo constructor sites was reported.", "Aleppo toString valueOf hasOwnProperty"]) {
    const names = geoparse(text, { gazetteer }).places.map((p) => p.name);
    assert.ok(Array.isArray(names), `geoparse of ${JSON.stringify(text)} returns places`);
  }
  assert.ok(
    geoparse("Fighting near Aleppo constructor sites was reported.", { gazetteer }).places.some((p) => p.countryCode === "SY"),
    "Aleppo is still found before 'constructor'",
  );
});
