// The `--db` option every store command takes, and opening the store for the CLI: database
// problems (locked, read-only, corrupt, unreachable) become one-line UserErrors.
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { defaultDbSpec, isPostgresSpec, openStore, StoreError } from "../store/index.js";
import type { OpenOptions, Store } from "../store/types.js";
import { UserError } from "./errors.js";

export function addDbOption(cmd: Command): Command {
  return cmd.option("--db <path|url>", "a SQLite file or a postgres:// URL (default: $SITREP_DB, else ./sitrep.db)");
}

/**
 * Opens the store, runs `fn`, closes it. For reading commands (`read: true`) a missing SQLite
 * file is a user error rather than a new empty database.
 */
export async function withStore<T>(spec: string | undefined, fn: (s: Store) => Promise<T>, o: { read?: boolean } & OpenOptions = {}): Promise<T> {
  const db = spec ?? defaultDbSpec();
  if (o.read && !isPostgresSpec(db) && !existsSync(db))
    throw new UserError(`no database at ${db}; run \`sitrep ingest\` first or pass --db`);
  let store: Store;
  try {
    store = await openStore(db, o);
  } catch (err) {
    throw asUserError(err);
  }
  try {
    return await fn(store);
  } catch (err) {
    throw asUserError(err);
  } finally {
    await store.close().catch(() => {});
  }
}

function asUserError(err: unknown): unknown {
  if (err instanceof StoreError) return new UserError(err.message);
  return err;
}

/** Parses "50km", "50 km", "50", "20mi" → km. */
export function parseRadius(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(km|m|mi)?\s*$/i.exec(s);
  if (!m) throw new UserError(`--radius: expected a distance such as 50km, got "${s}"`);
  const v = Number(m[1]);
  const unit = (m[2] ?? "km").toLowerCase();
  return unit === "m" ? v / 1000 : unit === "mi" ? v * 1.609344 : v;
}

/** Parses "west,south,east,north". */
export function parseBbox(s: string): [number, number, number, number] {
  const xs = s.split(",").map((x) => Number(x.trim()));
  if (xs.length !== 4 || xs.some((x) => !Number.isFinite(x)))
    throw new UserError(`--bbox: expected west,south,east,north in degrees, got "${s}"`);
  const [w, so, e, n] = xs;
  if (so > n || Math.abs(so) > 90 || Math.abs(n) > 90 || Math.abs(w) > 180 || Math.abs(e) > 180)
    throw new UserError(`--bbox: "${s}" is not a box (west,south,east,north; south ≤ north)`);
  return [w, so, e, n];
}

/** Checks a YYYY-MM-DD option. */
export function parseDay(s: string | undefined, name: string): string | undefined {
  if (s === undefined) return undefined;
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(s) || Number.isNaN(Date.parse(s.length === 7 ? `${s}-01` : s)))
    throw new UserError(`${name}: expected a date as YYYY-MM-DD, got "${s}"`);
  return s.length === 7 ? `${s}-01` : s;
}

/** --near: "lat,lon" or a place name resolved by the gazetteer (src/geo lookupPlace). */
export async function resolveNear(s: string): Promise<{ lat: number; lon: number; name: string }> {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  if (m) return { lat: Number(m[1]), lon: Number(m[2]), name: s };
  const geo = (await import("../geo/index.js")) as unknown as {
    lookupPlace?: (name: string) => { lat: number; lon: number; name: string } | undefined;
  };
  const p = geo.lookupPlace?.(s);
  if (!p) throw new UserError(`--near: no place called "${s}" in the gazetteer (or give lat,lon)`);
  return { lat: p.lat, lon: p.lon, name: p.name };
}
