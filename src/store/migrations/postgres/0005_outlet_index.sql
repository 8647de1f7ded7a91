-- As the SQLite migration of the same number: outlet listings count and name outlets from the
-- index alone (an index-only scan once the table is vacuumed).
DROP INDEX articles_outlet;
CREATE INDEX articles_outlet ON articles(outlet_id, outlet_name);
