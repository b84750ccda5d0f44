// A half-degree grid over the point index's placed points: per cell, the positions (in the index's
// date order) of the points inside it, so a box asks only the cells it covers, and inside each
// cell a time window is two binary searches. Used when that reads fewer points than the window.
// It also keeps each point's day, type and position in cell order (given the columns), so counting
// the points of a box by day and type (the timeline) reads memory in order instead of jumping
// around the index's columns, and skips the box test in cells wholly inside the box.

/** Cell width in degrees (half a degree: a map-sized box of a few degrees reads a few dozen cells). */
const CELL = 0.5;
const COLS = Math.ceil(360 / CELL) + 1;
const ROWS = Math.ceil(180 / CELL) + 1;
/** Past this many cells a box reads the whole window instead (a world-sized box). */
const MAX_CELLS = 2048;

const col = (lon: number) => Math.min(COLS - 1, Math.max(0, Math.floor((lon + 180) / CELL)));
const row = (lat: number) => Math.min(ROWS - 1, Math.max(0, Math.floor((lat + 90) / CELL)));

/** Slack for a cell's edges when deciding it lies wholly inside a box (a point's cell comes from
 * rounded arithmetic, so it may sit a hair outside its cell). */
const EDGE = 1e-9;

/** Per day and type counts the timeline sums (see PointGrid.countBox). */
export interface DayTypeCounts {
  /** counts[day * types + type]: matching points of a known type. */
  counts: Int32Array;
  /** totals[day]: every matching point (type -1, unknown, too). */
  totals: Int32Array;
  types: number;
}

export class PointGrid {
  /** Cell c's points are at[start[c] … start[c + 1]), ascending. */
  private start: Int32Array;
  private at: Int32Array;
  /** The day, type, lon and lat of point at[k], in the same order (when the columns were given). */
  private cellDay: Int32Array | null = null;
  private cellType: Int8Array | null = null;
  private cellLon: Float64Array | null = null;
  private cellLat: Float64Array | null = null;

  /** `lon`/`lat` of every point in index order; points with `placed[i] === 0` are left out. With
   * `day` and `type` columns, `countBox` can count. */
  constructor(lon: Float64Array, lat: Float64Array, placed: Uint8Array, day?: Int32Array, type?: Int8Array) {
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
    if (day && type) {
      const m = at.length;
      const cellDay = new Int32Array(m);
      const cellType = new Int8Array(m);
      const cellLon = new Float64Array(m);
      const cellLat = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        const i = at[k];
        cellDay[k] = day[i];
        cellType[k] = type[i];
        cellLon[k] = lon[i];
        cellLat[k] = lat[i];
      }
      this.cellDay = cellDay;
      this.cellType = cellType;
      this.cellLon = cellLon;
      this.cellLat = cellLat;
    }
  }

  /**
   * Adds to `out` the points inside [w, s, e, n] (edges included, w <= e) at positions [from, to)
   * whose type's bit is set in `typeBits` (bit k: type k; type -1 is bit 31): per day and type, and
   * per day. False (nothing counted) when the box covers more than MAX_CELLS cells or the grid was
   * made without day and type columns.
   */
  countBox(w: number, s: number, e: number, n: number, from: number, to: number, typeBits: number, out: DayTypeCounts): boolean {
    const { cellDay, cellType, cellLon, cellLat } = this;
    if (!cellDay || !cellType || !cellLon || !cellLat || !(w <= e && s <= n)) return false;
    const c0 = col(w);
    const c1 = col(e);
    const r0 = row(s);
    const r1 = row(n);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS) return false;
    const { counts, totals, types: T } = out;
    for (let r = r0; r <= r1; r++) {
      // Rows and columns at the grid's edges hold clamped points: never taken as wholly inside.
      const rowInside = r > 0 && r < ROWS - 1 && -90 + r * CELL >= s + EDGE && -90 + (r + 1) * CELL <= n - EDGE;
      for (let c = c0; c <= c1; c++) {
        const cell = r * COLS + c;
        const lo = this.start[cell];
        const hi = this.start[cell + 1];
        if (lo === hi) continue;
        const a = from > 0 ? this.lower(lo, hi, from) : lo;
        const b = this.lower(a, hi, to);
        const inside = rowInside && c > 0 && c < COLS - 1 && -180 + c * CELL >= w + EDGE && -180 + (c + 1) * CELL <= e - EDGE;
        for (let k = a; k < b; k++) {
          const t = cellType[k];
          if (!(typeBits & (1 << t))) continue;
          if (!inside) {
            const x = cellLon[k];
            const y = cellLat[k];
            if (y < s || y > n || x < w || x > e) continue;
          }
          const d = cellDay[k];
          if (t >= 0) counts[d * T + t]++;
          totals[d]++;
        }
      }
    }
    return true;
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
