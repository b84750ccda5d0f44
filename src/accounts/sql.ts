// The SQL access accounts, discussion, review and notifications use: the store's `Db` adapter
// (src/store/db.ts, `?` placeholders, both dialects). `openAccountsDb` opens a SQLite file of its
// own (used when no store is given, and by the tests); `migrateAccounts` applies this area's
// migrations (src/accounts/migrations/1xx-*.sql, idempotent), whoever else migrates the database.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { Db, Param } from "../store/db.js";

/** The part of the store's Db adapter this area needs. */
export type SqlDb = Pick<Db, "dialect" | "all" | "get" | "run" | "tx">;
export type { Param };

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/** The migration files of this area, in order: [{ version, name, sql }]. */
export function accountMigrations(): { version: number; name: string; sql: string }[] {
  return readdirSync(MIGRATIONS)
    .filter((f) => /^\d+-.*\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number.parseInt(f, 10), name: f, sql: readFileSync(join(MIGRATIONS, f), "utf8") }));
}

/** Applies this area's migrations (idempotent). */
export async function migrateAccounts(db: SqlDb): Promise<void> {
  for (const m of accountMigrations()) {
    for (const stmt of splitSql(m.sql)) await db.run(stmt);
  }
}

/** Splits a migration file into statements (no semicolons inside strings in these files). */
export function splitSql(sql: string): string[] {
  return sql
    .split("\n")
    .filter((l) => !l.trim().startsWith("--"))
    .join("\n")
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A SQLite `SqlDb` over better-sqlite3 (WAL, foreign keys on). */
export function sqliteDb(path: string): SqlDb & { close(): Promise<void> } {
  const raw = new Database(path);
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  let depth = 0;
  const db: SqlDb & { close(): Promise<void> } = {
    dialect: "sqlite",
    async all<T>(sql: string, params: Param[] = []) {
      return raw.prepare(sql).all(...params) as T[];
    },
    async get<T>(sql: string, params: Param[] = []) {
      return raw.prepare(sql).get(...params) as T | undefined;
    },
    async run(sql: string, params: Param[] = []) {
      return raw.prepare(sql).run(...params).changes;
    },
    async tx<T>(fn: (d: Db) => Promise<T>): Promise<T> {
      // Savepoints nest; better-sqlite3 runs one statement at a time on this connection.
      const name = `sp${depth++}`;
      raw.exec(`SAVEPOINT ${name}`);
      try {
        const out = await fn(db as unknown as Db);
        raw.exec(`RELEASE ${name}`);
        return out;
      } catch (err) {
        raw.exec(`ROLLBACK TO ${name}`);
        raw.exec(`RELEASE ${name}`);
        throw err;
      } finally {
        depth--;
      }
    },
    async close() {
      raw.close();
    },
  };
  return db;
}

/** Opens (and migrates) a SQLite file for accounts when no store database is shared. */
export async function openAccountsDb(path: string): Promise<SqlDb & { close(): Promise<void> }> {
  const db = sqliteDb(path);
  await migrateAccounts(db);
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
