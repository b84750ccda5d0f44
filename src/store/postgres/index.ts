// The PostgreSQL + PostGIS backend (pg): a connection pool, one schema (public or a named one),
// a generated geography point with a GiST index for space, a generated tsvector for search.
import { createHash } from "node:crypto";
import pg from "pg";
import { CoreStore } from "../core.js";
import { type Db, type Param, type SearchRow, searchTerms } from "../db.js";
import { explainDbError, StoreError } from "../errors.js";
import { latestVersion, migrations } from "../migrations.js";
import type { OpenOptions, Store } from "../types.js";

type Row = Record<string, unknown>;
type Queryable = pg.Pool | pg.PoolClient;

/** `?` placeholders → `$1, $2 …` (our SQL never has `?` inside string literals). */
function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

const names = new Map<string, string>();
/** Statements with more parameters than this are not kept prepared (see PgDb.query). */
const NAMED_MAX_PARAMS = 64;

function statementName(sql: string): string {
  let n = names.get(sql);
  if (!n) {
    n = `s${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`;
    names.set(sql, n);
  }
  return n;
}

class PgDb implements Db {
  readonly dialect = "postgres" as const;
  readonly multiRow = true;

  constructor(
    private q: Queryable,
    private pool: pg.Pool,
    private where: string,
    private schema: string,
  ) {}

  /** Runs `sql`; rows as objects, or as arrays with rowMode "array" (allArrays). */
  private async query(sql: string, params: Param[], rowMode?: "array"): Promise<pg.QueryResult> {
    try {
      // Named statements are prepared once per connection, so repeated queries skip parsing and planning.
      // Long variable-length ones (multi-row inserts, long IN lists) come in too many shapes to keep
      // prepared on every connection for ever; they go unnamed.
      const config: pg.QueryConfig<Param[]> & { rowMode?: "array" } = { text: numbered(sql), values: params, rowMode };
      if (params.length <= NAMED_MAX_PARAMS) config.name = statementName(sql);
      return await this.q.query(config);
    } catch (err) {
      throw explainDbError(err, this.where);
    }
  }

  async all<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  async allArrays(sql: string, params: Param[] = []): Promise<unknown[][]> {
    return (await this.query(sql, params, "array")).rows;
  }

  async get<T = Row>(sql: string, params: Param[] = []): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params: Param[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  async runRows(sql: string, rows: Param[][]): Promise<void> {
    for (const r of rows) await this.query(sql, r);
  }

  async insertRowIds(): Promise<number[]> {
    throw new Error("PostgreSQL writes many rows per statement (multiRow) and inserts with RETURNING");
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw explainDbError(err, this.where);
    }
    const db = new PgDb(client, this.pool, this.where, this.schema);
    try {
      await client.query("BEGIN");
      const r = await fn(db);
      await client.query("COMMIT");
      return r;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw explainDbError(err, this.where);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  bboxWhere([w, s, e, n]: [number, number, number, number], hint?: { timeWindow: boolean }) {
    // With a time window the covering (type, date, lon, lat) index filters the box inside the index;
    // otherwise geography && envelope uses the GiST index (split in two across the antimeridian).
    if (hint?.timeWindow && w <= e)
      return { sql: "e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?", params: [w, e, s, n] };
    if (w <= e)
      return { sql: "e.geog && public.ST_MakeEnvelope(?, ?, ?, ?, 4326)::public.geography", params: [w, s, e, n] };
    return {
      sql: "(e.geog && public.ST_MakeEnvelope(?, ?, 180, ?, 4326)::public.geography OR e.geog && public.ST_MakeEnvelope(-180, ?, ?, ?, 4326)::public.geography)",
      params: [w, s, n, s, e, n],
    };
  }

  nearWhere({ lat, lon, radiusKm }: { lat: number; lon: number; radiusKm: number }) {
    return {
      sql: "public.ST_DWithin(e.geog, public.ST_SetSRID(public.ST_MakePoint(?, ?), 4326)::public.geography, ?)",
      params: [lon, lat, radiusKm * 1000],
    };
  }

  floorExpr(expr: string): string {
    return `floor(${expr})::integer`;
  }

  weekExpr(col: string): string {
    return `to_char(date_trunc('week', (${col})::date), 'YYYY-MM-DD')`;
  }

  async search(text: string, limit: number, offset: number): Promise<SearchRow[]> {
    const { phrases, words } = searchTerms(text);
    const parts = [...phrases.map((p) => `"${p}"`), ...words];
    if (parts.length === 0) return [];
    const rows = await this.all<Row>(
      `SELECT id, ts_headline('english', body, q, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1') AS snip,
              ts_rank(tsv, q) AS rank
       FROM articles, websearch_to_tsquery('english', ?) q WHERE tsv @@ q ORDER BY rank DESC, n LIMIT ? OFFSET ?`,
      [parts.join(" "), limit, offset],
    );
    return rows.map((r) => ({ id: String(r.id), snippet: String(r.snip), rank: Number(r.rank) }));
  }

  async schemaVersion(): Promise<number> {
    const t = await this.get<Row>("SELECT to_regclass(?) AS t", [`${this.schema}.schema_migrations`]);
    if (!t?.t) return 0;
    const r = await this.get<Row>("SELECT max(version) AS v FROM schema_migrations");
    return Number(r?.v ?? 0);
  }

  async migrate(): Promise<number> {
    await this.tx(async (db) => {
      // One migrator at a time per database.
      await db.run("SELECT pg_advisory_xact_lock(hashtext(?))", [`sitrep-migrate:${this.schema}`]);
      await db.run(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      const done = new Set((await db.all<Row>("SELECT version FROM schema_migrations")).map((r) => Number(r.version)));
      for (const m of migrations("postgres")) {
        if (done.has(m.version)) continue;
        await (db as PgDb).q.query(m.sql);
        await db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
      }
    });
    return latestVersion("postgres");
  }
}

/** Opens a PostgreSQL database by URL, optionally in its own schema, and brings the schema up to date. */
export async function openPostgresStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  const schema = opts.schema ?? "public";
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new StoreError(`invalid PostgreSQL schema name: ${schema}`);
  const options = `-c search_path=${schema},public${opts.readonly ? " -c default_transaction_read_only=on" : ""}`;
  const pool = new pg.Pool({ connectionString: url, max: 4, options });
  pool.on("error", () => {});
  const db = new PgDb(pool, pool, shown, schema);
  try {
    if (schema !== "public" && !opts.readonly) await db.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    if (!opts.readonly) await db.migrate();
    const v = await db.schemaVersion();
    if (v === 0) throw new StoreError(`${shown}: not a sitrep database (no schema)`);
    if (v > latestVersion("postgres"))
      throw new StoreError(`${shown}: the database schema (v${v}) is newer than this sitrep; upgrade sitrep`);
  } catch (err) {
    await pool.end().catch(() => {});
    throw explainDbError(err, shown);
  }
  return new CoreStore(db);
}
