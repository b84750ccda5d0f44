// The knowledge base behind one interface: every article, actor, relation, place and
// event sitrep has seen, with provenance. SQLite (src/store/sqlite/) is the embedded
// default; PostgreSQL + PostGIS (src/store/postgres/) serves teams. Both pass the same
// contract suite (test/store/contract.ts). Every method is async so either fits.
//
//   const store = await openStore("./sitrep.db");          // or "postgres://user:pw@host/db"
//   await store.saveDoc(extract(article));
//   const { items } = await store.queryEvents({ near: { lat: 35.33, lon: 40.14, radiusKm: 50 }, actor: "sdf" });
//   await store.close();
import type {
  ActorKind,
  Attribution,
  EventKindAndSides,
  EventType,
  ExtractedDoc,
  GeoPrecision,
  Modality,
  RelationType,
  SourceKind,
  SubEventType,
  TimePrecision,
} from "../types/index.js";

// ───────────────────────── writing ─────────────────────────

/** Store.openBatch(): documents saved into one open transaction until commit(). */
export interface WriteBatch {
  /**
   * Saves as saveDoc does, inside the batch's transaction; a failing document is undone alone and its
   * error thrown (on SQLite the batch's earlier documents are then saved again from the JSON it stored
   * for each, a copy taken when it was saved).
   */
  save(doc: ExtractedDoc): Promise<SaveResult>;
  /** Commits the documents saved since the last commit (none: nothing to do); the next save starts a new transaction. */
  commit(): Promise<void>;
  /** Documents saved since the last commit. */
  readonly pending: number;
}

/** What `saveDoc` did with a document. */
export type SaveStatus =
  /** a new article */
  | "inserted"
  /** the same article (same URL/id and same content, or identical content under another key) was already stored: nothing changed */
  | "unchanged"
  /** a new version of an article already stored under the same URL/id: the old version and its facts were replaced */
  | "replaced";

export interface SaveResult {
  status: SaveStatus;
  /** The stored article id (the article's key: its URL when it has one, else the document id). */
  articleId: string;
  /** Global ids of the events this document's events were stored in, in document order (doc event i → eventIds[i]). */
  eventIds: string[];
  /** Of those, how many were new events and how many merged into an event already stored. */
  newEvents: number;
  mergedEvents: number;
  /** Global ids of events deleted because the replaced version was their only source. */
  removedEventIds: string[];
}

/** What the store knows about an article key, so `ingest` can skip unchanged articles before extracting them. */
export interface ArticleState {
  articleId: string;
  contentHash: string;
}

// ───────────────────────── articles ─────────────────────────

export interface ArticleSummary {
  id: string;
  url?: string;
  outlet?: string;
  title?: string;
  byline?: string;
  publishedAt?: string;
  /** When the store saved (or last replaced) it, ISO 8601. */
  storedAt: string;
  eventCount: number;
  contentHash: string;
}

/** The full stored document: the ExtractedDoc as it was saved, plus the global ids of its events. */
export interface StoredArticle extends ArticleSummary {
  doc: ExtractedDoc;
  /** doc.events[i] → global event id */
  eventIds: string[];
}

export interface ArticleQuery {
  outlet?: string;
  /** ISO date/time bounds on publishedAt. */
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  article: ArticleSummary;
  /** A short highlighted excerpt: matches wrapped in «…». */
  snippet: string;
  /** Higher is better (backend-specific scale; only the order is meaningful). */
  rank: number;
}

// ───────────────────────── events ─────────────────────────

/** Where an event happened, as resolved by geoparsing (or given by an import). */
export interface EventPlace {
  /** Store-wide place key: "geonames:170794", or a name@lat,lon key for places without one. */
  id: string;
  name: string;
  lat: number;
  lon: number;
  precision: GeoPrecision;
  /** ISO 3166-1 alpha-2 */
  country?: string;
  admin1?: string;
  admin2?: string;
}

/** One report of an event: one event in one article, with who said so. */
export interface EventSource {
  articleId: string;
  /** The event's id inside that article's document ("e1"). */
  docEventId: string;
  outlet?: string;
  url?: string;
  title?: string;
  publishedAt?: string;
  attribution: Attribution;
  /** The sentence that reported it: span into the article body and its text. */
  sentence: { start: number; end: number; text: string };
  trigger?: string;
  /** The date this report gives. */
  date: string;
  dateEnd?: string;
  datePrecision: TimePrecision;
  modality: Modality;
  fatalities?: number;
  confidence: number;
}

/** A fatality figure and who gave it; conflicting claims are kept side by side. */
export interface FatalityClaim {
  fatalities: number;
  /** Attribution name ("Syrian Observatory for Human Rights", or the outlet). */
  source: string;
  sourceKind: SourceKind;
  articleId: string;
}

/**
 * One real-world event, merged across every article that reported it. Close to ConflictEvent,
 * with global ids and the merged fields.
 */
export interface StoredEvent extends EventKindAndSides {
  /** Global id (a decimal string). */
  id: string;
  /** Best (most precise, earliest) date across reports. */
  date: string;
  dateEnd?: string;
  datePrecision: TimePrecision;
  place?: EventPlace;
  /** The location words of the first report ("near the town of Muhasan"). */
  locationText?: string;
  /** The most-asserted modality across reports (asserted > claimed > planned > hypothetical > negated). */
  modality: Modality;
  /** The lowest figure any source gives when they disagree; all figures are in `fatalityClaims`. */
  fatalities?: number;
  fatalityClaims: FatalityClaim[];
  /** How many distinct outlets/attributions reported it. */
  sourceCount: number;
  articleIds: string[];
  sources: EventSource[];
  /** Earliest and latest publication time among reporting articles (ISO 8601). */
  firstReported?: string;
  lastReported?: string;
  /** "sitrep" for extracted events; "acled" for events loaded by `sitrep import --format acled`. */
  origin: "sitrep" | "acled";
  /** For imported events: the original id (ACLED event_id_cnty), notes and source field ("SOHR; Reuters"). */
  externalId?: string;
  notes?: string;
  sourceText?: string;
  confidence: number;
  /** Change sequence number: increases whenever the event is created or changed (see `eventsSince`). */
  seq: number;
}

export type EventSort = "date-desc" | "date-asc" | "sources-desc" | "reported-desc";

export interface EventQuery {
  /** YYYY-MM-DD inclusive bounds on the event date. */
  since?: string;
  until?: string;
  /** [west, south, east, north] in degrees. */
  bbox?: [number, number, number, number];
  near?: { lat: number; lon: number; radiusKm: number };
  /** Actor id: events where it is actor1, actor2 or an associated actor. */
  actor?: string;
  /**
   * With `actor`: also events of every actor the given actor backs (their `backed-by` points at it),
   * of every actor backed by the same sponsors, and of its parts (`part-of` it).
   * `--actor usa --include-backed` → US events + SDF events + …
   */
  includeBacked?: boolean;
  eventType?: EventType | EventType[];
  subEventType?: SubEventType | SubEventType[];
  /** Outlet or attribution name (case-insensitive exact), or an article id. */
  source?: string;
  /** Words that must appear in a reporting sentence (case-insensitive substring). */
  text?: string;
  origin?: "sitrep" | "acled";
  /** Only events reported by at least this many sources. */
  minSources?: number;
  limit?: number;
  offset?: number;
  sort?: EventSort;
  /** Include `sources` on every item (default true; false makes map queries lighter: sources = []). */
  withSources?: boolean;
  /** Also count all matches (slower on large stores). */
  withTotal?: boolean;
}

/**
 * What the map asks for: the event filters, a cap on points, or a grid to count them in (low zoom).
 * @example store.mapPoints({ bbox: [38, 33, 42, 37], since: "2017-09-01", eventType: "Battles", limit: 5000 })
 * @example store.mapPoints({ since: "2017-01-01", cellDegrees: 0.5 }) // counts per half-degree cell
 */
export interface MapQuery extends Omit<EventQuery, "limit" | "offset" | "sort" | "withSources" | "withTotal"> {
  /** Most points returned, newest first (default 10,000; at most 250,000). `count` is always every match. */
  limit?: number;
  /** Count events in square cells this many degrees wide instead of listing them (0.01 … 90). */
  cellDegrees?: number;
}

/** A map cell: where its events are (their mean position), how many, and how many of each type. */
export interface MapCell {
  lon: number;
  lat: number;
  count: number;
  byType: Partial<Record<EventType, number>>;
}

/** The map's answer as columns (compact to send): placed events only, newest first. */
export interface MapPoints {
  /** Every placed event matching the filters (also when the points were capped). */
  count: number;
  /** true when `count` > the points returned. */
  truncated: boolean;
  id: string[];
  lon: number[];
  lat: number[];
  eventType: EventType[];
  date: string[];
  sources: number[];
  /** ACLED geo-precision (1 town … 3 province). */
  precision: number[];
  /** With `cellDegrees`: the cells (and the point columns are empty). */
  cells?: MapCell[];
}

export interface Page<T> {
  items: T[];
  /** Present when asked for (`withTotal`). */
  total?: number;
}

/** A batch of changes after a cursor, for streaming new events over SSE. */
export interface EventChanges {
  /** Events created or changed after the cursor, in change order (each at most once, latest state). */
  events: StoredEvent[];
  /** Global ids of events deleted after the cursor (their article was replaced). */
  removed: string[];
  /** Pass this back to get the next batch; equal to the input when nothing changed. */
  cursor: number;
}

// ───────────────────────── actors and the graph ─────────────────────────

export interface ActorSummary {
  id: string;
  name: string;
  kind: ActorKind;
  inter?: number;
  country?: string;
  eventCount: number;
  articleCount: number;
}

/** A relation with its accumulated evidence. */
export interface RelationSummary {
  type: RelationType;
  /** The other actor (id and name). */
  actor: string;
  name?: string;
  /** Evidence spans stored across articles, and the number of distinct articles. */
  evidenceCount: number;
  articleCount: number;
  /** Publication dates (YYYY-MM-DD) of the first and last article that gave evidence. */
  firstSeen?: string;
  lastSeen?: string;
}

export interface ActorProfile extends ActorSummary {
  aliases: string[];
  role?: string;
  affiliation?: string;
  /** Actors it is backed by (`backed-by` from it). */
  sponsors: RelationSummary[];
  /** Actors it backs (`backed-by` pointing at it). */
  backs: RelationSummary[];
  /** `allied-with` either way. */
  allies: RelationSummary[];
  /** `opposes` either way, plus actors it has fought (actor1/actor2 of the same event), by event count. */
  opponents: RelationSummary[];
  /** `part-of`, `led-by`, `dominated-by` from it. */
  partOf: RelationSummary[];
  /** Actors that are `part-of` it. */
  parts: RelationSummary[];
  /** Most recent events it took part in (up to 20, newest first, without sources). */
  recentEvents: StoredEvent[];
  /** Mentions stored across articles. */
  mentionCount: number;
  /** Publication dates (YYYY-MM-DD) of the first and last article that mentions it. */
  firstSeen?: string;
  lastSeen?: string;
}

export interface ActorQuery {
  /** Substring of the name or an alias (case-insensitive). */
  text?: string;
  kind?: ActorKind;
  limit?: number;
  offset?: number;
}

export interface GraphQuery {
  /** Centre actor: only its neighbourhood up to `depth` hops (default: the whole graph). */
  actor?: string;
  depth?: number;
  types?: RelationType[];
  /** Drop edges with fewer evidence spans. */
  minEvidence?: number;
  /** Also add "fought" edges between actor1 and actor2 of stored events (weight = event count). */
  includeEvents?: boolean;
  since?: string;
  until?: string;
  /** Cap on nodes (most-connected first); default 500. */
  limit?: number;
}

export interface GraphNode {
  id: string;
  name: string;
  kind: ActorKind;
  eventCount: number;
  articleCount: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  type: RelationType | "fought";
  /** Evidence spans (relations) or shared events ("fought"). */
  weight: number;
  articleCount: number;
  firstSeen?: string;
  lastSeen?: string;
}

export interface ActorGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

// ───────────────────────── places, timeline, stats ─────────────────────────

export interface PlaceSummary extends EventPlace {
  eventCount: number;
  articleCount: number;
}

export interface PlaceQuery {
  bbox?: [number, number, number, number];
  text?: string;
  limit?: number;
}

export interface TimelineQuery extends Omit<EventQuery, "limit" | "offset" | "sort" | "withSources" | "withTotal"> {
  by: "day" | "week";
}

export interface TimelineBucket {
  /** YYYY-MM-DD: the day, or the Monday starting the ISO week. */
  bucket: string;
  /** Event count per event type in that bucket (types with zero events are absent). */
  counts: Partial<Record<EventType, number>>;
  total: number;
}

export interface StoreStats {
  backend: "sqlite" | "postgres";
  schemaVersion: number;
  articles: number;
  events: number;
  /** Event reports (one per event per article); sources / events shows how much merging happened. */
  eventSources: number;
  actors: number;
  relations: number;
  places: number;
  eventsByType: Partial<Record<EventType, number>>;
  /** Earliest and latest event date. */
  firstEvent?: string;
  lastEvent?: string;
  /** Last change sequence number (the current `eventsSince` cursor). */
  cursor: number;
}

/** An event from outside (an ACLED CSV row) to store as-is, without merging. */
export interface ImportedEvent {
  externalId: string;
  eventType: EventType;
  subEventType: SubEventType;
  actor1?: string;
  actor2?: string;
  assocActors1: string[];
  assocActors2: string[];
  /** Actor display names by id (imports create actors that are not known yet). */
  actorNames: Record<string, { name: string; inter?: number }>;
  date: string;
  datePrecision: TimePrecision;
  place?: EventPlace;
  fatalities?: number;
  /** ACLED "source" field ("SOHR; Reuters"). */
  source: string;
  notes?: string;
  /** When the source last changed the row (ACLED "timestamp"), ISO 8601: kept as firstReported/lastReported. */
  reportedAt?: string;
}

export interface ImportResult {
  inserted: number;
  /** Rows whose externalId was already stored (replaced in place). */
  updated: number;
}

// ───────────────────────── the interface ─────────────────────────

export interface Store {
  readonly backend: "sqlite" | "postgres";
  /** Brings the schema up to date (openStore already did; idempotent). Returns the schema version. */
  migrate(): Promise<number>;
  close(): Promise<void>;

  /**
   * Stores one extracted document in one transaction: the article, its actors (merged by canonical id),
   * relations (evidence accumulates), places and events (merged with reports of the same real-world
   * event already stored, see src/events/merge.ts). Idempotent; see SaveStatus.
   */
  saveDoc(doc: ExtractedDoc): Promise<SaveResult>;
  /**
   * Saves documents in order, as saveDoc would one after another, in one transaction (a batch ingest
   * commits once per batch: fewer commits, full-text index segments and page writes). When one fails,
   * those before it are still saved and its error is thrown.
   */
  saveDocs(docs: ExtractedDoc[]): Promise<SaveResult[]>;
  /**
   * A write batch for a long ingest: each save is written at once (nothing is held in memory) in a
   * transaction that stays open until commit(), so many documents share one commit. Other writes of
   * this process wait for the commit: commit often (sitrep ingest: every 32 articles or 250 ms).
   * close() commits a batch left open.
   */
  openBatch(): WriteBatch;
  /** The stored state of an article key (URL or id), or null. See src/store/keys.ts. */
  articleState(key: string): Promise<ArticleState | null>;
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(q?: ArticleQuery): Promise<Page<ArticleSummary>>;
  /** Full-text search over article titles and bodies (FTS5 / tsvector). Plain words; quotes for phrases. */
  searchArticles(text: string, opts?: { limit?: number; offset?: number }): Promise<SearchHit[]>;

  queryEvents(q?: EventQuery): Promise<Page<StoredEvent>>;
  /** The map's query: placed events as compact columns with their full count, or counts per grid cell. */
  mapPoints(q?: MapQuery): Promise<MapPoints>;
  /** One event with all its sources. */
  getEvent(id: string): Promise<StoredEvent | null>;
  /** Events created/changed/removed after `cursor` (0 = from the beginning), oldest change first. */
  eventsSince(cursor: number, limit?: number): Promise<EventChanges>;
  /** In-process notification after every committed write (use `eventsSince` to fetch what changed). */
  onChange(listener: (cursor: number) => void): () => void;

  getActor(id: string): Promise<ActorProfile | null>;
  listActors(q?: ActorQuery): Promise<Page<ActorSummary>>;
  actorGraph(q?: GraphQuery): Promise<ActorGraph>;

  listPlaces(q?: PlaceQuery): Promise<PlaceSummary[]>;
  timeline(q: TimelineQuery): Promise<TimelineBucket[]>;
  stats(): Promise<StoreStats>;

  /** Stores external events (ACLED rows) in one transaction, keyed by externalId; never merged with sitrep's. */
  importEvents(events: ImportedEvent[]): Promise<ImportResult>;
}

/** Options for openStore. */
export interface OpenOptions {
  /** Open without writing (no migrations; writes fail). */
  readonly?: boolean;
  /** PostgreSQL only: use (and create) this schema instead of `public`. */
  schema?: string;
}
