// Column values read back from either database (SQLite or PostgreSQL: null for SQL NULL, numbers that may
// come as strings or bigints) made into the types the store's rows use.
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
export const optStr = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
