// `GET /api/stream`: Server-Sent Events of newly stored or changed events (and removed ids),
// so open pages update without reloading. Resumes from `Last-Event-ID` (the store's change cursor).
import type { ServerResponse } from "node:http";
import type { StoredEvent, Store } from "../../store/types.js";
import { CSP } from "../middleware/security.js";
import type { ApiRoutes } from "../openapi.js";

/** How often the stream also polls the store (changes made by another process, e.g. `sitrep ingest`). */
const POLL_MS = 3000;
const HEARTBEAT_MS = 15000;

/** The event as the stream sends it: without its sources (fetch `/api/events/:id` for those). */
function light(e: StoredEvent): StoredEvent {
  return { ...e, sources: [] };
}

export function streamRoutes(r: ApiRoutes, store: Store, open: Set<ServerResponse>): void {
  r.add({
    method: "GET",
    url: "/api/stream",
    tag: "events",
    summary: "Live stream (Server-Sent Events) of stored, changed and removed events",
    description:
      "Messages: `hello` `{cursor}`, then `events` `{events: StoredEvent[] (without sources), removed: string[], cursor}` with `id:` = cursor. Reconnects resume from Last-Event-ID; `?since=` sets the start cursor.",
    querystring: { since: { type: "integer", minimum: 0 } },
    handler: async (req, reply) => {
      const q = req.query as { since?: number };
      const last = Number(req.headers["last-event-id"]);
      let cursor = Number.isFinite(last) && last >= 0 ? last : (q.since ?? (await store.stats()).cursor);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "content-security-policy": CSP,
        "x-content-type-options": "nosniff",
      });
      res.write(`retry: 3000\nevent: hello\ndata: ${JSON.stringify({ cursor })}\n\n`);
      open.add(res);

      let busy = false;
      let again = false;
      let closed = false;
      const pump = async (): Promise<void> => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            const ch = await store.eventsSince(cursor, 500);
            if (closed) return;
            if (ch.events.length || ch.removed.length) {
              const data = JSON.stringify({ events: ch.events.map(light), removed: ch.removed, cursor: ch.cursor });
              res.write(`id: ${ch.cursor}\nevent: events\ndata: ${data}\n\n`);
              if (ch.events.length === 500) again = true;
            }
            cursor = ch.cursor;
          } while (again && !closed);
        } catch (err) {
          req.log.error({ err }, "stream: reading changes failed");
        } finally {
          busy = false;
        }
      };
      const off = store.onChange(() => void pump());
      const poll = setInterval(() => void pump(), POLL_MS);
      const beat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
      const stop = () => {
        closed = true;
        off();
        clearInterval(poll);
        clearInterval(beat);
        open.delete(res);
      };
      req.raw.on("close", stop);
      res.on("close", stop);
      void pump();
    },
  });
}
