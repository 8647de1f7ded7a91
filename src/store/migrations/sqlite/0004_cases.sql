-- Known debunks (src/cases): the cases imported from fact-checking databases, the links from
-- stored articles to them, and full-text search over the cases. The matching index proper (BM25
-- with re-ranking) is built in memory from `cases`; `cases_fts` serves ad-hoc lookups and the UI.

CREATE TABLE cases (
  id         TEXT PRIMARY KEY,
  source     TEXT NOT NULL,
  claim      TEXT NOT NULL,
  title      TEXT,
  text       TEXT,
  url        TEXT,
  date       TEXT,
  verdict    TEXT,
  data       TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);
CREATE INDEX cases_source ON cases(source, id);

-- One row: bumped by every write that changes a case, so cached indexes know they are stale.
CREATE TABLE cases_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
INSERT INTO cases_revision (id, revision) VALUES (1, 0);

CREATE TABLE matches (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  score      REAL NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  PRIMARY KEY (article_id, case_id)
);
CREATE INDEX matches_case ON matches(case_id);

CREATE VIRTUAL TABLE cases_fts USING fts5(
  claim, title, content='cases', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO cases_fts(rowid, claim, title) VALUES (new.rowid, new.claim, new.title);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, claim, title) VALUES ('delete', old.rowid, old.claim, old.title);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF claim, title ON cases BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, claim, title) VALUES ('delete', old.rowid, old.claim, old.title);
  INSERT INTO cases_fts(rowid, claim, title) VALUES (new.rowid, new.claim, new.title);
END;
