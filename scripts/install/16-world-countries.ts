// Install step: the fields of the world-countries package that the NLP model reads →
// data/build/world-countries.json, read at start instead of the package (src/nlp/model/world-countries.ts).
import { relative } from "node:path";
import { WORLD_COUNTRIES_PATH, writeWorldCountries } from "../../src/nlp/model/world-countries.js";

const t0 = Date.now();
const n = writeWorldCountries();
console.log(`sitrep countries: ${n} countries → ${relative(process.cwd(), WORLD_COUNTRIES_PATH)} (${Date.now() - t0} ms)`);
