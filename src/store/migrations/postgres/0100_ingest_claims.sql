-- Shared ingest batches (src/parallel/claims.ts): several `echotrace ingest` processes, on one
-- machine or several, work through the same input list. Each file is claimed by one process
-- with SELECT … FOR UPDATE SKIP LOCKED; a claim whose owner has died (its session advisory lock
-- is gone) is taken over. `changed` and `corpus_done` let corpus stages run once for every
-- committed file, even when the process that committed it was killed before running them.
-- Numbered 0100 so the mirrored SQLite numbers (0002_reuse, …) stay free.

CREATE TABLE ingest_batches (
  key        TEXT PRIMARY KEY,
  files      INTEGER NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE ingest_claims (
  batch       TEXT NOT NULL REFERENCES ingest_batches(key) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  path        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done')),
  owner       INTEGER,
  claimed_at  TIMESTAMPTZ,
  done_at     TIMESTAMPTZ,
  changed     TEXT[] NOT NULL DEFAULT '{}',
  corpus_done BOOLEAN NOT NULL DEFAULT false,
  -- Corpus stages already run over this file's changed articles (a killed run's successor
  -- resumes at the stage it was in, rather than running a finished stage twice).
  corpus_stages TEXT[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (batch, ord)
);
CREATE INDEX ingest_claims_todo ON ingest_claims(batch, state, ord);
CREATE INDEX ingest_claims_corpus ON ingest_claims(corpus_done) WHERE state = 'done' AND NOT corpus_done;
