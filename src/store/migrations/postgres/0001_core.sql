-- The core schema, as src/store/migrations/sqlite/0001_core.sql: articles, what cleaning
-- removed, annotation layers, entities and outlets, and full-text search over articles.
--
-- Differences from SQLite, and why:
-- * Every sorted text column is COLLATE "C" so orderings are bytewise, as in SQLite, whatever
--   the database's locale: both stores must list and export in the same order.
-- * JSON payloads are `json`, not `jsonb`: `json` keeps the text exactly as written (key order,
--   spacing), so an export from PostgreSQL is byte-identical to one from SQLite.
-- * `seq` stands in for SQLite's rowid: the ingest order that `ids()` and the export follow.
-- * Full-text search is a generated tsvector column with a GIN index, title weighted above the
--   body. The `echotrace` configuration is `simple` (no stemming, no stop words, like FTS5's
--   unicode61 tokenizer) plus unaccent (like remove_diacritics). A tsvector is limited to 1 MB,
--   so only the first 500,000 characters of a very long article are indexed.

CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'echotrace' AND cfgnamespace = current_schema()::regnamespace) THEN
    CREATE TEXT SEARCH CONFIGURATION echotrace (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION echotrace
      ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
  END IF;
END $$;

CREATE TABLE articles (
  seq                BIGSERIAL UNIQUE,
  id                 TEXT COLLATE "C" PRIMARY KEY,
  content_hash       TEXT NOT NULL,
  url                TEXT,
  outlet_id          TEXT COLLATE "C",
  published          TEXT COLLATE "C",
  published_evidence TEXT NOT NULL DEFAULT '[]',
  outlet_evidence    TEXT NOT NULL DEFAULT '[]',
  outlet_name        TEXT,
  title              TEXT NOT NULL,
  text               TEXT NOT NULL,
  source             TEXT NOT NULL,
  ingested_at        TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  fts                TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('echotrace', title), 'A') || setweight(to_tsvector('echotrace', left(text, 500000)), 'B')
  ) STORED
);
CREATE INDEX articles_outlet ON articles(outlet_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_fts ON articles USING GIN (fts);

CREATE TABLE removed (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  rule       TEXT NOT NULL,
  reason     TEXT NOT NULL,
  PRIMARY KEY (article_id, ord)
);

CREATE TABLE layers (
  article_id    TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  layer         TEXT COLLATE "C" NOT NULL,
  ord           INTEGER NOT NULL,
  start         INTEGER NOT NULL,
  "end"         INTEGER NOT NULL,
  data          JSON NOT NULL,
  PRIMARY KEY (article_id, layer, ord)
);
-- Entity lookups ("every article mentioning isis") go through this expression index.
CREATE INDEX layers_entity ON layers((data->>'entity')) WHERE layer = 'entity';

CREATE TABLE layer_versions (
  article_id    TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  layer         TEXT COLLATE "C" NOT NULL,
  stage         TEXT NOT NULL,
  stage_version INTEGER NOT NULL,
  PRIMARY KEY (article_id, layer)
);

CREATE TABLE entities (
  id   TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT COLLATE "C" NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE aliases (
  alias_norm TEXT COLLATE "C" NOT NULL,
  entity_id  TEXT COLLATE "C" NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  source     TEXT NOT NULL,
  PRIMARY KEY (alias_norm, entity_id)
);
CREATE INDEX aliases_entity ON aliases(entity_id);

CREATE TABLE outlets (
  id        TEXT COLLATE "C" PRIMARY KEY,
  name      TEXT NOT NULL,
  entity_id TEXT,
  hosts     TEXT NOT NULL DEFAULT '[]'
);
