// Loads the data files in model/ once per process: actor lexicon, country names, generic phrases,
// discovery heads. Bad data files throw at start with the file and line, never at run time.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ActorKind } from "../../types/index.js";
import { worldCountries } from "./world-countries.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Rows of a tab-separated data file, skipping "#" comments and blank lines. */
export function readTsv(name: string, minCols: number): string[][] {
  const path = join(here, name);
  const rows: string[][] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "" || line.startsWith("#")) return;
      const cols = line.replace(/\r$/, "").split("\t");
      if (cols.length < minCols) throw new Error(`${path}:${i + 1}: expected ${minCols} tab-separated columns`);
      rows.push(cols);
    });
  return rows;
}

export interface LexActor {
  id: string;
  name: string;
  kind: ActorKind;
  inter?: number;
  country?: string;
  aliases: string[];
}

export interface CountryInfo {
  iso2: string;
  slug: string;
  name: string;
  names: string[];
  demonyms: string[];
  metonyms: string[];
  leaders: string[];
}

export interface Model {
  actors: Map<string, LexActor>;
  countries: Map<string, CountryInfo>;
  /** slug → iso2 */
  countryBySlug: Map<string, CountryInfo>;
}

let cached: Model | undefined;

const slugify = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
export { slugify };

export function loadModel(): Model {
  if (cached) return cached;
  const actors = new Map<string, LexActor>();
  for (const [id, name, kind, inter, country, aliases] of readTsv("actors.tsv", 6)) {
    actors.set(id, {
      id,
      name,
      kind: kind as ActorKind,
      inter: inter ? Number(inter) : undefined,
      country: country || undefined,
      aliases: aliases.split("|").filter(Boolean),
    });
  }
  const world = worldCountries(); // the fields kept at install (data/build), else read from the package
  const extra = new Map(readTsv("countries.tsv", 3).map((r) => [r[0], r]));
  const countries = new Map<string, CountryInfo>();
  const countryBySlug = new Map<string, CountryInfo>();
  for (const c of world) {
    const x = extra.get(c.cca2);
    const split = (s?: string) => (s ? s.split("|").filter(Boolean) : []);
    const info: CountryInfo = {
      iso2: c.cca2,
      slug: x?.[1] || slugify(c.name.common),
      name: x?.[2]?.split("|")[0] || c.name.common,
      names: [...new Set([c.name.common, ...split(x?.[2])])],
      // territories share their state's demonym ("American"): only independent states keep theirs
      demonyms: [...new Set([...(c.demonyms?.eng?.m && (c.independent !== false || x) ? [c.demonyms.eng.m] : []), ...split(x?.[3])])],
      metonyms: [...new Set([...(c.capital ?? []).slice(0, 1), ...split(x?.[4])])],
      leaders: split(x?.[5]),
    };
    countries.set(info.iso2, info);
    countryBySlug.set(info.slug, info);
  }
  cached = { actors, countries, countryBySlug };
  return cached;
}
