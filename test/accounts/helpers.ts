// A fresh accounts database in a temporary SQLite file, and a controllable clock.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openAccountsDb, type SqlDb } from "../../src/accounts/sql.js";

export async function tempDb(): Promise<{ db: SqlDb; dir: string; done: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-accounts-"));
  const db = await openAccountsDb(join(dir, "accounts.db"));
  return {
    db,
    dir,
    done: async () => {
      await db.close();
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
