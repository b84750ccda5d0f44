// Security headers on every response. The web app has no inline scripts, loads nothing from
// other origins and runs MapLibre's worker from a same-origin module file, so the policy can be strict.
import type { FastifyInstance } from "fastify";

/** The Content-Security-Policy every response carries. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

export function installSecurityHeaders(app: FastifyInstance): void {
  // A callback hook, not an async one: no promise per response.
  app.addHook("onSend", (_req, reply, payload, done) => {
    reply.headers(HEADERS);
    done(null, payload);
  });
}
