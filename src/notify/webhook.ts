// Webhooks: URL checks (private, loopback and link-local addresses refused unless allowed),
// HMAC-SHA256 signatures over "<timestamp>.<body>", and a delivery queue kept in the database
// (table webhook_deliveries) so a failing receiver never blocks ingest: `enqueue` only writes a
// row; `WebhookQueue.runDue` (or its timer) posts, and retries with exponential back-off.
//
// A receiver checks:  X-Sitrep-Signature == "sha256=" + hex(HMAC_SHA256(secret, ts + "." + rawBody))
// with ts = X-Sitrep-Timestamp (unix seconds), and refuses stale timestamps (see verifySignature).
import { createHmac, timingSafeEqual } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { type Clock, systemClock } from "../accounts/clock.js";
import { newId, type SqlDb } from "../accounts/sql.js";

/** Signs a body. @example signBody("s3cret", 1504972800, '{"a":1}') // "sha256=…" */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Verifies a delivery the way a receiver should (constant time, timestamp within `toleranceSec`). */
export function verifySignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: string, nowSec: number, toleranceSec = 300): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSec - ts) > toleranceSec || !signature) return false;
  const want = Buffer.from(signBody(secret, ts, body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** True for loopback, private, link-local, CGNAT, unspecified, multicast and reserved addresses. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split(".").map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (v === 6) {
    const x = ip.toLowerCase();
    const mapped = x.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return x === "::" || x === "::1" || /^f[cd]/.test(x) || /^fe[89ab]/.test(x) || /^ff/.test(x) || x.startsWith("64:ff9b:") || x.startsWith("2001:db8");
  }
  return true;
}

export interface UrlPolicy {
  /** Allow loopback/private receivers (a deployment's own network; tests). */
  allowPrivate?: boolean;
  /** Resolver (default: the system's). */
  resolve?: (host: string) => Promise<string[]>;
}

const systemResolve = async (host: string) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Why a webhook URL is refused, or undefined when it may be used. Resolves the host name. */
export async function webhookUrlProblem(url: string, policy: UrlPolicy = {}): Promise<string | undefined> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "the webhook URL is not a valid URL";
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return "the webhook URL must use http or https";
  if (u.username || u.password) return "the webhook URL must not carry a user name or password";
  if (url.length > 2000) return "the webhook URL is too long";
  if (policy.allowPrivate) return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  let addrs: string[];
  try {
    addrs = isIP(host) ? [host] : await (policy.resolve ?? systemResolve)(host);
  } catch {
    return `the webhook host ${host} could not be resolved`;
  }
  if (addrs.length === 0) return `the webhook host ${host} could not be resolved`;
  const bad = addrs.find(isPrivateAddress);
  if (bad) return `the webhook URL points at a private or loopback address (${bad}); allow private webhooks in the configuration to use it`;
  return undefined;
}

export interface QueueOptions extends UrlPolicy {
  clock?: Clock;
  /** First retry after this many seconds, then doubling (default 30). */
  backoffSec?: number;
  /** Give up after this many attempts (default 8). */
  maxAttempts?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Looks up the signing secret of a subscription (null when it no longer exists). */
  secretOf: (subscriptionId: string) => Promise<string | null>;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  url: string;
  body: string;
  attempts: number;
  next_at: string;
  status: "pending" | "delivered" | "failed";
  last_status: number | null;
  last_error: string | null;
}

export class WebhookQueue {
  private readonly clock: Clock;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly db: SqlDb,
    private readonly opts: QueueOptions,
  ) {
    this.clock = opts.clock ?? systemClock;
  }

  /** Queues one delivery; never waits on the network. */
  async enqueue(subscriptionId: string, url: string, payload: unknown): Promise<string> {
    const id = newId("wh");
    const now = this.clock().toISOString();
    await this.db.run(
      "INSERT INTO webhook_deliveries (id, subscription_id, url, body, attempts, next_at, status, created_at) VALUES (?, ?, ?, ?, 0, ?, 'pending', ?)",
      [id, subscriptionId, url, JSON.stringify(payload), now, now],
    );
    return id;
  }

  /** Attempts every due delivery once; returns how many were delivered. One run at a time. */
  runDue(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    const now = this.clock();
    const due = await this.db.all<DeliveryRow>(
      "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT 100",
      [now.toISOString()],
    );
    let delivered = 0;
    for (const d of due) if (await this.attempt(d)) delivered++;
    return delivered;
  }

  private async attempt(d: DeliveryRow): Promise<boolean> {
    const attempts = Number(d.attempts) + 1;
    const secret = await this.opts.secretOf(d.subscription_id);
    if (secret === null) {
      await this.db.run("UPDATE webhook_deliveries SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?", [attempts, "the subscription no longer exists", d.id]);
      return false;
    }
    let status: number | null = null;
    let error: string | null = null;
    // Checked again at send time: the name may resolve elsewhere now.
    const problem = await webhookUrlProblem(d.url, this.opts);
    if (problem) error = problem;
    else {
      const ts = Math.floor(this.clock().getTime() / 1000);
      try {
        const res = await fetch(d.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "sitrep-webhook/1",
            "x-sitrep-delivery": d.id,
            "x-sitrep-timestamp": String(ts),
            "x-sitrep-signature": signBody(secret, ts, d.body),
          },
          body: d.body,
          redirect: "manual",
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
        });
        status = res.status;
        await res.body?.cancel();
        if (res.ok) {
          await this.db.run("UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?", [
            attempts,
            status,
            this.clock().toISOString(),
            d.id,
          ]);
          return true;
        }
        error = `the receiver answered HTTP ${status}`;
      } catch (err) {
        error = `the receiver could not be reached: ${(err as Error).message}`;
      }
    }
    // 4xx other than 408/429 and refused URLs will not get better: stop. Anything else: back off.
    const permanent = problem !== undefined || (status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429);
    const max = this.opts.maxAttempts ?? 8;
    const giveUp = permanent || attempts >= max;
    const next = new Date(this.clock().getTime() + (this.opts.backoffSec ?? 30) * 1000 * 2 ** (attempts - 1)).toISOString();
    await this.db.run("UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_at = ? WHERE id = ?", [
      giveUp ? "failed" : "pending",
      attempts,
      status,
      error,
      next,
      d.id,
    ]);
    return false;
  }

  /** Runs `runDue` every `intervalMs` in the background (errors are swallowed and retried). */
  start(intervalMs = 5000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runDue().catch(() => {});
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The deliveries of one subscription, newest first (for its owner). */
  async deliveries(subscriptionId: string, limit = 50): Promise<DeliveryRow[]> {
    return this.db.all<DeliveryRow>("SELECT * FROM webhook_deliveries WHERE subscription_id = ? ORDER BY created_at DESC, id LIMIT ?", [subscriptionId, limit]);
  }
}
