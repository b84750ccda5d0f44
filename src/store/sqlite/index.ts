// The embedded SQLite backend (better-sqlite3): one file, WAL journal, FTS5 over articles,
// an R*Tree over event points, and a haversine SQL function for radius queries.
import Database from "better-sqlite3";
import { haversineKm } from "../../events/merge.js";
import { CoreStore } from "../core.js";
import { type Db, type Param, type SearchRow, searchTerms } from "../db.js";
import { explainDbError, StoreError } from "../errors.js";
import { latestVersion, migrations } from "../migrations.js";
import type { OpenOptions, Store } from "../types.js";

type Row = Record<string, unknown>;

class SqliteDb implements Db {
  readonly dialect = "sqlite" as const;
  readonly multiRow = false;
  private stmts = new Map<string, Database.Statement>();
  /** Statements in raw mode (rows as arrays), for allArrays. */
  private rawStmts = new Map<string, Database.Statement>();

  constructor(
    readonly raw: Database.Database,
    private where: string,
  ) {}

  /** The statement for `sql`, prepared once per connection (in raw mode, rows as arrays, for allArrays). */
  private prep(sql: string, asArrays = false): Database.Statement {
    const cache = asArrays ? this.rawStmts : this.stmts;
    let s = cache.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      if (asArrays) s.raw(true);
      cache.set(sql, s);
    }
    return s;
  }

  private wrap<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(explainDbError(err, this.where));
    }
  }

  all<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
    return this.wrap(() => {
      const s = this.prep(sql);
      if (s.reader) return s.all(...params) as T[];
      s.run(...params);
      return [] as T[];
    });
  }

  allArrays(sql: string, params: Param[] = []): Promise<unknown[][]> {
    return this.wrap(() => this.prep(sql, true).all(...params) as unknown[][]);
  }

  get<T = Row>(sql: string, params: Param[] = []): Promise<T | undefined> {
    return this.wrap(() => this.prep(sql).get(...params) as T | undefined);
  }

  run(sql: string, params: Param[] = []): Promise<number> {
    return this.wrap(() => this.prep(sql).run(...params).changes);
  }

  runRows(sql: string, rows: Param[][]): Promise<void> {
    return this.wrap(() => {
      const s = this.prep(sql);
      for (const r of rows) s.run(...r);
    });
  }

  insertRowIds(sql: string, rows: Param[][]): Promise<number[]> {
    return this.wrap(() => {
      const s = this.prep(sql);
      return rows.map((r) => Number(s.run(...r).lastInsertRowid));
    });
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    await this.wrap(() => this.raw.exec("BEGIN IMMEDIATE"));
    try {
      const r = await fn(this);
      await this.wrap(() => this.raw.exec("COMMIT"));
      return r;
    } catch (err) {
      if (this.raw.inTransaction) this.raw.exec("ROLLBACK");
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.raw.open) this.raw.close();
  }

  bboxWhere([w, s, e, n]: [number, number, number, number], hint?: { timeWindow: boolean }) {
    // With a time window, the covering (type, date, lon, lat) index reads fewer entries than the
    // R*Tree would return for a map-sized box; without one, the R*Tree narrows first.
    if (hint?.timeWindow && w <= e)
      return { sql: "e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?", params: [w, e, s, n] };
    if (w <= e)
      return {
        sql: "e.n IN (SELECT id FROM events_rtree WHERE min_x >= ? AND max_x <= ? AND min_y >= ? AND max_y <= ?)",
        params: [w, e, s, n],
      };
    // Across the antimeridian: two boxes.
    return {
      sql: "e.n IN (SELECT id FROM events_rtree WHERE (min_x >= ? OR max_x <= ?) AND min_y >= ? AND max_y <= ?)",
      params: [w, e, s, n],
    };
  }

  nearWhere({ lat, lon, radiusKm }: { lat: number; lon: number; radiusKm: number }) {
    const dLat = radiusKm / 111.0;
    const dLon = radiusKm / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
    return {
      sql: "e.n IN (SELECT id FROM events_rtree WHERE min_x >= ? AND max_x <= ? AND min_y >= ? AND max_y <= ?) AND haversine_km(e.lat, e.lon, ?, ?) <= ?",
      params: [lon - dLon, lon + dLon, lat - dLat, lat + dLat, lat, lon, radiusKm],
    };
  }

  floorExpr(expr: string): string {
    return `CAST(${expr} AS INTEGER)`; // truncation = floor for the non-negative values it is given
  }

  weekExpr(col: string): string {
    return `date(${col}, '-' || ((CAST(strftime('%w', ${col}) AS INTEGER) + 6) % 7) || ' days')`;
  }

  async search(text: string, limit: number, offset: number): Promise<SearchRow[]> {
    const { phrases, words } = searchTerms(text);
    const terms = [...phrases, ...words].map((t) => `"${t.replace(/"/g, "")}"`);
    if (terms.length === 0) return [];
    const rows = await this.all<Row>(
      `SELECT a.id, snippet(articles_fts, 1, '«', '»', '…', 24) AS snip, bm25(articles_fts, 5.0, 1.0) AS rank
       FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid
       WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?`,
      [terms.join(" "), limit, offset],
    );
    return rows.map((r) => ({ id: String(r.id), snippet: String(r.snip), rank: -Number(r.rank) }));
  }

  async schemaVersion(): Promise<number> {
    const t = this.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!t) return 0;
    const r = this.raw.prepare("SELECT max(version) AS v FROM schema_migrations").get() as { v: number | null };
    return r.v ?? 0;
  }

  async migrate(): Promise<number> {
    return this.wrap(() => {
      this.raw.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      const done = new Set(
        (this.raw.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version),
      );
      for (const m of migrations("sqlite")) {
        if (done.has(m.version)) continue;
        this.raw.transaction(() => {
          this.raw.exec(m.sql);
          this.raw
            .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
            .run(m.version, m.name, new Date().toISOString());
        }).immediate();
      }
      this.stmts.clear();
      this.rawStmts.clear();
      return latestVersion("sqlite");
    });
  }
}

/** Opens (creating when needed) a SQLite database file and brings its schema up to date. */
export async function openSqliteStore(path: string, opts: OpenOptions = {}): Promise<Store> {
  // How long to wait for another process's write lock before "locked" (SITREP_DB_TIMEOUT_MS, default 5 s).
  const timeout = Number(process.env.SITREP_DB_TIMEOUT_MS) || 5000;
  let raw: Database.Database;
  try {
    raw = new Database(path, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly, timeout });
  } catch (err) {
    throw explainDbError(err, path);
  }
  const db = new SqliteDb(raw, path);
  try {
    raw.function("haversine_km", { deterministic: true }, (lat1, lon1, lat2, lon2) =>
      lat1 === null || lon1 === null ? null : haversineKm(Number(lat1), Number(lon1), Number(lat2), Number(lon2)),
    );
    // Reading the schema is the first real access: a corrupt or foreign file fails here.
    raw.prepare("SELECT count(*) FROM sqlite_master").get();
    if (!opts.readonly) {
      raw.pragma("journal_mode = WAL");
      raw.pragma("synchronous = NORMAL");
      raw.pragma("cache_size = -65536"); // 64 MB page cache: index inserts on big stores stay in memory
      // checkpoint every 64 MB of WAL, not every 4 MB: pages an ingest rewrites again and again (index
      // pages) are copied into the database file once per checkpoint, so fewer checkpoints copy less
      raw.pragma("wal_autocheckpoint = 16384");
    }
    raw.pragma(`busy_timeout = ${timeout}`);
    // temporary files in memory: a statement inside a long write transaction keeps its undo pages
    // (statement journal) in a temporary file once they pass 64 KB, and a batch of articles wrote
    // ~55 MB to such files for 15 MB of WAL; sorts and DISTINCTs of reads use the same temporary space
    raw.pragma("temp_store = MEMORY");
    if (!opts.readonly) await db.migrate();
    else if ((await db.schemaVersion()) === 0) throw new StoreError(`${path}: not a sitrep database (no schema)`);
    const v = await db.schemaVersion();
    if (v > latestVersion("sqlite"))
      throw new StoreError(`${path}: the database schema (v${v}) is newer than this sitrep (v${latestVersion("sqlite")}); upgrade sitrep`);
  } catch (err) {
    raw.close();
    throw explainDbError(err, path);
  }
  return new CoreStore(db);
}
