// Web Push with VAPID (RFC 8291 encryption, RFC 8292 VAPID) through `web-push`, for deployments
// that can reach a browser's push service. `pushRequest` builds the signed, encrypted request
// without sending it (testable offline); `PushSender.send` sends it.
import webpush from "web-push";
import type { SqlDb } from "../accounts/sql.js";
import { newId } from "../accounts/sql.js";
import type { Clock } from "../accounts/clock.js";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** "mailto:ops@example.org" or an https URL: who runs this server. */
  subject: string;
}

export interface BrowserPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** New VAPID keys (base64url): put them in the server's configuration once. */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}

/** The request a push would send: method, endpoint, headers (VAPID Authorization, aes128gcm) and encrypted body. */
export function pushRequest(sub: BrowserPushSubscription, payload: unknown, vapid: VapidKeys, ttlSec = 3600) {
  return webpush.generateRequestDetails(sub, JSON.stringify(payload), {
    vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    TTL: ttlSec,
    contentEncoding: "aes128gcm",
  });
}

/** Checks a subscription sent by a browser (PushManager.subscribe().toJSON()). */
export function checkPushSubscription(input: unknown): BrowserPushSubscription {
  const s = input as BrowserPushSubscription;
  const b64 = /^[A-Za-z0-9_-]+=*$/;
  let url: URL | undefined;
  try {
    url = new URL(s?.endpoint);
  } catch {}
  if (url?.protocol !== "https:" || !s.keys || !b64.test(s.keys.p256dh ?? "") || !b64.test(s.keys.auth ?? ""))
    throw new Error("a push subscription needs an https endpoint and keys { p256dh, auth } in base64url");
  return { endpoint: s.endpoint, keys: { p256dh: s.keys.p256dh, auth: s.keys.auth } };
}

export class PushSender {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
    private readonly vapid?: VapidKeys,
  ) {}

  get enabled(): boolean {
    return this.vapid !== undefined;
  }

  async save(userId: string, sub: BrowserPushSubscription): Promise<void> {
    await this.db.run(
      "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?) " +
        "ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth",
      [newId("p"), userId, sub.endpoint, sub.keys.p256dh, sub.keys.auth, this.clock().toISOString()],
    );
  }

  async remove(userId: string, endpoint: string): Promise<void> {
    await this.db.run("DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?", [userId, endpoint]);
  }

  /** Sends to every browser of a user; gone subscriptions (404/410) are dropped. Never throws. */
  async send(userId: string, payload: unknown): Promise<number> {
    if (!this.vapid) return 0;
    const subs = await this.db.all<{ endpoint: string; p256dh: string; auth: string }>("SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ?", [userId]);
    let sent = 0;
    for (const s of subs) {
      try {
        await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, JSON.stringify(payload), {
          vapidDetails: this.vapid,
          TTL: 3600,
          timeout: 10_000,
        });
        sent++;
      } catch (err) {
        const code = (err as { statusCode?: number }).statusCode;
        if (code === 404 || code === 410) await this.db.run("DELETE FROM push_subscriptions WHERE endpoint = ?", [s.endpoint]);
      }
    }
    return sent;
  }
}
