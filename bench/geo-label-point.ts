// bench:geo-points — The visual centre of a polygon: the point inside it farthest from its border (its "pole of
// inaccessibility"), where a cartographer puts the unit's label. Found by a best-first search over
// square cells: a cell's best possible distance is the distance at its centre plus its half-diagonal,
// so cells that cannot beat the best point so far are never split. Distances are measured on a
// Lambert azimuthal equal-area projection centred on the polygon, in km.

type LonLat = number[]; // [lon, lat, ...]
type XY = [number, number];

const R = Math.PI / 180;
const EARTH_KM = 6371.0088;

/** [lat, lon] of the visual centre of a polygon given as GeoJSON rings ([lon, lat]; the first is the outline, the others holes). */
export function visualCentre(rings: LonLat[][], precisionKm = 1): [number, number] | undefined {
  const outer = rings[0];
  if (!outer || outer.length < 4) return undefined;
  const [lat0, lon0] = ringCentre(outer);
  const proj = laea(lat0, lon0);
  const xy = rings.map((r) => r.map((p) => proj.forward(p[1]!, p[0]!)));
  const best = poleOfInaccessibility(xy, precisionKm);
  if (!best) return undefined;
  const [la, lo] = proj.inverse(best[0], best[1]);
  return [Math.round(la * 1e4) / 1e4, Math.round((((lo + 540) % 360) - 180) * 1e4) / 1e4];
}

/** A rough centre to project about: the mean of the outline's unit vectors. */
function ringCentre(ring: LonLat[]): [number, number] {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const p of ring) {
    const la = p[1]! * R;
    const lo = p[0]! * R;
    x += Math.cos(la) * Math.cos(lo);
    y += Math.cos(la) * Math.sin(lo);
    z += Math.sin(la);
  }
  return [Math.atan2(z, Math.hypot(x, y)) / R, Math.atan2(y, x) / R];
}

/** Lambert azimuthal equal-area projection (sphere) about [lat0, lon0], in km. */
function laea(lat0: number, lon0: number) {
  const p1 = lat0 * R;
  const l0 = lon0 * R;
  const s1 = Math.sin(p1);
  const c1 = Math.cos(p1);
  return {
    forward(lat: number, lon: number): XY {
      const p = lat * R;
      const dl = lon * R - l0;
      const k = Math.sqrt(2 / Math.max(1e-12, 1 + s1 * Math.sin(p) + c1 * Math.cos(p) * Math.cos(dl)));
      return [EARTH_KM * k * Math.cos(p) * Math.sin(dl), EARTH_KM * k * (c1 * Math.sin(p) - s1 * Math.cos(p) * Math.cos(dl))];
    },
    inverse(x: number, y: number): [number, number] {
      const rho = Math.hypot(x, y);
      if (rho === 0) return [lat0, lon0];
      const c = 2 * Math.asin(Math.min(1, rho / (2 * EARTH_KM)));
      const lat = Math.asin(Math.cos(c) * s1 + (y * Math.sin(c) * c1) / rho);
      const lon = l0 + Math.atan2(x * Math.sin(c), rho * c1 * Math.cos(c) - y * s1 * Math.sin(c));
      return [lat / R, lon / R];
    },
  };
}

interface Cell {
  x: number;
  y: number;
  h: number; // half its side
  d: number; // signed distance from its centre to the border (positive inside)
  max: number; // the best distance any point of the cell can have
}

function cell(x: number, y: number, h: number, rings: XY[][]): Cell {
  const d = signedDistance(x, y, rings);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

/** The point of the polygon (planar rings) farthest from its border, to within `precision`. */
export function poleOfInaccessibility(rings: XY[][], precision: number): XY | undefined {
  const outer = rings[0]!;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  const size = Math.min(maxX - minX, maxY - minY);
  if (!(size > 0)) return outer[0];
  const heap = new MaxHeap();
  const h = size / 2;
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) heap.push(cell(x + h, y + h, h, rings));
  // start from the area centroid (often right for compact shapes) or the box centre, whichever is inside deeper
  let best = cell((minX + maxX) / 2, (minY + maxY) / 2, 0, rings);
  const c = centroid(outer);
  if (c) {
    const cc = cell(c[0], c[1], 0, rings);
    if (cc.d > best.d) best = cc;
  }
  for (let guard = 0; heap.size > 0 && guard < 1_000_000; guard++) {
    const top = heap.pop()!;
    if (top.d > best.d) best = top;
    if (top.max - best.d <= precision) continue;
    const q = top.h / 2;
    heap.push(cell(top.x - q, top.y - q, q, rings));
    heap.push(cell(top.x + q, top.y - q, q, rings));
    heap.push(cell(top.x - q, top.y + q, q, rings));
    heap.push(cell(top.x + q, top.y + q, q, rings));
  }
  return [best.x, best.y];
}

function centroid(ring: XY[]): XY | undefined {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const k = x0 * y1 - x1 * y0;
    a += k;
    x += (x0 + x1) * k;
    y += (y0 + y1) * k;
  }
  return a === 0 ? undefined : [x / (3 * a), y / (3 * a)];
}

/** Distance from (x, y) to the nearest ring edge, positive inside the polygon (even-odd rule). */
function signedDistance(x: number, y: number, rings: XY[][]): number {
  let inside = false;
  let best = Infinity;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[j]!;
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      const d = segmentDistanceSq(x, y, ax, ay, bx, by);
      if (d < best) best = d;
    }
  return (inside ? 1 : -1) * Math.sqrt(best);
}

function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let dx = bx - ax;
  let dy = by - ay;
  let x = ax;
  let y = ay;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = bx;
      y = by;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** A binary max-heap of cells by their best possible distance. */
class MaxHeap {
  private a: Cell[] = [];
  get size(): number {
    return this.a.length;
  }
  push(c: Cell): void {
    const a = this.a;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.max >= c.max) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = c;
  }
  pop(): Cell | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let mv = last.max;
        if (l < a.length && a[l]!.max > mv) {
          m = l;
          mv = a[l]!.max;
        }
        if (r < a.length && a[r]!.max > mv) m = r;
        if (m === i) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}
