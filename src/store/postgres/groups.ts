// PostgreSQL repository for the groups room (see src/store/repos/groups.ts), as src/store/sqlite/groups.ts.

import { narrativeFromRow, storyFromRow, type GroupRepo, type NarrativeRecord, type NarrativeRow, type StoryRecord, type StoryRow } from '../repos/groups.ts';
import type { Db, Tx } from './db.ts';


export function pgGroups(db: Db): GroupRepo {
  const membersOf = async (table: 'story_members' | 'narrative_members', key: 'story_id' | 'narrative_id', ids: string[]) => {
    const out = new Map<string, string[]>();
    if (!ids.length) return out;
    const rows = await db.query<{ g: string; a: string }>(`SELECT ${key} AS g, article_id AS a FROM ${table} WHERE ${key} = ANY($1::text[]) ORDER BY ${key}, ord`, [ids]);
    for (const r of rows) (out.get(r.g) ?? out.set(r.g, []).get(r.g)!).push(r.a);
    return out;
  };
  const select = (table: 'stories' | 'narratives', members: string, key: string, opts: { ids?: string[]; articleIds?: string[] }) => {
    if (opts.ids) return { sql: `SELECT * FROM ${table} WHERE id = ANY($1::text[]) ORDER BY id`, params: [opts.ids] };
    if (opts.articleIds) return { sql: `SELECT * FROM ${table} WHERE id IN (SELECT ${key} FROM ${members} WHERE article_id = ANY($1::text[])) ORDER BY id`, params: [opts.articleIds] };
    return { sql: `SELECT * FROM ${table} ORDER BY id`, params: [] };
  };
  /** Membership rows: an article named twice keeps its last place, as INSERT OR REPLACE does. */
  const putMembers = async (c: Tx, table: string, key: string, groups: { id: string; articles: string[] }[]) => {
    const at = new Map<string, [string, number]>();
    for (const g of groups) g.articles.forEach((a, i) => (at.delete(a), at.set(a, [g.id, i])));
    if (!at.size) return;
    const rows = [...at];
    await c.query(`DELETE FROM ${table} WHERE article_id = ANY($1::text[])`, [rows.map(([a]) => a)]);
    await c.query(`INSERT INTO ${table} (article_id, ${key}, ord) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`, [
      rows.map(([a]) => a), rows.map(([, [g]]) => g), rows.map(([, [, i]]) => i),
    ]);
  };

  return {
    async putFeatures(rows) {
      if (!rows.length) return;
      const last = new Map(rows.map((r) => [r.articleId, JSON.stringify(r.data)]));
      await db.query(
        `INSERT INTO story_features (article_id, data) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (article_id) DO UPDATE SET data = excluded.data`,
        [[...last.keys()], [...last.values()]],
      );
    },
    async features(articleIds) {
      const rows = articleIds
        ? await db.query<{ article_id: string; data: string }>('SELECT article_id, data FROM story_features WHERE article_id = ANY($1::text[])', [articleIds])
        : await db.query<{ article_id: string; data: string }>('SELECT f.article_id, f.data FROM story_features f JOIN articles a ON a.id = f.article_id ORDER BY a.seq');
      return rows.map((r) => ({ articleId: r.article_id, data: JSON.parse(r.data) }));
    },
    async saveStories(stories: StoryRecord[], opts = {}) {
      await db.tx(async (c) => {
        if (opts.replaceAll) await c.query('DELETE FROM story_members; DELETE FROM stories;');
        if (opts.deleteIds?.length) await c.query('DELETE FROM stories WHERE id = ANY($1::text[])', [opts.deleteIds]);
        if (!stories.length) return;
        const last = new Map(stories.map((s) => [s.id, s]));
        const list = [...last.values()];
        await c.query(
          `INSERT INTO stories (id, label, start, "end", data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
           ON CONFLICT (id) DO UPDATE SET label = excluded.label, start = excluded.start, "end" = excluded."end", data = excluded.data`,
          [list.map((s) => s.id), list.map((s) => s.label), list.map((s) => s.start), list.map((s) => s.end), list.map((s) => JSON.stringify(s.data))],
        );
        await c.query('DELETE FROM story_members WHERE story_id = ANY($1::text[])', [list.map((s) => s.id)]);
        await putMembers(c, 'story_members', 'story_id', stories);
      });
    },
    async stories(opts = {}) {
      const { sql, params } = select('stories', 'story_members', 'story_id', opts);
      const rows = await db.query<StoryRow>(sql, params);
      const members = await membersOf('story_members', 'story_id', rows.map((r) => r.id));
      return rows.map((r) => storyFromRow(r, members.get(r.id) ?? []));
    },
    async saveNarratives(narratives: NarrativeRecord[]) {
      await db.tx(async (c) => {
        await c.query('DELETE FROM narrative_members; DELETE FROM narratives;');
        if (!narratives.length) return;
        await c.query(
          `INSERT INTO narratives (id, label, claim, entities, representative, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
          [
            narratives.map((n) => n.id), narratives.map((n) => n.label), narratives.map((n) => n.claim), narratives.map((n) => JSON.stringify(n.entities)),
            narratives.map((n) => (n.representative ? JSON.stringify(n.representative) : null)), narratives.map((n) => JSON.stringify(n.data)),
          ],
        );
        await putMembers(c, 'narrative_members', 'narrative_id', narratives);
      });
    },
    async narratives(opts = {}) {
      const { sql, params } = select('narratives', 'narrative_members', 'narrative_id', opts);
      const rows = await db.query<NarrativeRow>(sql, params);
      const members = await membersOf('narrative_members', 'narrative_id', rows.map((r) => r.id));
      return rows.map((r) => narrativeFromRow(r, members.get(r.id) ?? []));
    },
  };
}
