// Analyst review of machine-coded events: accept, correct or reject. Every review is kept (who,
// when, what changed from what), in order; the current state of an event is its machine-coded
// fields with every correction applied in turn, and the status of its latest review.
// Exports limited to reviewed events use `REVIEWED_EVENTS_SQL` or `reviewedEventIds`.
import type { StoredEvent, Store } from "../store/types.js";
import type { EventType, Modality, SubEventType } from "../types/index.js";
import type { Clock } from "./clock.js";
import { newId, parseJson, type SqlDb } from "./sql.js";
import { AccountError, hasRole, type User } from "./users.js";

export type ReviewAction = "accept" | "correct" | "reject";
export type ReviewStatus = "accepted" | "corrected" | "rejected";

/** The fields an analyst may correct, as in StoredEvent. */
export interface EventCorrection {
  eventType?: EventType;
  subEventType?: SubEventType;
  actor1?: string | null;
  actor2?: string | null;
  assocActors1?: string[];
  assocActors2?: string[];
  date?: string;
  place?: { id: string; name: string; lat: number; lon: number; precision: 1 | 2 | 3 } | null;
  fatalities?: number | null;
  modality?: Modality;
  locationText?: string;
}

export interface Review {
  id: string;
  eventId: string;
  action: ReviewAction;
  /** field → { from, to } (from is the value before, when the caller supplied the event). */
  changes: Record<string, { from?: unknown; to: unknown }>;
  note?: string;
  by: { id: string; displayName: string };
  at: string;
}

const EVENT_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"];
const MODALITIES = ["asserted", "claimed", "planned", "hypothetical", "negated"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a correction; throws a 400 AccountError naming the bad field. */
export function checkCorrection(c: unknown): EventCorrection {
  if (!c || typeof c !== "object" || Array.isArray(c)) throw new AccountError(400, "changes must be an object of field: value");
  const out: Record<string, unknown> = {};
  const bad = (f: string, what: string) => new AccountError(400, `changes.${f} must be ${what}`);
  const actorId = (v: unknown) => v === null || (typeof v === "string" && v.length > 0 && v.length <= 200);
  for (const [f, v] of Object.entries(c as Record<string, unknown>)) {
    switch (f) {
      case "eventType":
        if (!EVENT_TYPES.includes(v as string)) throw bad(f, `one of ${EVENT_TYPES.join(", ")}`);
        break;
      case "subEventType":
        if (typeof v !== "string" || v.length === 0 || v.length > 100) throw bad(f, "an ACLED sub-event type");
        break;
      case "actor1":
      case "actor2":
        if (!actorId(v)) throw bad(f, "an actor id or null");
        break;
      case "assocActors1":
      case "assocActors2":
        if (!Array.isArray(v) || !v.every((x) => typeof x === "string" && x.length > 0)) throw bad(f, "a list of actor ids");
        break;
      case "date":
        if (typeof v !== "string" || !DATE.test(v) || Number.isNaN(Date.parse(v))) throw bad(f, "a date YYYY-MM-DD");
        break;
      case "place": {
        const p = v as Record<string, unknown> | null;
        const ok =
          p === null ||
          (typeof p === "object" &&
            typeof p.id === "string" &&
            typeof p.name === "string" &&
            typeof p.lat === "number" &&
            typeof p.lon === "number" &&
            Math.abs(p.lat) <= 90 &&
            Math.abs(p.lon) <= 180 &&
            [1, 2, 3].includes(p.precision as number));
        if (!ok) throw bad(f, "{ id, name, lat, lon, precision 1-3 } or null");
        break;
      }
      case "fatalities":
        if (v !== null && !(Number.isInteger(v) && (v as number) >= 0)) throw bad(f, "a whole number or null");
        break;
      case "modality":
        if (!MODALITIES.includes(v as string)) throw bad(f, `one of ${MODALITIES.join(", ")}`);
        break;
      case "locationText":
        if (typeof v !== "string" || v.length > 500) throw bad(f, "text");
        break;
      default:
        throw new AccountError(400, `changes.${f} cannot be corrected`);
    }
    out[f] = v;
  }
  if (Object.keys(out).length === 0) throw new AccountError(400, "a correction must change at least one field");
  return out as EventCorrection;
}

interface ReviewRow {
  id: string;
  seq: number;
  event_id: string;
  user_id: string;
  display_name: string;
  action: ReviewAction;
  changes: string;
  note: string | null;
  created_at: string;
}

function toReview(r: ReviewRow): Review {
  const out: Review = {
    id: r.id,
    eventId: r.event_id,
    action: r.action,
    changes: parseJson(r.changes, {}),
    by: { id: r.user_id, displayName: r.display_name },
    at: r.created_at,
  };
  if (r.note) out.note = r.note;
  return out;
}

/** The SQL selecting every reviewed event id whose latest review accepts or corrects it (for exports). */
export const REVIEWED_EVENTS_SQL =
  "SELECT r.event_id, r.action FROM reviews r WHERE r.seq = (SELECT MAX(r2.seq) FROM reviews r2 WHERE r2.event_id = r.event_id) AND r.action IN ('accept', 'correct')";

export interface EventReviewState {
  status: ReviewStatus;
  /** Every correction merged in order. */
  corrections: EventCorrection;
  reviews: Review[];
}

const STATUS: Record<ReviewAction, ReviewStatus> = { accept: "accepted", correct: "corrected", reject: "rejected" };

export class Reviews {
  constructor(
    private readonly db: SqlDb,
    private readonly clock: Clock,
  ) {}

  /**
   * Records an analyst's review. `before` (the event as it is now) lets the history say what
   * each corrected field was.
   */
  async review(user: User, eventId: string, action: ReviewAction, opts: { changes?: unknown; note?: string; before?: Record<string, unknown> } = {}): Promise<Review> {
    if (!hasRole(user.role, "analyst")) throw new AccountError(403, "only analysts and admins can review events");
    if (typeof eventId !== "string" || eventId.length === 0 || eventId.length > 200) throw new AccountError(400, "event id must be a non-empty string");
    if (!["accept", "correct", "reject"].includes(action)) throw new AccountError(400, "action must be accept, correct or reject");
    const correction = action === "correct" ? checkCorrection(opts.changes) : undefined;
    if (action !== "correct" && opts.changes !== undefined) throw new AccountError(400, "only a correction carries changes");
    const note = opts.note === undefined ? null : String(opts.note).slice(0, 5000);
    const changes: Review["changes"] = {};
    for (const [f, to] of Object.entries(correction ?? {})) changes[f] = opts.before && f in opts.before ? { from: opts.before[f], to } : { to };
    const id = newId("r");
    const at = this.clock().toISOString();
    await this.db.run(
      "INSERT INTO reviews (id, seq, event_id, user_id, action, changes, note, created_at) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ? FROM reviews",
      [id, eventId, user.id, action, JSON.stringify(changes), note, at],
    );
    return { id, eventId, action, changes, ...(note ? { note } : {}), by: { id: user.id, displayName: user.displayName }, at };
  }

  /** Every review of one event, oldest first. */
  async history(eventId: string): Promise<Review[]> {
    const rows = await this.db.all<ReviewRow>(
      "SELECT r.*, u.display_name FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.event_id = ? ORDER BY r.seq",
      [eventId],
    );
    return rows.map(toReview);
  }

  /** The review state of each of the given events (absent = never reviewed). */
  async states(eventIds: string[]): Promise<Map<string, EventReviewState>> {
    const out = new Map<string, EventReviewState>();
    for (let i = 0; i < eventIds.length; i += 500) {
      const chunk = eventIds.slice(i, i + 500);
      const rows = await this.db.all<ReviewRow>(
        `SELECT r.*, u.display_name FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.event_id IN (${chunk.map(() => "?").join(", ")}) ORDER BY r.seq`,
        chunk,
      );
      for (const r of rows) {
        const rev = toReview(r);
        const s = out.get(r.event_id) ?? { status: STATUS[rev.action], corrections: {}, reviews: [] };
        s.status = STATUS[rev.action];
        for (const [f, c] of Object.entries(rev.changes)) (s.corrections as Record<string, unknown>)[f] = c.to;
        s.reviews.push(rev);
        out.set(r.event_id, s);
      }
    }
    return out;
  }

  /** Ids of events whose latest review accepts or corrects them. */
  async reviewedEventIds(): Promise<string[]> {
    const rows = await this.db.all<{ event_id: string }>(`${REVIEWED_EVENTS_SQL} ORDER BY r.event_id`);
    return rows.map((r) => r.event_id);
  }
}

/**
 * Applies review states to events (StoredEvent or anything with the same fields): corrected fields
 * replaced, `review` set to the status; `reviewedOnly` drops unreviewed and rejected events.
 * @example applyReviews(events, await reviews.states(events.map((e) => e.id)), { reviewedOnly: true })
 */
export function applyReviews<T extends { id: string }>(
  events: T[],
  states: Map<string, EventReviewState>,
  opts: { reviewedOnly?: boolean } = {},
): (T & { review?: ReviewStatus; reviewedBy?: string[] })[] {
  const out: (T & { review?: ReviewStatus; reviewedBy?: string[] })[] = [];
  for (const e of events) {
    const s = states.get(e.id);
    if (!s) {
      if (!opts.reviewedOnly) out.push({ ...e });
      continue;
    }
    if (opts.reviewedOnly && s.status === "rejected") continue;
    const c: Record<string, unknown> = { ...e, review: s.status, reviewedBy: [...new Set(s.reviews.map((r) => r.by.displayName))] };
    for (const [f, v] of Object.entries(s.corrections)) {
      if (v === null) delete c[f];
      else c[f] = v;
    }
    out.push(c as T & { review?: ReviewStatus });
  }
  return out;
}

/**
 * The reviewed-only export (`GET /api/export/reviewed`, `sitrep export --reviewed-only`): every event
 * whose latest review accepts or corrects it, corrections applied, oldest first. `keep` narrows it
 * to some event ids (the CLI's filters).
 */
export async function reviewedEvents(
  store: Store,
  reviews: Reviews,
  keep?: (id: string) => boolean,
): Promise<(StoredEvent & { review?: ReviewStatus; reviewedBy?: string[] })[]> {
  const ids = (await reviews.reviewedEventIds()).filter((id) => !keep || keep(id));
  const events: StoredEvent[] = [];
  for (const id of ids) {
    const e = await store.getEvent(id);
    if (e) events.push(e);
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id)));
  return applyReviews(events, await reviews.states(ids), { reviewedOnly: true });
}
