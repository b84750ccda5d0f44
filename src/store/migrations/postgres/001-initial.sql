-- sitrep knowledge base, PostgreSQL + PostGIS schema 1: the same tables as SQLite's 001, with
-- a generated tsvector (GIN) for full-text search and a generated geography point (GiST) for space.
CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;

CREATE TABLE articles (
  n SERIAL PRIMARY KEY,
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
  doc TEXT NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || body)) STORED
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published_at);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

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
  confidence DOUBLE PRECISION NOT NULL,
  pub_date TEXT,
  PRIMARY KEY (article_id, type, source, target)
);
CREATE INDEX relation_source ON relation_evidence(source, type);
CREATE INDEX relation_target ON relation_evidence(target, type);

CREATE TABLE places (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  prec INTEGER NOT NULL,
  country TEXT,
  admin1 TEXT,
  admin2 TEXT,
  feature_code TEXT
);

CREATE TABLE events (
  n SERIAL PRIMARY KEY,
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
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
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
  confidence DOUBLE PRECISION NOT NULL,
  text TEXT,
  seq INTEGER NOT NULL,
  geog public.geography(Point, 4326) GENERATED ALWAYS AS (
    CASE WHEN lat IS NULL OR lon IS NULL THEN NULL
    ELSE public.ST_SetSRID(public.ST_MakePoint(lon, lat), 4326)::public.geography END
  ) STORED
);
CREATE INDEX events_type_date ON events(event_type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_seq ON events(seq);
CREATE INDEX events_actor1 ON events(actor1, actor2);
CREATE INDEX events_actor2 ON events(actor2, actor1);
CREATE INDEX events_place ON events(place_id);
CREATE INDEX events_geog ON events USING GIST (geog);

CREATE TABLE event_actors (
  actor_id TEXT NOT NULL,
  event_n INTEGER NOT NULL,
  date TEXT NOT NULL,
  PRIMARY KEY (actor_id, event_n)
);
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
