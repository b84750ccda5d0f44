// Everything the alert, account and notification routes share, built once per server over the
// store's database: accounts, discussion, review, coalition overrides, subscriptions, the webhook
// queue, Web Push and the notifier, plus the watcher that feeds new events and alerts to it.
import { type Clock, systemClock } from "../accounts/clock.js";
import { Discussion } from "../accounts/discussion.js";
import type { ScryptParams } from "../accounts/password.js";
import type { LoginLimits } from "../accounts/ratelimit.js";
import { Reviews } from "../accounts/review.js";
import { type SqlDb, sqlOf } from "../accounts/sql.js";
import { Accounts } from "../accounts/users.js";
import type { NotifyEvent } from "../notify/match.js";
import { Notifier } from "../notify/notifier.js";
import { PushSender, type VapidKeys } from "../notify/push.js";
import { Subscriptions } from "../notify/subscriptions.js";
import { WebhookQueue } from "../notify/webhook.js";
import type { Store, StoredEvent } from "../store/types.js";
import { CoalitionOverrides } from "./overrides.js";
import type { AlertOptions, CoalitionSet } from "./types.js";
import type { DetectResult } from "./detect.js";
import type { AlertQuery } from "./run.js";
import { AlertUpkeep } from "./upkeep.js";

/** Longest the alerts route goes without reading the change feed (writes by other processes), ms. */
const ALERTS_SYNC_MS = 1000;

export interface ServiceOptions {
  clock?: Clock;
  /** Allow webhooks to loopback/private addresses (a deployment's own network; tests). */
  allowPrivateWebhooks?: boolean;
  /** VAPID keys for Web Push; without them push is off. */
  vapid?: VapidKeys;
  scrypt?: ScryptParams;
  /** Emails that become admin (default: $SITREP_ADMIN_EMAILS, comma-separated; else the first account). */
  adminEmails?: string[];
  loginLimits?: Partial<LoginLimits>;
  /** Webhook retry: first wait (s), doubling; and the number of attempts. */
  webhookBackoffSec?: number;
  webhookMaxAttempts?: number;
  /** How often the webhook queue and the store watcher poll (ms). */
  pollMs?: number;
  alertOptions?: Partial<AlertOptions>;
}

export interface SitrepServices {
  store: Store;
  db: SqlDb;
  clock: Clock;
  accounts: Accounts;
  discussion: Discussion;
  reviews: Reviews;
  overrides: CoalitionOverrides;
  subscriptions: Subscriptions;
  webhooks: WebhookQueue;
  push: PushSender;
  notifier: Notifier;
  vapidPublicKey?: string;
  /** Starts following the store (new events → notifications; alerts recomputed). */
  start(): Promise<void>;
  stop(): void;
  /** Runs one round of the watcher now (tests; after an ingest in this process it also runs by itself). */
  pump(): Promise<void>;
  /**
   * The watcher's alerts, as `alertsFromStore(store, alertQuery)` gives them: at once after a write
   * in this process, within a second after one by another process (the round that reads it runs
   * first); undefined while the watcher is not started or when that round failed.
   */
  alerts(): Promise<DetectResult | undefined>;
  /** The query the watcher's alerts answer (the server's alert options). */
  readonly alertQuery: AlertQuery;
}

function toNotifyEvent(e: StoredEvent): NotifyEvent {
  return {
    id: e.id,
    eventType: e.eventType,
    subEventType: e.subEventType,
    ...(e.actor1 ? { actor1: e.actor1 } : {}),
    ...(e.actor2 ? { actor2: e.actor2 } : {}),
    assocActors1: e.assocActors1 ?? [],
    assocActors2: e.assocActors2 ?? [],
    date: e.date,
    modality: e.modality,
    ...(e.place ? { place: { id: e.place.id, name: e.place.name, lat: e.place.lat, lon: e.place.lon } } : {}),
  };
}

/** Builds the services over a store (the store's migrations 100+ made the tables). */
export function createServices(store: Store, o: ServiceOptions = {}): SitrepServices {
  const db = sqlOf(store);
  const clock = o.clock ?? systemClock;
  const adminEmails = o.adminEmails ?? (process.env.SITREP_ADMIN_EMAILS ?? "").split(",").filter((x) => x.trim());
  const accounts = new Accounts(db, { clock, scrypt: o.scrypt, limits: o.loginLimits, adminEmails });
  const subscriptions = new Subscriptions(db, clock, { allowPrivate: o.allowPrivateWebhooks });
  const webhooks = new WebhookQueue(db, {
    clock,
    allowPrivate: o.allowPrivateWebhooks,
    backoffSec: o.webhookBackoffSec,
    maxAttempts: o.webhookMaxAttempts,
    secretOf: (id) => subscriptions.secretOf(id),
  });
  const push = new PushSender(db, clock, o.vapid);
  let coalitions: CoalitionSet | undefined;
  const notifier = new Notifier({
    db,
    clock,
    subscriptions,
    webhooks,
    push,
    coalitionOf: (id) => coalitions?.byActor.get(id)?.coalitionId,
    actorName: (id) => coalitions?.byActor.get(id)?.actorName,
  });

  // The alert window is read once, then kept up to date from each batch of changes.
  const alertQuery: AlertQuery = o.alertOptions ?? {};
  // Coalition overrides change the alerts' context without a store change: set through here, the upkeep hears of it.
  const overrides = new CoalitionOverrides(db, clock);
  const setOverride = overrides.set.bind(overrides);
  overrides.set = async (...args) => {
    try {
      return await setOverride(...args);
    } finally {
      upkeep.touch();
    }
  };
  const upkeep = new AlertUpkeep(store, alertQuery);
  let cursor = -1;
  let busy: Promise<void> | undefined;
  let again = false;
  let off: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** When the last round began (performance.now()). */
  let lastRound = Number.NEGATIVE_INFINITY;
  const round = async () => {
    if (cursor < 0) return;
    lastRound = performance.now();
    const ch = await store.eventsSince(cursor, 1000);
    if (ch.events.length === 0 && ch.removed.length === 0) return;
    cursor = ch.cursor;
    // Alerts first: they also give the coalitions that coalition-pair subscriptions need.
    await upkeep.apply(ch);
    const r = await upkeep.alerts();
    coalitions = r.coalitions;
    await notifier.dispatchEvents(ch.events.map(toNotifyEvent));
    await notifier.dispatchAlerts(r.alerts);
    if (ch.events.length === 1000) again = true;
  };
  const pump = async (): Promise<void> => {
    if (busy) {
      again = true;
      return busy;
    }
    busy = (async () => {
      do {
        again = false;
        await round();
      } while (again);
    })().finally(() => {
      busy = undefined;
    });
    return busy;
  };

  return {
    store,
    db,
    clock,
    accounts,
    discussion: new Discussion(db, clock),
    reviews: new Reviews(db, clock),
    overrides,
    subscriptions,
    webhooks,
    push,
    notifier,
    vapidPublicKey: o.vapid?.publicKey,
    async start() {
      cursor = (await store.stats()).cursor;
      off = store.onChange(() => {
        upkeep.touch();
        void pump().catch(() => {});
      });
      timer = setInterval(() => void pump().catch(() => {}), o.pollMs ?? 3000);
      timer.unref();
      webhooks.start(o.pollMs ?? 3000);
    },
    stop() {
      off?.();
      if (timer) clearInterval(timer);
      webhooks.stop();
    },
    pump,
    alertQuery,
    async alerts() {
      if (cursor < 0) return undefined;
      // A write in this process has started a round already (onChange); another process's writes
      // are read at least once a second, as the map's point index reads them.
      try {
        if (busy || performance.now() - lastRound > ALERTS_SYNC_MS) await pump();
      } catch {
        return undefined; // the round failed (its batch may not be applied): the caller does a full pass
      }
      return upkeep.alerts();
    },
  };
}
