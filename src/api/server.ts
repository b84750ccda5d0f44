// Starting and stopping the HTTP server for `sitrep serve` and `sitrep start`.
import type { FastifyInstance } from "fastify";
import type { Store } from "../store/types.js";
import { buildApp } from "./app.js";

/** A start-up problem the user can fix (port in use, bad host): the CLI prints it as one line. */
export class ServeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServeError";
  }
}

export interface ServeOptions {
  port: number;
  host: string;
  allowPrivate?: boolean;
  logger?: boolean;
  webRoot?: string;
}

/** Listens on host:port; a port in use or a bad host is a ServeError with the fix in it. */
export async function startServer(store: Store, o: ServeOptions): Promise<{ app: FastifyInstance; url: string }> {
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new ServeError(`--port must be a number from 0 to 65535, got "${o.port}"`);
  const app = await buildApp({ store, allowPrivate: o.allowPrivate, logger: o.logger, webRoot: o.webRoot });
  try {
    await app.listen({ port: o.port, host: o.host });
  } catch (err) {
    await app.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new ServeError(`port ${o.port} on ${o.host} is already in use; pass another with --port`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new ServeError(`cannot listen on host "${o.host}"; pass --host 127.0.0.1 or an address of this machine`);
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : o.port;
  const host = o.host.includes(":") ? `[${o.host}]` : o.host === "0.0.0.0" ? "127.0.0.1" : o.host;
  return { app, url: `http://${host}:${port}` };
}

/** Resolves when the process gets SIGINT/SIGTERM, after closing the server and the store. */
export function untilStopped(app: FastifyInstance, store: Store): Promise<void> {
  return new Promise((resolve) => {
    const stop = async () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      await app.close();
      await store.close();
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
