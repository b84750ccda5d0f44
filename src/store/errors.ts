// Database problems a user can fix (locked, read-only, corrupt, unreachable, bad --db value):
// one clear line each. The CLI turns a StoreError into a UserError (exit 2, no stack trace).
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

/** Translates a driver error into a StoreError with a message that says what to do, or returns it as is. */
export function explainDbError(err: unknown, where: string): unknown {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? "";
  const msg = e?.message ?? String(err);
  if (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED")
    return new StoreError(`${where}: the database is locked by another process; wait for it to finish and retry`);
  if (code.startsWith("SQLITE_READONLY") || /readonly|read-only/i.test(msg))
    return new StoreError(`${where}: the database is read-only; check the file's permissions or use another --db`);
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"))
    return new StoreError(`${where}: the file is not a sitrep database or is corrupt; move it aside or use another --db`);
  if (code === "SQLITE_CANTOPEN")
    return new StoreError(`${where}: the database file cannot be opened (does its directory exist and is it writable?)`);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new StoreError(`${where}: cannot reach the PostgreSQL server (${code}); is it running?`);
  if (code === "28P01" || code === "28000") return new StoreError(`${where}: PostgreSQL refused the login (${msg})`);
  if (code === "3D000") return new StoreError(`${where}: the PostgreSQL database does not exist (${msg})`);
  if (code === "25006") return new StoreError(`${where}: the PostgreSQL connection is read-only`);
  return err;
}
