// A small spatial index for the detectors: points sorted by latitude, searched in a latitude band
// (1° of latitude ≈ 111 km everywhere), so "nearest" and "within" touch only nearby points.
import { haversineKm } from "./distance.js";

const KM_PER_DEG_LAT = 111.0;

export class LatIndex<T extends { lat: number; lon: number }> {
  private readonly pts: T[];
  private readonly lats: number[];

  constructor(
    points: T[],
    /** Orders equally near points, so answers do not depend on input order. */
    private readonly tie: (a: T, b: T) => number,
  ) {
    this.pts = [...points].sort((a, b) => a.lat - b.lat || tie(a, b));
    this.lats = this.pts.map((p) => p.lat);
  }

  get size(): number {
    return this.pts.length;
  }

  private lower(lat: number): number {
    let lo = 0;
    let hi = this.lats.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lats[mid]! < lat) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Every point within `km` of (lat, lon). */
  within(lat: number, lon: number, km: number): T[] {
    const band = km / KM_PER_DEG_LAT + 1e-9;
    const out: T[] = [];
    for (let i = this.lower(lat - band); i < this.pts.length && this.lats[i]! <= lat + band; i++) {
      const p = this.pts[i]!;
      if (haversineKm(lat, lon, p.lat, p.lon) <= km) out.push(p);
    }
    return out;
  }

  /** The nearest point (ties broken by `tie`), or undefined when the index is empty or none is within `maxKm`. */
  nearest(lat: number, lon: number, maxKm = Number.POSITIVE_INFINITY): { km: number; p: T } | undefined {
    if (this.pts.length === 0) return undefined;
    let best: { km: number; p: T } | undefined;
    // Grow the band until it is wider than the best distance found (or covers everything).
    for (let band = 0.25; ; band *= 2) {
      const limit = Math.min(band, maxKm / KM_PER_DEG_LAT + 1e-9);
      for (let i = this.lower(lat - limit); i < this.pts.length && this.lats[i]! <= lat + limit; i++) {
        const p = this.pts[i]!;
        const km = haversineKm(lat, lon, p.lat, p.lon);
        if (km > maxKm) continue;
        if (!best || km < best.km - 1e-9 || (Math.abs(km - best.km) <= 1e-9 && this.tie(p, best.p) < 0)) best = { km, p };
      }
      const covered = limit * KM_PER_DEG_LAT;
      if ((best && best.km <= covered) || limit >= 180 || limit < band) return best;
    }
  }
}
