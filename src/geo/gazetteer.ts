// The loaded gazetteer: name-key lookup (binary search over the sorted key block), feature
// accessors, and a nearest-place grid for reverse lookup. Loaded lazily, once per process.
import { existsSync, readFileSync } from "node:fs";
import { buildGazetteer, DEFAULT_STORE_PATH } from "./build.js";
import { distanceKm } from "./distance.js";
import { BoundedMemo } from "./memo.js";
import { nameKey, nameKeyUnmemoised } from "./normalize.js";
import { type BuiltSections, decodeStore, FORMAT_VERSION, type StoreHeader, type SupplementMeta, storeVersionOf } from "./store-format.js";

/** One gazetteer entry, as handed to ranking and output. */
export interface Feature {
  index: number;
  name: string;
  lat: number;
  lon: number;
  geonameId?: number;
  featureCode: string;
  countryCode: string;
  admin1Key?: string;
  admin1?: string;
  population: number;
  supplementId?: string;
  source?: string;
  geometry?: { type: string; coordinates: unknown };
}

export class Gazetteer {
  readonly header: StoreHeader;
  private s: BuiltSections;
  private keyBytes: Buffer;
  private nKeys: number;
  private names: (string | undefined)[];
  private mainKeys: (string | undefined)[];
  private grid?: Map<number, number[]>;
  readonly loadMs: number;

  constructor(buf: Buffer, loadStart = performance.now()) {
    const d = decodeStore(buf);
    this.header = d.header;
    this.s = d.s;
    this.keyBytes = d.keyBytes;
    this.nKeys = d.s.keyOff.length - 1;
    this.names = new Array(this.header.count);
    this.mainKeys = new Array(this.header.count);
    this.loadMs = performance.now() - loadStart;
  }

  get size(): number {
    return this.header.count;
  }

  // Memo of key look-ups: running text repeats the same capitalised words, and the binary search
  // over 470k keys is the recognizer's main cost. Bounded: cleared when it grows past LOOKUP_MEMO.
  private keyMemo = new BoundedMemo((key) => this.searchKey(key), LOOKUP_MEMO);
  private longerMemo = new BoundedMemo((prefix) => this.searchLonger(prefix), LOOKUP_MEMO);
  private candMemo = new BoundedMemo((surface) => this.findCandidates(surface), LOOKUP_MEMO);
  // the recognizer's three questions about a run of words, answered by one memo look-up
  private surfaceMemo = new BoundedMemo((surface) => this.lookSurface(surface), SURFACE_MEMO);

  /** Forgets memoised look-ups (benchmarks measure a cold memo). */
  clearMemo(): void {
    this.keyMemo.clear();
    this.longerMemo.clear();
    this.candMemo.clear();
    this.surfaceMemo.clear();
  }

  /**
   * A run of words as written: its nameKey, whether a longer key starts with it (hasLongerKey) and,
   * through named(), whether some entry has that key (lookupKey). Memoised by the surface.
   */
  surface(surface: string): SurfaceLook {
    return this.surfaceMemo.get(surface);
  }

  private lookSurface(surface: string): SurfaceLook {
    const key = nameKeyUnmemoised(surface);
    // a key of two bytes or more shares its bucket with the keys that start with it plus " ": one
    // bisection answers both questions (a one-byte key's longer names are in another bucket)
    if (key.length < 2) return new SurfaceLook(key, this.hasLongerKey(key));
    const range = this.bucketOf(key);
    const end = range[1];
    const at = this.lowerBound(range[0], end, key);
    const look = new SurfaceLook(key, this.longerFrom(at, end, key));
    const postStart = this.s.postStart;
    look.hit = at < end && this.compareKey(at, key) === 0 && postStart[at + 1]! > postStart[at]!;
    if (look.hit) look.entry = at;
    return look;
  }

  /** The first key number in [lo, hi) not below `target` in byte order (hi when none). */
  private lowerBound(lo: number, hi: number, target: string): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareKey(mid, target) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * hasLongerKey(key) from `at`, the lower bound of `key` in [at, end) (end: its bucket's end): the
   * keys that start with `key + " "` follow `key` and any key between (a byte below " " after
   * `key`), so their lower bound is at or just after `at` (bisected from there when not).
   */
  private longerFrom(at: number, end: number, key: string): boolean {
    const target = `${key} `;
    let lo = at;
    if (lo < end && this.compareKey(lo, target) < 0) {
      lo++;
      if (lo < end && this.compareKey(lo, target) < 0) lo = this.lowerBound(lo + 1, end, target);
    }
    return this.startsWithAt(lo, target);
  }

  /** Does key number `k` exist and start with `target`? */
  private startsWithAt(k: number, target: string): boolean {
    if (k >= this.nKeys) return false;
    const ko = this.s.keyOff;
    const from = ko[k]!;
    if (ko[k + 1]! - 1 - from < target.length) return false;
    for (let x = 0; x < target.length; x++) if (this.keyBytes[from + x] !== (target.charCodeAt(x) & 0xff)) return false;
    return true;
  }

  /** Does some entry have the run's key? (looked up on the first ask: a run that cannot end a name never asks) */
  named(look: SurfaceLook): boolean {
    let v = look.hit;
    if (v === undefined) {
      v = this.lookupKey(look.key).length > 0;
      look.hit = v;
    }
    return v;
  }

  /** Feature indexes whose names fold to `key` (see nameKey), most populous first. */
  lookupKey(key: string): Uint32Array {
    return this.keyMemo.get(key);
  }

  private searchKey(key: string): Uint32Array {
    const range = this.bucketOf(key);
    const end = range[1];
    const at = this.lowerBound(range[0], end, key);
    if (at < end && this.compareKey(at, key) === 0) return this.s.postings.subarray(this.s.postStart[at]!, this.s.postStart[at + 1]!);
    return EMPTY;
  }

  /**
   * Sign of (key number `k` − `target`) in byte order, as Buffer.compare gives it; the target's
   * characters count as latin1 bytes (keys are ASCII). Compared in JavaScript: for keys this short
   * a call into Buffer.compare costs more than the comparison.
   */
  private compareKey(k: number, target: string): number {
    const b = this.keyBytes;
    const from = this.s.keyOff[k]!;
    const len = this.s.keyOff[k + 1]! - 1 - from;
    const n = Math.min(len, target.length);
    for (let x = 0; x < n; x++) {
      const d = b[from + x]! - (target.charCodeAt(x) & 0xff);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return len === target.length ? 0 : len < target.length ? -1 : 1;
  }

  // First-level index: the range of keys sharing their first two bytes (a one-byte key counts
  // its second byte as 0), so a search bisects a few hundred keys, not all of them. Built on the
  // first look-up; left out (whole range) if the keys are not in byte order.
  private buckets?: Int32Array | null;
  private readonly whole: [number, number] = [0, 0];
  private readonly range: [number, number] = [0, 0];

  private bucketOf(target: string): [number, number] {
    if (this.buckets === undefined) this.buckets = this.buildBuckets();
    const bk = this.buckets;
    if (bk === null || target.length === 0) {
      this.whole[1] = this.nKeys;
      return this.whole;
    }
    const code = ((target.charCodeAt(0) & 0xff) << 8) | (target.length > 1 ? target.charCodeAt(1) & 0xff : 0);
    this.range[0] = bk[code]!;
    this.range[1] = bk[code + 1]!;
    return this.range;
  }

  private buildBuckets(): Int32Array | null {
    const ko = this.s.keyOff;
    const b = this.keyBytes;
    const start = new Int32Array(65537);
    let prev = -1;
    for (let k = 0; k < this.nKeys; k++) {
      const from = ko[k]!;
      const len = ko[k + 1]! - 1 - from;
      if (len === 0) return null;
      const code = (b[from]! << 8) | (len > 1 ? b[from + 1]! : 0);
      if (code < prev) return null;
      start[code + 1]!++;
      prev = code;
    }
    for (let c = 1; c <= 65536; c++) start[c]! += start[c - 1]!;
    return start;
  }

  /** True when some key starts with `prefix + " "`: a longer name may follow. */
  hasLongerKey(prefix: string): boolean {
    return this.longerMemo.get(prefix);
  }

  private searchLonger(prefix: string): boolean {
    const target = `${prefix} `;
    const range = this.bucketOf(target);
    return this.startsWithAt(this.lowerBound(range[0], range[1], target), target);
  }

  /**
   * Candidates for a surface form: name-key matches plus case-sensitive abbreviations ("US").
   * The returned array is shared (memoised): callers copy it before changing it. A caller that holds
   * the surface's look asks candidatesOf() (the key not computed a second time, the entries not searched again).
   */
  candidates(surface: string): readonly number[] {
    return this.candMemo.get(surface);
  }

  /** candidates() of the surface `look` is the look of, kept on the look (asked of the memo once per look). */
  candidatesOf(surface: string, look: SurfaceLook): readonly number[] {
    let c = look.cands;
    if (c === undefined) {
      c = this.candMemo.getWith(surface, look, this.findByLook);
      look.cands = c;
    }
    return c;
  }

  private readonly findByLook = (surface: string, look: SurfaceLook): number[] => this.findCandidates(surface, look.key, look);

  /**
   * The entries of `key` (see lookupKey), read from `look` (the look of a surface whose key it is) when
   * its first look-up found them or found none: no second search, no memo entry.
   */
  private entriesOf(key: string, look: SurfaceLook | undefined): Uint32Array {
    if (look !== undefined) {
      const k = look.entry;
      if (k >= 0) return this.s.postings.subarray(this.s.postStart[k]!, this.s.postStart[k + 1]!);
      if (look.hit === false) return EMPTY;
    }
    return this.lookupKey(key);
  }

  private findCandidates(surface: string, key: string = nameKey(surface), look?: SurfaceLook): number[] {
    const out: number[] = [];
    const letters = surface.replace(/\./g, "");
    if (/^[A-Z]{2,5}$/.test(letters)) {
      const ab = this.header.abbreviations[letters];
      if (ab) out.push(...ab);
    }
    // "Tenn.", "Calif.": AP-style state abbreviations, only with their dot
    if (surface.endsWith(".")) {
      const st = this.header.stateAbbreviations[letters];
      if (st !== undefined && !out.includes(st)) out.unshift(st);
    }
    for (const i of this.entriesOf(key, look)) if (!out.includes(i)) out.push(i);
    if (out.length === 0) for (const i of this.adminWithoutTypeWord(key)) out.push(i);
    return out;
  }

  /**
   * "Nyanza Province", "Province of Laguna", "Washington State" when no name matches as written: the
   * administrative units (ADM*, RGN) named without the type word. Empty when the name carries none.
   */
  private adminWithoutTypeWord(key: string): number[] {
    const w = this.header.adminWords;
    if (!w) return [];
    let bare: string | undefined;
    for (const t of w.trailing)
      if (key.length > t.length + 2 && key.endsWith(t) && key.charCodeAt(key.length - t.length - 1) === 32) {
        bare = key.slice(0, key.length - t.length - 1);
        break;
      }
    if (bare === undefined)
      for (const l of w.leading)
        if (key.length > l.length + 2 && key.startsWith(l) && key.charCodeAt(l.length) === 32) {
          bare = key.slice(l.length + 1);
          break;
        }
    if (bare === undefined) return [];
    const out: number[] = [];
    for (const i of this.lookupKey(bare)) {
      const fc = this.fcode(i);
      if (fc.startsWith("ADM") || fc === "RGN") out.push(i);
    }
    return out;
  }

  private demonymMap?: Map<string, string>;

  /**
   * The demonym entry of a name key ("syrian" → "SY", or "#<feature>"), as header.demonyms has it; a
   * Map, asked for every capitalised word (a look-up in the parsed header object costs more).
   */
  demonym(key: string): string | undefined {
    let m = this.demonymMap;
    if (m === undefined) {
      m = new Map(Object.entries(this.header.demonyms));
      this.demonymMap = m;
    }
    return m.get(key);
  }

  feature(i: number): Feature {
    const s = this.s;
    const fc = this.header.featureCodes[s.fcode[i]!]!;
    const a1 = s.a1[i]!;
    const f: Feature = {
      index: i,
      name: this.name(i),
      lat: round5(s.lat[i]!),
      lon: round5(s.lon[i]!),
      featureCode: fc,
      countryCode: this.header.countries[s.cc[i]!]!,
      population: s.pop[i]!,
    };
    if (s.gid[i]! > 0) f.geonameId = s.gid[i]!;
    if (a1 >= 0) {
      f.admin1Key = this.header.admin1Keys[a1]!;
      f.admin1 = this.header.admin1Names[a1]!;
    }
    const sup = this.supplementOf(i);
    if (sup) {
      f.supplementId = sup.id;
      f.source = sup.source;
      if (sup.geometry) f.geometry = sup.geometry;
    }
    return f;
  }

  private supplementMap?: Map<number, SupplementMeta>;

  /** header.supplement's entry of feature i, from a Map by number (made on first use; no key string per ask). */
  private supplementOf(i: number): SupplementMeta | undefined {
    let m = this.supplementMap;
    if (m === undefined) {
      m = new Map();
      for (const [k, v] of Object.entries(this.header.supplement)) m.set(Number(k), v);
      this.supplementMap = m;
    }
    return m.get(i);
  }

  // Column accessors for the hot ranking loop (no object allocation).
  lat(i: number): number {
    return this.s.lat[i]!;
  }
  lon(i: number): number {
    return this.s.lon[i]!;
  }
  pop(i: number): number {
    return this.s.pop[i]!;
  }
  fcode(i: number): string {
    return this.header.featureCodes[this.s.fcode[i]!]!;
  }
  cc(i: number): string {
    return this.header.countries[this.s.cc[i]!]!;
  }
  a1(i: number): number {
    return this.s.a1[i]!;
  }
  /** nameKey of the feature's main name (cached). */
  mainKey(i: number): string {
    let k = this.mainKeys[i];
    if (k === undefined) {
      k = nameKey(this.name(i));
      this.mainKeys[i] = k;
    }
    return k;
  }
  name(i: number): string {
    let n = this.names[i];
    if (n === undefined) {
      n = this.s.names.toString("utf8", this.s.nameOff[i], this.s.nameOff[i + 1]);
      this.names[i] = n;
    }
    return n;
  }

  /** The populated place nearest to a point (within ~1.5°), for reverse lookup. */
  nearestPlace(lat: number, lon: number): number | undefined {
    if (!this.grid) {
      this.grid = new Map();
      for (let i = 0; i < this.size; i++) {
        if (this.s.gid[i]! <= 0 || !this.fcode(i).startsWith("PPL")) continue;
        const k = cellKey(this.s.lat[i]!, this.s.lon[i]!);
        const list = this.grid.get(k);
        if (list) list.push(i);
        else this.grid.set(k, [i]);
      }
    }
    let best: number | undefined;
    let bestD = Number.POSITIVE_INFINITY;
    const cy = Math.floor(lat * 2);
    const cx = Math.floor(lon * 2);
    for (let dy = -3; dy <= 3; dy++)
      for (let dx = -3; dx <= 3; dx++) {
        const list = this.grid.get((cy + dy) * 10000 + (cx + dx));
        if (!list) continue;
        for (const i of list) {
          const d = distanceKm(lat, lon, this.s.lat[i]!, this.s.lon[i]!);
          if (d < bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    return best;
  }
}

/** See Gazetteer.surface. */
export class SurfaceLook {
  /** Gazetteer.named's answer, once asked */
  hit: boolean | undefined = undefined;
  /** the key's number when the surface's first look-up found it with entries, else -1 (named() does not set it) */
  entry = -1;
  /** for a one-word surface, the recognizer's demonym answer (null: none), once asked */
  demonym: string | null | undefined = undefined;
  /** candidates() of the surface, once asked through candidatesOf() */
  cands: readonly number[] | undefined = undefined;
  /** the surface's lightName and spellingKey, once ranking asked (see resolve.ts Article) */
  light: string | undefined = undefined;
  spelt: string | undefined = undefined;

  constructor(
    readonly key: string,
    readonly longer: boolean,
  ) {}
}

const EMPTY = new Uint32Array(0);
const LOOKUP_MEMO = 50_000;
const SURFACE_MEMO = 100_000;

function cellKey(lat: number, lon: number): number {
  return Math.floor(lat * 2) * 10000 + Math.floor(lon * 2);
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}


let cached: Gazetteer | undefined;
let cachedPath: string | undefined;

export interface LoadOptions {
  path?: string;
  /** Build the file when it is missing (default true unless SITREP_GAZETTEER_NO_BUILD=1; ~15-40 s once). */
  buildIfMissing?: boolean;
}

/** Loads (once) the compiled gazetteer; undefined when it is missing and may not be built. */
export function loadGazetteer(opts: LoadOptions = {}): Gazetteer | undefined {
  const path = opts.path ?? process.env.SITREP_GAZETTEER ?? DEFAULT_STORE_PATH;
  if (cached && cachedPath === path) return cached;
  const t0 = performance.now();
  const build = opts.buildIfMissing ?? process.env.SITREP_GAZETTEER_NO_BUILD !== "1";
  const rebuild = (why: string): boolean => {
    if (!build) return false;
    try {
      process.stderr.write(`sitrep: building the offline gazetteer once (${path}: ${why}) ...\n`);
      buildGazetteer(path);
      return true;
    } catch {
      return false;
    }
  };
  if (!existsSync(path) && !rebuild("missing")) return undefined;
  // A file written by an older build (another format or other build rules) is rebuilt, or explained.
  const stale = storeVersionOf(path);
  if (stale !== undefined && stale !== FORMAT_VERSION && !rebuild(`format ${stale}, this version needs ${FORMAT_VERSION}`)) {
    process.stderr.write(`sitrep: ${path} is from another sitrep version (format ${stale}, expected ${FORMAT_VERSION}); run \`npm run build:gazetteer\`\n`);
    return undefined;
  }
  try {
    cached = new Gazetteer(readFileSync(path), t0);
    cachedPath = path;
    return cached;
  } catch {
    return undefined;
  }
}
