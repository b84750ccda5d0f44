// Rate limit for wrong passwords, kept in the database so it survives restarts and holds across
// processes: after `maxFailures` failures within `windowSec`, the key is locked for `lockSec`,
// doubling with each further failure up to `maxLockSec`.
import type { Clock } from "./clock.js";
import type { SqlDb } from "./sql.js";

export interface LoginLimits {
  maxFailures: number;
  windowSec: number;
  lockSec: number;
  maxLockSec: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailures: 5, windowSec: 900, lockSec: 60, maxLockSec: 3600 };

export class RateLimiter {
  readonly limits: LoginLimits;
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
    limits: Partial<LoginLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  }

  /** Seconds until every key is unlocked (0 = not locked). */
  async lockedFor(keys: string[]): Promise<number> {
    const now = this.clock().getTime();
    let wait = 0;
    for (const k of keys) {
      const r = await this.db.get<{ locked_until: string | null }>("SELECT locked_until FROM login_attempts WHERE key = ?", [k]);
      if (r?.locked_until) wait = Math.max(wait, Math.ceil((Date.parse(r.locked_until) - now) / 1000));
    }
    return Math.max(0, wait);
  }

  /** Records a failure for each key. */
  async fail(keys: string[]): Promise<void> {
    const now = this.clock();
    const L = this.limits;
    for (const k of keys) {
      const r = await this.db.get<{ failures: number; window_start: string }>("SELECT failures, window_start FROM login_attempts WHERE key = ?", [k]);
      const fresh = !r || now.getTime() - Date.parse(r.window_start) > L.windowSec * 1000;
      const failures = fresh ? 1 : Number(r.failures) + 1;
      const over = failures - L.maxFailures;
      const lock = over >= 0 ? Math.min(L.maxLockSec, L.lockSec * 2 ** over) : 0;
      const lockedUntil = lock > 0 ? new Date(now.getTime() + lock * 1000).toISOString() : null;
      const start = fresh ? now.toISOString() : r.window_start;
      await this.db.run(
        "INSERT INTO login_attempts (key, failures, window_start, locked_until) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, locked_until = excluded.locked_until",
        [k, failures, start, lockedUntil],
      );
    }
  }

  async clear(keys: string[]): Promise<void> {
    for (const k of keys) await this.db.run("DELETE FROM login_attempts WHERE key = ?", [k]);
  }
}
