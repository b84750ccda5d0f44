// A fresh store (temporary SQLite file, or a fresh PostgreSQL schema when SITREP_TEST_PG is set and
// `pg` is asked for) with the accounts tables, and a controllable clock.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SqlDb, sqlOf } from "../../src/accounts/sql.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";

export const PG_URL = process.env.SITREP_TEST_PG;

export async function tempDb(backend: "sqlite" | "postgres" = "sqlite"): Promise<{ db: SqlDb; store: Store; path?: string; done: () => Promise<void> }> {
  if (backend === "postgres") {
    const schema = `t_accounts_${randomBytes(5).toString("hex")}`;
    const store = await openStore(PG_URL!, { schema });
    const db = sqlOf(store);
    return {
      db,
      store,
      done: async () => {
        await db.run(`DROP SCHEMA ${schema} CASCADE`);
        await store.close();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "sitrep-accounts-"));
  const path = join(dir, "sitrep.db");
  const store = await openStore(path);
  return {
    db: sqlOf(store),
    store,
    path,
    done: async () => {
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A clock that stands still until moved. */
export function fakeClock(start = "2017-09-09T12:00:00Z") {
  let t = Date.parse(start);
  const clock = () => new Date(t);
  return { clock, advance: (sec: number) => (t += sec * 1000) };
}

/** Both backends, each with its skip reason when it cannot run here. */
export const BACKENDS: { backend: "sqlite" | "postgres"; skip: string | false }[] = [
  { backend: "sqlite", skip: false },
  { backend: "postgres", skip: PG_URL ? false : "needs SITREP_TEST_PG (a PostgreSQL URL; .ci/run sets it)" },
];
