-- sitrep knowledge base, schema 3: who fought whom (actor1/actor2 of the same event), counted in
-- both directions and kept up to date on write, so profiles and the graph never scan events;
-- and an (actor, date, event) index for an actor's most recent events.
CREATE TABLE actor_pairs (
  actor_id TEXT NOT NULL,
  other TEXT NOT NULL,
  events INTEGER NOT NULL,
  first_date TEXT NOT NULL,
  last_date TEXT NOT NULL,
  PRIMARY KEY (actor_id, other)
);
INSERT INTO actor_pairs (actor_id, other, events, first_date, last_date)
SELECT a, b, count(*), min(date), max(date) FROM (
  SELECT actor1 AS a, actor2 AS b, date FROM events WHERE actor1 IS NOT NULL AND actor2 IS NOT NULL AND actor1 <> actor2
  UNION ALL
  SELECT actor2 AS a, actor1 AS b, date FROM events WHERE actor1 IS NOT NULL AND actor2 IS NOT NULL AND actor1 <> actor2
) t GROUP BY a, b;
DROP INDEX IF EXISTS event_actors_date;
CREATE INDEX event_actors_recent ON event_actors(actor_id, date, event_n);
