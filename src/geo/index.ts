// Geoparsing: find place mentions in text and resolve them against the offline gazetteer.
// (Scaffold: recognition and resolution are added by the geoparsing work.)
import type { Place, Span, Warning } from "../types/index.js";

export interface GeoparseOptions {
  /** Spans already known not to be places (actor mentions). */
  exclude?: Span[];
  /** Resolve exactly these spans instead of finding mentions. */
  mentions?: Span[];
  publishedAt?: string;
  explain?: boolean;
}

export interface GeoparseResult {
  places: Place[];
  warnings: Warning[];
}

export function geoparse(_text: string, _opts: GeoparseOptions = {}): GeoparseResult {
  return { places: [], warnings: [] };
}
