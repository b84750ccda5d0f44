-- sitrep knowledge base, schema 6: the store writes a new event's R*Tree row itself, right after
-- the event, instead of an insert trigger (a trigger on the events insert made SQLite keep a
-- statement journal for every event written, ~25 µs each). Same R*Tree contents; the update and
-- delete triggers stay.
DROP TRIGGER IF EXISTS events_rtree_ai;
