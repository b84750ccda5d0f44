-- sitrep knowledge base, schema 5: no query reads events by (actor1, actor2) any more (actor
-- filters and profiles use event_actors and actor_pairs), so those two indexes only cost every
-- event write; dropped.
DROP INDEX IF EXISTS events_actor1;
DROP INDEX IF EXISTS events_actor2;
