-- Known debunks (src/cases), as migrations/sqlite/0004_cases.sql, with tsvector/GIN search over
-- claim and title in place of cases_fts.

CREATE TABLE cases (
  id         TEXT COLLATE "C" PRIMARY KEY,
  source     TEXT COLLATE "C" NOT NULL,
  claim      TEXT NOT NULL,
  title      TEXT,
  text       TEXT,
  url        TEXT,
  date       TEXT,
  verdict    TEXT,
  data       TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL,
  fts        TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('echotrace', claim), 'A') || setweight(to_tsvector('echotrace', coalesce(title, '')), 'B')
  ) STORED
);
CREATE INDEX cases_source ON cases(source, id);
CREATE INDEX cases_fts ON cases USING GIN (fts);

CREATE TABLE cases_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
INSERT INTO cases_revision (id, revision) VALUES (1, 0);

CREATE TABLE matches (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  case_id    TEXT COLLATE "C" NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  score      DOUBLE PRECISION NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  PRIMARY KEY (article_id, case_id)
);
CREATE INDEX matches_case ON matches(case_id);
