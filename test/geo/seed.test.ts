// Golden test on the seed article (../shared/data/seed/...): every place the issue lists must
// resolve correctly, and the whole place list is compared with test/fixtures/geo/seed/expected.json
// (UPDATE=1 rewrites it; a mismatch writes actual.json beside it).
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PROJECT_ROOT } from "../../src/geo/build.js";
import { geoparse } from "../../src/geo/index.js";
import type { Place } from "../../src/types/index.js";

const SEED = join(PROJECT_ROOT, "..", "shared", "data", "seed", "independent-2017-09-09-syria-deir-ezzor.txt");
const FIX = join(PROJECT_ROOT, "test", "fixtures", "geo", "seed");
const skip = existsSync(SEED) ? false : "needs ../shared/data (absent)";

const places: Place[] = existsSync(SEED) ? geoparse(readFileSync(SEED, "utf8")).places : [];

function find(surface: RegExp, pred: (p: Place) => boolean): Place | undefined {
  return places.find((p) => pred(p) && p.mentions.some((m) => surface.test(m.text)));
}

// [mention text, what the place must be]
const EXPECT: [RegExp, string, (p: Place) => boolean][] = [
  [/^Deir (Ezzor|el-Zour)$/, "Deir ez-Zor city (GeoNames 170794)", (p) => p.geonameId === 170794 && p.precision === 1],
  [/^Deir Ezzor$/, "Deir ez-Zor province (admin-1)", (p) => p.featureCode === "ADM1" && p.admin1 === "Deir ez-Zor"],
  [/^Deir Ezzor military airport$/, "the Deir ez-Zor air base", (p) => p.featureCode === "AIRB" && Math.abs(p.lat - 35.28) < 0.05],
  [/^Raqqa$/, "Raqqa city", (p) => p.geonameId === 172955],
  [/^al-Shadadi$/, "al-Shadadi (Ash Shaddadah)", (p) => p.geonameId === 172837],
  [/^Hasaka$/, "Hasaka province", (p) => p.featureCode === "ADM1" && p.countryCode === "SY" && p.admin1 === "Al-Hasakah"],
  [/^al-Mayadeen$/, "al-Mayadin", (p) => p.geonameId === 173480],
  [/^Homs$/, "Homs, Syria", (p) => p.geonameId === 169577],
  [/^Hama$/, "Hama, Syria", (p) => p.geonameId === 170017],
  [/^Euphrates$/, "the Euphrates river", (p) => p.featureCode === "STM" && p.id === "sup:euphrates"],
  [/Iraqi border|border with Iraq/, "the Iraq–Syria border", (p) => p.relative?.kind === "border" && p.id === "rel:border:IQ|SY"],
  [/^Astana$/, "Astana, Kazakhstan", (p) => p.countryCode === "KZ" && p.featureCode === "PPLC"],
  [/^Geneva$/, "Geneva, Switzerland", (p) => p.countryCode === "CH" && p.precision === 1],
  [/^Damascus$/, "Damascus, Syria", (p) => p.geonameId === 170654],
  [/northwestern countryside/, "Deir Ezzor's northwestern countryside (precision 2)", (p) => p.precision === 2 && p.relative?.anchor === "geonames:170794"],
  [/oilfield southwest of Deir Ezzor/, "an oilfield southwest of Deir Ezzor (precision 2)", (p) => p.precision === 2 && p.relative?.direction === "southwest"],
  [/eastern bank of the Euphrates/, "the eastern bank of the Euphrates", (p) => p.relative?.kind === "bank" && p.lat > 34 && p.lat < 36.5],
];

for (const [surface, what, pred] of EXPECT) {
  test(`seed: ${what}`, { skip }, () => {
    const p = find(surface, pred);
    const seen = places.filter((q) => q.mentions.some((m) => surface.test(m.text))).map((q) => `${q.id} ${q.name} ${q.featureCode}`);
    assert.ok(p, `no place for ${surface} matching "${what}"; found: ${seen.join("; ") || "nothing"}`);
  });
}

// Words of the seed that are not places (actors, people, outlets, boilerplate).
const NOT_PLACES = ["Stay", "Notifications", "Rachel Roberts", "Reuters", "Independent", "Hezbollah", "Kurdish", "Syrian", "Assad", "Isis", "Elon Musk"];
test("seed: actors, people and outlets are not places", { skip }, () => {
  for (const w of NOT_PLACES)
    for (const p of places) for (const m of p.mentions) assert.ok(!(m.text === w && !p.relative), `${w} taken as the place ${p.name}`);
});

test("seed: the whole place list matches the golden file", { skip }, () => {
  const actual = places.map((p) => ({
    id: p.id,
    name: p.name,
    featureCode: p.featureCode,
    countryCode: p.countryCode,
    admin1: p.admin1 ?? null,
    precision: p.precision,
    lat: Math.round(p.lat * 100) / 100,
    lon: Math.round(p.lon * 100) / 100,
    mentions: p.mentions.map((m) => m.text),
  }));
  const expectedPath = join(FIX, "expected.json");
  const json = `${JSON.stringify(actual, null, 1)}\n`;
  if (process.env.UPDATE) writeFileSync(expectedPath, json);
  const expected = existsSync(expectedPath) ? readFileSync(expectedPath, "utf8") : "";
  if (json !== expected) writeFileSync(join(FIX, "actual.json"), json);
  assert.deepEqual(JSON.parse(json), expected ? JSON.parse(expected) : null, "see test/fixtures/geo/seed/actual.json");
});
