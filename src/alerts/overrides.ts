// Analyst overrides of coalition membership, stored as data (table coalition_overrides, created by
// src/accounts/migrations). Only analysts and admins may set them; every override is kept.
import type { Clock } from "../accounts/clock.js";
import { newId, type SqlDb } from "../accounts/sql.js";
import { AccountError, hasRole, type User } from "../accounts/users.js";
import { DEFAULT_COALITION_MODEL } from "./coalitions.js";
import type { CoalitionOverride } from "./types.js";

export class CoalitionOverrides {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {}

  /** Puts `actorId` in `coalitionId` (null = in none). */
  async set(user: User, actorId: string, coalitionId: string | null, note?: string): Promise<CoalitionOverride> {
    if (!hasRole(user.role, "analyst")) throw new AccountError(403, "only analysts and admins can edit coalitions");
    if (typeof actorId !== "string" || actorId.length === 0 || actorId.length > 200) throw new AccountError(400, "actor id must be a non-empty string");
    if (coalitionId !== null && !DEFAULT_COALITION_MODEL.coalitions.some((c) => c.id === coalitionId))
      throw new AccountError(400, `coalition must be one of ${DEFAULT_COALITION_MODEL.coalitions.map((c) => c.id).join(", ")} or null`);
    const at = this.clock().toISOString();
    const n = note === undefined ? null : String(note).slice(0, 2000);
    await this.db.run("INSERT INTO coalition_overrides (id, actor_id, coalition_id, user_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?)", [
      newId("co"),
      actorId,
      coalitionId,
      user.id,
      n,
      at,
    ]);
    return { actorId, coalitionId, by: user.displayName, at, ...(n ? { note: n } : {}) };
  }

  /** Every override, oldest first (deriveCoalitions applies the latest per actor). */
  async list(): Promise<CoalitionOverride[]> {
    const rows = await this.db.all<{ actor_id: string; coalition_id: string | null; display_name: string; note: string | null; created_at: string }>(
      "SELECT o.actor_id, o.coalition_id, u.display_name, o.note, o.created_at FROM coalition_overrides o JOIN users u ON u.id = o.user_id ORDER BY o.created_at, o.id",
    );
    return rows.map((r) => ({ actorId: r.actor_id, coalitionId: r.coalition_id, by: r.display_name, at: r.created_at, ...(r.note ? { note: r.note } : {}) }));
  }
}
