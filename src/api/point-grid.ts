// A half-degree grid over the point index's placed points: per cell, the positions (in the index's
// date order) of the points inside it, so a box asks only the cells it covers, and inside each
// cell a time window is two binary searches. Used when that reads fewer points than the window.

/** Cell width in degrees (half a degree: a map-sized box of a few degrees reads a few dozen cells). */
const CELL = 0.5;
const COLS = Math.ceil(360 / CELL) + 1;
const ROWS = Math.ceil(180 / CELL) + 1;
/** Past this many cells a box reads the whole window instead (a world-sized box). */
const MAX_CELLS = 2048;

const col = (lon: number) => Math.min(COLS - 1, Math.max(0, Math.floor((lon + 180) / CELL)));
const row = (lat: number) => Math.min(ROWS - 1, Math.max(0, Math.floor((lat + 90) / CELL)));

export class PointGrid {
  /** Cell c's points are at[start[c] … start[c + 1]), ascending. */
  private start: Int32Array;
  private at: Int32Array;

  /** `lon`/`lat` of every point in index order; points with `placed[i] === 0` are left out. */
  constructor(lon: Float64Array, lat: Float64Array, placed: Uint8Array) {
    const n = lon.length;
    const cellOf = new Int32Array(n);
    const start = new Int32Array(COLS * ROWS + 1);
    for (let i = 0; i < n; i++) {
      if (!placed[i]) {
        cellOf[i] = -1;
        continue;
      }
      const c = row(lat[i]) * COLS + col(lon[i]);
      cellOf[i] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < COLS * ROWS; c++) start[c + 1] += start[c];
    const fill = start.slice(0, COLS * ROWS);
    const at = new Int32Array(start[COLS * ROWS]);
    for (let i = 0; i < n; i++) if (cellOf[i] >= 0) at[fill[cellOf[i]]++] = i;
    this.start = start;
    this.at = at;
  }

  /** First k in [lo, hi) with at[k] >= pos. */
  private lower(lo: number, hi: number, pos: number): number {
    const at = this.at;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Positions in [from, to) of the points in cells covering [w, s, e, n] (w <= e): a superset of the
   * points inside the box (the caller tests each), as ascending runs (one per cell) that
   * `mergeRuns` puts in order. Null when the box covers so many cells, or its cells hold so many
   * points of the window, that scanning the window itself is cheaper. Written into `out` when
   * given (as long as the number of points; no array made per request).
   */
  candidates(w: number, s: number, e: number, n: number, from: number, to: number, out?: Int32Array): Runs | null {
    if (!(w <= e && s <= n)) return null;
    const c0 = col(w);
    const c1 = col(e);
    const r0 = row(s);
    const r1 = row(n);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS) return null;
    const ranges: number[] = [];
    let total = 0;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * COLS + c;
        const lo = this.start[cell];
        const hi = this.start[cell + 1];
        if (lo === hi) continue;
        const a = from > 0 ? this.lower(lo, hi, from) : lo;
        const b = this.lower(a, hi, to);
        if (a < b) {
          ranges.push(a, b);
          total += b - a;
        }
      }
    }
    // Reading the cells' points, then merging them, must beat testing every point of the window.
    if (total * 3 > to - from) return null;
    const at = out ? out.subarray(0, total) : new Int32Array(total);
    const ends: number[] = [];
    let k = 0;
    for (let j = 0; j < ranges.length; j += 2) {
      at.set(this.at.subarray(ranges[j], ranges[j + 1]), k);
      k += ranges[j + 1] - ranges[j];
      ends.push(k);
    }
    return { at, ends };
  }
}

/** Ascending runs in one array: run r is at[ends[r - 1] ?? 0 … ends[r]). */
export interface Runs {
  at: Int32Array;
  ends: number[];
}

/** Merges the ascending runs of at[0 … ends[last]) into one ascending array (pairwise passes),
 * using `scratch` (at least as long as `at`) as the second buffer when given; the result is `at`
 * or part of `scratch`. */
export function mergeRuns(at: Int32Array, ends: number[], scratch?: Int32Array): Int32Array {
  let src: Int32Array = at;
  let bounds = ends;
  let dst: Int32Array = scratch ? scratch.subarray(0, at.length) : new Int32Array(at.length);
  while (bounds.length > 1) {
    const next: number[] = [];
    let start = 0;
    for (let r = 0; r < bounds.length; r += 2) {
      const mid = bounds[r];
      const end = r + 1 < bounds.length ? bounds[r + 1] : mid;
      let i = start;
      let j = mid;
      let k = start;
      while (i < mid && j < end) dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
      while (i < mid) dst[k++] = src[i++];
      while (j < end) dst[k++] = src[j++];
      next.push(end);
      start = end;
    }
    [src, dst] = [dst, src];
    bounds = next;
  }
  return src;
}
