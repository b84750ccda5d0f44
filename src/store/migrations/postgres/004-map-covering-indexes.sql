-- sitrep knowledge base, PostgreSQL schema 4: the map's query (Store.mapPoints: type + time window +
-- box → id, position, date, sources, precision) is answered by index-only scans of these indexes;
-- they replace schema 2's (type, date, lon, lat) and (date, lon, lat).
DROP INDEX IF EXISTS events_type_date_pos;
DROP INDEX IF EXISTS events_date_pos;
CREATE INDEX events_map_type ON events(event_type, date, lon, lat) INCLUDE (n, source_count, geo_precision);
CREATE INDEX events_map_date ON events(date, lon, lat) INCLUDE (n, event_type, source_count, geo_precision);
