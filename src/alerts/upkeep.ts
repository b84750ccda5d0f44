// Alerts kept up to date as the store changes (the server's watcher, src/alerts/services.ts):
// the events of the alert window are read once, then only what `store.eventsSince` reports as
// changed or removed is applied to that copy, instead of reading the whole window again after
// every change. The result equals `alertsFromStore` on the same store (test/alerts/upkeep.test.ts).
// Analyst reviews live outside the store's change counter: every pass first reads the reviews
// table's stamp (row count and last sequence number; reviews are only ever added), and reads the
// window's review states again only when it or the events held changed. Actors, relations and
// coalition overrides (the context) are read again after a batch, after `touch()` (the server's
// watcher calls it on every store change and coalition override in its process), and when a pass
// finds them older than a second (changes by other processes). Passes and batches run one at a
// time, in the order they were asked for, so the server's route (GET /api/alerts) and its watcher
// can share one upkeep.
import { applyReviews, type EventReviewState, Reviews } from "../accounts/review.js";
import { systemClock } from "../accounts/clock.js";
import type { SqlDb } from "../accounts/sql.js";
import type { EventChanges, Store, StoredEvent } from "../store/types.js";
import type { DetectResult } from "./detect.js";
import { type AlertQuery, detectQuery, optionsOf, windowStart } from "./run.js";
import { dbOf, latestDay, loadAlertContext, storedEvents, toAlertEvent } from "./source.js";
import type { AlertData, AlertEvent } from "./types.js";

/** Longest a pass reuses the context (actors, relations, overrides) without `touch()`, ms. */
const CONTEXT_MS = 1000;

interface Held {
  stored: StoredEvent;
  /** The event's number (store ids are numbers), for the store's order. */
  n: number;
  /** toAlertEvent(stored), made once (events with an analyst review are converted again each pass). */
  alert: AlertEvent;
}

/** The store's order for `sort: "date-asc"`: date, then the event number. */
function storeOrder(a: Held, b: Held): number {
  if (a.stored.date !== b.stored.date) return a.stored.date < b.stored.date ? -1 : 1;
  if (Number.isFinite(a.n) && Number.isFinite(b.n) && a.n !== b.n) return a.n - b.n;
  return a.stored.id < b.stored.id ? -1 : a.stored.id > b.stored.id ? 1 : 0;
}

function hold(e: StoredEvent): Held {
  return { stored: e, n: Number(e.id), alert: toAlertEvent(e) };
}

/** Changes whenever a review is added (reviews are never updated or deleted): row count and last sequence number. */
async function reviewStamp(db: SqlDb): Promise<string> {
  const row = await db.get<{ n: number | string; s: number | string | null }>("SELECT COUNT(*) AS n, MAX(seq) AS s FROM reviews");
  return `${row?.n ?? 0}:${row?.s ?? ""}`;
}

export class AlertUpkeep {
  private events = new Map<string, Held>();
  /** The as-of day and first day of the events held; undefined before the first load. */
  private asOf: string | undefined;
  private from = "";
  /** Counts the changes to the events held (and to the window); a result made at one version stands
   * while the version, the reviews' stamp and the context stay the same. */
  private version = 0;
  /** The events held in the store's order, made once per version. */
  private ordered: { version: number; held: Held[] } | undefined;
  /** Review states of the events held, read at a version and reviews' stamp. */
  private reviewed: { version: number; stamp: string; states: Map<string, EventReviewState> } | undefined;
  /** The last result and what it was made from (the context as its JSON text). */
  private last: { version: number; asOf: string; stamp: string; context: string; result: DetectResult } | undefined;
  /** Actors, relations and overrides as last read, with their JSON text (what a result's key holds) and when. */
  private context: { at: number; data: Omit<AlertData, "events">; json: string } | undefined;
  /** The tail of the queue that runs batches and passes one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly query: AlertQuery = {},
  ) {}

  /** The query's fixed as-of day (`until`), if any; else the window follows the latest stored event. */
  private get fixedAsOf(): string | undefined {
    return optionsOf(this.query).asOf;
  }

  /** Runs `fn` after every batch and pass asked for before it. */
  private inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads the whole window from the store (first pass, and when the latest event went away). */
  private async reload(): Promise<void> {
    const asOf = this.fixedAsOf ?? (await latestDay(this.store)) ?? "1970-01-01";
    const from = windowStart(this.query, asOf);
    const events = new Map<string, Held>();
    for (const e of await storedEvents(this.store, from, asOf)) events.set(e.id, hold(e));
    this.setWindow(asOf);
    this.events = events;
  }

  private setWindow(asOf: string): void {
    this.version++;
    this.asOf = asOf;
    this.from = windowStart(this.query, asOf);
  }

  /**
   * Applies one batch of store changes (read with `eventsSince` after the cursor of the previous
   * batch, or of the store before the first `alerts()`). Safe to apply a batch twice.
   */
  apply(ch: EventChanges): Promise<void> {
    return this.inTurn(() => this.applyNow(ch));
  }

  /** Marks the context (actors, relations, coalition overrides) to be read again by the next pass. */
  touch(): void {
    this.context = undefined;
  }

  private async applyNow(ch: EventChanges): Promise<void> {
    this.context = undefined;
    if (this.asOf === undefined) return; // nothing held yet: the first alerts() reads the store
    let reload = false;
    let latest = this.asOf;
    // The latest stored day can only go back when an event of that day is removed or re-dated.
    const leaves = (id: string, newDate?: string) => {
      const old = this.events.get(id);
      if (!this.fixedAsOf && old && old.stored.date.slice(0, 10) === this.asOf && (newDate === undefined || newDate.slice(0, 10) < this.asOf!)) reload = true;
    };
    for (const id of ch.removed) leaves(id);
    for (const e of ch.events) {
      leaves(e.id, e.date);
      const d = e.date.slice(0, 10);
      if (d > latest) latest = d;
    }
    if (reload) {
      await this.reload();
      return;
    }
    if (!this.fixedAsOf && latest !== this.asOf) {
      // The window moved forward: every event of the new days is in this batch; older ones drop out.
      this.setWindow(latest);
      for (const [id, h] of this.events) if (h.stored.date < this.from) this.events.delete(id);
    }
    for (const id of ch.removed) if (this.events.delete(id)) this.version++;
    for (const e of ch.events) {
      if (e.date >= this.from && e.date <= this.asOf!) {
        this.events.set(e.id, hold(e));
        this.version++;
      } else if (this.events.delete(e.id)) this.version++;
    }
  }

  /** The alerts as of now, as `alertsFromStore(store, query)` gives them (actors, relations and
   * overrides as of the last batch or `touch()`, or at most a second old). */
  alerts(): Promise<DetectResult> {
    return this.inTurn(() => this.alertsNow());
  }

  private async alertsNow(): Promise<DetectResult> {
    if (this.asOf === undefined) await this.reload();
    const version = this.version;
    if (this.ordered?.version !== version) this.ordered = { version, held: [...this.events.values()].sort(storeOrder) };
    const held = this.ordered.held;
    const db = dbOf(this.store);
    let states = new Map<string, EventReviewState>();
    let stamp = "";
    if (db) {
      // The stamp first: a review added while the states are read makes the next pass read them again.
      stamp = await reviewStamp(db);
      if (this.reviewed?.version !== version || this.reviewed.stamp !== stamp) {
        this.reviewed = { version, stamp, states: await new Reviews(db, systemClock).states(held.map((h) => h.stored.id)) };
      }
      states = this.reviewed.states;
    }
    if (!this.context || performance.now() - this.context.at > CONTEXT_MS) {
      const at = performance.now();
      const data = await loadAlertContext(this.store);
      this.context = { at, data, json: JSON.stringify(data) };
    }
    const context = this.context;
    // Changes outside the window (reports of older days) leave the alerts as they were.
    const last = this.last;
    if (last?.version === version && last.asOf === this.asOf && last.stamp === stamp && last.context === context.json) return last.result;
    const events = held.map((h) => (states.has(h.stored.id) ? toAlertEvent(applyReviews([h.stored], states)[0]!) : h.alert));
    const result = detectQuery({ ...context.data, events }, this.query, this.asOf!);
    this.last = { version, asOf: this.asOf!, stamp, context: context.json, result };
    return result;
  }

  /** Number of events held (the window). */
  get size(): number {
    return this.events.size;
  }
}
