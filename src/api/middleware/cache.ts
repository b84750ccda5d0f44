// A small response cache for the read routes: many open pages (or 50 clients) asking the same
// question share one store query. Entries are dropped on every store change in this process
// and after a few seconds at most (changes written by another process, e.g. `sitrep ingest`).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Store } from "../../store/types.js";

/** Only the shared, user-independent read routes of src/api/routes are cached (never per-user
 * routes such as accounts or alerts that other plugins add). */
const CACHED = /^\/api\/(events|articles|actors|graph|places|search|timeline|stats)(\/|\?|$)/;

interface Entry {
  at: number;
  type: string;
  body: string | Buffer;
}

export interface CacheOptions {
  /** Longest an answer is reused, ms (bounds staleness for writes by other processes). */
  ttlMs?: number;
  /** Most entries kept. */
  max?: number;
}

export function installResponseCache(app: FastifyInstance, store: Store, o: CacheOptions = {}): void {
  const ttl = o.ttlMs ?? 5000;
  const max = o.max ?? 2000;
  const cache = new Map<string, Entry>();
  const off = store.onChange(() => cache.clear());
  app.addHook("onClose", async () => off());

  const cacheable = (req: FastifyRequest) => req.method === "GET" && CACHED.test(req.url);

  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(req)) return;
    const hit = cache.get(req.url);
    if (!hit) return;
    if (Date.now() - hit.at > ttl) {
      cache.delete(req.url);
      return;
    }
    reply.header("x-cache", "hit").type(hit.type).send(hit.body);
    return reply;
  });

  app.addHook("onSend", async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!cacheable(req) || reply.statusCode !== 200 || reply.getHeader("x-cache") === "hit") return payload;
    if (typeof payload === "string" || Buffer.isBuffer(payload)) {
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(req.url, { at: Date.now(), type: String(reply.getHeader("content-type") ?? "application/json"), body: payload });
    }
    return payload;
  });
}
