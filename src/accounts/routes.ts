// Account, discussion and review routes:
//   POST /api/auth/register | login | logout, GET /api/auth/me
//   GET/POST /api/comments, DELETE /api/comments/:id          (threads on events, actors, articles)
//   GET/POST /api/notes, PATCH/DELETE /api/notes/:id            (private to their owner)
//   GET/POST /api/reviews/:eventId, GET /api/reviews            (analyst review of events)
//   GET /api/export/reviewed                                    (reviewed events, corrections applied, JSON Lines)
//   GET /api/users, POST /api/users/:id/role                    (admin)
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SitrepServices } from "../alerts/services.js";
import type { TargetKind } from "./discussion.js";
import { type CookieOptions, checkCsrf, doc, parseCookies, replyAccountError, requireUser, SESSION_COOKIE, sessionCookies, sessionOf } from "./http.js";
import { type ReviewAction, reviewedEvents } from "./review.js";
import { AccountError, type Role } from "./users.js";

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Wraps a handler: CSRF check first, account errors answered in the API's error shape. */
export function guarded(svc: SitrepServices, fn: Handler): Handler {
  return async (req, reply) => {
    try {
      await checkCsrf(req, svc.accounts);
      return await fn(req, reply);
    } catch (err) {
      if (replyAccountError(err, reply)) return reply;
      throw err;
    }
  };
}

const body = (req: FastifyRequest) => (req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>) : {});
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export function accountRoutes(app: FastifyInstance, svc: SitrepServices, cookies: CookieOptions): void {
  const { accounts, discussion, reviews } = svc;
  const g = (fn: Handler) => guarded(svc, fn);
  const maxAge = 14 * 86400;

  app.post(
    "/api/auth/register",
    doc("Create an account (the first one is admin) and sign in"),
    g(async (req, reply) => {
      const b = body(req);
      const user = await accounts.register(str(b.email) ?? "", str(b.displayName) ?? "", str(b.password) ?? "");
      const { token, session } = await accounts.startSession(user.id);
      reply.header("set-cookie", sessionCookies(req, cookies, token, session.csrfToken, maxAge));
      return reply.code(201).send({ user, csrfToken: session.csrfToken });
    }),
  );
  app.post(
    "/api/auth/login",
    doc("Sign in: sets the session cookie; wrong passwords are rate-limited (429)"),
    g(async (req, reply) => {
      const b = body(req);
      const { token, session } = await accounts.login(str(b.email) ?? "", str(b.password) ?? "", req.ip);
      reply.header("set-cookie", sessionCookies(req, cookies, token, session.csrfToken, maxAge));
      return { user: session.user, csrfToken: session.csrfToken };
    }),
  );
  app.post(
    "/api/auth/logout",
    doc("Sign out"),
    g(async (req, reply) => {
      const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      if (token) await accounts.logout(token);
      reply.header("set-cookie", sessionCookies(req, cookies, "", "", 0));
      return { ok: true };
    }),
  );
  app.get(
    "/api/auth/me",
    doc("The signed-in user, the CSRF token to send as X-CSRF-Token, and the feed token"),
    g(async (req) => {
      const s = await sessionOf(req, accounts);
      if (!s) throw new AccountError(401, "not signed in");
      return { user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt, feedToken: await accounts.feedToken(s.user.id) };
    }),
  );

  // Comments: anyone may read a thread; signed-in users write.
  app.get(
    "/api/comments",
    doc("A comment thread (?targetKind=event|actor|article&targetId=); bodies are plain text"),
    g(async (req) => {
      const q = req.query as { targetKind?: string; targetId?: string };
      return { items: await discussion.thread(q.targetKind as TargetKind, q.targetId ?? "") };
    }),
  );
  app.post(
    "/api/comments",
    doc("Add a comment { targetKind, targetId, body, parentId? } (signed in)"),
    g(async (req, reply) => {
      const { user } = await requireUser(req, accounts);
      const b = body(req);
      const c = await discussion.addComment(user, b.targetKind as TargetKind, str(b.targetId) ?? "", str(b.body) as string, str(b.parentId));
      return reply.code(201).send(c);
    }),
  );
  app.delete(
    "/api/comments/:id",
    doc("Delete a comment (its author or an admin)"),
    g(async (req) => {
      const { user } = await requireUser(req, accounts);
      await discussion.deleteComment(user, (req.params as { id: string }).id);
      return { ok: true };
    }),
  );

  // Private notes.
  app.get(
    "/api/notes",
    doc("The signed-in user's private notes"),
    g(async (req) => {
      const { user } = await requireUser(req, accounts);
      const q = req.query as { targetKind?: string; targetId?: string };
      return { items: await discussion.notes(user, q.targetKind as TargetKind | undefined, q.targetId) };
    }),
  );
  app.post(
    "/api/notes",
    doc("Add a private note { targetKind, targetId, body }"),
    g(async (req, reply) => {
      const { user } = await requireUser(req, accounts);
      const b = body(req);
      return reply.code(201).send(await discussion.addNote(user, b.targetKind as TargetKind, str(b.targetId) ?? "", str(b.body) as string));
    }),
  );
  app.patch(
    "/api/notes/:id",
    doc("Edit one of your notes"),
    g(async (req) => {
      const { user } = await requireUser(req, accounts);
      await discussion.updateNote(user, (req.params as { id: string }).id, str(body(req).body) as string);
      return { ok: true };
    }),
  );
  app.delete(
    "/api/notes/:id",
    doc("Delete one of your notes"),
    g(async (req) => {
      const { user } = await requireUser(req, accounts);
      await discussion.deleteNote(user, (req.params as { id: string }).id);
      return { ok: true };
    }),
  );

  // Review.
  app.get(
    "/api/reviews",
    doc("Ids of events whose latest review accepts or corrects them"),
    g(async () => ({ items: await reviews.reviewedEventIds() })),
  );
  app.get(
    "/api/reviews/:eventId",
    doc("Every review of an event: action, changes (from, to), who and when"),
    g(async (req) => ({ items: await reviews.history((req.params as { eventId: string }).eventId) })),
  );
  app.post(
    "/api/reviews/:eventId",
    doc("Review an event (analyst): { action: accept|correct|reject, changes?, note? }"),
    g(async (req, reply) => {
      const { user } = await requireUser(req, accounts, "analyst");
      const id = (req.params as { eventId: string }).eventId;
      const event = await svc.store.getEvent(id);
      if (!event) throw new AccountError(404, `no event with id ${id}`);
      const b = body(req);
      const r = await reviews.review(user, id, str(b.action) as ReviewAction, { changes: b.changes, note: str(b.note), before: event as unknown as Record<string, unknown> });
      return reply.code(201).send(r);
    }),
  );
  app.get(
    "/api/export/reviewed",
    doc("Reviewed events with their corrections applied, as JSON Lines"),
    g(async (_req, reply) => {
      const out = await reviewedEvents(svc.store, reviews);
      reply.type("application/x-ndjson; charset=utf-8");
      return out.map((e) => JSON.stringify(e)).join("\n") + (out.length ? "\n" : "");
    }),
  );

  // Users (admin).
  app.get(
    "/api/users",
    doc("Every account (admin)"),
    g(async (req) => {
      await requireUser(req, accounts, "admin");
      return { items: await accounts.listUsers() };
    }),
  );
  app.post(
    "/api/users/:id/role",
    doc("Set a user's role { role: reader|analyst|admin } (admin)"),
    g(async (req) => {
      await requireUser(req, accounts, "admin");
      return accounts.setRole((req.params as { id: string }).id, str(body(req).role) as Role);
    }),
  );
}
