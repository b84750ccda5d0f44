// A small response cache for the read routes: many open pages (or 50 clients) asking the same
// question share one store query. An answer is kept once its question comes a second time (a
// one-off question, such as a map panned to a new box, is not worth keeping: every kept answer is
// memory the engine carries until it is dropped). Entries are dropped on every store change in
// this process and after a few seconds at most (changes written by another process, e.g. `sitrep ingest`).
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
  /** Questions asked once (within the ttl) whose answers are not kept yet: URL → when. */
  const asked = new Map<string, number>();
  const off = store.onChange(() => {
    cache.clear();
    asked.clear();
  });
  app.addHook("onClose", async () => off());

  const cacheable = (req: FastifyRequest) => req.method === "GET" && CACHED.test(req.url);

  // Callback hooks, not async ones: no promise per request.
  app.addHook("onRequest", (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const hit = cacheable(req) ? cache.get(req.url) : undefined;
    if (!hit) return done();
    if (Date.now() - hit.at > ttl) {
      cache.delete(req.url);
      return done();
    }
    // Answered here: fastify skips the route (done is not called).
    reply.header("x-cache", "hit").type(hit.type).send(hit.body);
  });

  app.addHook("onSend", (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
    if (cacheable(req) && reply.statusCode === 200 && reply.getHeader("x-cache") !== "hit" && (typeof payload === "string" || Buffer.isBuffer(payload))) {
      const now = Date.now();
      const first = asked.get(req.url);
      if (first === undefined || now - first > ttl) {
        if (asked.size >= max * 4) asked.delete(asked.keys().next().value as string);
        asked.set(req.url, now);
      } else {
        asked.delete(req.url);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(req.url, { at: now, type: String(reply.getHeader("content-type") ?? "application/json"), body: payload });
      }
    }
    done(null, payload);
  });
}
