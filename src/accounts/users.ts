// Users and sessions: registration, login with rate-limited failures, session tokens (only their
// SHA-256 is stored), CSRF tokens bound to the session, and roles (reader < analyst < admin).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type Clock, systemClock } from "./clock.js";
import { DEFAULT_SCRYPT, hashPassword, passwordProblem, type ScryptParams, verifyPassword } from "./password.js";
import { type LoginLimits, RateLimiter } from "./ratelimit.js";
import { newId, type SqlDb } from "./sql.js";

export type Role = "reader" | "analyst" | "admin";
const RANK: Record<Role, number> = { reader: 0, analyst: 1, admin: 2 };

/** True when `role` is at least `needed`. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  createdAt: string;
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

/** A refused request: `status` is the HTTP status the API answers with. */
export class AccountError extends Error {
  constructor(
    public status: number,
    message: string,
    public retryAfterSec?: number,
  ) {
    super(message);
    this.name = "AccountError";
  }
}

export interface AccountOptions {
  clock?: Clock;
  scrypt?: ScryptParams;
  /** Session lifetime (default 14 days). */
  sessionDays?: number;
  limits?: Partial<LoginLimits>;
  /**
   * Emails that become admin when they register. When set, nobody else does; when unset, the very
   * first account is admin (fine on a laptop; set this on a server reachable by others).
   */
  adminEmails?: string[];
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  feed_token: string;
  created_at: string;
}

function toUser(r: UserRow): User {
  return { id: r.id, email: r.email, displayName: r.display_name, role: r.role, createdAt: r.created_at };
}

/**
 * Accounts over a SqlDb.
 * @example const acc = new Accounts(db); const u = await acc.register("a@x.org", "Ana", "long passphrase");
 */
export class Accounts {
  readonly clock: Clock;
  private readonly scrypt: ScryptParams;
  private readonly sessionMs: number;
  private readonly adminEmails?: Set<string>;
  readonly limiter: RateLimiter;
  /** Compared against when the email is unknown, so a login takes as long either way. */
  private dummyHash?: Promise<string>;

  constructor(
    readonly db: SqlDb,
    opts: AccountOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.scrypt = opts.scrypt ?? DEFAULT_SCRYPT;
    this.sessionMs = (opts.sessionDays ?? 14) * 86_400_000;
    if (opts.adminEmails?.length) this.adminEmails = new Set(opts.adminEmails.map((e) => e.trim().toLowerCase()));
    this.limiter = new RateLimiter(db, this.clock, opts.limits);
  }

  /** Registers a user: admin when listed in `adminEmails` (or, without that list, when first); else reader. */
  async register(email: string, displayName: string, password: string): Promise<User> {
    const e = typeof email === "string" ? email.trim().toLowerCase() : "";
    if (!EMAIL.test(e)) throw new AccountError(400, "email must look like name@example.org");
    const name = typeof displayName === "string" ? displayName.replace(/[\p{Cc}\p{Cf}]/gu, "").trim() : "";
    if (name.length === 0 || name.length > 80) throw new AccountError(400, "display name must be 1-80 characters");
    const problem = passwordProblem(password);
    if (problem) throw new AccountError(400, problem);
    const hash = await hashPassword(password, this.scrypt);
    const now = this.clock().toISOString();
    const id = newId("u");
    try {
      if (this.adminEmails) {
        await this.db.run("INSERT INTO users (id, email, display_name, password_hash, role, feed_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", [
          id,
          e,
          name,
          hash,
          this.adminEmails.has(e) ? "admin" : "reader",
          randomBytes(24).toString("base64url"),
          now,
        ]);
      } else {
        // One statement: only the first account becomes admin, even when two register at once.
        await this.db.run(
          "INSERT INTO users (id, email, display_name, password_hash, role, feed_token, created_at) " +
            "SELECT ?, ?, ?, ?, CASE WHEN COUNT(*) = 0 THEN 'admin' ELSE 'reader' END, ?, ? FROM users",
          [id, e, name, hash, randomBytes(24).toString("base64url"), now],
        );
      }
      return (await this.getUser(id))!;
    } catch (err) {
      if (/unique|duplicate/i.test(String((err as Error).message))) throw new AccountError(409, "an account with this email already exists");
      throw err;
    }
  }

  /**
   * Checks a password and opens a session. Failures are counted per email and per client address;
   * past the limit, logins are refused (429) until the lock expires, even with the right password.
   */
  async login(email: string, password: string, clientIp = "unknown"): Promise<{ token: string; session: Session }> {
    const e = typeof email === "string" ? email.trim().toLowerCase() : "";
    const keys = [`email:${e}`, `ip:${clientIp}`];
    const locked = await this.limiter.lockedFor(keys);
    if (locked > 0) throw new AccountError(429, `too many failed logins; try again in ${locked} seconds`, locked);
    const row = await this.db.get<UserRow>("SELECT * FROM users WHERE email = ?", [e]);
    this.dummyHash ??= hashPassword("not a real password", this.scrypt);
    const ok = await verifyPassword(typeof password === "string" ? password : "", row?.password_hash ?? (await this.dummyHash));
    if (!row || !ok) {
      await this.limiter.fail(keys);
      throw new AccountError(401, "wrong email or password");
    }
    await this.limiter.clear([`email:${e}`]);
    return this.openSession(toUser(row));
  }

  /** Opens a session for a user just registered (no password check, no rate limit). */
  async startSession(userId: string): Promise<{ token: string; session: Session }> {
    const user = await this.getUser(userId);
    if (!user) throw new AccountError(404, "no such user");
    return this.openSession(user);
  }

  private async openSession(user: User): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.sessionMs).toISOString();
    await this.db.run("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)", [
      sha256(token),
      user.id,
      csrfToken,
      now.toISOString(),
      expiresAt,
    ]);
    return { token, session: { user, csrfToken, expiresAt } };
  }

  /** The session behind a cookie token, or null when unknown or expired. */
  async session(token: string | undefined): Promise<Session | null> {
    if (!token || token.length > 200) return null;
    const r = await this.db.get<UserRow & { csrf_token: string; expires_at: string }>(
      "SELECT u.*, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
      [sha256(token)],
    );
    if (!r) return null;
    if (r.expires_at <= this.clock().toISOString()) {
      await this.db.run("DELETE FROM sessions WHERE token_hash = ?", [sha256(token)]);
      return null;
    }
    return { user: toUser(r), csrfToken: r.csrf_token, expiresAt: r.expires_at };
  }

  async logout(token: string): Promise<void> {
    await this.db.run("DELETE FROM sessions WHERE token_hash = ?", [sha256(token)]);
  }

  async getUser(id: string): Promise<User | null> {
    const r = await this.db.get<UserRow>("SELECT * FROM users WHERE id = ?", [id]);
    return r ? toUser(r) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.db.all<UserRow>("SELECT * FROM users ORDER BY created_at, id")).map(toUser);
  }

  /** Changes a user's role (admin only; the caller checks). */
  async setRole(userId: string, role: Role): Promise<User> {
    if (!(role in RANK)) throw new AccountError(400, "role must be reader, analyst or admin");
    const n = await this.db.run("UPDATE users SET role = ? WHERE id = ?", [role, userId]);
    if (n === 0) throw new AccountError(404, "no such user");
    return (await this.getUser(userId))!;
  }

  /** The secret token of a user's digest feed (RSS/Atom URL). */
  async feedToken(userId: string): Promise<string> {
    const r = await this.db.get<{ feed_token: string }>("SELECT feed_token FROM users WHERE id = ?", [userId]);
    if (!r) throw new AccountError(404, "no such user");
    return r.feed_token;
  }

  /** The user a feed token belongs to. */
  async userByFeedToken(token: string): Promise<User | null> {
    if (!token || token.length > 100) return null;
    const r = await this.db.get<UserRow>("SELECT * FROM users WHERE feed_token = ?", [token]);
    return r ? toUser(r) : null;
  }
}

/** Constant-time string comparison for tokens. */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
