-- Stories (one real-world event), narratives (a recurring claim across stories) and membership.
-- story_features keeps each article's story features (plain JSON) so a new article is clustered
-- against the stored ones without re-reading the corpus. Stance is an article layer, not here.

CREATE TABLE story_features (
  article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  data       TEXT NOT NULL
);

CREATE TABLE stories (
  id     TEXT PRIMARY KEY,
  label  TEXT NOT NULL,
  start  TEXT,
  "end"  TEXT,
  data   TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE story_members (
  article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);

CREATE TABLE narratives (
  id             TEXT PRIMARY KEY,
  label          TEXT NOT NULL,
  claim          TEXT NOT NULL,
  entities       TEXT NOT NULL DEFAULT '[]',
  representative TEXT,
  data           TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE narrative_members (
  article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  narrative_id TEXT NOT NULL REFERENCES narratives(id) ON DELETE CASCADE,
  ord          INTEGER NOT NULL
);
CREATE INDEX narrative_members_narrative ON narrative_members(narrative_id);
