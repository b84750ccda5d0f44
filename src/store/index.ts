// Opening the knowledge base: a path → SQLite, a postgres:// URL → PostgreSQL.
// `--db` defaults to $SITREP_DB, else ./sitrep.db. The PostgreSQL backend (and the pg package) is
// loaded only when a postgres:// URL is opened: a command on a SQLite file does not pay for it.
import { openSqliteStore } from "./sqlite/index.js";
import type { OpenOptions, Store } from "./types.js";

export { articleKey, contentHash, placeKey } from "./keys.js";
export { StoreError } from "./errors.js";
export type * from "./types.js";

/** The database to use when none is given: $SITREP_DB, else ./sitrep.db. */
export function defaultDbSpec(env: NodeJS.ProcessEnv = process.env): string {
  return env.SITREP_DB?.trim() || "./sitrep.db";
}

/** true for a PostgreSQL connection URL. */
export function isPostgresSpec(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * Opens a store and migrates it.
 * @example const store = await openStore("./sitrep.db");
 * @example const store = await openStore("postgres://sitrep:sitrep@127.0.0.1/sitrep", { schema: "team_a" });
 */
export async function openStore(spec: string = defaultDbSpec(), opts: OpenOptions = {}): Promise<Store> {
  if (!isPostgresSpec(spec)) return openSqliteStore(spec, opts);
  const { openPostgresStore } = await import("./postgres/index.js");
  return openPostgresStore(spec, opts);
}
