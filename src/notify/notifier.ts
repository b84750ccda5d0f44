// The notifier: matches new events and alerts against every active subscription and fans each
// match out, once per subscription and item: a stored notification (the digest feed and the
// page's SSE stream read it), a queued webhook, a Web Push. Nothing here waits on the network,
// so ingest never blocks on a slow or failing receiver.
import { EventEmitter } from "node:events";
import type { Clock } from "../accounts/clock.js";
import { newId, parseJson, type SqlDb } from "../accounts/sql.js";
import type { Alert } from "../alerts/types.js";
import { matchAlert, matchEvent, type NotifyEvent } from "./match.js";
import type { PushSender } from "./push.js";
import type { Subscription, Subscriptions } from "./subscriptions.js";
import type { WebhookQueue } from "./webhook.js";

export interface StoredNotification {
  id: string;
  seq: number;
  subscriptionId: string;
  itemKind: "event" | "alert";
  itemId: string;
  title: string;
  body: string;
  payload: unknown;
  createdAt: string;
}

export interface NotifierDeps {
  db: SqlDb;
  clock: Clock;
  subscriptions: Subscriptions;
  webhooks: WebhookQueue;
  push?: PushSender;
  /** Coalition of an actor, for coalition-pair subscriptions on events. */
  coalitionOf?: (actorId: string) => string | undefined;
  /** Actor display names, for titles. */
  actorName?: (actorId: string) => string | undefined;
}

function eventTitle(e: NotifyEvent, name: (id: string) => string): string {
  const who = [e.actor1, e.actor2].filter((x): x is string => !!x).map(name).join(" vs ");
  return `${e.subEventType}${who ? `: ${who}` : ""}${e.place ? ` at ${e.place.name}` : ""} (${e.date})`;
}

export class Notifier {
  private readonly events = new EventEmitter();

  constructor(private readonly d: NotifierDeps) {
    this.events.setMaxListeners(0);
  }

  /** Listens to one user's new notifications (the SSE stream). Returns the unsubscribe function. */
  listen(userId: string, fn: (n: StoredNotification) => void): () => void {
    this.events.on(userId, fn);
    return () => this.events.off(userId, fn);
  }

  /** Dispatches new or changed events; returns how many notifications were created. */
  async dispatchEvents(evs: NotifyEvent[]): Promise<number> {
    if (evs.length === 0) return 0;
    const subs = await this.d.subscriptions.allActive();
    const name = (id: string) => this.d.actorName?.(id) ?? id;
    let n = 0;
    for (const e of evs)
      for (const s of subs) {
        if (!matchEvent(s.spec, e, this.d.coalitionOf)) continue;
        const title = eventTitle(e, name);
        const body = `${s.name}: ${title}`;
        if (await this.deliver(s, "event", e.id, title, body, { type: "event", subscription: { id: s.id, name: s.name }, event: e })) n++;
      }
    return n;
  }

  /** Dispatches alerts; an alert already sent to a subscription is not sent again. */
  async dispatchAlerts(alerts: Alert[]): Promise<number> {
    if (alerts.length === 0) return 0;
    const subs = await this.d.subscriptions.allActive();
    let n = 0;
    for (const a of alerts)
      for (const s of subs) {
        if (!matchAlert(s.spec, a)) continue;
        const title = `${a.kind} alert: ${a.sides[0].coalitionName} / ${a.sides[1].coalitionName}`;
        if (await this.deliver(s, "alert", a.id, title, a.explanation, { type: "alert", subscription: { id: s.id, name: s.name }, alert: a })) n++;
      }
    return n;
  }

  private async deliver(s: Subscription, itemKind: "event" | "alert", itemId: string, title: string, body: string, payload: unknown): Promise<boolean> {
    const id = newId("nt");
    const createdAt = this.d.clock().toISOString();
    // One statement (no transaction): the seq is taken in the same INSERT, a repeat is ignored.
    const changed = await this.d.db.run(
      "INSERT INTO notifications (id, seq, user_id, subscription_id, item_kind, item_id, title, body, payload, created_at) " +
        "SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM notifications WHERE true " +
        "ON CONFLICT (subscription_id, item_kind, item_id) DO NOTHING",
      [id, s.userId, s.id, itemKind, itemId, title.slice(0, 300), body.slice(0, 2000), JSON.stringify(payload), createdAt],
    );
    const row = changed > 0 ? await this.d.db.get<{ seq: number }>("SELECT seq FROM notifications WHERE id = ?", [id]) : undefined;
    const stored = row ? Number(row.seq) : null;
    if (stored === null) return false;
    const n: StoredNotification = { id, seq: stored, subscriptionId: s.id, itemKind, itemId, title, body, payload, createdAt };
    if (s.channels.includes("browser")) this.events.emit(s.userId, n);
    if (s.channels.includes("webhook") && s.webhookUrl) await this.d.webhooks.enqueue(s.id, s.webhookUrl, { id, createdAt, title, body, ...(payload as object) });
    if (s.channels.includes("push") && this.d.push?.enabled) void this.d.push.send(s.userId, { id, title, body, itemKind, itemId }).catch(() => {});
    return true;
  }

  /** A user's latest notifications, newest first (feed, page history); `afterSeq` for catching up. */
  async recent(userId: string, opts: { limit?: number; afterSeq?: number } = {}): Promise<StoredNotification[]> {
    const rows = await this.d.db.all<{
      id: string;
      seq: number;
      subscription_id: string;
      item_kind: "event" | "alert";
      item_id: string;
      title: string;
      body: string;
      payload: string;
      created_at: string;
    }>("SELECT * FROM notifications WHERE user_id = ? AND seq > ? ORDER BY seq DESC LIMIT ?", [userId, opts.afterSeq ?? 0, Math.min(opts.limit ?? 50, 500)]);
    return rows.map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      subscriptionId: r.subscription_id,
      itemKind: r.item_kind,
      itemId: r.item_id,
      title: r.title,
      body: r.body,
      payload: parseJson(r.payload, null),
      createdAt: r.created_at,
    }));
  }
}
