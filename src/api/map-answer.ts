// The map's points on the wire (`GET /api/map/points`): a compact answer that the server's point
// index writes by joining text it made once per event, and that the web app decodes back into
// aligned columns. Per point it carries four numbers (event id, place, type, source count); each
// distinct position is sent once in a place table and each date once per run of points on it:
//
//   {"count":3,"truncated":false,"types":["Battles",…],
//    "places":[38.5,35.1,1, 40.1,36.2,2],       lon, lat, precision of place 0, place 1 …
//    "dates":["2017-03-01","2017-03-04"],"runs":[2,1],   the first 2 points on 2017-03-01, the next 1 …
//    "points":[1041,0,0,1, 88,1,3,2, 90210,0,0,1]}      id, place, type (index in types), sources
//
// About half the bytes of one array per field. The web app imports the decoder.

/** The map's points as aligned columns (what the web app works with): point k is id[k], lon[k] … */
export interface PointColumns {
  count: number;
  truncated: boolean;
  types: string[];
  id: string[];
  lon: number[];
  lat: number[];
  type: number[];
  sources: number[];
  date: string[];
  precision: number[];
}

/** The wire form of PointColumns (see the header). */
export interface MapAnswer {
  count: number;
  truncated: boolean;
  types: string[];
  /** lon, lat, precision per place. */
  places: number[];
  /** The date of each run of points. */
  dates: string[];
  /** How many points (in order) each run holds. */
  runs: number[];
  /** id, place, type, sources per point; the id is a number when it is one (event ids are), else a string. */
  points: (number | string)[];
}

/** Fields per point in `points`. */
export const POINT_FIELDS = 4;

/** True for an id written as a bare number: a canonical integer (event ids are their row number). */
export function plainId(id: string): boolean {
  return /^(0|[1-9]\d{0,14})$/.test(id);
}

/** An id as the answer writes it: a canonical integer as a bare number, anything else as a JSON string. */
export function idText(id: string): string {
  return plainId(id) ? id : JSON.stringify(id);
}

const UTF8 = new TextEncoder();
const UTF8_DECODE = new TextDecoder();

/**
 * Writes an answer's bytes into one reused buffer: a head of text, then integers and commas
 * written digit by digit (no string per number), then a tail; `finish` copies the bytes out.
 * For the server's point index; the web app only decodes.
 */
export class AnswerWriter {
  private buf = new Uint8Array(1 << 16);
  /** Bytes written so far. */
  at = 0;

  /** Starts an answer with `head` and room for about `more` further bytes. */
  start(head: string, more: number): void {
    this.at = 0;
    this.text(head);
    this.room(more);
  }

  private room(more: number): void {
    if (this.at + more <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.at + more));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }

  byte(b: number): void {
    if (this.at >= this.buf.length) this.room(1);
    this.buf[this.at++] = b;
  }

  /** An integer (a safe one) in decimal. */
  int(v: number): void {
    this.room(17);
    this.at = writeInt(this.buf, this.at, v);
  }

  /** Room for `more` bytes after `at`: the buffer to write them into (valid until the next call that
   * writes); write at `at`, then set `at` past them. */
  reserve(more: number): Uint8Array {
    this.room(more);
    return this.buf;
  }

  /** Text (UTF-8). */
  text(t: string): void {
    this.room(t.length * 3);
    this.at += UTF8.encodeInto(t, this.buf.subarray(this.at)).written;
  }

  /** Bytes made beforehand (ASCII text encoded once), copied in. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    const buf = this.buf;
    let at = this.at;
    for (let j = 0; j < b.length; j++) buf[at++] = b[j];
    this.at = at;
  }

  /** The answer so far plus `tail`, as a string: it lives (and dies young) in the JS heap, where a
   * buffer per answer would be memory outside it that makes the engine run full collections often. */
  finish(tail: string): string {
    this.text(tail);
    return UTF8_DECODE.decode(this.buf.subarray(0, this.at));
  }
}

/**
 * Writes a safe integer in decimal into `buf` at `at` (room for 17 bytes) and returns the position
 * after it. Integers below 2^31 take int32 arithmetic (division by a constant the engine turns into
 * a multiplication), larger ones floating point.
 */
export function writeInt(buf: Uint8Array, at: number, v: number): number {
  if (v < 0) {
    buf[at++] = 45;
    v = -v;
  }
  if (v < 10) {
    buf[at++] = 48 + v;
    return at;
  }
  if (v < 2147483648) {
    let x = v | 0;
    const digits = x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : x < 100000 ? 5 : x < 1000000 ? 6 : x < 10000000 ? 7 : x < 100000000 ? 8 : x < 1000000000 ? 9 : 10;
    let end = at + digits;
    const after = end;
    do {
      const q = (x / 10) | 0;
      buf[--end] = 48 + x - q * 10;
      x = q;
    } while (x > 0);
    return after;
  }
  let digits = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
  let end = at + digits;
  const after = end;
  while (digits-- > 0) {
    const q = Math.floor(v / 10);
    buf[--end] = 48 + (v - q * 10);
    v = q;
  }
  return after;
}

/**
 * The place table entries of every position the index has seen, as ASCII bytes one after another
 * (entry g is bytes[start[g] … start[g + 1])), so an answer copies them instead of joining strings.
 */
export class PlaceBytes {
  bytes = new Uint8Array(1 << 16);
  start = new Int32Array(1025);
  size = 0;
  /** The longest entry, bytes. */
  longest = 0;

  /** Adds an entry's text (placeText: ASCII) as entry number `size`. */
  add(text: string): void {
    const from = this.start[this.size];
    if (from + text.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, from + text.length));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (this.size + 2 > this.start.length) {
      const grown = new Int32Array(this.start.length * 2);
      grown.set(this.start);
      this.start = grown;
    }
    for (let j = 0; j < text.length; j++) this.bytes[from + j] = text.charCodeAt(j);
    this.start[++this.size] = from + text.length;
    if (text.length > this.longest) this.longest = text.length;
  }
}

/** A place table entry's text: `lon,lat,precision`. */
export function placeText(lon: number, lat: number, precision: number): string {
  return `${JSON.stringify(lon)},${JSON.stringify(lat)},${JSON.stringify(precision)}`;
}

/** Writes the answer text from its parts (each already JSON text, joined by commas). */
export function answerText(count: number, truncated: boolean, typesJson: string, places: string[], dates: string[], runs: number[], points: string[]): string {
  return `{"count":${count},"truncated":${truncated},"types":${typesJson},"places":[${places.join(",")}],"dates":[${dates.join(",")}],"runs":[${runs.join(",")}],"points":[${points.join(",")}]}`;
}

/** The answer text for columns (the store's path; the point index writes the same text its own way). */
export function encodeColumns(c: PointColumns): string {
  const placeNo = new Map<string, number>();
  const places: string[] = [];
  const dates: string[] = [];
  const runs: number[] = [];
  const points: string[] = new Array(c.count);
  let last: string | undefined;
  for (let k = 0; k < c.count; k++) {
    const place = placeText(c.lon[k], c.lat[k], c.precision[k]);
    let no = placeNo.get(place);
    if (no === undefined) {
      no = places.length;
      placeNo.set(place, no);
      places.push(place);
    }
    if (k === 0 || c.date[k] !== last) {
      last = c.date[k];
      dates.push(JSON.stringify(last));
      runs.push(0);
    }
    runs[runs.length - 1]++;
    points[k] = `${idText(c.id[k])},${no},${c.type[k]},${c.sources[k]}`;
  }
  return answerText(c.count, c.truncated, JSON.stringify(c.types), places, dates, runs, points);
}

/** The columns an answer stands for. */
export function decodeMapAnswer(a: MapAnswer): PointColumns {
  const n = a.count;
  const out: PointColumns = {
    count: n,
    truncated: a.truncated,
    types: a.types,
    id: new Array(n),
    lon: new Array(n),
    lat: new Array(n),
    type: new Array(n),
    sources: new Array(n),
    date: new Array(n),
    precision: new Array(n),
  };
  const { places, points } = a;
  let k = 0;
  for (let r = 0; r < a.runs.length; r++) {
    const date = a.dates[r];
    for (const end = k + a.runs[r]; k < end; k++) {
      const at = k * POINT_FIELDS;
      const p = (points[at + 1] as number) * 3;
      out.id[k] = String(points[at]);
      out.lon[k] = places[p];
      out.lat[k] = places[p + 1];
      out.precision[k] = places[p + 2];
      out.type[k] = points[at + 2] as number;
      out.sources[k] = points[at + 3] as number;
      out.date[k] = date;
    }
  }
  return out;
}
