// The compiled gazetteer file (data/build/gazetteer.bin): one small JSON header followed by
// typed-array sections, so loading is a file read plus array views (no parsing of 200k rows).
// Layout: "SITREPGZ" | u32 header length | header JSON | padding to 8 | sections (8-aligned).

import { closeSync, openSync, readSync } from "node:fs";

export const MAGIC = "SITREPGZ";
// Bumped whenever the layout or the build inputs/rules change (5: equal-area centres of countries and
// admin-1, Natural Earth regions; 6: former admin-1 units, data/geo/physical.json; 7: administrative
// type words in the header, data/geo/former-countries.json; 8: OurAirports' airports and air bases;
// 9: data/geo/former-admin1.json, a Natural Earth unit found by code alone must hold its places' mean;
// 10: cities1000's places that cities500 lacks; 11: without them again; 12: camps.json; 13: landmarks.json and
// large islands in physical.json; 14: people demonyms, antimeridian provinces; 15: compass-named regions
// named with their province, "South West England"; 16: historical and geographic regions; 17: Levantine Sea
// ("Eastern Mediterranean"), Mozambique Channel), so an old
// data/build/gazetteer.bin is rebuilt, not misread.
export const FORMAT_VERSION = 17;

export type SectionType = "i32" | "u32" | "f32" | "u8" | "u16" | "text";

export interface SectionRef {
  offset: number;
  length: number; // bytes
  type: SectionType;
}

/** A feature from the curated supplement (data/geo/supplement.json), kept in the header. */
export interface SupplementMeta {
  id: string;
  source: string;
  geometry?: { type: "LineString" | "MultiLineString"; coordinates: unknown };
}

export interface StoreHeader {
  version: number;
  builtFrom: string[];
  count: number;
  featureCodes: string[];
  countries: string[];
  /** "SY.07" style admin-1 keys; a feature's a1 column indexes this list (-1: none). */
  admin1Keys: string[];
  admin1Names: string[];
  /** feature index of each country (by ISO code) and of each admin-1 (by key). */
  countryFeature: Record<string, number>;
  admin1Feature: Record<string, number>;
  /** feature index → supplement metadata */
  supplement: Record<string, SupplementMeta>;
  /** "IQ|SY" (sorted codes) → [lat, lon, lengthKm] of the middle of the shared land border */
  borders: Record<string, [number, number, number]>;
  /** ISO code → feature index of the capital */
  capitals: Record<string, number>;
  /** ISO code → [south, north, west, east]: 5th–95th percentile of the country's places */
  extents: Record<string, [number, number, number, number]>;
  /** AP-style state abbreviation without dots ("Tenn", "NY") → admin-1 feature, for "City, Tenn." */
  stateAbbreviations: Record<string, number>;
  /** upper-case abbreviation without dots ("US", "NSW") → feature indexes */
  abbreviations: Record<string, number[]>;
  /** name key of a demonym ("syrian", "kazakh") → ISO country code or feature index (as "#12") */
  demonyms: Record<string, string>;
  /** name keys of the words an administrative unit's name may carry ("province", "province of"), for
   *  "Nyanza Province" when the gazetteer knows "Nyanza" only */
  adminWords?: { leading: string[]; trailing: string[] };
  sections: Record<string, SectionRef>;
}

export interface BuiltSections {
  gid: Int32Array;
  lat: Float32Array;
  lon: Float32Array;
  pop: Float32Array;
  fcode: Uint8Array;
  cc: Uint16Array;
  a1: Int32Array;
  /** feature names as UTF-8 bytes; name i is bytes nameOff[i]..nameOff[i+1] (decoded on demand) */
  names: Buffer;
  nameOff: Uint32Array;
  keys: string;
  keyOff: Uint32Array;
  postStart: Uint32Array;
  postings: Uint32Array;
}

/** Serialises header + sections into one buffer. */
export function encodeStore(
  header: Omit<StoreHeader, "sections">,
  s: Omit<BuiltSections, "names" | "nameOff"> & { names: string[] },
): Buffer {
  const parts: { name: string; buf: Buffer; type: SectionType }[] = [];
  const add = (name: string, type: SectionType, v: ArrayBufferView | string) => {
    const buf = typeof v === "string" ? Buffer.from(v, "utf8") : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    parts.push({ name, buf, type });
  };
  add("gid", "i32", s.gid);
  add("lat", "f32", s.lat);
  add("lon", "f32", s.lon);
  add("pop", "f32", s.pop);
  add("fcode", "u8", s.fcode);
  add("cc", "u16", s.cc);
  add("a1", "i32", s.a1);
  add("keyOff", "u32", s.keyOff);
  add("postStart", "u32", s.postStart);
  add("postings", "u32", s.postings);
  const nameBufs = s.names.map((n) => Buffer.from(n, "utf8"));
  const nameOff = new Uint32Array(nameBufs.length + 1);
  for (let i = 0; i < nameBufs.length; i++) nameOff[i + 1] = nameOff[i]! + nameBufs[i]!.length;
  add("nameOff", "u32", nameOff);
  add("names", "text", Buffer.concat(nameBufs).toString("utf8"));
  add("keys", "text", s.keys);
  const sections: Record<string, SectionRef> = {};
  let off = 0;
  for (const p of parts) {
    sections[p.name] = { offset: off, length: p.buf.length, type: p.type };
    off += Math.ceil(p.buf.length / 8) * 8;
  }
  const headerJson = Buffer.from(JSON.stringify({ ...header, sections }), "utf8");
  const pre = 8 + 4 + headerJson.length;
  const base = Math.ceil(pre / 8) * 8;
  const out = Buffer.alloc(base + off);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(headerJson.length, 8);
  headerJson.copy(out, 12);
  for (const p of parts) p.buf.copy(out, base + sections[p.name]!.offset);
  return out;
}

/** The format version written in a store file's header, or undefined when it is not one (reads its first bytes). */
export function storeVersionOf(path: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n < 12 || head.toString("latin1", 0, 8) !== MAGIC) return undefined;
    const m = /"version":(\d+)/.exec(head.toString("utf8", 12, Math.min(n, 12 + 200)));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a store written by encodeStore; throws with a plain message when the file is not one. */
export function decodeStore(buf: Buffer): { header: StoreHeader; s: BuiltSections; keyBytes: Buffer } {
  if (buf.length < 12 || buf.toString("latin1", 0, 8) !== MAGIC) throw new Error("not a sitrep gazetteer file");
  const hlen = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString("utf8", 12, 12 + hlen)) as StoreHeader;
  if (header.version !== FORMAT_VERSION) throw new Error(`gazetteer format ${header.version}, expected ${FORMAT_VERSION}`);
  const base = Math.ceil((12 + hlen) / 8) * 8;
  // Typed-array views straight over the file's bytes when they are 8-aligned (the usual case
  // for a freshly read file); otherwise one aligned copy.
  let ab: ArrayBufferLike = buf.buffer;
  let at = buf.byteOffset + base;
  if (at % 8 !== 0) {
    const copy = new ArrayBuffer(buf.length - base);
    new Uint8Array(copy).set(buf.subarray(base));
    ab = copy;
    at = 0;
  }
  const view = (name: string) => {
    const r = header.sections[name]!;
    const o = at + r.offset;
    switch (r.type) {
      case "i32":
        return new Int32Array(ab, o, r.length / 4);
      case "u32":
        return new Uint32Array(ab, o, r.length / 4);
      case "f32":
        return new Float32Array(ab, o, r.length / 4);
      case "u16":
        return new Uint16Array(ab, o, r.length / 2);
      default:
        return new Uint8Array(ab, o, r.length);
    }
  };
  const text = (name: string) => {
    const r = header.sections[name]!;
    return Buffer.from(ab, at + r.offset, r.length);
  };
  const keyBytes = text("keys");
  const s: BuiltSections = {
    gid: view("gid") as Int32Array,
    lat: view("lat") as Float32Array,
    lon: view("lon") as Float32Array,
    pop: view("pop") as Float32Array,
    fcode: view("fcode") as Uint8Array,
    cc: view("cc") as Uint16Array,
    a1: view("a1") as Int32Array,
    keyOff: view("keyOff") as Uint32Array,
    postStart: view("postStart") as Uint32Array,
    postings: view("postings") as Uint32Array,
    names: text("names"),
    nameOff: view("nameOff") as Uint32Array,
    keys: "",
  };
  return { header, s, keyBytes };
}
