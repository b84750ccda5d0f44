// Versioned migrations: numbered SQL files per backend in src/store/migrations/<backend>/
// ("001-initial.sql"), applied in order, each recorded in schema_migrations.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The migrations of one backend, in version order. */
export function migrations(backend: "sqlite" | "postgres"): Migration[] {
  const dir = join(here, "migrations", backend);
  return readdirSync(dir)
    .filter((f) => /^\d+-.*\.sql$/.test(f))
    .map((f) => ({ version: Number.parseInt(f, 10), name: f.replace(/\.sql$/, ""), sql: readFileSync(join(dir, f), "utf8") }))
    .sort((a, b) => a.version - b.version);
}

/** The newest schema version this code knows. */
export function latestVersion(backend: "sqlite" | "postgres"): number {
  const all = migrations(backend);
  return all.length ? all[all.length - 1].version : 0;
}
