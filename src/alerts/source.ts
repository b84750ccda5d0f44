// Reads what the detectors need from a Store: events in a date range (with analyst corrections
// applied and rejected events marked), actors, sponsor/alliance relations and coalition overrides.
// The Store has no "relations with evidence text" query, so relations come from `actorGraph`
// edges, their evidence summarized as counts and dates.
import { applyReviews, Reviews } from "../accounts/review.js";
import { type SqlDb, sqlOf } from "../accounts/sql.js";
import { systemClock } from "../accounts/clock.js";
import type { Store, StoredEvent } from "../store/types.js";
import type { Actor, Relation } from "../types/index.js";
import { DEFAULT_COALITION_MODEL } from "./coalitions.js";
import { CoalitionOverrides } from "./overrides.js";
import type { AlertData, AlertEvent } from "./types.js";

/** A StoredEvent as the detectors see it. */
export function toAlertEvent(e: StoredEvent): AlertEvent {
  const out: AlertEvent = {
    id: e.id,
    eventType: e.eventType,
    subEventType: e.subEventType,
    assocActors1: e.assocActors1 ?? [],
    assocActors2: e.assocActors2 ?? [],
    date: e.date,
    modality: e.modality,
    sources: (e.sources ?? []).map((s) => ({
      articleId: s.articleId,
      ...(s.url ? { url: s.url } : {}),
      ...(s.outlet ? { outlet: s.outlet } : {}),
      ...(s.title ? { title: s.title } : {}),
      attribution: s.attribution?.name,
    })),
  };
  if (e.actor1) out.actor1 = e.actor1;
  if (e.actor2) out.actor2 = e.actor2;
  if (e.place) out.place = { id: e.place.id, name: e.place.name, lat: e.place.lat, lon: e.place.lon, precision: e.place.precision };
  const review = (e as StoredEvent & { review?: AlertEvent["review"] }).review;
  if (review) out.review = review;
  return out;
}

/** Every stored event between two dates (inclusive), paged. */
export async function storedEvents(store: Store, since?: string, until?: string): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (let offset = 0; ; offset += 2000) {
    const page = await store.queryEvents({ since, until, sort: "date-asc", limit: 2000, offset });
    out.push(...page.items);
    if (page.items.length < 2000) break;
  }
  return out;
}

/**
 * The words behind each sponsor/alliance relation ("US-backed Syrian Democratic Forces"), read from
 * the stored documents of the most recent `maxArticles` articles: key "source|type|target" → texts.
 */
export async function relationEvidence(store: Store, maxArticles = 300): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const page = await store.listArticles({ limit: maxArticles });
  for (const a of page.items) {
    const doc = (await store.getArticle(a.id))?.doc;
    for (const r of doc?.relations ?? []) {
      if (!DEFAULT_COALITION_MODEL.memberRelations.includes(r.type)) continue;
      const k = `${r.source}|${r.type}|${r.target}`;
      const l = out.get(k) ?? [];
      for (const e of r.evidence) if (e.text && !l.includes(e.text) && l.length < 3) l.push(e.text);
      out.set(k, l);
    }
  }
  return out;
}

/** Loads AlertData from a store; `since`/`until` bound the event dates; `evidence` adds quoted relation evidence. */
export async function loadAlertData(store: Store, opts: { since?: string; until?: string; evidence?: Map<string, string[]> } = {}): Promise<AlertData> {
  const db = dbOf(store);
  let events = await storedEvents(store, opts.since, opts.until);
  if (db) {
    // Only reviewed events need a corrected copy (toAlertEvent makes a new object of every event anyway).
    const states = await new Reviews(db, systemClock).states(events.map((e) => e.id));
    if (states.size > 0) events = events.map((e) => (states.has(e.id) ? applyReviews([e], states)[0]! : e));
  }
  return { ...(await loadAlertContext(store, opts.evidence)), events: events.map(toAlertEvent) };
}

/** The day of the latest stored event (YYYY-MM-DD), or undefined for an empty store: one indexed row, not `stats()`. */
export async function latestDay(store: Store): Promise<string | undefined> {
  return (await store.queryEvents({ sort: "date-desc", limit: 1, withSources: false })).items[0]?.date.slice(0, 10);
}

/** The store's accounts database, or undefined for a store without one. */
export function dbOf(store: Store): SqlDb | undefined {
  try {
    return sqlOf(store);
  } catch {
    return undefined;
  }
}

/** Everything but the events: actors (with persons' affiliations), sponsor/alliance relations, coalition overrides. */
export async function loadAlertContext(store: Store, evidence?: Map<string, string[]>): Promise<Omit<AlertData, "events">> {
  const db = dbOf(store);
  const actors: Actor[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await store.listActors({ limit: 5000, offset });
    for (const a of page.items)
      actors.push({ id: a.id, name: a.name, kind: a.kind, ...(a.inter ? { inter: a.inter } : {}), ...(a.country ? { country: a.country } : {}), aliases: [], mentions: [], known: true });
    if (page.items.length < 5000) break;
  }
  // Affiliations of persons come with the profile only; few actors are persons, so ask for those.
  for (const a of actors) {
    if (a.kind !== "person") continue;
    const p = await store.getActor(a.id);
    if (p?.affiliation) a.affiliation = p.affiliation;
    if (p?.role) a.role = p.role;
  }
  const graph = await store.actorGraph({ types: DEFAULT_COALITION_MODEL.memberRelations, limit: 100_000 });
  const relations: Relation[] = graph.edges
    .filter((e) => e.type !== "fought")
    .map((e) => {
      const text = `${e.weight} evidence span${e.weight === 1 ? "" : "s"} in ${e.articleCount} article${e.articleCount === 1 ? "" : "s"}${e.firstSeen ? `, ${e.firstSeen}${e.lastSeen && e.lastSeen !== e.firstSeen ? ` to ${e.lastSeen}` : ""}` : ""}`;
      return {
        type: e.type as Relation["type"],
        source: e.source,
        target: e.target,
        confidence: Math.min(0.99, 0.6 + 0.1 * e.articleCount),
        evidence: [
          ...(evidence?.get(`${e.source}|${e.type}|${e.target}`) ?? []).map((t) => ({ pass: "store", rule: "article", confidence: 1, start: 0, end: 0, text: t })),
          { pass: "store", rule: "actorGraph", confidence: 1, start: 0, end: 0, text },
        ],
      };
    });
  const overrides = db ? await new CoalitionOverrides(db, systemClock).list() : [];
  return { actors, relations, overrides };
}
