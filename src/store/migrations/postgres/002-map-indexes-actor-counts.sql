-- sitrep knowledge base, PostgreSQL schema 2: covering indexes for map queries (type + time window
-- + box) and per-actor event counts kept up to date on write (fast actor profiles at scale).
DROP INDEX IF EXISTS events_type_date;
DROP INDEX IF EXISTS events_date;
CREATE INDEX events_type_date_pos ON events(event_type, date, lon, lat);
CREATE INDEX events_date_pos ON events(date, lon, lat);

CREATE TABLE actor_event_counts (
  actor_id TEXT PRIMARY KEY,
  events INTEGER NOT NULL
);
INSERT INTO actor_event_counts (actor_id, events) SELECT actor_id, count(*) FROM event_actors GROUP BY actor_id;
