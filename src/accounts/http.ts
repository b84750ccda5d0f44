// HTTP plumbing for accounts: cookies, the session of a request, CSRF protection and error replies.
// Session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over https.
// CSRF: every state-changing request must (1) come from this origin when the browser says where it
// comes from (Origin / Sec-Fetch-Site), and (2) when it carries a session, echo the session's CSRF
// token in `X-CSRF-Token` (the token is also in the readable `sitrep_csrf` cookie: double submit).
import type { FastifyReply, FastifyRequest, FastifySchema } from "fastify";
import { AccountError, type Accounts, hasRole, type Role, type Session, sameToken } from "./users.js";

export const SESSION_COOKIE = "sitrep_session";
export const CSRF_COOKIE = "sitrep_csrf";

/** Parses a Cookie header. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export interface CookieOptions {
  /** true / false, or "auto": Secure when the request is https (req.protocol). */
  secure: boolean | "auto";
}

function isSecure(req: FastifyRequest, o: CookieOptions): boolean {
  return o.secure === "auto" ? req.protocol === "https" : o.secure;
}

/** Set-Cookie values for a new session (or, with maxAgeSec 0, for clearing it). */
export function sessionCookies(req: FastifyRequest, o: CookieOptions, token: string, csrf: string, maxAgeSec: number): string[] {
  const sec = isSecure(req, o) ? "; Secure" : "";
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${sec}`,
    `${CSRF_COOKIE}=${encodeURIComponent(csrf)}; Path=/; SameSite=Strict; Max-Age=${maxAgeSec}${sec}`,
  ];
}

/** The session behind the request's cookie, cached on the request. */
export async function sessionOf(req: FastifyRequest, accounts: Accounts): Promise<Session | null> {
  const r = req as FastifyRequest & { sitrepSession?: Session | null };
  if (r.sitrepSession !== undefined) return r.sitrepSession;
  const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  r.sitrepSession = await accounts.session(token);
  return r.sitrepSession;
}

/** The signed-in user with at least `role`, or a 401/403 AccountError. */
export async function requireUser(req: FastifyRequest, accounts: Accounts, role: Role = "reader"): Promise<Session> {
  const s = await sessionOf(req, accounts);
  if (!s) throw new AccountError(401, "sign in first");
  if (!hasRole(s.user.role, role)) throw new AccountError(403, `this needs the ${role} role`);
  return s;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Throws a 403 AccountError when a state-changing request fails the CSRF checks. */
export async function checkCsrf(req: FastifyRequest, accounts: Accounts): Promise<void> {
  if (SAFE.has(req.method)) return;
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  if (origin !== undefined) {
    const own = `${req.protocol}://${req.headers.host}`;
    if (origin !== own) throw new AccountError(403, "cross-origin request refused");
  } else if (site !== undefined && site !== "same-origin" && site !== "none") {
    throw new AccountError(403, "cross-site request refused");
  }
  const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  if (!token) return;
  const s = await sessionOf(req, accounts);
  if (!s) return;
  const header = req.headers["x-csrf-token"];
  if (!sameToken(typeof header === "string" ? header : undefined, s.csrfToken)) throw new AccountError(403, "missing or wrong X-CSRF-Token header");
}

const CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  429: "TOO_MANY_REQUESTS",
  503: "UNAVAILABLE",
};

/** Replies to an AccountError in the API's error shape; returns false for any other error. */
export function replyAccountError(err: unknown, reply: FastifyReply): boolean {
  if (!(err instanceof AccountError)) return false;
  if (err.retryAfterSec) reply.header("retry-after", String(err.retryAfterSec));
  reply
    .code(err.status)
    .type("application/json; charset=utf-8")
    .send({ error: { code: CODES[err.status] ?? "BAD_REQUEST", message: err.message } });
  return true;
}

/** Route options carrying an OpenAPI summary (the API's document lists plugin routes by it). */
export function doc(summary: string): { schema: FastifySchema } {
  return { schema: { summary } as FastifySchema };
}
