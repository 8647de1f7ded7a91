-- Passage reuse (src/reuse): the index of winnowed word n-gram hashes, reuse links, provenance.

-- One row per indexed article; `hashes` is the article's own list (little-endian int32), kept so
-- its postings can be found and removed when it changes.
CREATE TABLE reuse_docs (
  doc        INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
  hashes     BLOB NOT NULL
);

-- The inverted index hash → articles, as 65,536 buckets by the hash's top 16 bits, each a blob of
-- (hash, doc) int32 pairs. One row per posting would cost a B-tree insert per n-gram (over a
-- million for 21,000 articles); buckets are written once per batch. Postings of a deleted article
-- are skipped by joining reuse_docs.
CREATE TABLE reuse_buckets (
  bucket INTEGER PRIMARY KEY,
  data   BLOB NOT NULL
);

CREATE TABLE reuse (
  id       INTEGER PRIMARY KEY,
  a_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  a_start  INTEGER NOT NULL,
  a_end    INTEGER NOT NULL,
  b_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  b_start  INTEGER NOT NULL,
  b_end    INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  credited INTEGER NOT NULL,
  score    REAL NOT NULL,
  directed INTEGER NOT NULL,
  data     TEXT NOT NULL
);
CREATE INDEX reuse_a ON reuse(a_id);
CREATE INDEX reuse_b ON reuse(b_id);

CREATE TABLE provenance_groups (
  id   TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE provenance (
  group_id   TEXT NOT NULL REFERENCES provenance_groups(id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  role       TEXT NOT NULL,
  data       TEXT NOT NULL,
  PRIMARY KEY (group_id, ord)
);
CREATE INDEX provenance_article ON provenance(article_id);
