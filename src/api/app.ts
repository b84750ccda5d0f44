// The HTTP app: the REST API under /api (documented at /api/openapi.json and /api/docs), the
// live stream, and the web app, behind one error handler and strict security headers.
//
//   const app = await buildApp({ store, webRoot: "dist/web" });
//   await app.listen({ port: 8080, host: "127.0.0.1" });
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import type { Store } from "../store/types.js";
import { installErrorHandler } from "./errors.js";
import { installResponseCache } from "./middleware/cache.js";
import { installSecurityHeaders } from "./middleware/security.js";
import { ApiRoutes } from "./openapi.js";
import { PointIndex } from "./points.js";
import { actorRoutes } from "./routes/actors.js";
import { articleRoutes } from "./routes/articles.js";
import { type Compress, eventRoutes } from "./routes/events.js";
import { ingestRoutes } from "./routes/ingest.js";
import { metaRoutes } from "./routes/meta.js";
import { placeRoutes } from "./routes/places.js";
import { streamRoutes } from "./routes/stream.js";
import { alertsPlugin } from "../alerts/routes.js";
import { installStatic } from "./static.js";

/** Where the install step puts the built web app. */
export const DEFAULT_WEB_ROOT = join(import.meta.dirname, "..", "..", "dist", "web");

export interface AppOptions {
  store: Store;
  /** The built web app; default dist/web. */
  webRoot?: string;
  /** Let URL ingest fetch loopback/private addresses (`sitrep serve --allow-private`). */
  allowPrivate?: boolean;
  /** Log requests (pino to stdout). */
  logger?: boolean;
  /** Reuse answers of read routes until the store changes or for 5 s (default true). */
  cache?: boolean;
  /** Load the map's point index at start (default true). */
  warm?: boolean;
  /** Body limit for every route but ingest, bytes. */
  bodyLimit?: number;
  /** Gzip big map answers for clients that accept it: "auto" (default) for every client but one on
   * this machine (loopback: the bytes never cross a network, so compressing only costs both ends
   * CPU), "always", or "never". */
  compress?: Compress;
}

/** Builds the fastify app over a store (not yet listening). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: "info" } : false,
    bodyLimit: opts.bodyLimit ?? 64 * 1024,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 2048 },
    ajv: { customOptions: { coerceTypes: "array", removeAdditional: false, allErrors: false } },
  });
  installErrorHandler(app);
  installSecurityHeaders(app);
  if (opts.cache !== false) installResponseCache(app, opts.store);

  const streams = new Set<ServerResponse>();
  const points = new PointIndex(opts.store);
  app.addHook("onClose", async () => {
    for (const res of streams) res.end();
    points.close();
  });

  const webRoot = opts.webRoot ?? DEFAULT_WEB_ROOT;
  const routes = new ApiRoutes(app);
  metaRoutes(routes, opts.store);
  articleRoutes(routes, opts.store);
  eventRoutes(routes, opts.store, points, opts.compress ?? "auto");
  actorRoutes(routes, opts.store);
  placeRoutes(routes, opts.store, points, webRoot);
  ingestRoutes(routes, opts.store, { allowPrivate: opts.allowPrivate ?? false });
  streamRoutes(routes, opts.store, streams);
  await app.register(alertsPlugin, { store: opts.store, allowPrivateWebhooks: opts.allowPrivate ?? false });
  installStatic(app, webRoot);
  await app.ready();
  // Warm the map's point index in the background so the first page load finds it ready.
  if (opts.warm !== false) points.ready().catch((err) => app.log.error({ err }, "map point index: load failed"));
  return app;
}
