// The store's logic, written once over the Db adapter (src/store/db.ts): saving documents
// with merging, replacing new versions, queries, the change log, imports. SQLite and
// PostgreSQL differ only in their adapters and migration files.
import {
  actorlessCanMerge,
  type CombinedEvent,
  combineReports,
  dateWindow,
  type EventReport,
  type MergeView,
  sameEvent,
} from "../events/merge.js";
import { MERGE_RULES } from "../events/merge-rules.js";
import type {
  ConflictEvent,
  EventType,
  ExtractedDoc,
  Place,
  RelationType,
} from "../types/index.js";
import type { Db, Param } from "./db.js";
import { actorIdsOf, actorRow, actorWrites, relationRows } from "./actor-rows.js";
import { articleKey, contentHash, placeKey } from "./keys.js";
import { num, optNum, optStr } from "./values.js";
import { articleSummary, EVENT_COLS, eventFromRow, jsonList, MERGE_COLS, sourceFromRow, viewOfArray, viewOfRow, viewOfValues } from "./views.js";
import type {
  ActorGraph,
  ActorProfile,
  ActorQuery,
  ActorSummary,
  ArticleQuery,
  ArticleState,
  ArticleSummary,
  EventChanges,
  EventQuery,
  GraphEdge,
  GraphQuery,
  ImportedEvent,
  ImportResult,
  MapCell,
  MapPoints,
  MapQuery,
  Page,
  PlaceQuery,
  PlaceSummary,
  RelationSummary,
  SaveResult,
  SearchHit,
  Store,
  StoreStats,
  StoredArticle,
  StoredEvent,
  TimelineBucket,
  TimelineQuery,
  WriteBatch,
} from "./types.js";

type Row = Record<string, unknown>;

const day = (iso?: string): string | null => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null);
/** `?,?,…` for n parameters (made once per n: every IN list and row insert asks for one). */
const placeholders: string[] = [];
const qs = (n: number): string => (placeholders[n] ??= Array.from({ length: n }, () => "?").join(","));
const DAY = 86_400_000;
/** YYYY-MM-DD of a day number; made once per day (merge candidates ask for two per report). */
const dayStrings = new Map<number, string>();
const dayString = (dayNumber: number): string => {
  let s = dayStrings.get(dayNumber);
  if (s === undefined) {
    s = new Date(dayNumber * DAY).toISOString().slice(0, 10);
    if (dayStrings.size < 100_000) dayStrings.set(dayNumber, s);
  }
  return s;
};


/** [actor, other actor, date, +1 or -1]: one event's pair added to or taken from actor_pairs. */
type PairDelta = [string | undefined, string | undefined, string, number];

const dayNumber = (d: string) => Math.floor(Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / DAY);

/**
 * `head` (an "INSERT … VALUES") with as many `(?,…)` row groups as fit in one statement, then `tail`
 * (ON CONFLICT …); one round trip per ~800 parameters instead of one per row. Where round trips cost
 * nothing (`db.multiRow` false: SQLite in process) one row per statement, so one statement is prepared
 * per shape rather than one per row count.
 */
async function insertRows(db: Db, head: string, rows: Param[][], tail = ""): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0].length;
  const group = `(${qs(width)})`;
  if (!db.multiRow) return db.runRows(`${head} ${group} ${tail}`, rows);
  const per = Math.max(1, Math.floor(800 / width));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await db.run(`${head} ${chunk.map(() => group).join(",")} ${tail}`, chunk.flat());
  }
}

/**
 * SQLite: the R*Tree rows of newly inserted events (n, lat, lon), in insertion order; the store
 * writes them itself (schema 6: no insert trigger). PostgreSQL has no R*Tree (a generated geography).
 */
async function insertRtree(db: Db, points: (readonly [number, number | null | undefined, number | null | undefined])[]): Promise<void> {
  if (db.dialect !== "sqlite") return;
  const rows: Param[][] = [];
  // as the insert trigger did: a row for every event with a latitude (indexed, not destructured: an
  // array pattern compiles to the whole iterator protocol)
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const lat = p[1];
    const lon = p[2];
    if (lat !== null && lat !== undefined) rows.push([p[0], lon ?? null, lon ?? null, lat, lat]);
  }
  if (rows.length > 0) await db.runRows("INSERT INTO events_rtree VALUES (?,?,?,?,?)", rows);
}

/** The Store over one Db adapter. */
export class CoreStore implements Store {
  private writeChain: Promise<unknown> = Promise.resolve();
  private listeners = new Set<(cursor: number) => void>();
  /** The commit functions of open write batches (openBatch), run by close(). */
  private batches = new Set<() => Promise<void>>();
  /**
   * SQLite (schema 7): keys of the articles written in the open transaction whose full-text rows are
   * not written yet. They are written in one statement just before the commit (flushFts), so the
   * full-text index takes one segment per transaction rather than one per article savepoint.
   */
  private ftsPending: string[] = [];
  /**
   * SQLite: the merge columns of stored events (findMatch's candidates) by row number, kept from one
   * document to the next: an article's candidates are mostly the previous articles' events, and
   * reading twenty columns again was the largest statement of a save (Guardian 233: 2,414 rows read
   * for 492 events). An entry is what this store last wrote (an event it inserts or rebuilds is not
   * read back: its view is made from the values written) and goes when it deletes the event; all go when a
   * transaction rolls back (its row numbers may be reused; a failing document of a write batch rolls
   * the batch's back: redoBatch), on an import, and when another connection has committed since
   * (PRAGMA data_version, read in each write).
   */
  private mergeViews = new Map<number, MergeView>();
  /**
   * SQLite: a merged event's reports as stored (event_sources.report parsed, in ord order) and the
   * column values rebuild last wrote, kept from one merge into the event to the next: rebuild then
   * appends the new report instead of reading and parsing all of them again and reading the row
   * back (an event reported by k articles cost k parses per merge). Dropped with mergeViews (same
   * rules), and an entry when its event loses a report (removeArticle).
   */
  private mergeReports = new Map<number, { reports: EventReport[]; values: Param[] }>();
  private mergeReportCount = 0;
  /**
   * SQLite: the places rows as this store last wrote or found them (key → the values the upsert
   * writes), so a place an earlier article already stored as it is costs no statement: the upsert
   * would change nothing (its WHERE … IS DISTINCT FROM). Dropped with mergeViews (same rules).
   */
  private placeRows = new Map<string, Param[]>();
  /**
   * SQLite: the actors rows as stored (id → the columns saveActors reads), from its reads and its
   * own writes, so the actors an article names that earlier articles named are not read again.
   * Dropped with mergeViews (same rules) and on an import (it writes actors).
   */
  private actorRows = new Map<string, Row>();
  private dataVersion = -1;
  /**
   * SQLite: the seq counter as the open transaction's last saveIn wrote it, so the next document of
   * a batch does not read it again (nothing else writes inside the transaction); undefined outside
   * one and after a rollback (forgetMerges).
   */
  private txSeq: number | undefined;
  /** The document JSON the last saveIn stored in articles.doc (a write batch keeps it: KeptDoc). */
  private savedJson: string | undefined;
  private static readonly MAX_MERGE_VIEWS = 100_000;
  private static readonly MAX_MERGE_REPORTS = 200_000;
  private static readonly MAX_KEPT_ROWS = 200_000;

  constructor(private db: Db) {}

  get backend(): "sqlite" | "postgres" {
    return this.db.dialect;
  }

  migrate(): Promise<number> {
    return this.db.migrate();
  }

  async close(): Promise<void> {
    // a batch left open is committed: what it saved is kept, as if its owner had committed it
    for (const commit of [...this.batches]) await commit().catch(() => {});
    await this.writeChain.catch(() => {});
    await this.db.close();
  }

  /** Serialises writes (one transaction at a time from this process) and notifies listeners. */
  private write<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const run = this.writeChain.then(() =>
      this.db
        .tx(async (db) => {
          if (db.dialect === "sqlite") await this.checkMergeViews(db);
          try {
            const r = await fn(db);
            await this.flushFts(db);
            return r;
          } finally {
            this.ftsPending = [];
            this.txSeq = undefined;
          }
        })
        .catch((err) => {
          this.forgetMerges(); // rolled back: what it wrote and read may not be there
          throw err;
        }),
    );
    this.writeChain = run.catch(() => {});
    return run.then(async (r) => {
      if (this.listeners.size > 0) {
        const c = await this.cursor();
        for (const l of this.listeners) l(c);
      }
      return r;
    });
  }

  /**
   * Forgets all that is kept (forgetMerges) when another connection has committed since the last
   * write, and any one kept map grown past its bound.
   */
  private async checkMergeViews(db: Db): Promise<void> {
    const v = num((await db.get<Row>("PRAGMA data_version"))?.data_version);
    if (v !== this.dataVersion) this.forgetMerges();
    else {
      if (this.mergeViews.size > CoreStore.MAX_MERGE_VIEWS) this.mergeViews.clear();
      if (this.mergeReportCount > CoreStore.MAX_MERGE_REPORTS) this.forgetMergeReports();
      if (this.placeRows.size > CoreStore.MAX_KEPT_ROWS) this.placeRows.clear();
      if (this.actorRows.size > CoreStore.MAX_KEPT_ROWS) this.actorRows.clear();
    }
    this.dataVersion = v;
  }

  /** Drops every kept merge view, merged event's reports, place and actor row (see mergeViews, mergeReports, placeRows, actorRows). */
  private forgetMerges(): void {
    this.txSeq = undefined;
    this.mergeViews.clear();
    this.forgetMergeReports();
    this.placeRows.clear();
    this.actorRows.clear();
  }

  private forgetMergeReports(): void {
    this.mergeReports.clear();
    this.mergeReportCount = 0;
  }

  /** Drops the kept reports of one event (it lost a report or is gone). */
  private forgetMergeReportsOf(n: number): void {
    const kept = this.mergeReports.get(n);
    if (!kept) return;
    this.mergeReportCount -= kept.reports.length;
    this.mergeReports.delete(n);
  }

  /** Writes the full-text rows of the articles written since the last flush (SQLite; see ftsPending). */
  private async flushFts(db: Db): Promise<void> {
    if (this.ftsPending.length === 0) return;
    const keys = this.ftsPending;
    this.ftsPending = [];
    await db.run(
      "INSERT INTO articles_fts (rowid, title, body) SELECT n, coalesce(title, ''), body FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY n",
      [JSON.stringify(keys)],
    );
  }

  private async cursor(): Promise<number> {
    const r = await this.db.get<Row>("SELECT value FROM counters WHERE name = 'seq'");
    return num(r?.value);
  }

  private async nextSeq(db: Db, k = 1): Promise<number> {
    const r = await db.get<Row>("UPDATE counters SET value = value + ? WHERE name = 'seq' RETURNING value", [k]);
    return num(r?.value) - k + 1;
  }

  onChange(listener: (cursor: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ───────────── articles ─────────────

  async articleState(key: string): Promise<ArticleState | null> {
    const r = await this.db.get<Row>("SELECT id, content_hash FROM articles WHERE id = ?", [key]);
    return r ? { articleId: String(r.id), contentHash: String(r.content_hash) } : null;
  }

  saveDoc(doc: ExtractedDoc): Promise<SaveResult> {
    return this.write((db) => this.saveIn(db, doc));
  }

  async saveDocs(docs: ExtractedDoc[]): Promise<SaveResult[]> {
    const batch = this.openBatch();
    const out: SaveResult[] = [];
    try {
      for (const d of docs) out.push(await batch.save(d));
    } finally {
      await batch.commit();
    }
    return out;
  }

  openBatch(): WriteBatch {
    // The open transaction: `end()` lets it commit; `done` settles when it has.
    let tx: { db: Db; end: () => void; done: Promise<unknown> } | undefined;
    let pending = 0;
    // SQLite: the documents that wrote something in the open transaction, in order, as their
    // stored JSON and body (see save)
    let saved: KeptDoc[] = [];
    let unchanged = 0; // and how many others it saved (pending counts them too)
    // saves and commits run one after another, whatever the caller's timing
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(fn: () => Promise<T>): Promise<T> => {
      const run = queue.then(fn);
      queue = run.catch(() => {});
      return run;
    };
    const begin = () =>
      new Promise<NonNullable<typeof tx>>((resolve, reject) => {
        let end!: () => void;
        const ended = new Promise<void>((r) => {
          end = r;
        });
        const done = this.write(async (db) => {
          resolve({ db, end, done });
          await ended;
        });
        done.catch(reject); // BEGIN failed (locked, read-only …): the save that asked fails
      });
    const commit = async () => {
      const t = tx;
      tx = undefined;
      pending = 0;
      saved = [];
      unchanged = 0;
      if (!t) return;
      this.batches.delete(commit);
      t.end();
      await t.done;
    };
    return {
      get pending() {
        return pending;
      },
      save: (doc) =>
        serial(async () => {
          if (!tx) {
            tx = await begin();
            this.batches.add(commit);
          }
          const { db } = tx;
          // a failing document is undone alone; the others of the batch stay
          if (db.dialect === "sqlite") {
            // SQLite: no savepoint per document (it copied every page a document changed into the
            // statement journal, and freed them at its release: ~12% of the store's CPU). A failure
            // rolls the transaction back and saves the batch's earlier documents again (redoBatch).
            // The batch keeps each document that wrote something as the JSON saveIn stored and its
            // body (two strings), not the document: dozens of documents' objects kept until the
            // commit outlived young-generation collections (whole-process CPU +1 s on 2,330 articles).
            let r: SaveResult;
            this.savedJson = undefined;
            try {
              r = await this.saveIn(db, doc);
            } catch (err) {
              try {
                saved = await this.redoBatch(db, saved);
              } catch (redoErr) {
                // no transaction to save them in (BEGIN failed: another connection holds the lock):
                // the batch ends here without its documents, and the next save begins a new one
                // rather than writing outside a transaction
                await commit().catch(() => {});
                throw redoErr;
              }
              pending = saved.length + unchanged;
              throw err;
            }
            if (r.status !== "unchanged" && this.savedJson !== undefined) saved.push({ json: this.savedJson, body: doc.article.body });
            else unchanged++;
            this.savedJson = undefined;
            pending++;
            return r;
          }
          // PostgreSQL: a savepoint per document (its full-text index is a column: no pending rows)
          await db.run("SAVEPOINT sitrep_doc");
          let r: SaveResult;
          try {
            r = await this.saveIn(db, doc);
          } catch (err) {
            await db.run("ROLLBACK TO sitrep_doc");
            await db.run("RELEASE sitrep_doc");
            this.forgetMerges();
            throw err;
          }
          await db.run("RELEASE sitrep_doc");
          pending++;
          return r;
        }),
      commit: () => serial(commit),
    };
  }

  /**
   * SQLite, after a document of a write batch failed: rolls the batch's transaction back and opens a
   * new one on the same connection, then saves the documents the batch had saved before it again,
   * in order (the same statements on the same data: the same rows; a document read back from its
   * JSON is the one saved, save for numbers JSON cannot hold). Returns those saved again: one that
   * fails now (not expected) is left out, as its own failure would have left it. An unchanged
   * document wrote nothing and is not kept: it is unchanged again. Throws when the new transaction
   * cannot begin (another connection took the write lock after the rollback): none is open then.
   */
  private async redoBatch(db: Db, docs: KeptDoc[]): Promise<KeptDoc[]> {
    let left = docs;
    for (;;) {
      // (an error that ended the transaction itself leaves none to roll back)
      await db.run("ROLLBACK").catch(() => {});
      // what the rollback undid, nothing kept may say it holds (nor a commit write its full-text rows)
      this.ftsPending = [];
      this.forgetMerges();
      await db.run("BEGIN IMMEDIATE");
      let failed = -1;
      for (let i = 0; i < left.length && failed < 0; i++) await this.saveIn(db, keptDoc(left[i])).catch(() => (failed = i));
      if (failed < 0) return left;
      left = left.filter((_d, i) => i !== failed);
    }
  }

  /** Saves one document inside the transaction `db` (see saveDoc). */
  private async saveIn(db: Db, doc: ExtractedDoc): Promise<SaveResult> {
    const key = articleKey(doc.article);
    const hash = contentHash(doc.article);
    // Take the counter row first: on PostgreSQL this serialises concurrent saves so merging sees them all
    // (SQLite's write transaction already holds the whole database: a read is enough there).
    // Sequence numbers are then handed out in memory and the counter written once at the end.
    // (SQLite: after the first document of a transaction, the value its predecessor wrote: txSeq)
    const seq0 =
      this.txSeq ??
      num(
        (
          await db.get<Row>(
            db.dialect === "sqlite"
              ? "SELECT value FROM counters WHERE name = 'seq'"
              : "UPDATE counters SET value = value WHERE name = 'seq' RETURNING value",
          )
        )?.value,
      );
    let last = seq0;
    const seq = () => ++last;
    const existing = await db.get<Row>("SELECT id, content_hash FROM articles WHERE id = ?", [key]);
    if (existing && existing.content_hash === hash) return this.unchanged(db, key);
    if (!existing) {
      const dup = await db.get<Row>("SELECT id FROM articles WHERE content_hash = ? LIMIT 1", [hash]);
      if (dup) return this.unchanged(db, String(dup.id));
    }
    const removedEventIds = existing ? await this.removeArticle(db, key, seq) : [];
    const pubDate = day(doc.article.publishedAt);
    const storedAt = new Date().toISOString();
    const row = articleRow(doc, key, hash, pubDate, storedAt);
    // the stored document (a write batch keeps it: KeptDoc)
    this.savedJson = row[12] as string;
    await db.run(
      "INSERT INTO articles (id, doc_id, url, outlet, title, byline, published_at, pub_date, content_hash, stored_at, event_count, body, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
      row,
    );
    if (db.dialect === "sqlite") this.ftsPending.push(key);
    await this.saveActors(db, doc, key, pubDate);
    const places = await this.savePlaces(db, doc.places);
    const reports = doc.events.map((e) => toReport(doc, e, key, places, pubDate ?? storedAt.slice(0, 10)));
    const { matches, merged } = await this.mergeDecisions(db, reports);
    const { eventNs, newEvents } = await this.writeEvents(db, reports, matches, merged, seq);
    await db.run("UPDATE counters SET value = ? WHERE name = 'seq'", [last]);
    if (db.dialect === "sqlite") this.txSeq = last;
    const eventIds = eventNs.map(String);
    return {
      status: existing ? ("replaced" as const) : ("inserted" as const),
      articleId: key,
      eventIds,
      newEvents,
      mergedEvents: reports.length - newEvents,
      removedEventIds: removedEventIds.filter((id) => !eventIds.includes(id)),
    };
  }

  /**
   * Merge decisions first, against the store as it was before this document: an event this
   * document already reports is never matched again ("two events the extractor kept apart
   * within one article stay apart"), so the writes can then go in a few multi-row statements.
   * Returns each report's matched event (undefined: a new one) and the events matched, in report
   * order, each once. (saveIn's steps are functions of their own: V8 optimises, and after a
   * deoptimisation recompiles, each apart rather than one large async function.)
   */
  private async mergeDecisions(db: Db, reports: EventReport[]): Promise<{ matches: (number | undefined)[]; merged: number[] }> {
    const claimed = new Set<number>();
    const matches: (number | undefined)[] = [];
    const views = this.mergeViews;
    const asked = new Map<string, number[]>();
    for (const r of reports) {
      const m = await this.findMatch(db, r, claimed, views, asked);
      if (m !== undefined) claimed.add(m);
      matches.push(m);
    }
    // (a Set keeps its insertion order)
    return { matches, merged: [...claimed] };
  }

  /**
   * Writes a document's reports: new events for those that matched none, every report's row, the
   * merged events rebuilt, actor links and pairs. Returns each report's event row number and how
   * many events are new.
   */
  private async writeEvents(
    db: Db,
    reports: EventReport[],
    matches: (number | undefined)[],
    merged: number[],
    seq: () => number,
  ): Promise<{ eventNs: number[]; newEvents: number }> {
    const ords = reports.map(() => seq());
    const fresh: { i: number; c: CombinedEvent }[] = [];
    for (let i = 0; i < reports.length; i++) if (matches[i] === undefined) fresh.push({ i, c: combineReports([reports[i]]) });
    const nOf = await this.insertEvents(
      db,
      fresh.map(({ i, c }) => ({ c, seq: ords[i] })),
    );
    const eventNs = reports.map((_r, i) => matches[i] ?? nOf.get(ords[i])!);
    await this.insertSources(
      db,
      reports.map((r, i) => ({ n: eventNs[i], r, ord: ords[i], index: i })),
    );
    const links: { n: number; c: CombinedEvent }[] = fresh.map(({ i, c }) => ({ n: eventNs[i], c }));
    const pairs: PairDelta[] = fresh.map(({ c }) => [c.actor1, c.actor2, c.date, 1]);
    if (merged.length > 0) {
      const old = await this.pairsOf(db, merged, -1);
      // each merged event gained one report (never two: see claimed), the last in ord order
      const added = new Map<number, EventReport>();
      for (let i = 0; i < reports.length; i++) if (matches[i] !== undefined) added.set(matches[i]!, reports[i]);
      // the values kept events had before (their links are those values': see keptLinks)
      const prior = new Map<number, readonly Param[]>();
      const rebuilt = await this.rebuild(db, merged, seq, added, prior);
      await this.relinkEventActors(db, rebuilt, prior);
      for (const p of old) pairs.push(p);
      for (const { c } of rebuilt) pairs.push([c.actor1, c.actor2, c.date, 1]);
    }
    await this.insertEventActors(db, links);
    await this.countPairs(db, pairs);
    return { eventNs, newEvents: fresh.length };
  }

  private async unchanged(db: Db, key: string): Promise<SaveResult> {
    const rows = await db.all<Row>("SELECT event_n FROM event_sources WHERE article_id = ? ORDER BY doc_index", [key]);
    return {
      status: "unchanged",
      articleId: key,
      eventIds: rows.map((r) => String(r.event_n)),
      newEvents: 0,
      mergedEvents: 0,
      removedEventIds: [],
    };
  }

  private async saveActors(db: Db, doc: ExtractedDoc, key: string, pubDate: string | null): Promise<void> {
    const { known, all } = actorIdsOf(doc);
    const stored = new Map<string, Row>();
    const cols = "id, name, kind, inter, country, role, affiliation, known, aliases";
    const kept = db.dialect === "sqlite" ? this.actorRows : undefined;
    if (!db.multiRow) {
      // SQLite: the ids not kept from earlier articles (actorRows) as one JSON array parameter, one
      // statement however many there are
      const unread: string[] = [];
      for (const id of all) {
        const row = kept?.get(id);
        if (row) stored.set(id, row);
        else unread.push(id);
      }
      if (unread.length > 0) keepActorRows(await db.allArrays(`SELECT ${cols} FROM actors WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(unread)]), stored, kept);
    } else
      for (let i = 0; i < all.length; i += 500) {
        const chunk = all.slice(i, i + 500);
        keepActorRows(await db.allArrays(`SELECT ${cols} FROM actors WHERE id IN (${qs(chunk.length)})`, chunk), stored, kept);
      }
    const { upserts, mentions } = actorWrites(all, known, stored, key, pubDate);
    // what the upserts leave in the rows (an actor of no stored row and no document actor gets the placeholder)
    if (kept) for (const a of upserts) kept.set(String(a[0]), actorRow(a));
    await insertRows(
      db,
      "INSERT INTO actors (id, name, kind, inter, country, role, affiliation, known, aliases) VALUES",
      upserts,
      "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, inter = excluded.inter, country = excluded.country, role = excluded.role, affiliation = excluded.affiliation, known = excluded.known, aliases = excluded.aliases",
    );
    await insertRows(db, "INSERT INTO actor_mentions (article_id, actor_id, mentions, pub_date) VALUES", mentions);
    await insertRows(
      db,
      "INSERT INTO relation_evidence (article_id, type, source, target, evidence_count, confidence, pub_date) VALUES",
      relationRows(doc, key, pubDate),
    );
  }

  /** Upserts the document's places (one row per place key, the last one given wins); returns them by document id. */
  private async savePlaces(db: Db, docPlaces: Place[]): Promise<Map<string, Place>> {
    const { places, write } = placeWrites(docPlaces, db.dialect === "sqlite" ? this.placeRows : undefined);
    await insertRows(
      db,
      "INSERT INTO places (id, name, lat, lon, prec, country, admin1, admin2, feature_code) VALUES",
      write,
      // the same gazetteer places come back article after article: rewrite a row only when it changes
      `ON CONFLICT (id) DO UPDATE SET name = excluded.name, lat = excluded.lat, lon = excluded.lon, prec = excluded.prec, country = excluded.country, admin1 = excluded.admin1, feature_code = excluded.feature_code
       WHERE (places.name, places.lat, places.lon, places.prec, places.country, places.admin1, places.feature_code)
         IS DISTINCT FROM (excluded.name, excluded.lat, excluded.lon, excluded.prec, excluded.country, excluded.admin1, excluded.feature_code)`,
    );
    return places;
  }

  /** Deletes an article and its facts; events it alone reported are deleted, others rebuilt. Returns touched event ids. */
  private async removeArticle(db: Db, key: string, seq: () => number): Promise<string[]> {
    // its full-text row must exist before the delete trigger removes it
    if (this.ftsPending.includes(key)) await this.flushFts(db);
    const affected = (await db.all<Row>("SELECT DISTINCT event_n FROM event_sources WHERE article_id = ?", [key])).map((r) => num(r.event_n));
    for (const n of affected) {
      this.mergeViews.delete(n);
      this.forgetMergeReportsOf(n);
    }
    await db.run("DELETE FROM event_sources WHERE article_id = ?", [key]);
    if (affected.length > 0) {
      const left = new Set(
        (await db.all<Row>(`SELECT DISTINCT event_n FROM event_sources WHERE event_n IN (${qs(affected.length)})`, affected)).map((r) => num(r.event_n)),
      );
      const gone = affected.filter((n) => !left.has(n));
      const kept = affected.filter((n) => left.has(n));
      const pairs = await this.pairsOf(db, affected, -1);
      const rebuilt = await this.rebuild(db, kept, seq);
      await this.clearEventActors(db, affected);
      if (gone.length > 0) {
        await db.run(`DELETE FROM events WHERE n IN (${qs(gone.length)})`, gone);
        await insertRows(
          db,
          "INSERT INTO event_tombstones (seq, event_n) VALUES",
          gone.map((n) => [seq(), n]),
        );
      }
      await this.insertEventActors(db, rebuilt);
      await this.countPairs(db, [...pairs, ...rebuilt.map(({ c }): PairDelta => [c.actor1, c.actor2, c.date, 1])]);
    }
    await db.run("DELETE FROM actor_mentions WHERE article_id = ?", [key]);
    await db.run("DELETE FROM relation_evidence WHERE article_id = ?", [key]);
    await db.run("DELETE FROM articles WHERE id = ?", [key]);
    return affected.map(String);
  }

  /**
   * The stored event this report belongs to (never one in `claimed`), or undefined for a new event.
   * `asked`: the candidates' row numbers of the document's earlier reports by their query's
   * parameters (SQLite): nothing is written between a document's merge decisions, so a report
   * asking what an earlier one asked (same actors, date window and type) gets the same rows.
   */
  private async findMatch(
    db: Db,
    r: EventReport,
    claimed: Set<number>,
    views: Map<number, MergeView>,
    asked: Map<string, number[]>,
  ): Promise<number | undefined> {
    // Candidates whose own window (±31 days, a month-long range, 14 days' look-back) could overlap this report's.
    const window = dateWindow(r);
    const lo = dayString(window[0] - 61);
    const hi = dayString(window[1] + 45);
    const actors = actorsOfReport(r);
    let rows: Row[];
    if (actors.length > 0 && !db.multiRow) {
      // SQLite: the candidates' row numbers first (the same rows in the same order), then the merge
      // columns of those without a kept view (mergeViews: read for an earlier report or document, or
      // made when the store wrote the event): articles share their candidates, and a row number
      // costs a fraction of a row of twenty columns
      // (as arrays: an object per row cost more than the row; the first row per event, at most 500)
      const params: Param[] = [...actors, lo, hi, r.eventType];
      const key = `${actors.length}\u0000${params.join("\u0000")}`;
      let ns = asked.get(key);
      if (ns === undefined) {
        const linked = await db.allArrays(
          `SELECT x.event_n AS n FROM event_actors x JOIN events e ON e.n = x.event_n WHERE x.actor_id IN (${qs(actors.length)}) AND x.date BETWEEN ? AND ? AND e.event_type = ? AND e.origin = 'sitrep' LIMIT ${500 * actors.length}`,
          params,
        );
        ns = firstPerEvent(linked, (a) => num(a[0]), 500).map((a) => num(a[0]));
        asked.set(key, ns);
      }
      const cands = ns;
      const missing = cands.filter((n) => !views.has(n));
      if (missing.length > 0)
        for (const a of await db.allArrays(`SELECT ${MERGE_COLS} FROM events e WHERE e.n IN (SELECT value FROM json_each(?))`, [JSON.stringify(missing)]))
          views.set(num(a[0]), viewOfArray(a));
      return bestMatch(r, claimed, cands, (i) => views.get(cands[i])!);
    }
    if (actors.length > 0) {
      // An event linked to several of these actors comes once per actor: its first row is kept, as
      // SELECT DISTINCT would, without the temporary b-tree DISTINCT builds for every search.
      const linked = await db.all<Row>(
        `SELECT ${MERGE_COLS} FROM event_actors x JOIN events e ON e.n = x.event_n WHERE x.actor_id IN (${qs(actors.length)}) AND x.date BETWEEN ? AND ? AND e.event_type = ? AND e.origin = 'sitrep' LIMIT ${500 * actors.length}`,
        [...actors, lo, hi, r.eventType],
      );
      rows = firstPerEvent(linked, (row) => num(row.n), 500);
    } else if (actorlessCanMerge(r) && r.place) {
      // Without actors only a precise coincidence merges (merge-rules.ts: same sub-type, precise
      // day and town, at most actorlessMaxDays and actorlessMaxKm apart), so ask for just those.
      // A box a little larger than the circle (110 km per degree, the cosine at the pole-ward edge).
      const dLat = MERGE_RULES.actorlessMaxKm / 110;
      const dLon = MERGE_RULES.actorlessMaxKm / (110 * Math.max(0.01, Math.cos((Math.min(89, Math.abs(r.place.lat) + dLat) * Math.PI) / 180)));
      const t = dayNumber(r.date);
      rows = await db.all<Row>(
        `SELECT ${MERGE_COLS} FROM events e WHERE e.event_type = ? AND e.date BETWEEN ? AND ? AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ? AND e.sub_event_type = ? AND e.origin = 'sitrep' LIMIT 500`,
        [
          r.eventType,
          dayString(t - MERGE_RULES.actorlessMaxDays),
          dayString(t + MERGE_RULES.actorlessMaxDays),
          r.place.lat - dLat,
          r.place.lat + dLat,
          r.place.lon - dLon,
          r.place.lon + dLon,
          r.subEventType,
        ],
      );
    } else {
      // An actorless report that is not precise in both time and place merges with nothing.
      return undefined;
    }
    return bestMatch(
      r,
      claimed,
      rows.map((row) => num(row.n)),
      (i) => viewOfRow(rows[i]),
    );
  }

  /** One multi-row insert of event reports (event_sources). */
  private async insertSources(db: Db, items: { n: number; r: EventReport; ord: number; index: number }[]): Promise<void> {
    await insertRows(
      db,
      "INSERT INTO event_sources (article_id, doc_event_id, event_n, ord, doc_index, source_key, outlet_key, report) VALUES",
      items.map(({ n, r, ord, index }) => [
        r.articleId,
        r.docEventId,
        n,
        ord,
        index,
        r.attribution.name?.toLowerCase() ?? null,
        r.outlet?.toLowerCase() ?? null,
        JSON.stringify(r),
      ]),
    );
  }

  private eventValues(c: CombinedEvent): Param[] {
    return [
      c.eventType,
      c.subEventType,
      c.actor1 ?? null,
      c.actor2 ?? null,
      JSON.stringify(c.assocActors1),
      JSON.stringify(c.assocActors2),
      c.date,
      c.dateEnd ?? null,
      c.datePrecision,
      c.dateDefaulted ? 1 : 0,
      c.place?.id ?? null,
      c.place?.name ?? null,
      c.place?.lat ?? null,
      c.place?.lon ?? null,
      c.place?.precision ?? null,
      c.place?.country ?? null,
      c.place?.admin1 ?? null,
      c.place?.admin2 ?? null,
      c.locationText ?? null,
      c.modality,
      c.fatalities ?? null,
      JSON.stringify(c.fatalityClaims),
      c.sourceCount,
      JSON.stringify(c.articleIds),
      c.firstReported ?? null,
      c.lastReported ?? null,
      c.confidence,
      c.text,
    ];
  }

  private static readonly EVENT_FIELDS =
    "event_type, sub_event_type, actor1, actor2, assoc1, assoc2, date, date_end, date_precision, date_defaulted, place_id, place_name, lat, lon, geo_precision, country, admin1, admin2, location_text, modality, fatalities, fatality_claims, source_count, article_ids, first_reported, last_reported, confidence, text";
  /** EVENT_FIELDS one by one (rebuild names the columns it writes). */
  private static readonly EVENT_FIELD_LIST = CoreStore.EVENT_FIELDS.split(", ");
  /**
   * Per EVENT_FIELD_LIST column: whether an index, the R*Tree trigger (lat, lon) or PostgreSQL's
   * generated point reads it (actor1, actor2: no index since schema 5); rebuild writes these only
   * when they change, the others always.
   */
  private static readonly EVENT_KEYED = CoreStore.EVENT_FIELD_LIST.map((f) =>
    ["event_type", "date", "place_id", "lat", "lon", "geo_precision", "source_count"].includes(f),
  );
  /** rebuild's UPDATE by the indexed columns it writes (bits of EVENT_FIELD_LIST positions), made once per shape. */
  private static readonly eventUpdates = new Map<number, string>();
  private static eventUpdate(mask: number): string {
    let sql = CoreStore.eventUpdates.get(mask);
    if (sql === undefined) {
      const sets = CoreStore.EVENT_FIELD_LIST.filter((_f, i) => !CoreStore.EVENT_KEYED[i] || Math.floor(mask / 2 ** i) % 2 === 1).map((f) => `${f} = ?`);
      sql = `UPDATE events SET ${sets.join(", ")}, seq = ? WHERE n = ?`;
      CoreStore.eventUpdates.set(mask, sql);
    }
    return sql;
  }

  /** Inserts new events (multi-row); returns each one's row number by its (unique) seq. */
  private async insertEvents(db: Db, items: { c: CombinedEvent; seq: number }[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!db.multiRow) {
      const values = items.map(({ c }) => this.eventValues(c));
      const ns = await db.insertRowIds(
        `INSERT INTO events (${CoreStore.EVENT_FIELDS}, origin, seq) VALUES (${qs(28)}, 'sitrep', ?)`,
        items.map(({ seq }, i) => [...values[i], seq]),
      );
      for (let i = 0; i < items.length; i++) {
        out.set(items[i].seq, ns[i]);
        // SQLite: a new event's merge view is what was written (later articles' candidates)
        if (db.dialect === "sqlite") this.mergeViews.set(ns[i], viewOfValues(values[i], items[i].c));
      }
      await insertRtree(
        db,
        items.map(({ c }, i) => [ns[i], c.place?.lat, c.place?.lon]),
      );
      return out;
    }
    const per = 30;
    for (let i = 0; i < items.length; i += per) {
      const chunk = items.slice(i, i + per);
      const rows = await db.all<Row>(
        `INSERT INTO events (${CoreStore.EVENT_FIELDS}, origin, seq) VALUES ${chunk.map(() => `(${qs(28)}, 'sitrep', ?)`).join(",")} RETURNING n, seq`,
        chunk.flatMap(({ c, seq }) => [...this.eventValues(c), seq]),
      );
      for (const r of rows) out.set(num(r.seq), num(r.n));
    }
    return out;
  }

  /**
   * Rebuilds merged events from all their reports, each with a new seq; returns the combined events.
   * `added`: the report each event just gained, with ords after all its others; on SQLite an event
   * whose reports are kept (mergeReports) appends it instead of reading them all.
   */
  private async rebuild(
    db: Db,
    ns: number[],
    seq: () => number,
    added?: Map<number, EventReport>,
    prior?: Map<number, readonly Param[]>,
  ): Promise<{ n: number; c: CombinedEvent }[]> {
    if (ns.length === 0) return [];
    const keep = db.dialect === "sqlite";
    const reports = new Map<number, EventReport[]>();
    const stored = new Map<number, readonly unknown[]>();
    const unread: number[] = [];
    for (const n of ns) {
      const kept = keep ? this.mergeReports.get(n) : undefined;
      const report = added?.get(n);
      if (kept && report !== undefined) {
        prior?.set(n, kept.values);
        kept.reports.push(ownReport(report));
        this.mergeReportCount++;
        reports.set(n, kept.reports);
        stored.set(n, kept.values);
      } else {
        this.forgetMergeReportsOf(n);
        reports.set(n, []);
        unread.push(n);
      }
    }
    if (unread.length > 0) {
      // SQLite: the row numbers as one JSON array parameter (one statement to prepare whatever their count)
      const list = keep ? "SELECT value FROM json_each(?)" : qs(unread.length);
      const params: Param[] = keep ? [JSON.stringify(unread)] : unread;
      const rows = await db.all<Row>(`SELECT event_n, report FROM event_sources WHERE event_n IN (${list}) ORDER BY event_n, ord`, params);
      for (const r of rows) reports.get(num(r.event_n))?.push(parsedReport(String(r.report)));
      // (the n first, then the event's values: slice(1) below)
      for (const a of await db.allArrays(`SELECT n, ${CoreStore.EVENT_FIELDS} FROM events WHERE n IN (${list})`, params)) stored.set(num(a[0]), a.slice(1));
    }
    // An indexed column (EVENT_KEYED) is written only when its value changes: an UPDATE rewrites
    // the index entries of every column it names, and one naming lat/lon deletes and re-inserts the
    // event's R*Tree entry (SQLite's update trigger), though a report merged into an event mostly
    // changes its sources, article ids, text and confidence. The other columns are always written
    // (the row is rewritten whole anyway), so the statement's shape varies only with the indexed
    // columns that change: a few statements to prepare per connection instead of one per set of
    // changed columns (74 for 116 articles merging into a store of 117). A stored value read back
    // differently (a PostgreSQL date or bigint) only means the column is written; a kept value is the
    // one last written, so a column is skipped only when the stored row already holds what it would get.
    const fields = CoreStore.EVENT_FIELD_LIST;
    const keyed = CoreStore.EVENT_KEYED;
    const out: { n: number; c: CombinedEvent }[] = [];
    for (const n of ns) {
      const rs = reports.get(n)!;
      const c = combineReports(rs);
      const values = this.eventValues(c);
      // the event's merge view becomes what is written (a later article's candidate is not read again)
      if (keep) this.mergeViews.set(n, viewOfValues(values, c));
      else this.mergeViews.delete(n);
      const old = stored.get(n);
      // the indexed columns written, as bits in EVENT_FIELD_LIST order (the statement's shape)
      let mask = 0;
      const params: Param[] = [];
      for (let i = 0; i < fields.length; i++)
        if (!keyed[i] || !old || old[i] !== values[i]) {
          if (keyed[i]) mask += 2 ** i;
          params.push(values[i]);
        }
      params.push(seq(), n);
      await db.run(CoreStore.eventUpdate(mask), params);
      if (keep && !this.mergeReports.has(n)) {
        this.mergeReports.set(n, { reports: rs, values });
        this.mergeReportCount += rs.length;
      } else if (keep) this.mergeReports.get(n)!.values = values;
      out.push({ n, c });
    }
    return out;
  }

  /** Writes events' actor links from their combined fields, and adds them to the per-actor counts. */
  private async insertEventActors(db: Db, items: { n: number; c: CombinedEvent }[]): Promise<void> {
    const rows = linkRows(items);
    await insertRows(db, "INSERT INTO event_actors (actor_id, event_n, date) VALUES", rows);
    await this.countActors(
      db,
      rows.map((r) => [String(r[0]), 1]),
    );
  }

  /**
   * Brings stored events' actor links to their combined fields, writing only the links that change
   * (a merged report seldom adds an actor or moves the date): the same rows and per-actor counts as
   * removing them all and inserting them again.
   */
  private async relinkEventActors(db: Db, items: { n: number; c: CombinedEvent }[], prior?: Map<number, readonly Param[]>): Promise<void> {
    if (items.length === 0) return;
    const ns = items.map(({ n }) => n);
    // the stored links by event and actor: [actor id, event row number, date]
    const old = new Map<string, [string, number, string]>();
    for (const a of keptLinks(ns, prior) ??
      (await db.allArrays(`SELECT actor_id, event_n, date FROM event_actors WHERE event_n IN (${qs(ns.length)})`, ns)))
      old.set(`${num(a[1])}\u0000${String(a[0])}`, [String(a[0]), num(a[1]), String(a[2])]);
    const add: Param[][] = [];
    const move: Param[][] = [];
    for (const row of linkRows(items)) {
      const k = `${row[1]}\u0000${row[0]}`;
      const link = old.get(k);
      if (link === undefined) add.push(row);
      else {
        old.delete(k);
        if (link[2] !== row[2]) move.push([row[2], row[0], row[1]]);
      }
    }
    const drop: Param[][] = [];
    for (const link of old.values()) drop.push([link[0], link[1]]);
    if (drop.length > 0) await db.runRows("DELETE FROM event_actors WHERE actor_id = ? AND event_n = ?", drop);
    if (move.length > 0) await db.runRows("UPDATE event_actors SET date = ? WHERE actor_id = ? AND event_n = ?", move);
    await insertRows(db, "INSERT INTO event_actors (actor_id, event_n, date) VALUES", add);
    const deltas: [string, number][] = [];
    for (const r of drop) deltas.push([String(r[0]), -1]);
    for (const r of add) deltas.push([String(r[0]), 1]);
    await this.countActors(db, deltas);
  }

  /** Removes events' actor links, keeping the per-actor event counts right. */
  private async clearEventActors(db: Db, ns: number[]): Promise<void> {
    if (ns.length === 0) return;
    const old = await db.all<Row>(`SELECT actor_id FROM event_actors WHERE event_n IN (${qs(ns.length)})`, ns);
    if (old.length === 0) return;
    await db.run(`DELETE FROM event_actors WHERE event_n IN (${qs(ns.length)})`, ns);
    await this.countActors(db, old.map((r) => [String(r.actor_id), -1]));
  }

  /** The actor pairs of stored events as deltas `d` for countPairs (read before they change). */
  private async pairsOf(db: Db, ns: number[], d: number): Promise<PairDelta[]> {
    if (ns.length === 0) return [];
    if (db.dialect === "sqlite") {
      // SQLite: every event kept in mergeViews holds its stored actor1, actor2 and date (what this
      // store wrote or read): the rows the query would give, in its order (row numbers ascending, once each)
      const sorted = [...new Set(ns)].sort((a, b) => a - b);
      const views = sorted.map((n) => this.mergeViews.get(n));
      if (views.every((v) => v !== undefined)) return views.map((v): PairDelta => [v!.actor1, v!.actor2, v!.date, d]);
    }
    const rows = await db.all<Row>(`SELECT actor1, actor2, date FROM events WHERE n IN (${qs(ns.length)})`, ns);
    return rows.map((r) => [optStr(r.actor1), optStr(r.actor2), String(r.date), d]);
  }

  /** Subtracts (or adds) the actor pairs of stored events from actor_pairs, reading them first. */
  private async countPairsOf(db: Db, ns: number[], d: number): Promise<void> {
    await this.countPairs(db, await this.pairsOf(db, ns, d));
  }

  /**
   * Keeps actor_pairs (who fought whom, both directions) up to date: counts add up exactly;
   * first/last dates only widen (a deletion does not narrow them).
   */
  private async countPairs(db: Db, deltas: PairDelta[]): Promise<void> {
    await insertRows(
      db,
      "INSERT INTO actor_pairs (actor_id, other, events, first_date, last_date) VALUES",
      pairRows(deltas),
      `ON CONFLICT (actor_id, other) DO UPDATE SET events = actor_pairs.events + excluded.events,
         first_date = CASE WHEN excluded.events > 0 AND excluded.first_date < actor_pairs.first_date THEN excluded.first_date ELSE actor_pairs.first_date END,
         last_date = CASE WHEN excluded.events > 0 AND excluded.last_date > actor_pairs.last_date THEN excluded.last_date ELSE actor_pairs.last_date END`,
    );
  }

  /** Adds deltas to actor_event_counts. */
  private async countActors(db: Db, deltas: [string, number][]): Promise<void> {
    await insertRows(
      db,
      "INSERT INTO actor_event_counts (actor_id, events) VALUES",
      countRows(deltas),
      "ON CONFLICT (actor_id) DO UPDATE SET events = actor_event_counts.events + excluded.events",
    );
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const r = await this.db.get<Row>("SELECT * FROM articles WHERE id = ?", [id]);
    if (!r) return null;
    const ev = await this.db.all<Row>("SELECT event_n FROM event_sources WHERE article_id = ? ORDER BY doc_index", [id]);
    const doc = JSON.parse(String(r.doc)) as ExtractedDoc;
    doc.article.body = String(r.body);
    return { ...articleSummary(r), doc, eventIds: ev.map((x) => String(x.event_n)) };
  }

  async listArticles(q: ArticleQuery = {}): Promise<Page<ArticleSummary>> {
    const where: string[] = [];
    const params: Param[] = [];
    if (q.outlet) {
      where.push("lower(outlet) = ?");
      params.push(q.outlet.toLowerCase());
    }
    if (q.since) {
      where.push("published_at >= ?");
      params.push(q.since);
    }
    if (q.until) {
      where.push("published_at <= ?");
      params.push(q.until.length === 10 ? `${q.until}T99` : q.until);
    }
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows = await this.db.all<Row>(
      `SELECT id, url, outlet, title, byline, published_at, stored_at, event_count, content_hash FROM articles ${w} ORDER BY published_at DESC, n DESC LIMIT ? OFFSET ?`,
      [...params, q.limit ?? 100, q.offset ?? 0],
    );
    const total = await this.db.get<Row>(`SELECT count(*) AS c FROM articles ${w}`, params);
    return { items: rows.map(articleSummary), total: num(total?.c) };
  }

  async searchArticles(text: string, opts: { limit?: number; offset?: number } = {}): Promise<SearchHit[]> {
    const hits = await this.db.search(text, opts.limit ?? 20, opts.offset ?? 0);
    if (hits.length === 0) return [];
    const rows = await this.db.all<Row>(
      `SELECT id, url, outlet, title, byline, published_at, stored_at, event_count, content_hash FROM articles WHERE id IN (${qs(hits.length)})`,
      hits.map((h) => h.id),
    );
    const byId = new Map(rows.map((r) => [String(r.id), articleSummary(r)]));
    return hits.filter((h) => byId.has(h.id)).map((h) => ({ article: byId.get(h.id)!, snippet: h.snippet, rank: h.rank }));
  }

  // ───────────── events ─────────────

  /** Actor ids an actor filter covers (see EventQuery.includeBacked). */
  private async expandActor(actor: string, includeBacked?: boolean): Promise<string[]> {
    const ids = new Set([actor]);
    if (!includeBacked) return [...ids];
    const clientsOf = async (xs: string[]) =>
      xs.length === 0
        ? []
        : (
            await this.db.all<Row>(
              `SELECT DISTINCT source FROM relation_evidence WHERE type IN ('backed-by', 'part-of') AND target IN (${qs(xs.length)})`,
              xs,
            )
          ).map((r) => String(r.source));
    const sponsors = (
      await this.db.all<Row>("SELECT DISTINCT target FROM relation_evidence WHERE type = 'backed-by' AND source = ?", [actor])
    ).map((r) => String(r.target));
    for (const c of await clientsOf([actor, ...sponsors])) ids.add(c);
    return [...ids];
  }

  private async eventWhere(q: Omit<EventQuery, "limit" | "offset" | "sort">): Promise<{ where: string[]; params: Param[] }> {
    const where: string[] = [];
    const params: Param[] = [];
    if (q.since) {
      where.push("e.date >= ?");
      params.push(q.since);
    }
    if (q.until) {
      where.push("e.date <= ?");
      params.push(q.until);
    }
    const list = <T extends string>(v: T | T[] | undefined, col: string) => {
      if (v === undefined) return;
      const xs = Array.isArray(v) ? v : [v];
      if (xs.length === 0) return;
      where.push(`${col} IN (${qs(xs.length)})`);
      params.push(...xs);
    };
    list(q.eventType, "e.event_type");
    list(q.subEventType, "e.sub_event_type");
    if (q.origin) {
      where.push("e.origin = ?");
      params.push(q.origin);
    }
    if (q.minSources) {
      where.push("e.source_count >= ?");
      params.push(q.minSources);
    }
    if (q.actor) {
      const ids = await this.expandActor(q.actor, q.includeBacked);
      // event_actors carries each event's date: the window narrows the actor's links on the
      // (actor_id, date, event_n) index instead of listing every event the actor ever had
      const window = (q.since ? " AND date >= ?" : "") + (q.until ? " AND date <= ?" : "");
      where.push(`e.n IN (SELECT event_n FROM event_actors WHERE actor_id IN (${qs(ids.length)})${window})`);
      params.push(...ids);
      if (q.since) params.push(q.since);
      if (q.until) params.push(q.until);
    }
    if (q.source) {
      const s = q.source.toLowerCase();
      where.push(
        "(e.n IN (SELECT event_n FROM event_sources WHERE source_key = ? OR outlet_key = ? OR article_id = ?) OR lower(e.ext_source) LIKE ?)",
      );
      params.push(s, s, q.source, `%${s}%`);
    }
    if (q.text) {
      where.push("lower(e.text) LIKE ?");
      params.push(`%${q.text.toLowerCase()}%`);
    }
    if (q.bbox) {
      const f = this.db.bboxWhere(q.bbox, { timeWindow: !!(q.since || q.until) });
      where.push(f.sql);
      params.push(...f.params);
    }
    if (q.near) {
      const f = this.db.nearWhere(q.near);
      where.push(f.sql);
      params.push(...f.params);
    }
    return { where, params };
  }

  async queryEvents(q: EventQuery = {}): Promise<Page<StoredEvent>> {
    const { where, params } = await this.eventWhere(q);
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const order = {
      "date-desc": "e.date DESC, e.n DESC",
      "date-asc": "e.date ASC, e.n ASC",
      "sources-desc": "e.source_count DESC, e.date DESC, e.n DESC",
      "reported-desc": "e.last_reported DESC, e.n DESC",
    }[q.sort ?? "date-desc"];
    const rows = await this.db.all<Row>(`SELECT ${EVENT_COLS} FROM events e ${w} ORDER BY ${order} LIMIT ? OFFSET ?`, [
      ...params,
      Math.min(q.limit ?? 100, 100_000),
      q.offset ?? 0,
    ]);
    const items = await this.hydrate(rows, q.withSources !== false);
    const page: Page<StoredEvent> = { items };
    if (q.withTotal) page.total = num((await this.db.get<Row>(`SELECT count(*) AS c FROM events e ${w}`, params))?.c);
    return page;
  }

  async mapPoints(q: MapQuery = {}): Promise<MapPoints> {
    const { where, params } = await this.eventWhere(q);
    where.push("e.lat IS NOT NULL");
    const w = `WHERE ${where.join(" AND ")}`;
    const out: MapPoints = { count: 0, truncated: false, id: [], lon: [], lat: [], eventType: [], date: [], sources: [], precision: [] };
    if (q.cellDegrees !== undefined) {
      const c = Math.min(90, Math.max(0.01, Number(q.cellDegrees) || 1));
      // Cells numbered from the south-west corner of the world, so the floor is of a non-negative number.
      const cx = this.db.floorExpr(`(e.lon + 180) / ${c}`);
      const cy = this.db.floorExpr(`(e.lat + 90) / ${c}`);
      const rows = await this.db.all<Row>(
        `SELECT ${cx} AS cx, ${cy} AS cy, e.event_type AS t, count(*) AS c, sum(e.lon) AS sx, sum(e.lat) AS sy FROM events e ${w} GROUP BY 1, 2, 3`,
        params,
      );
      const cells = new Map<string, MapCell & { sx: number; sy: number }>();
      for (const r of rows) {
        const k = `${r.cx},${r.cy}`;
        const cell = cells.get(k) ?? { lon: 0, lat: 0, count: 0, byType: {}, sx: 0, sy: 0 };
        cell.count += num(r.c);
        cell.sx += num(r.sx);
        cell.sy += num(r.sy);
        cell.byType[String(r.t) as EventType] = num(r.c);
        cells.set(k, cell);
      }
      out.cells = [...cells.values()]
        .map(({ sx, sy, ...cell }) => ({ ...cell, lon: sx / cell.count, lat: sy / cell.count }))
        .sort((a, b) => b.count - a.count || a.lon - b.lon || a.lat - b.lat);
      out.count = out.cells.reduce((n, cell) => n + cell.count, 0);
      return out;
    }
    const limit = Math.min(250_000, Math.max(1, Math.floor(q.limit ?? 10_000)));
    // One more than asked: only a capped answer needs the separate count.
    const rows = await this.db.all<Row>(
      `SELECT e.n, e.lon, e.lat, e.event_type, e.date, e.source_count, e.geo_precision FROM events e ${w} ORDER BY e.date DESC, e.n DESC LIMIT ?`,
      [...params, limit + 1],
    );
    out.truncated = rows.length > limit;
    for (const r of out.truncated ? rows.slice(0, limit) : rows) {
      out.id.push(String(r.n));
      out.lon.push(num(r.lon));
      out.lat.push(num(r.lat));
      out.eventType.push(String(r.event_type) as EventType);
      out.date.push(String(r.date));
      out.sources.push(num(r.source_count));
      out.precision.push(num(r.geo_precision));
    }
    out.count = out.truncated ? num((await this.db.get<Row>(`SELECT count(*) AS c FROM events e ${w}`, params))?.c) : rows.length;
    return out;
  }

  private async hydrate(rows: Row[], withSources: boolean): Promise<StoredEvent[]> {
    const events = rows.map(eventFromRow);
    if (!withSources || events.length === 0) return events;
    const byN = new Map(events.map((e) => [e.id, e]));
    for (let i = 0; i < events.length; i += 500) {
      const chunk = events.slice(i, i + 500).map((e) => Number(e.id));
      const src = await this.db.all<Row>(
        `SELECT s.event_n, s.report, a.url, a.title, a.outlet, a.published_at FROM event_sources s LEFT JOIN articles a ON a.id = s.article_id WHERE s.event_n IN (${qs(chunk.length)}) ORDER BY s.event_n, s.ord`,
        chunk,
      );
      for (const s of src) byN.get(String(s.event_n))?.sources.push(sourceFromRow(s));
    }
    return events;
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    if (!/^\d+$/.test(id)) return null;
    const r = await this.db.get<Row>(`SELECT ${EVENT_COLS} FROM events e WHERE e.n = ?`, [Number(id)]);
    return r ? (await this.hydrate([r], true))[0] : null;
  }

  async eventsSince(cursor: number, limit = 500): Promise<EventChanges> {
    const rows = await this.db.all<Row>(`SELECT ${EVENT_COLS} FROM events e WHERE e.seq > ? ORDER BY e.seq LIMIT ?`, [cursor, limit]);
    let maxSeq = rows.length ? num(rows[rows.length - 1].seq) : Number.POSITIVE_INFINITY;
    // Tombstones up to the last event change returned (all of them when this batch is not full).
    const full = rows.length === limit;
    const tomb = await this.db.all<Row>(
      `SELECT seq, event_n FROM event_tombstones WHERE seq > ? ${full ? "AND seq <= ?" : ""} ORDER BY seq`,
      full ? [cursor, maxSeq] : [cursor],
    );
    if (!full) maxSeq = Math.max(rows.length ? num(rows[rows.length - 1].seq) : cursor, ...tomb.map((t) => num(t.seq)), cursor);
    const events = await this.hydrate(rows, true);
    const live = new Set(events.map((e) => e.id));
    return {
      events,
      removed: tomb.map((t) => String(t.event_n)).filter((id) => !live.has(id)),
      cursor: maxSeq,
    };
  }

  // ───────────── actors ─────────────

  async getActor(id: string): Promise<ActorProfile | null> {
    // Independent reads, issued together in one round (PostgreSQL runs them on separate pooled
    // connections); the other actors' names come joined, so no second round is needed.
    const [a, ev, m, rels, fought, recent] = await Promise.all([
      this.db.get<Row>("SELECT * FROM actors WHERE id = ?", [id]),
      this.db.get<Row>("SELECT events AS c FROM actor_event_counts WHERE actor_id = ?", [id]),
      this.db.get<Row>(
        "SELECT count(*) AS c, sum(mentions) AS m, min(pub_date) AS f, max(pub_date) AS l FROM actor_mentions WHERE actor_id = ?",
        [id],
      ),
      this.db.all<Row>(
        `SELECT r.type, r.source, r.target, sum(r.evidence_count) AS ev, count(*) AS arts, min(r.pub_date) AS f, max(r.pub_date) AS l,
           (SELECT name FROM actors WHERE id = r.source) AS source_name, (SELECT name FROM actors WHERE id = r.target) AS target_name
         FROM relation_evidence r WHERE r.source = ? OR r.target = ? GROUP BY r.type, r.source, r.target`,
        [id, id],
      ),
      // Who it fought (actor1/actor2 of the same event), kept up to date on write.
      this.db.all<Row>(
        "SELECT p.other, p.events AS c, p.first_date AS f, p.last_date AS l, a.name FROM actor_pairs p LEFT JOIN actors a ON a.id = p.other WHERE p.actor_id = ? AND p.events > 0 ORDER BY p.events DESC, p.other LIMIT 50",
        [id],
      ),
      this.db.all<Row>(
        `SELECT ${EVENT_COLS} FROM event_actors x JOIN events e ON e.n = x.event_n WHERE x.actor_id = ? ORDER BY x.date DESC, x.event_n DESC LIMIT 20`,
        [id],
      ),
    ]);
    if (!a) return null;
    const names = new Map<string, string>();
    for (const r of rels) {
      if (r.source_name !== null && r.source_name !== undefined) names.set(String(r.source), String(r.source_name));
      if (r.target_name !== null && r.target_name !== undefined) names.set(String(r.target), String(r.target_name));
    }
    for (const f of fought) if (f.name !== null && f.name !== undefined) names.set(String(f.other), String(f.name));
    const rs = (r: Row, other: string): RelationSummary => ({
      type: String(r.type) as RelationType,
      actor: other,
      name: names.get(other),
      evidenceCount: num(r.ev),
      articleCount: num(r.arts),
      firstSeen: optStr(r.f),
      lastSeen: optStr(r.l),
    });
    const out = (type: string) => rels.filter((r) => r.type === type && r.source === id).map((r) => rs(r, String(r.target)));
    const inc = (type: string) => rels.filter((r) => r.type === type && r.target === id).map((r) => rs(r, String(r.source)));
    // One entry per other actor: relations stated in either direction add up.
    const byEvidence = (xs: RelationSummary[]) => {
      const one = new Map<string, RelationSummary>();
      for (const x of xs) {
        const k = `${x.type}\u0000${x.actor}`;
        const have = one.get(k);
        if (!have) one.set(k, { ...x });
        else {
          have.evidenceCount += x.evidenceCount;
          have.articleCount += x.articleCount;
          if (x.firstSeen && (!have.firstSeen || x.firstSeen < have.firstSeen)) have.firstSeen = x.firstSeen;
          if (x.lastSeen && (!have.lastSeen || x.lastSeen > have.lastSeen)) have.lastSeen = x.lastSeen;
        }
      }
      return [...one.values()].sort((x, y) => y.evidenceCount - x.evidenceCount || x.actor.localeCompare(y.actor));
    };
    const opponents = [...out("opposes"), ...inc("opposes")];
    for (const f of fought) {
      const other = String(f.other);
      const have = opponents.find((o) => o.actor === other);
      if (have) {
        have.evidenceCount += num(f.c);
        if (optStr(f.f) && (!have.firstSeen || String(f.f) < have.firstSeen)) have.firstSeen = String(f.f);
        if (optStr(f.l) && (!have.lastSeen || String(f.l) > have.lastSeen)) have.lastSeen = String(f.l);
      } else
        opponents.push({
          type: "opposes",
          actor: other,
          name: names.get(other),
          evidenceCount: num(f.c),
          articleCount: 0,
          firstSeen: optStr(f.f),
          lastSeen: optStr(f.l),
        });
    }
    return {
      id,
      name: String(a.name),
      kind: String(a.kind) as ActorProfile["kind"],
      inter: optNum(a.inter),
      country: optStr(a.country),
      role: optStr(a.role),
      affiliation: optStr(a.affiliation),
      aliases: JSON.parse(String(a.aliases)),
      eventCount: num(ev?.c),
      articleCount: num(m?.c),
      mentionCount: num(m?.m),
      firstSeen: optStr(m?.f),
      lastSeen: optStr(m?.l),
      sponsors: byEvidence(out("backed-by")),
      backs: byEvidence(inc("backed-by")),
      allies: byEvidence([...out("allied-with"), ...inc("allied-with")]),
      opponents: byEvidence(opponents),
      partOf: byEvidence([...out("part-of"), ...out("led-by"), ...out("dominated-by")]),
      parts: byEvidence(inc("part-of")),
      recentEvents: await this.hydrate(recent, false),
    };
  }

  async listActors(q: ActorQuery = {}): Promise<Page<ActorSummary>> {
    const where: string[] = [];
    const params: Param[] = [];
    if (q.text) {
      where.push("(lower(a.name) LIKE ? OR lower(a.aliases) LIKE ? OR a.id = ?)");
      params.push(`%${q.text.toLowerCase()}%`, `%${q.text.toLowerCase()}%`, q.text);
    }
    if (q.kind) {
      where.push("a.kind = ?");
      params.push(q.kind);
    }
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows = await this.db.all<Row>(
      `SELECT a.id, a.name, a.kind, a.inter, a.country,
         (SELECT events FROM actor_event_counts x WHERE x.actor_id = a.id) AS ev,
         (SELECT count(*) FROM actor_mentions m WHERE m.actor_id = a.id) AS arts
       FROM actors a ${w} ORDER BY arts DESC, ev DESC, a.id LIMIT ? OFFSET ?`,
      [...params, q.limit ?? 100, q.offset ?? 0],
    );
    const total = await this.db.get<Row>(`SELECT count(*) AS c FROM actors a ${w}`, params);
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        name: String(r.name),
        kind: String(r.kind) as ActorSummary["kind"],
        inter: optNum(r.inter),
        country: optStr(r.country),
        eventCount: num(r.ev),
        articleCount: num(r.arts),
      })),
      total: num(total?.c),
    };
  }

  async actorGraph(q: GraphQuery = {}): Promise<ActorGraph> {
    const where: string[] = [];
    const params: Param[] = [];
    if (q.types?.length) {
      where.push(`type IN (${qs(q.types.length)})`);
      params.push(...q.types);
    }
    if (q.since) {
      where.push("pub_date >= ?");
      params.push(q.since);
    }
    if (q.until) {
      where.push("pub_date <= ?");
      params.push(q.until);
    }
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rels = await this.db.all<Row>(
      `SELECT type, source, target, sum(evidence_count) AS ev, count(*) AS arts, min(pub_date) AS f, max(pub_date) AS l FROM relation_evidence ${w} GROUP BY type, source, target`,
      params,
    );
    let edges: GraphEdge[] = rels
      .map((r) => ({
        source: String(r.source),
        target: String(r.target),
        type: String(r.type) as RelationType,
        weight: num(r.ev),
        articleCount: num(r.arts),
        firstSeen: optStr(r.f),
        lastSeen: optStr(r.l),
      }))
      .filter((e) => e.weight >= (q.minEvidence ?? 1));
    if (q.includeEvents) {
      // Pairs are stored both ways; one edge per pair. (since/until do not apply to these counts.)
      const fought = await this.db.all<Row>(
        "SELECT actor_id AS actor1, other AS actor2, events AS c, first_date AS f, last_date AS l FROM actor_pairs WHERE actor_id < other AND events > 0",
      );
      for (const f of fought)
        if (num(f.c) >= (q.minEvidence ?? 1))
          edges.push({
            source: String(f.actor1),
            target: String(f.actor2),
            type: "fought",
            weight: num(f.c),
            articleCount: 0,
            firstSeen: optStr(f.f),
            lastSeen: optStr(f.l),
          });
    }
    let ids = new Set(edges.flatMap((e) => [e.source, e.target]));
    if (q.actor) {
      const keep = new Set([q.actor]);
      let frontier = [q.actor];
      for (let d = 0; d < (q.depth ?? 1) && frontier.length; d++) {
        const next: string[] = [];
        for (const e of edges)
          for (const [x, y] of [
            [e.source, e.target],
            [e.target, e.source],
          ])
            if (frontier.includes(x) && !keep.has(y)) {
              keep.add(y);
              next.push(y);
            }
        frontier = next;
      }
      ids = keep;
      edges = edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    }
    const degree = new Map<string, number>();
    for (const e of edges) for (const x of [e.source, e.target]) degree.set(x, (degree.get(x) ?? 0) + e.weight);
    const limited = [...ids].sort((x, y) => (degree.get(y) ?? 0) - (degree.get(x) ?? 0) || x.localeCompare(y)).slice(0, q.limit ?? 500);
    const keepIds = new Set(limited);
    edges = edges.filter((e) => keepIds.has(e.source) && keepIds.has(e.target));
    const nodes = [];
    for (let i = 0; i < limited.length; i += 500) {
      const chunk = limited.slice(i, i + 500);
      const rows = await this.db.all<Row>(
        `SELECT a.id, a.name, a.kind,
          (SELECT events FROM actor_event_counts x WHERE x.actor_id = a.id) AS ev,
          (SELECT count(*) FROM actor_mentions m WHERE m.actor_id = a.id) AS arts
         FROM actors a WHERE a.id IN (${qs(chunk.length)})`,
        chunk,
      );
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      for (const id of chunk) {
        const r = byId.get(id);
        nodes.push({
          id,
          name: r ? String(r.name) : id,
          kind: (r ? String(r.kind) : "other") as ActorSummary["kind"],
          eventCount: num(r?.ev),
          articleCount: num(r?.arts),
        });
      }
    }
    return { nodes, edges };
  }

  // ───────────── places, timeline, stats ─────────────

  async listPlaces(q: PlaceQuery = {}): Promise<PlaceSummary[]> {
    const where: string[] = ["e.place_id IS NOT NULL"];
    const params: Param[] = [];
    if (q.bbox) {
      const f = this.db.bboxWhere(q.bbox);
      where.push(f.sql);
      params.push(...f.params);
    }
    if (q.text) {
      where.push("lower(e.place_name) LIKE ?");
      params.push(`%${q.text.toLowerCase()}%`);
    }
    const rows = await this.db.all<Row>(
      `SELECT e.place_id, min(e.place_name) AS name, min(e.lat) AS lat, min(e.lon) AS lon, min(e.geo_precision) AS prec,
         min(e.country) AS country, min(e.admin1) AS admin1, min(e.admin2) AS admin2, count(*) AS ev, sum(e.source_count) AS arts
       FROM events e WHERE ${where.join(" AND ")} GROUP BY e.place_id ORDER BY count(*) DESC, e.place_id LIMIT ?`,
      [...params, q.limit ?? 1000],
    );
    return rows.map((r) => ({
      id: String(r.place_id),
      name: String(r.name),
      lat: num(r.lat),
      lon: num(r.lon),
      precision: num(r.prec) as 1 | 2 | 3,
      country: optStr(r.country),
      admin1: optStr(r.admin1),
      admin2: optStr(r.admin2),
      eventCount: num(r.ev),
      articleCount: num(r.arts),
    }));
  }

  async timeline(q: TimelineQuery): Promise<TimelineBucket[]> {
    const { where, params } = await this.eventWhere(q);
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const b = q.by === "week" ? this.db.weekExpr("e.date") : "e.date";
    const rows = await this.db.all<Row>(
      `SELECT ${b} AS bucket, e.event_type AS t, count(*) AS c FROM events e ${w} GROUP BY ${b}, e.event_type ORDER BY 1`,
      params,
    );
    const out = new Map<string, TimelineBucket>();
    for (const r of rows) {
      const k = String(r.bucket);
      const cur = out.get(k) ?? { bucket: k, counts: {}, total: 0 };
      cur.counts[String(r.t) as EventType] = num(r.c);
      cur.total += num(r.c);
      out.set(k, cur);
    }
    return [...out.values()];
  }

  async stats(): Promise<StoreStats> {
    const c = async (sql: string) => num((await this.db.get<Row>(sql))?.c);
    const byType = await this.db.all<Row>("SELECT event_type AS t, count(*) AS c FROM events GROUP BY event_type");
    const range = await this.db.get<Row>("SELECT min(date) AS f, max(date) AS l FROM events");
    return {
      backend: this.backend,
      schemaVersion: await this.db.schemaVersion(),
      articles: await c("SELECT count(*) AS c FROM articles"),
      events: await c("SELECT count(*) AS c FROM events"),
      eventSources: await c("SELECT count(*) AS c FROM event_sources"),
      actors: await c("SELECT count(*) AS c FROM actors"),
      relations: await c("SELECT count(*) AS c FROM (SELECT DISTINCT type, source, target FROM relation_evidence) t"),
      places: await c("SELECT count(DISTINCT place_id) AS c FROM events"),
      eventsByType: Object.fromEntries(byType.map((r) => [String(r.t), num(r.c)])),
      firstEvent: optStr(range?.f),
      lastEvent: optStr(range?.l),
      cursor: await this.cursor(),
    };
  }

  // ───────────── imports ─────────────

  importEvents(events: ImportedEvent[]): Promise<ImportResult> {
    return this.write(async (db) => {
      this.forgetMerges(); // it rewrites events by external id
      let inserted = 0;
      let updated = 0;
      const BATCH = 400;
      for (let i = 0; i < events.length; i += BATCH) {
        const batch = events.slice(i, i + BATCH);
        // Actors first (names as given; never overwrite a known actor).
        const actors = new Map<string, { name: string; inter?: number }>();
        for (const e of batch) for (const [id, v] of Object.entries(e.actorNames)) actors.set(id, v);
        const ids = [...actors.keys()];
        for (let j = 0; j < ids.length; j += 300) {
          const chunk = ids.slice(j, j + 300);
          await db.run(
            `INSERT INTO actors (id, name, kind, inter, known, aliases) VALUES ${chunk.map(() => "(?,?,?,?,0,'[]')").join(",")} ON CONFLICT (id) DO NOTHING`,
            chunk.flatMap((id) => [id, actors.get(id)!.name, kindForInter(actors.get(id)!.inter), actors.get(id)!.inter ?? null]),
          );
        }
        const existing = await db.all<Row>(`SELECT n, external_id FROM events WHERE external_id IN (${qs(batch.length)})`, batch.map((e) => e.externalId));
        const have = new Map(existing.map((r) => [String(r.external_id), num(r.n)]));
        const seq0 = await this.nextSeq(db, batch.length);
        const fresh: { e: ImportedEvent; seq: number }[] = [];
        let k = 0;
        for (const e of batch) {
          const seq = seq0 + k++;
          const n = have.get(e.externalId);
          if (n === undefined) {
            fresh.push({ e, seq });
            continue;
          }
          const sets = IMPORT_FIELDS.map((f) => `${f} = ?`).join(", ");
          await this.countPairsOf(db, [n], -1);
          await db.run(`UPDATE events SET ${sets}, seq = ? WHERE n = ?`, [...importValues(e), seq, n]);
          await this.countPairs(db, [[e.actor1, e.actor2, e.date, 1]]);
          await this.clearEventActors(db, [n]);
          await this.insertActorsOf(db, [{ n, e }]);
          updated++;
        }
        if (fresh.length > 0) {
          const rows = await db.all<Row>(
            `INSERT INTO events (${IMPORT_FIELDS.join(", ")}, origin, seq) VALUES ${fresh.map(() => `(${qs(IMPORT_FIELDS.length)}, 'acled', ?)`).join(",")} RETURNING n, external_id, lat, lon`,
            fresh.flatMap(({ e, seq }) => [...importValues(e), seq]),
          );
          await insertRtree(
            db,
            rows.map((r) => [num(r.n), optNum(r.lat), optNum(r.lon)] as const).sort((a, b) => a[0] - b[0]),
          );
          const byExt = new Map(rows.map((r) => [String(r.external_id), num(r.n)]));
          await this.insertActorsOf(
            db,
            fresh.map(({ e }) => ({ n: byExt.get(e.externalId)!, e })),
          );
          await this.countPairs(
            db,
            fresh.map(({ e }) => [e.actor1, e.actor2, e.date, 1]),
          );
          inserted += fresh.length;
        }
      }
      return { inserted, updated };
    });
  }

  private async insertActorsOf(db: Db, items: { n: number; e: ImportedEvent }[]): Promise<void> {
    const rows: Param[][] = [];
    for (const { n, e } of items) {
      const ids = new Set([e.actor1, e.actor2, ...e.assocActors1, ...e.assocActors2].filter((x): x is string => !!x));
      for (const id of ids) rows.push([id, n, e.date]);
    }
    for (let j = 0; j < rows.length; j += 1000) {
      const chunk = rows.slice(j, j + 1000);
      await db.run(`INSERT INTO event_actors (actor_id, event_n, date) VALUES ${chunk.map(() => "(?,?,?)").join(",")}`, chunk.flat());
    }
    await this.countActors(
      db,
      rows.map((r) => [String(r[0]), 1]),
    );
  }
}

const IMPORT_FIELDS = [
  "event_type",
  "sub_event_type",
  "actor1",
  "actor2",
  "assoc1",
  "assoc2",
  "date",
  "date_precision",
  "place_id",
  "place_name",
  "lat",
  "lon",
  "geo_precision",
  "country",
  "admin1",
  "admin2",
  "modality",
  "fatalities",
  "fatality_claims",
  "source_count",
  "external_id",
  "ext_source",
  "notes",
  "confidence",
  "text",
  "first_reported",
  "last_reported",
];

function importValues(e: ImportedEvent): Param[] {
  const sources = e.source
    .split(/;\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  const claims = e.fatalities === undefined ? [] : [{ fatalities: e.fatalities, source: e.source || "ACLED", sourceKind: "other", articleId: "" }];
  return [
    e.eventType,
    e.subEventType,
    e.actor1 ?? null,
    e.actor2 ?? null,
    JSON.stringify(e.assocActors1),
    JSON.stringify(e.assocActors2),
    e.date,
    e.datePrecision,
    e.place?.id ?? null,
    e.place?.name ?? null,
    e.place?.lat ?? null,
    e.place?.lon ?? null,
    e.place?.precision ?? null,
    e.place?.country ?? null,
    e.place?.admin1 ?? null,
    e.place?.admin2 ?? null,
    "asserted",
    e.fatalities ?? null,
    JSON.stringify(claims),
    Math.max(1, sources.length),
    e.externalId,
    e.source,
    e.notes ?? null,
    1,
    e.notes ?? null,
    e.reportedAt ?? null,
    e.reportedAt ?? null,
  ];
}

function kindForInter(inter?: number): string {
  return (
    {
      1: "state-force",
      2: "rebel-group",
      3: "political-militia",
      4: "identity-militia",
      5: "rioters",
      6: "protesters",
      7: "civilians",
      8: "external-force",
    }[inter ?? 0] ?? "other"
  );
}

/**
 * The articles row of a document (id, doc_id, url, outlet, title, byline, published_at, pub_date,
 * content_hash, stored_at, event_count, body, doc): the body has its own column, and the stored
 * document (doc, its JSON) leaves it out.
 */
function articleRow(doc: ExtractedDoc, key: string, hash: string, pubDate: string | null, storedAt: string): Param[] {
  const a = doc.article;
  return [
    key,
    doc.id,
    a.url ?? null,
    a.outlet ?? null,
    a.title ?? null,
    a.byline ?? null,
    a.publishedAt ?? null,
    pubDate,
    hash,
    storedAt,
    doc.events.length,
    a.body,
    JSON.stringify({ ...doc, article: { ...doc.article, body: undefined } }),
  ];
}

/** One document event → the report the merger works with. */
function toReport(
  doc: ExtractedDoc,
  e: ConflictEvent,
  key: string,
  places: Map<string, Place>,
  fallbackDay: string,
): EventReport {
  const p = e.placeId ? places.get(e.placeId) : undefined;
  const body = doc.article.body;
  // An event of an undated article with no date of its own ("" from extraction) is dated by the
  // article's publication day, else the day it was stored, at ACLED's vaguest time precision.
  const dated = day(e.date.date) !== null;
  return {
    articleId: key,
    docEventId: e.id,
    outlet: doc.article.outlet,
    publishedAt: doc.article.publishedAt,
    eventType: e.eventType,
    subEventType: e.subEventType,
    actor1: e.actor1,
    actor2: e.actor2,
    assocActors1: e.assocActors1 ?? [],
    assocActors2: e.assocActors2 ?? [],
    date: dated ? e.date.date : fallbackDay,
    dateEnd: dated ? e.date.end : undefined,
    datePrecision: dated ? e.date.precision : 3,
    dateDefaulted: !dated || !e.date.text,
    place: p
      ? {
          id: placeKey(p),
          name: p.name,
          lat: p.lat,
          lon: p.lon,
          precision: p.precision,
          country: p.countryCode,
          admin1: p.admin1,
        }
      : undefined,
    locationText: e.location?.text,
    modality: e.modality,
    fatalities: e.fatalities,
    attribution: e.attribution,
    sentence: { start: e.sentence.start, end: e.sentence.end, text: body.slice(e.sentence.start, e.sentence.end) },
    trigger: e.trigger?.text,
    confidence: e.confidence,
  };
}

/**
 * A report as kept for later merges (mergeReports): the same fields as the stored JSON read back
 * (combineReports reads a missing field and an undefined one alike), with its own arrays and
 * objects rather than the document's, as a parsed copy would have.
 */
function ownReport(r: EventReport): EventReport {
  // a number JSON would write as null (NaN, ±Infinity) among those combineReports computes with: the parsed copy itself
  const finite = (x: number | undefined) => x === undefined || Number.isFinite(x);
  if (!finite(r.confidence) || !finite(r.datePrecision) || !finite(r.fatalities) || !finite(r.place?.precision))
    return parsedReport(JSON.stringify(r));
  return reportOf(r, {
    assocActors1: [...r.assocActors1],
    assocActors2: [...r.assocActors2],
    place: r.place ? { ...r.place } : undefined,
    attribution: { ...r.attribution, span: r.attribution.span ? { ...r.attribution.span } : undefined },
    sentence: { ...r.sentence },
  });
}

/** A stored report's JSON (event_sources.report) as the report combineReports reads (reportOf). */
function parsedReport(json: string): EventReport {
  const r = JSON.parse(json) as EventReport;
  return reportOf(r, r);
}

/**
 * `r` with the fields toReport writes, in its order (the objects of `own` in place of r's): every
 * report merging keeps or reads back has the shape of a new one, so that combineReports and the
 * functions it calls see reports of one shape (stored reports parsed, and copies made by spreading,
 * had others: the first merges into events read back on a new connection deoptimised them).
 * A field r lacks is undefined, which combineReports reads as the missing field.
 */
function reportOf(r: EventReport, own: Pick<EventReport, "assocActors1" | "assocActors2" | "place" | "attribution" | "sentence">): EventReport {
  return {
    articleId: r.articleId,
    docEventId: r.docEventId,
    outlet: r.outlet,
    publishedAt: r.publishedAt,
    eventType: r.eventType,
    subEventType: r.subEventType,
    actor1: r.actor1,
    actor2: r.actor2,
    assocActors1: own.assocActors1,
    assocActors2: own.assocActors2,
    date: r.date,
    dateEnd: r.dateEnd,
    datePrecision: r.datePrecision,
    dateDefaulted: r.dateDefaulted,
    place: own.place,
    locationText: r.locationText,
    modality: r.modality,
    fatalities: r.fatalities,
    attribution: own.attribution,
    sentence: own.sentence,
    trigger: r.trigger,
    confidence: r.confidence,
    // every field of EventReport named (tsc): one added later is not dropped from kept reports
  } satisfies Record<keyof EventReport, unknown>;
}

/**
 * The actor links of events ns as relinkEventActors' query reads them (event row numbers ascending,
 * then actor ids in SQLite's byte order), made from the column values `prior` holds for each: those
 * rebuild last wrote for an event it keeps (mergeReports), whose links relinkEventActors then wrote
 * from the same values. undefined when one of them is not there (the links are read).
 */
function keptLinks(ns: readonly number[], prior?: Map<number, readonly Param[]>): [string, number, string][] | undefined {
  if (!prior || prior.size === 0) return undefined;
  const out: [string, number, string][] = [];
  for (const n of [...new Set(ns)].sort((a, b) => a - b)) {
    const v = prior.get(n);
    if (!v) return undefined;
    const ids = new Set<string>();
    if (v[2]) ids.add(String(v[2]));
    if (v[3]) ids.add(String(v[3]));
    for (const id of jsonList(v[4])) if (id) ids.add(String(id));
    for (const id of jsonList(v[5])) if (id) ids.add(String(id));
    const date = String(v[6]);
    for (const id of [...ids].sort(byteOrder)) out.push([id, n, date]);
  }
  return out;
}

/** A document a write batch saved: the JSON stored in articles.doc (no body) and the body. */
type KeptDoc = { json: string; body: string };

/** The document a KeptDoc was made from (as its JSON reads back). */
function keptDoc(k: KeptDoc): ExtractedDoc {
  const doc = JSON.parse(k.json) as ExtractedDoc;
  doc.article.body = k.body;
  return doc;
}

/** SQLite's BINARY order of two strings: their UTF-8 bytes (UTF-16 code units differ past U+FFFF). */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * A document's places by document id, and the places rows to upsert (one per place key, the last one
 * given wins) but those `kept` (placeRows) holds with the same values: the upsert would not change
 * them. `kept` takes the rows to write.
 */
function placeWrites(docPlaces: readonly Place[], kept: Map<string, Param[]> | undefined): { places: Map<string, Place>; write: Param[][] } {
  const places = new Map<string, Place>();
  const rows = new Map<string, Param[]>();
  for (const p of docPlaces) {
    places.set(p.id, p);
    const k = placeKey(p);
    rows.delete(k);
    rows.set(k, [k, p.name, p.lat, p.lon, p.precision, p.countryCode ?? null, p.admin1 ?? null, null, p.featureCode ?? null]);
  }
  const write: Param[][] = [];
  for (const row of rows.values()) {
    const k = row[0] as string;
    const old = kept?.get(k);
    if (old && sameValues(row, old)) continue;
    write.push(row);
    kept?.set(k, row);
  }
  return { places, write };
}

/** actor_event_counts rows (actor, delta) summing the deltas by actor, in order of first appearance; those netting to 0 left out. */
function countRows(deltas: readonly [string, number][]): Param[][] {
  const sum = new Map<string, number>();
  for (let i = 0; i < deltas.length; i++) {
    const id = deltas[i][0];
    sum.set(id, (sum.get(id) ?? 0) + deltas[i][1]);
  }
  const rows: Param[][] = [];
  for (const id of sum.keys()) {
    const d = sum.get(id)!;
    if (d !== 0) rows.push([id, d]);
  }
  return rows;
}

/** A report's actors (actor1, actor2, then the associated ones), each once, none empty. */
function actorsOfReport(r: EventReport): string[] {
  const set = new Set<string>();
  if (r.actor1) set.add(r.actor1);
  if (r.actor2) set.add(r.actor2);
  for (const x of r.assocActors1) if (x) set.add(x);
  for (const x of r.assocActors2) if (x) set.add(x);
  return [...set];
}

/** Whether `row` holds `old`'s values, place by place (=== for each of row's). */
function sameValues(row: readonly Param[], old: readonly Param[]): boolean {
  for (let i = 0; i < row.length; i++) if (row[i] !== old[i]) return false;
  return true;
}

/** Stored actors rows read as arrays, into `stored` (and `kept`: actorRows) by id. */
function keepActorRows(rows: readonly unknown[][], stored: Map<string, Row>, kept: Map<string, Row> | undefined): void {
  for (const a of rows) {
    const row = actorRow(a);
    stored.set(String(row.id), row);
    kept?.set(String(row.id), row);
  }
}

/** Events' actor links (actor id, event row number, date), one per distinct actor of each event. */
function linkRows(items: { n: number; c: CombinedEvent }[]): Param[][] {
  const rows: Param[][] = [];
  for (let i = 0; i < items.length; i++) {
    const { n, c } = items[i];
    const ids = new Set<string | undefined>();
    ids.add(c.actor1);
    ids.add(c.actor2);
    for (const id of c.assocActors1) ids.add(id);
    for (const id of c.assocActors2) ids.add(id);
    for (const id of ids) if (id) rows.push([id, n, c.date]);
  }
  return rows;
}

/**
 * actor_pairs rows (actor, other, events, first date, last date) summing the deltas by ordered pair,
 * both directions of each pair in order of first appearance; pairs whose count nets to 0 are left out.
 * (Indexed, not destructured: an array pattern compiles to the whole iterator protocol.)
 */
function pairRows(deltas: readonly PairDelta[]): Param[][] {
  const sum = new Map<string, { a: string; b: string; d: number; f: string; l: string }>();
  for (let i = 0; i < deltas.length; i++) {
    const t = deltas[i];
    const x = t[0];
    const y = t[1];
    if (!x || !y || x === y) continue;
    addPair(sum, x, y, t[2], t[3]);
    addPair(sum, y, x, t[2], t[3]);
  }
  const rows: Param[][] = [];
  for (const r of sum.values()) if (r.d !== 0) rows.push([r.a, r.b, r.d, r.f, r.l]);
  return rows;
}

/** Adds delta d on `date` to the pair (a, b) of `sum` (pairRows). */
function addPair(sum: Map<string, { a: string; b: string; d: number; f: string; l: string }>, a: string, b: string, date: string, d: number): void {
  const k = `${a}\u0000${b}`;
  let cur = sum.get(k);
  if (cur === undefined) {
    cur = { a, b, d: 0, f: date, l: date };
    sum.set(k, cur);
  }
  cur.d += d;
  if (date < cur.f) cur.f = date;
  if (date > cur.l) cur.l = date;
}

/** The first row of each event (its row number by nOf) in order, at most `limit` of them: what SELECT DISTINCT would keep. */
function firstPerEvent<T>(rows: readonly T[], nOf: (row: T) => number, limit: number): T[] {
  const seen = new Set<number>();
  const out: T[] = [];
  for (const row of rows) {
    const n = nOf(row);
    if (seen.has(n)) continue;
    seen.add(n);
    out.push(row);
    if (out.length === limit) break;
  }
  return out;
}

/** Of the candidate events ns (view i for ns[i]), the one sameEvent matches with the lowest score; those in `claimed` are skipped. */
function bestMatch(r: EventReport, claimed: Set<number>, ns: readonly number[], viewAt: (i: number) => MergeView): number | undefined {
  let best: number | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ns.length; i++) {
    const n = ns[i];
    if (claimed.has(n)) continue;
    const d = sameEvent(r, viewAt(i));
    if (d.same && d.score < bestScore) {
      best = n;
      bestScore = d.score;
    }
  }
  return best;
}

