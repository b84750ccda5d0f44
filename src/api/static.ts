// Serves the built web app (dist/web, made by scripts/install/20-web.ts) and the API docs page.
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { ApiError } from "./errors.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".map": "application/json",
};

/** What the server expects of dist/web: raised when the page needs files an older install step did not
 * write (format 2: the base map's land and borders under basemap/, session 4). 20-web.ts writes it. */
export const WEB_BUILD_FORMAT = 2;
export const WEB_BUILD_STAMP = "build-format.txt";

/** A one-line warning when `webRoot` holds a web app built for another format, else undefined. */
export function staleWebBuild(webRoot: string): string | undefined {
  if (!existsSync(join(webRoot, "index.html"))) return undefined; // not built at all: `/` says so
  const stamp = join(webRoot, WEB_BUILD_STAMP);
  const found = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "none";
  if (found === String(WEB_BUILD_FORMAT)) return undefined;
  return `the web app in ${webRoot} was built by an older sitrep (build format ${found}, this version needs ${WEB_BUILD_FORMAT}): run \`npm install\` (or \`node --import tsx scripts/install/20-web.ts\`) to rebuild it`;
}

function send(reply: FastifyReply, file: string, immutable: boolean) {
  const type = TYPES[extname(file)] ?? "application/octet-stream";
  reply.type(type).header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  reply.header("content-length", statSync(file).size);
  return reply.send(createReadStream(file));
}

/** Adds `GET /`, `GET /api/docs` and the static files under `webRoot`. */
export function installStatic(app: FastifyInstance, webRoot: string): void {
  const root = normalize(webRoot);
  const notBuilt = () =>
    new ApiError("UNAVAILABLE", `the web app is not built (no ${join(root, "index.html")}); run \`npm install\` or \`node --import tsx scripts/install/20-web.ts\``);
  app.get("/", async (_req, reply) => {
    const f = join(root, "index.html");
    if (!existsSync(f)) throw notBuilt();
    return send(reply, f, false);
  });
  app.get("/api/docs", async (_req, reply) => {
    const f = join(root, "docs.html");
    if (!existsSync(f)) throw notBuilt();
    return send(reply, f, false);
  });
  app.get("/*", async (req, reply) => {
    const rel = (req.params as { "*": string })["*"] ?? "";
    const file = normalize(join(root, rel));
    if (rel.startsWith("api/") || !file.startsWith(root + sep) || rel.includes("\0")) {
      throw new ApiError("NOT_FOUND", `no such resource: ${req.method} ${req.url.split("?")[0]}`);
    }
    if (!existsSync(file) || !statSync(file).isFile()) throw new ApiError("NOT_FOUND", `no such file: /${rel}`);
    return send(reply, file, rel.startsWith("assets/"));
  });
}
