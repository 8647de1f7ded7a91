-- The core schema: articles, what cleaning removed, annotation layers, entities and outlets,
-- and full-text search over articles. Later numbered files add the corpus-stage tables.

CREATE TABLE articles (
  id                 TEXT PRIMARY KEY,
  content_hash       TEXT NOT NULL,
  url                TEXT,
  outlet_id          TEXT,
  published          TEXT,
  published_evidence TEXT NOT NULL DEFAULT '[]',
  outlet_evidence    TEXT NOT NULL DEFAULT '[]',
  outlet_name        TEXT,
  title              TEXT NOT NULL,
  text               TEXT NOT NULL,
  source             TEXT NOT NULL,
  ingested_at        TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles(outlet_id);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE removed (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  rule       TEXT NOT NULL,
  reason     TEXT NOT NULL,
  PRIMARY KEY (article_id, ord)
);

CREATE TABLE layers (
  article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  layer         TEXT NOT NULL,
  ord           INTEGER NOT NULL,
  start         INTEGER NOT NULL,
  "end"         INTEGER NOT NULL,
  data          TEXT NOT NULL,
  PRIMARY KEY (article_id, layer, ord)
);
-- Entity lookups ("every article mentioning isis") go through this expression index.
CREATE INDEX layers_entity ON layers(json_extract(data, '$.entity')) WHERE layer = 'entity';

-- Which stage version produced each layer of each article, so stale layers can be found.
CREATE TABLE layer_versions (
  article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  layer         TEXT NOT NULL,
  stage         TEXT NOT NULL,
  stage_version INTEGER NOT NULL,
  PRIMARY KEY (article_id, layer)
);

CREATE TABLE entities (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE aliases (
  alias_norm TEXT NOT NULL,
  entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  source     TEXT NOT NULL,
  PRIMARY KEY (alias_norm, entity_id)
);

CREATE TABLE outlets (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  entity_id TEXT,
  hosts     TEXT NOT NULL DEFAULT '[]'
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
