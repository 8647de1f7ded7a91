-- Stories, narratives and membership (src/group), as migrations/sqlite/0003_groups.sql.

CREATE TABLE story_features (
  article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  data       TEXT NOT NULL
);

CREATE TABLE stories (
  id     TEXT COLLATE "C" PRIMARY KEY,
  label  TEXT NOT NULL,
  start  TEXT,
  "end"  TEXT,
  data   TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE story_members (
  article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  story_id   TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);

CREATE TABLE narratives (
  id             TEXT COLLATE "C" PRIMARY KEY,
  label          TEXT NOT NULL,
  claim          TEXT NOT NULL,
  entities       TEXT NOT NULL DEFAULT '[]',
  representative TEXT,
  data           TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE narrative_members (
  article_id   TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  narrative_id TEXT COLLATE "C" NOT NULL REFERENCES narratives(id) ON DELETE CASCADE,
  ord          INTEGER NOT NULL
);
CREATE INDEX narrative_members_narrative ON narrative_members(narrative_id);
