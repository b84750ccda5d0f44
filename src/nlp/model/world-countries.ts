// The few fields of the world-countries package that the NLP model reads (code, common name,
// capitals, English demonym, independence) for its 250 countries, kept by the install step
// scripts/install/16-world-countries.ts in data/build/world-countries.json (~30 KB): requiring the
// package parses 1.4 MB of JSON, ~25 ms of CPU at every start. The file carries a fingerprint of
// the package (version, size of its data) and of this file's code: when either differs, or the file is
// missing or damaged, the package is read as before. Same fields either way.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeBuildOutput } from "../../build-output.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Where the install step writes the fields. */
export const WORLD_COUNTRIES_PATH = join(here, "..", "..", "..", "data", "build", "world-countries.json");

/** One country of world-countries, with only the fields the model reads. */
export interface WorldCountry {
  cca2: string;
  name: { common: string };
  capital?: string[];
  demonyms?: { eng?: { m: string } };
  independent?: boolean;
}

/** The package's own entries (every field). */
function fromPackage(): WorldCountry[] {
  return createRequire(import.meta.url)("world-countries") as WorldCountry[];
}

/** The fields the model reads, from the package's entries. */
export function slimCountries(all: WorldCountry[]): WorldCountry[] {
  return all.map((c) => ({
    cca2: c.cca2,
    name: { common: c.name.common },
    ...(c.capital ? { capital: c.capital } : {}),
    ...(c.demonyms?.eng?.m !== undefined ? { demonyms: { eng: { m: c.demonyms.eng.m } } } : {}),
    ...(c.independent !== undefined ? { independent: c.independent } : {}),
  }));
}

/** The installed package (version, size of its data) and this file's code. */
export function worldCountriesFingerprint(): string {
  const dir = dirname(createRequire(import.meta.url).resolve("world-countries"));
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: string }).version;
  const size = statSync(join(dir, "countries.json")).size;
  const code = createHash("sha1").update(readFileSync(join(here, "world-countries.ts"))).digest("hex");
  return `${version}:${size}:${code}`;
}

/** Writes the file atomically (a start meanwhile reads the old file or the new one). */
export function writeWorldCountries(path = WORLD_COUNTRIES_PATH): number {
  const countries = slimCountries(fromPackage());
  writeBuildOutput(path, JSON.stringify({ fingerprint: worldCountriesFingerprint(), countries }));
  return countries.length;
}

/** An entry with the fields every country has (a hand-edited file may lack them: the package is read then). */
const wellFormed = (c: WorldCountry | null): boolean => typeof c?.cca2 === "string" && typeof c.name?.common === "string" && (c.capital === undefined || Array.isArray(c.capital));

/** The countries: from the file at `path` when it matches the installed package and this code, else from the package. */
export function worldCountries(path = WORLD_COUNTRIES_PATH): WorldCountry[] {
  try {
    const file = JSON.parse(readFileSync(path, "utf8")) as { fingerprint?: string; countries?: WorldCountry[] };
    if (Array.isArray(file.countries) && file.countries.every(wellFormed) && file.fingerprint === worldCountriesFingerprint()) return file.countries;
  } catch {
    // missing or damaged: read the package
  }
  return slimCountries(fromPackage());
}
