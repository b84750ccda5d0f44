// The SQL access accounts, discussion, review and notifications use: the store's own `Db` adapter
// (src/store/db.ts: `?` placeholders, SQLite or PostgreSQL). The tables come from the store's
// migrations numbered 100+ (src/store/migrations/<backend>/100-accounts.sql), so `openStore`
// creates them. `sqlOf(store)` reaches the adapter behind a Store.
import { randomBytes } from "node:crypto";
import type { Db, Param } from "../store/db.js";
import type { Store } from "../store/types.js";

/** The part of the store's Db adapter this area needs. */
export type SqlDb = Pick<Db, "dialect" | "all" | "get" | "run" | "tx">;
export type { Param };

/**
 * The SQL adapter behind a Store. The Store interface has no public accessor for it, so this reads
 * CoreStore's `db` field (src/store/core.ts) and fails clearly if that ever changes.
 */
export function sqlOf(store: Store): SqlDb {
  const db = (store as unknown as { db?: SqlDb }).db;
  if (!db || typeof db.all !== "function" || typeof db.run !== "function" || typeof db.tx !== "function")
    throw new Error("this store does not expose its SQL adapter (expected CoreStore.db); accounts need it");
  return db;
}

/** A random URL-safe id with a prefix: "u_3kJ…". */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString("base64url")}`;
}

/** Parses a JSON column, or returns `fallback` when it is empty or broken. */
export function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== "string" || text === "") return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
