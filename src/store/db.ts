// The small SQL adapter both backends implement, so the store's logic (src/store/core.ts)
// is written once. SQL uses `?` placeholders; the PostgreSQL adapter numbers them.
// Dialect differences (spatial filters, full-text search, week buckets) are methods here.

export type Param = string | number | null;

export interface SearchRow {
  id: string;
  snippet: string;
  rank: number;
}

export interface Db {
  readonly dialect: "sqlite" | "postgres";
  /**
   * Whether writes of many rows go in multi-row statements: they save a server round trip per row
   * (PostgreSQL), but each row count is its own statement to prepare. In-process SQLite runs one
   * prepared single-row statement per row instead (a statement is prepared once per shape).
   */
  readonly multiRow: boolean;
  all<T = Record<string, unknown>>(sql: string, params?: Param[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: Param[]): Promise<T | undefined>;
  /**
   * Rows as arrays of column values in SELECT order: for wide rows read often (merge candidates,
   * an article's actors), where making an object per row costs more than the query itself.
   */
  allArrays(sql: string, params?: Param[]): Promise<unknown[][]>;
  run(sql: string, params?: Param[]): Promise<number>;
  /** Runs one statement once per parameter row, in order (one prepared statement for them all). */
  runRows(sql: string, rows: Param[][]): Promise<void>;
  /**
   * Runs a single-row INSERT once per parameter row and returns each new row's integer key (SQLite's
   * rowid), without a RETURNING clause: a RETURNING insert steps as a query, ~20% dearer in SQLite.
   * Only backends without multi-row writes need it (PostgreSQL inserts with RETURNING).
   */
  insertRowIds(sql: string, rows: Param[][]): Promise<number[]>;
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * A WHERE fragment keeping events (alias `e`) inside [west, south, east, north]. `timeWindow` says
   * the query also bounds the date, so a backend may prefer its (type, date, position) index.
   */
  bboxWhere(bbox: [number, number, number, number], hint?: { timeWindow: boolean }): { sql: string; params: Param[] };
  /** A WHERE fragment keeping events (alias `e`) within radiusKm of a point. */
  nearWhere(near: { lat: number; lon: number; radiusKm: number }): { sql: string; params: Param[] };
  /** SQL for the integer floor of a non-negative numeric expression (map grid cells). */
  floorExpr(expr: string): string;
  /** SQL for the Monday (YYYY-MM-DD) of the week of a YYYY-MM-DD column. */
  weekExpr(col: string): string;
  /** Full-text search over articles: ids with a highlighted snippet, best first. */
  search(text: string, limit: number, offset: number): Promise<SearchRow[]>;
  /** The applied schema version (0 before any migration). */
  schemaVersion(): Promise<number>;
  /** Applies the numbered migrations that are not applied yet; returns the version. */
  migrate(): Promise<number>;
}

/** Turns free text into a safe list of search terms; "quoted phrases" stay phrases. */
export function searchTerms(text: string): { phrases: string[]; words: string[] } {
  const phrases: string[] = [];
  const rest = text.replace(/"([^"]+)"/g, (_m, p: string) => {
    const words = p.match(/[\p{L}\p{N}]+/gu);
    if (words) phrases.push(words.join(" "));
    return " ";
  });
  const words = rest.match(/[\p{L}\p{N}]+/gu) ?? [];
  return { phrases, words };
}
