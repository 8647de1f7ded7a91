// SQLite repository for the groups room (see src/store/repos/groups.ts).

import type Database from 'better-sqlite3';
import { narrativeFromRow, storyFromRow, type GroupRepo, type NarrativeRecord, type NarrativeRow, type StoryRecord, type StoryRow } from '../repos/groups.ts';


export function sqliteGroups(db: Database.Database): GroupRepo {
  const q = {
    putFeature: db.prepare('INSERT OR REPLACE INTO story_features (article_id, data) VALUES (?, ?)'),
    putStory: db.prepare('INSERT OR REPLACE INTO stories (id, label, start, "end", data) VALUES (?, ?, ?, ?, ?)'),
    clearStoryMembers: db.prepare('DELETE FROM story_members WHERE story_id = ?'),
    putStoryMember: db.prepare('INSERT OR REPLACE INTO story_members (article_id, story_id, ord) VALUES (?, ?, ?)'),
    deleteStory: db.prepare('DELETE FROM stories WHERE id = ?'),
    putNarrative: db.prepare('INSERT INTO narratives (id, label, claim, entities, representative, data) VALUES (?, ?, ?, ?, ?, ?)'),
    putNarrativeMember: db.prepare('INSERT OR REPLACE INTO narrative_members (article_id, narrative_id, ord) VALUES (?, ?, ?)'),
  };
  const membersOf = (table: 'story_members' | 'narrative_members', key: 'story_id' | 'narrative_id', ids: string[]) => {
    const out = new Map<string, string[]>();
    const rows = db
      .prepare(`SELECT ${key} AS g, article_id AS a FROM ${table} WHERE ${key} IN (SELECT value FROM json_each(?)) ORDER BY ${key}, ord`)
      .all(JSON.stringify(ids)) as { g: string; a: string }[];
    for (const r of rows) (out.get(r.g) ?? out.set(r.g, []).get(r.g)!).push(r.a);
    return out;
  };
  /** Group ids selected by id, by member article, or all. */
  const select = (table: 'stories' | 'narratives', members: string, key: string, opts: { ids?: string[]; articleIds?: string[] }) => {
    if (opts.ids) return { sql: `SELECT * FROM ${table} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, params: [JSON.stringify(opts.ids)] };
    if (opts.articleIds)
      return {
        sql: `SELECT * FROM ${table} WHERE id IN (SELECT ${key} FROM ${members} WHERE article_id IN (SELECT value FROM json_each(?))) ORDER BY id`,
        params: [JSON.stringify(opts.articleIds)],
      };
    return { sql: `SELECT * FROM ${table} ORDER BY id`, params: [] };
  };

  return {
    async putFeatures(rows) {
      db.transaction(() => {
        for (const r of rows) q.putFeature.run(r.articleId, JSON.stringify(r.data));
      })();
    },
    async features(articleIds) {
      const rows = (
        articleIds
          ? db.prepare('SELECT article_id, data FROM story_features WHERE article_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(articleIds))
          : db.prepare('SELECT f.article_id, f.data FROM story_features f JOIN articles a ON a.id = f.article_id ORDER BY a.rowid').all()
      ) as { article_id: string; data: string }[];
      return rows.map((r) => ({ articleId: r.article_id, data: JSON.parse(r.data) }));
    },
    async saveStories(stories: StoryRecord[], opts = {}) {
      db.transaction(() => {
        if (opts.replaceAll) db.exec('DELETE FROM story_members; DELETE FROM stories;');
        for (const id of opts.deleteIds ?? []) q.deleteStory.run(id);
        for (const s of stories) {
          q.putStory.run(s.id, s.label, s.start, s.end, JSON.stringify(s.data));
          q.clearStoryMembers.run(s.id);
          s.articles.forEach((a, i) => q.putStoryMember.run(a, s.id, i));
        }
      })();
    },
    async stories(opts = {}) {
      const { sql, params } = select('stories', 'story_members', 'story_id', opts);
      const rows = db.prepare(sql).all(...params) as StoryRow[];
      const members = membersOf('story_members', 'story_id', rows.map((r) => r.id));
      return rows.map((r) => storyFromRow(r, members.get(r.id) ?? []));
    },
    async saveNarratives(narratives: NarrativeRecord[]) {
      db.transaction(() => {
        db.exec('DELETE FROM narrative_members; DELETE FROM narratives;');
        for (const n of narratives) {
          q.putNarrative.run(n.id, n.label, n.claim, JSON.stringify(n.entities), n.representative ? JSON.stringify(n.representative) : null, JSON.stringify(n.data));
          n.articles.forEach((a, i) => q.putNarrativeMember.run(a, n.id, i));
        }
      })();
    },
    async narratives(opts = {}) {
      const { sql, params } = select('narratives', 'narrative_members', 'narrative_id', opts);
      const rows = db.prepare(sql).all(...params) as NarrativeRow[];
      const members = membersOf('narrative_members', 'narrative_id', rows.map((r) => r.id));
      return rows.map((r) => narrativeFromRow(r, members.get(r.id) ?? []));
    },
  };
}
