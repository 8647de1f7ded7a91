-- Passage reuse (src/reuse), as migrations/sqlite/0002_reuse.sql. SQLite packs the inverted
-- index into 65,536 blob buckets because a B-tree insert per posting is slow there; PostgreSQL
-- takes one row per (hash, doc) posting, bulk-inserted with unnest, and looks hashes up through
-- an index. `doc` numbers articles in indexing order, as in SQLite, so postings come back in the
-- same order on both stores. An article's postings go with its reuse_docs row (ON DELETE CASCADE),
-- so no copy of its hash list is kept.

CREATE TABLE reuse_docs (
  doc        BIGSERIAL PRIMARY KEY,
  article_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
);

CREATE TABLE reuse_postings (
  hash INTEGER NOT NULL,
  doc  BIGINT NOT NULL REFERENCES reuse_docs(doc) ON DELETE CASCADE
);
CREATE INDEX reuse_postings_hash ON reuse_postings(hash, doc);
CREATE INDEX reuse_postings_doc ON reuse_postings(doc);

CREATE TABLE reuse (
  id       BIGSERIAL PRIMARY KEY,
  a_id     TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  a_start  INTEGER NOT NULL,
  a_end    INTEGER NOT NULL,
  b_id     TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  b_start  INTEGER NOT NULL,
  b_end    INTEGER NOT NULL,
  kind     TEXT COLLATE "C" NOT NULL,
  credited BOOLEAN NOT NULL,
  score    DOUBLE PRECISION NOT NULL,
  directed BOOLEAN NOT NULL,
  data     TEXT NOT NULL
);
CREATE INDEX reuse_a ON reuse(a_id);
CREATE INDEX reuse_b ON reuse(b_id);

CREATE TABLE provenance_groups (
  seq  BIGSERIAL UNIQUE,
  id   TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE provenance (
  group_id   TEXT COLLATE "C" NOT NULL REFERENCES provenance_groups(id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  role       TEXT NOT NULL,
  data       TEXT NOT NULL,
  PRIMARY KEY (group_id, ord)
);
CREATE INDEX provenance_article ON provenance(article_id);
