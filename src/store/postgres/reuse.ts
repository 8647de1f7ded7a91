// PostgreSQL repository for the reuse room (see src/store/repos/reuse.ts), as
// src/store/sqlite/reuse.ts. The n-gram index is one row per posting (see the migration).

import { linkFromRow as toLink, type LinkRow, type OutletEdge, type ProvenanceGroupRow, type ReuseRepo } from '../repos/reuse.ts';
import type { Db } from './db.ts';

export function pgReuse(db: Db): ReuseRepo {
  return {
    async setFingerprints(entries) {
      // The last entry for an article wins, as when SQLite applies them one after another.
      const last = new Map(entries.map((e, i) => [e.article, i]));
      const keep = entries.filter((e, i) => last.get(e.article) === i);
      await db.tx(async (c) => {
        await c.query('DELETE FROM reuse_docs WHERE article_id = ANY($1::text[])', [keep.map((e) => e.article)]);
        const withHashes = keep.filter((e) => e.hashes.length);
        if (!withHashes.length) return;
        const docs = await c.query<{ doc: string; article_id: string }>(
          `INSERT INTO reuse_docs (article_id) SELECT a FROM unnest($1::text[]) WITH ORDINALITY AS u(a, o) ORDER BY o RETURNING doc, article_id`,
          [withHashes.map((e) => e.article)],
        );
        const docOf = new Map(docs.map((d) => [d.article_id, d.doc]));
        const hashes: number[] = [];
        const owners: string[] = [];
        for (const e of withHashes) {
          const d = docOf.get(e.article)!;
          for (const h of e.hashes) hashes.push(h | 0), owners.push(d);
        }
        await c.query('INSERT INTO reuse_postings (hash, doc) SELECT * FROM unnest($1::int[], $2::bigint[])', [hashes, owners]);
      });
    },
    async postings(hashes) {
      const wanted = [...new Set(hashes.map((h) => h | 0))];
      if (!wanted.length) return [];
      const rows = await db.query<{ hash: number; articles: string[] }>(
        `SELECT p.hash, array_agg(d.article_id ORDER BY p.doc) AS articles
         FROM reuse_postings p JOIN reuse_docs d ON d.doc = p.doc
         WHERE p.hash = ANY($1::int[]) GROUP BY p.hash`,
        [wanted],
      );
      const byHash = new Map(rows.map((r) => [r.hash, r.articles]));
      return wanted.filter((h) => byHash.has(h)).map((hash) => ({ hash, articles: byHash.get(hash)! }));
    },
    async indexed() {
      return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reuse_docs'))[0].n;
    },
    async replaceLinks(articles, links) {
      const rows = links.map((l) => [l.a, l.aStart, l.aEnd, l.b, l.bStart, l.bEnd, l.kind, l.credited, l.score, l.directed, JSON.stringify(l.data)] as const);
      await db.tx(async (c) => {
        if (articles.length) await c.query('DELETE FROM reuse WHERE a_id = ANY($1::text[]) OR b_id = ANY($1::text[])', [articles]);
        if (!rows.length) return;
        const col = (i: number) => rows.map((r) => r[i]);
        await c.query(
          `INSERT INTO reuse (a_id, a_start, a_end, b_id, b_start, b_end, kind, credited, score, directed, data)
           SELECT a, b, c, d, e, f, g, h, i, j, k
           FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[], $8::bool[], $9::float8[], $10::bool[], $11::text[])
             WITH ORDINALITY AS u(a, b, c, d, e, f, g, h, i, j, k, o)
           ORDER BY o`,
          [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8), col(9), col(10)],
        );
      });
    },
    async links(filter = {}) {
      const rows =
        filter.article !== undefined
          ? await db.query<LinkRow>('SELECT * FROM reuse WHERE a_id = $1 OR b_id = $1 ORDER BY id', [filter.article])
          : await db.query<LinkRow>('SELECT * FROM reuse ORDER BY id');
      return rows.map(toLink);
    },
    async replaceProvenance(groups: ProvenanceGroupRow[], scope?: { articles: string[] }) {
      const data = groups.map((g) => JSON.stringify(g.data));
      const members = groups.flatMap((g) => g.members.map((m, i) => ({ g: g.id, i, a: m.article, role: m.role, data: JSON.stringify(m.data) })));
      await db.tx(async (c) => {
        if (!scope) await c.query('DELETE FROM provenance; DELETE FROM provenance_groups;');
        else await c.query('DELETE FROM provenance_groups WHERE id IN (SELECT group_id FROM provenance WHERE article_id = ANY($1::text[]))', [scope.articles]);
        if (!groups.length) return;
        await c.query(
          `INSERT INTO provenance_groups (id, kind, text, data)
           SELECT i, k, t, d FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(i, k, t, d, o) ORDER BY o`,
          [groups.map((g) => g.id), groups.map((g) => g.kind), groups.map((g) => g.text), data],
        );
        if (members.length)
          await c.query(`INSERT INTO provenance (group_id, ord, article_id, role, data) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])`, [
            members.map((m) => m.g), members.map((m) => m.i), members.map((m) => m.a), members.map((m) => m.role), members.map((m) => m.data),
          ]);
      });
    },
    async provenance(filter = {}) {
      const groups =
        filter.article !== undefined
          ? await db.query<{ id: string; kind: string; text: string; data: string }>(
              'SELECT id, kind, text, data FROM provenance_groups WHERE id IN (SELECT group_id FROM provenance WHERE article_id = $1) ORDER BY seq',
              [filter.article],
            )
          : await db.query<{ id: string; kind: string; text: string; data: string }>('SELECT id, kind, text, data FROM provenance_groups ORDER BY seq');
      const members = new Map<string, { article: string; role: string; data: Record<string, unknown> }[]>();
      if (groups.length)
        for (const m of await db.query<{ group_id: string; article_id: string; role: string; data: string }>(
          'SELECT group_id, article_id, role, data FROM provenance WHERE group_id = ANY($1::text[]) ORDER BY group_id, ord',
          [groups.map((g) => g.id)],
        ))
          (members.get(m.group_id) ?? members.set(m.group_id, []).get(m.group_id)!).push({ article: m.article_id, role: m.role, data: JSON.parse(m.data) });
      return groups.map((g) => ({ id: g.id, kind: g.kind, text: g.text, data: JSON.parse(g.data), members: members.get(g.id) ?? [] }));
    },
    async outletGraph(): Promise<OutletEdge[]> {
      const rows = await db.query<OutletEdge>(
        `SELECT CASE WHEN r.directed OR coalesce(a.outlet_id,'') <= coalesce(b.outlet_id,'') THEN coalesce(a.outlet_id,'unknown') ELSE coalesce(b.outlet_id,'unknown') END AS "from",
                CASE WHEN r.directed OR coalesce(a.outlet_id,'') <= coalesce(b.outlet_id,'') THEN coalesce(b.outlet_id,'unknown') ELSE coalesce(a.outlet_id,'unknown') END AS "to",
                r.directed AS directed, count(*)::int AS links, sum(r.credited::int)::int AS credited,
                min(a.published) AS first, max(a.published) AS last
           FROM reuse r JOIN articles a ON a.id = r.a_id JOIN articles b ON b.id = r.b_id
          WHERE r.kind <> 'boilerplate'
          GROUP BY 1, 2, 3 ORDER BY links DESC, 1, 2`,
      );
      return rows.map((r) => ({ from: r.from, to: r.to, directed: r.directed, links: r.links, credited: r.credited, first: r.first, last: r.last }));
    },
    async clear() {
      await db.query('DELETE FROM reuse_postings; DELETE FROM reuse_docs; DELETE FROM reuse; DELETE FROM provenance; DELETE FROM provenance_groups;');
    },
  };
}
