-- sitrep knowledge base, SQLite schema 1: articles (+FTS5), actors, relations, places,
-- merged events (+R*Tree), their per-article reports, and the change log for streaming.
CREATE TABLE articles (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL,
  url TEXT,
  outlet TEXT,
  title TEXT,
  byline TEXT,
  published_at TEXT,
  pub_date TEXT,
  content_hash TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  event_count INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published_at);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body, content='articles', content_rowid='n', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.n, coalesce(new.title, ''), new.body);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.n, coalesce(old.title, ''), old.body);
END;

CREATE TABLE actors (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  inter INTEGER,
  country TEXT,
  role TEXT,
  affiliation TEXT,
  known INTEGER NOT NULL DEFAULT 0,
  aliases TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE actor_mentions (
  article_id TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  pub_date TEXT,
  PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
CREATE TABLE relation_evidence (
  article_id TEXT NOT NULL,
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  evidence_count INTEGER NOT NULL,
  confidence REAL NOT NULL,
  pub_date TEXT,
  PRIMARY KEY (article_id, type, source, target)
);
CREATE INDEX relation_source ON relation_evidence(source, type);
CREATE INDEX relation_target ON relation_evidence(target, type);

CREATE TABLE places (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  prec INTEGER NOT NULL,
  country TEXT,
  admin1 TEXT,
  admin2 TEXT,
  feature_code TEXT
);

CREATE TABLE events (
  n INTEGER PRIMARY KEY,
  event_type TEXT NOT NULL,
  sub_event_type TEXT NOT NULL,
  actor1 TEXT,
  actor2 TEXT,
  assoc1 TEXT NOT NULL DEFAULT '[]',
  assoc2 TEXT NOT NULL DEFAULT '[]',
  date TEXT NOT NULL,
  date_end TEXT,
  date_precision INTEGER NOT NULL,
  date_defaulted INTEGER NOT NULL DEFAULT 0,
  place_id TEXT,
  place_name TEXT,
  lat REAL,
  lon REAL,
  geo_precision INTEGER,
  country TEXT,
  admin1 TEXT,
  admin2 TEXT,
  location_text TEXT,
  modality TEXT NOT NULL,
  fatalities INTEGER,
  fatality_claims TEXT NOT NULL DEFAULT '[]',
  source_count INTEGER NOT NULL,
  article_ids TEXT NOT NULL DEFAULT '[]',
  first_reported TEXT,
  last_reported TEXT,
  origin TEXT NOT NULL,
  external_id TEXT UNIQUE,
  ext_source TEXT,
  notes TEXT,
  confidence REAL NOT NULL,
  text TEXT,
  seq INTEGER NOT NULL
);
CREATE INDEX events_type_date ON events(event_type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_seq ON events(seq);
CREATE INDEX events_actor1 ON events(actor1, actor2);
CREATE INDEX events_actor2 ON events(actor2, actor1);
CREATE INDEX events_place ON events(place_id);

CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_x, max_x, min_y, max_y);
CREATE TRIGGER events_rtree_ai AFTER INSERT ON events WHEN new.lat IS NOT NULL BEGIN
  INSERT INTO events_rtree VALUES (new.n, new.lon, new.lon, new.lat, new.lat);
END;
CREATE TRIGGER events_rtree_au AFTER UPDATE OF lat, lon ON events BEGIN
  DELETE FROM events_rtree WHERE id = old.n;
  INSERT INTO events_rtree SELECT new.n, new.lon, new.lon, new.lat, new.lat WHERE new.lat IS NOT NULL;
END;
CREATE TRIGGER events_rtree_ad AFTER DELETE ON events BEGIN
  DELETE FROM events_rtree WHERE id = old.n;
END;

CREATE TABLE event_actors (
  actor_id TEXT NOT NULL,
  event_n INTEGER NOT NULL,
  date TEXT NOT NULL,
  PRIMARY KEY (actor_id, event_n)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_n);
CREATE INDEX event_actors_date ON event_actors(actor_id, date);

CREATE TABLE event_sources (
  article_id TEXT NOT NULL,
  doc_event_id TEXT NOT NULL,
  event_n INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  doc_index INTEGER NOT NULL,
  source_key TEXT,
  outlet_key TEXT,
  report TEXT NOT NULL,
  PRIMARY KEY (article_id, doc_event_id)
);
CREATE INDEX event_sources_event ON event_sources(event_n, ord);
CREATE INDEX event_sources_source ON event_sources(source_key);
CREATE INDEX event_sources_outlet ON event_sources(outlet_key);

CREATE TABLE event_tombstones (
  seq INTEGER PRIMARY KEY,
  event_n INTEGER NOT NULL
);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('seq', 0);
