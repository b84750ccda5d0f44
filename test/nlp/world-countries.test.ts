// The world-countries fields kept at install (data/build/world-countries.json,
// src/nlp/model/world-countries.ts): the file holds the package's values of every field the model
// reads, is used only when it matches the installed package and the code, and a stale, missing or
// damaged file falls back to reading the package.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { slimCountries, type WorldCountry, worldCountries, worldCountriesFingerprint, writeWorldCountries } from "../../src/nlp/model/world-countries.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-world-countries-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const pkg = createRequire(import.meta.url)("world-countries") as WorldCountry[];

test("the written file gives the package's value of every field the model reads", () => {
  const path = join(dir, "written.json");
  assert.equal(writeWorldCountries(path), pkg.length);
  const got = worldCountries(path);
  assert.equal(got.length, pkg.length);
  let demonyms = 0;
  let dependent = 0;
  got.forEach((c, i) => {
    const p = pkg[i]!;
    assert.equal(c.cca2, p.cca2);
    assert.equal(c.name.common, p.name.common, p.cca2);
    assert.deepEqual(c.capital, p.capital, p.cca2);
    assert.equal(c.demonyms?.eng?.m, p.demonyms?.eng?.m, p.cca2);
    assert.equal(c.independent, p.independent, p.cca2);
    if (c.demonyms?.eng?.m) demonyms++;
    if (c.independent === false) dependent++;
  });
  assert.ok(demonyms > 200 && dependent > 20, `the fields are filled (${demonyms} demonyms, ${dependent} dependent territories)`);
});

test("the file is what is used when it matches; a stale, damaged or missing file is not", () => {
  const marked = join(dir, "marked.json");
  const countries = slimCountries(pkg);
  writeFileSync(marked, JSON.stringify({ fingerprint: worldCountriesFingerprint(), countries: [{ ...countries[0]!, name: { common: "Marked" } }] }));
  assert.equal(worldCountries(marked)[0]!.name.common, "Marked", "read from the file");
  const stale = join(dir, "stale.json");
  writeFileSync(stale, JSON.stringify({ fingerprint: "5.0.0:1:0", countries: [{ ...countries[0]!, name: { common: "Marked" } }] }));
  const damaged = join(dir, "damaged.json");
  writeFileSync(damaged, JSON.stringify({ fingerprint: worldCountriesFingerprint(), countries }).slice(0, 300));
  const badEntry = join(dir, "bad-entry.json");
  writeFileSync(badEntry, JSON.stringify({ fingerprint: worldCountriesFingerprint(), countries: [...countries.slice(1), {}] }));
  for (const path of [stale, damaged, badEntry, join(dir, "missing.json")]) assert.deepEqual(worldCountries(path), countries, `${path}: read from the package`);
});
