// Resolved places. Geometry that crosses a module boundary is GeoJSON.
import type { Mention } from "./annotations.js";

/** ACLED geo-precision: 1 the town itself, 2 near a town or part of a region, 3 only the province/region. */
export type GeoPrecision = 1 | 2 | 3;

export interface Place {
  /** Stable within a document: "geonames:170794", "sup:euphrates", or "rel:" for relative places. */
  id: string;
  name: string;
  mentions: Mention[];
  lat: number;
  lon: number;
  geonameId?: number;
  /** GeoNames feature code: PPLA, ADM1, PCLI, STM, AIRB … */
  featureCode: string;
  /** ISO 3166-1 alpha-2 */
  countryCode: string;
  admin1?: string;
  precision: GeoPrecision;
  /** For relative places ("an oilfield southwest of Deir Ezzor"): the anchor place id and the relation. */
  relative?: { anchor: string; direction?: string; distanceKm?: number; kind: string };
  /** Optional full geometry (rivers as lines, provinces as polygons). */
  geometry?: GeoJSON;
}

/** Minimal GeoJSON geometry types used at module boundaries. */
export type GeoJSON =
  | { type: "Point"; coordinates: [number, number] }
  | { type: "LineString"; coordinates: [number, number][] }
  | { type: "MultiLineString"; coordinates: [number, number][][] }
  | { type: "Polygon"; coordinates: [number, number][][] }
  | { type: "MultiPolygon"; coordinates: [number, number][][][] };
