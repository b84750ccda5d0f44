// `sitrep serve`: the web app and the REST API over a store (localhost unless told otherwise).
// The API (fastify and its plugins) is loaded when a server starts, not by every command.
import type { Command } from "commander";
import { defaultDbSpec, openStore } from "../store/index.js";
import type { Store } from "../store/types.js";
import { UserError } from "./errors.js";

export interface ServeCliOptions {
  db: string;
  port: string;
  host: string;
  allowPrivate?: boolean;
  log?: boolean;
}

/** Opens the store named by --db, as a UserError when it cannot be opened. */
export async function openStoreForCli(spec: string): Promise<Store> {
  try {
    return await openStore(spec);
  } catch (err) {
    throw new UserError(`cannot open the database ${spec}: ${(err as Error).message}`);
  }
}

/** Serves `store` until Ctrl-C; prints the URL. */
export async function serveUntilStopped(store: Store, o: ServeCliOptions): Promise<void> {
  const [{ DEFAULT_WEB_ROOT }, { ServeError, startServer, untilStopped }, { staleWebBuild }] = await Promise.all([
    import("../api/app.js"),
    import("../api/server.js"),
    import("../api/static.js"),
  ]);
  let started: Awaited<ReturnType<typeof startServer>>;
  try {
    started = await startServer(store, { port: Number(o.port), host: o.host, allowPrivate: o.allowPrivate, logger: o.log });
  } catch (err) {
    await store.close();
    if (err instanceof ServeError) throw new UserError(err.message);
    throw err;
  }
  const stale = staleWebBuild(DEFAULT_WEB_ROOT);
  if (stale) process.stderr.write(`sitrep: warning: ${stale}\n`);
  process.stdout.write(`sitrep: the situation picture is at ${started.url}  (API docs: ${started.url}/api/docs; Ctrl-C to stop)\n`);
  await untilStopped(started.app, store);
}

export function addServeOptions(cmd: Command): Command {
  return cmd
    .option("--db <path|url>", "SQLite file or postgres:// URL", defaultDbSpec())
    .option("--port <n>", "port to listen on (0 picks a free one)", "8080")
    .option("--host <addr>", "address to listen on; 127.0.0.1 keeps it on this machine", "127.0.0.1")
    .option("--allow-private", "let URL ingest fetch loopback, private or link-local addresses")
    .option("--log", "log every request");
}

export function registerServe(program: Command): void {
  addServeOptions(program.command("serve").description("serve the web app and the REST API (/api/openapi.json)")).action(async (o: ServeCliOptions) => {
    const store = await openStoreForCli(o.db);
    await serveUntilStopped(store, o);
  });
}
