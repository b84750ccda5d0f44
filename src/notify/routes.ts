// Subscription and notification routes:
//   GET/POST /api/subscriptions, GET/PATCH/DELETE /api/subscriptions/:id, GET …/:id/deliveries
//   GET /api/notifications, GET /api/notifications/stream (SSE, this user's notifications)
//   GET /api/feed/:token.atom | :token.rss                  (digest feed by secret token)
//   GET /api/push/key, POST/DELETE /api/push/subscription    (Web Push, when VAPID keys are set)
//   GET /sitrep-sw.js, /sitrep-notify.js, /account, /account.js, /account.css (browser side)
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { doc, requireUser } from "../accounts/http.js";
import { guarded } from "../accounts/routes.js";
import { AccountError } from "../accounts/users.js";
import type { SitrepServices } from "../alerts/services.js";
import { atomFeed, rssFeed } from "./feed.js";
import { checkPushSubscription } from "./push.js";
import type { SubscriptionInput } from "./subscriptions.js";

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), "assets");
const HEARTBEAT_MS = 15_000;

const body = (req: FastifyRequest) => (req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>) : {});

export function notifyRoutes(app: FastifyInstance, svc: SitrepServices, open: Set<import("node:http").ServerResponse>): void {
  const { accounts, subscriptions, notifier, webhooks } = svc;
  const g = (fn: Parameters<typeof guarded>[1]) => guarded(svc, fn);
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

  app.get(
    "/api/subscriptions",
    doc("Your subscriptions"),
    g(async (req) => ({ items: await subscriptions.list((await requireUser(req, accounts)).user) })),
  );
  app.post(
    "/api/subscriptions",
    doc("Watch an actor, a coalition pair, a region or an event type { spec, channels, webhookUrl?, name? }"),
    g(async (req, reply) => {
      const { user } = await requireUser(req, accounts);
      return reply.code(201).send(await subscriptions.create(user, body(req) as unknown as SubscriptionInput));
    }),
  );
  app.get(
    "/api/subscriptions/:id",
    doc("One of your subscriptions (with its webhook secret)"),
    g(async (req) => {
      const s = await subscriptions.get((await requireUser(req, accounts)).user, idOf(req));
      if (!s) throw new AccountError(404, "no such subscription");
      return s;
    }),
  );
  app.patch(
    "/api/subscriptions/:id",
    doc("Change one of your subscriptions"),
    g(async (req) => subscriptions.update((await requireUser(req, accounts)).user, idOf(req), body(req) as SubscriptionInput)),
  );
  app.delete(
    "/api/subscriptions/:id",
    doc("Delete one of your subscriptions"),
    g(async (req) => {
      await subscriptions.remove((await requireUser(req, accounts)).user, idOf(req));
      return { ok: true };
    }),
  );
  app.get(
    "/api/subscriptions/:id/deliveries",
    doc("Webhook deliveries of one of your subscriptions"),
    g(async (req) => {
      const s = await subscriptions.get((await requireUser(req, accounts)).user, idOf(req));
      if (!s) throw new AccountError(404, "no such subscription");
      return { items: await webhooks.deliveries(s.id) };
    }),
  );

  app.get(
    "/api/notifications",
    doc("Your latest notifications"),
    g(async (req) => {
      const { user } = await requireUser(req, accounts);
      const q = req.query as { limit?: string; afterSeq?: string };
      return { items: await notifier.recent(user.id, { limit: Number(q.limit) || 50, afterSeq: Number(q.afterSeq) || 0 }) };
    }),
  );

  app.get(
    "/api/notifications/stream",
    doc("Your notifications as they happen (Server-Sent Events; resumes from Last-Event-ID)"),
    g(async (req, reply) => {
      const { user } = await requireUser(req, accounts);
      const last = Number(req.headers["last-event-id"]);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-content-type-options": "nosniff",
      });
      res.write("retry: 3000\nevent: hello\ndata: {}\n\n");
      open.add(res);
      const send = (n: { seq: number }) => res.write(`id: ${n.seq}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`);
      // Catch up on what was missed while disconnected.
      if (Number.isFinite(last) && last > 0) for (const n of (await notifier.recent(user.id, { afterSeq: last, limit: 100 })).reverse()) send(n);
      const off = notifier.listen(user.id, send);
      const beat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
      req.raw.on("close", () => {
        off();
        clearInterval(beat);
        open.delete(res);
      });
    }),
  );

  app.get("/api/feed/:file", doc("Your digest feed: /api/feed/<token>.atom or .rss"), async (req, reply) => {
    const m = /^([\w-]{10,100})\.(atom|rss)$/.exec((req.params as { file: string }).file);
    const user = m ? await accounts.userByFeedToken(m[1]!) : null;
    if (!m || !user) return reply.code(404).send({ error: { code: "NOT_FOUND", message: "no such feed" } });
    const items = await notifier.recent(user.id, { limit: 50 });
    const site = `${req.protocol}://${req.headers.host}/`;
    const meta = { selfUrl: `${site}api/feed/${m[1]}.${m[2]}`, siteUrl: site, userName: user.displayName, now: svc.clock().toISOString() };
    reply.header("cache-control", "private, no-cache");
    if (m[2] === "atom") return reply.type("application/atom+xml; charset=utf-8").send(atomFeed(items, meta));
    return reply.type("application/rss+xml; charset=utf-8").send(rssFeed(items, meta));
  });

  app.get("/api/push/key", doc("The VAPID public key for Web Push (null when push is off)"), async () => ({ publicKey: svc.vapidPublicKey ?? null }));
  app.post(
    "/api/push/subscription",
    doc("Register this browser for Web Push (PushSubscription JSON)"),
    g(async (req, reply) => {
      const { user } = await requireUser(req, accounts);
      if (!svc.push.enabled) throw new AccountError(503, "Web Push is not configured on this server (no VAPID keys)");
      let sub: ReturnType<typeof checkPushSubscription>;
      try {
        sub = checkPushSubscription(req.body);
      } catch (err) {
        throw new AccountError(400, (err as Error).message);
      }
      await svc.push.save(user.id, sub);
      return reply.code(201).send({ ok: true });
    }),
  );
  app.delete(
    "/api/push/subscription",
    doc("Unregister a browser from Web Push { endpoint }"),
    g(async (req) => {
      const { user } = await requireUser(req, accounts);
      await svc.push.remove(user.id, String(body(req).endpoint ?? ""));
      return { ok: true };
    }),
  );

  // The browser side: service worker, notification client, account page.
  const asset = (file: string, type: string) => {
    const text = readFileSync(join(ASSETS, file), "utf8");
    return async (_req: FastifyRequest, reply: import("fastify").FastifyReply) => reply.type(type).header("cache-control", "no-cache").send(text);
  };
  app.get("/sitrep-sw.js", asset("sitrep-sw.js", "text/javascript; charset=utf-8"));
  app.get("/sitrep-notify.js", asset("sitrep-notify.js", "text/javascript; charset=utf-8"));
  app.get("/account", asset("account.html", "text/html; charset=utf-8"));
  app.get("/account.js", asset("account.js", "text/javascript; charset=utf-8"));
  app.get("/account.css", asset("account.css", "text/css; charset=utf-8"));
}
