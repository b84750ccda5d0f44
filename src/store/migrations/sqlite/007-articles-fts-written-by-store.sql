-- sitrep knowledge base, schema 7: the store writes the full-text rows of the articles a transaction
-- stored in one statement just before its commit, instead of an insert trigger per article: inside
-- the per-article savepoints of a write batch, FTS5 flushed each article's terms as a segment of
-- its own at every savepoint. Same full-text contents; the delete trigger stays.
DROP TRIGGER IF EXISTS articles_fts_ai;
