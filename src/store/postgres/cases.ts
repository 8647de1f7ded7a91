// PostgreSQL repository for the cases room (see src/store/repos/cases.ts), as
// src/store/sqlite/cases.ts. Upserts fetch the stored cases of a batch in one query, merge them
// in memory with the shared mergeCase, and write back with one statement per kind of change.

import { caseFromRow as fromRow, mergeCase, type CaseMatch, type CaseRow, type CaseRecord, type CaseRepo, type CaseUpsertReport } from '../repos/cases.ts';
import type { Db } from './db.ts';


const COLS = 'id, source, claim, title, text, url, date, verdict, data';

export function pgCases(db: Db): CaseRepo {
  const matchRow = (r: { article_id: string; case_id: string; score: number; start: number; end: number }): CaseMatch => ({
    articleId: r.article_id, caseId: r.case_id, score: r.score, start: r.start, end: r.end,
  });
  return {
    async upsert(cases) {
      const report: CaseUpsertReport = { inserted: 0, updated: 0, unchanged: 0 };
      if (!cases.length) return report;
      const now = new Date().toISOString();
      return db.tx(async (c) => {
        const stored = new Map(
          (await c.query<CaseRow>(`SELECT ${COLS} FROM cases WHERE id = ANY($1::text[]) FOR UPDATE`, [[...new Set(cases.map((x) => x.id))]])).map((r) => [r.id, fromRow(r)]),
        );
        const fresh = new Set<string>();
        const write = new Map<string, CaseRecord>();
        for (const next of cases) {
          const old = stored.get(next.id) ?? null;
          const merged = mergeCase(old, next);
          const norm = { ...merged, data: JSON.parse(JSON.stringify(merged.data)) };
          if (!old) (report.inserted++, fresh.add(next.id));
          else if (JSON.stringify(old) !== JSON.stringify(norm)) report.updated++;
          else {
            report.unchanged++;
            continue;
          }
          stored.set(next.id, norm);
          write.set(next.id, norm);
        }
        if (!write.size) return report;
        const rows = [...write.values()];
        const col = <K extends keyof CaseRecord>(k: K) => rows.map((r) => (k === 'data' ? JSON.stringify(r.data) : r[k]));
        await c.query(
          `INSERT INTO cases (id, source, claim, title, text, url, date, verdict, data, updated_at)
           SELECT *, $10 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           ON CONFLICT (id) DO UPDATE SET source = excluded.source, claim = excluded.claim, title = excluded.title, text = excluded.text,
             url = excluded.url, date = excluded.date, verdict = excluded.verdict, data = excluded.data, updated_at = excluded.updated_at`,
          [col('id'), col('source'), col('claim'), col('title'), col('text'), col('url'), col('date'), col('verdict'), col('data'), now],
        );
        await c.query('UPDATE cases_revision SET revision = revision + 1 WHERE id = 1');
        return report;
      });
    },
    async get(ids) {
      if (!ids.length) return [];
      const byId = new Map((await db.query<CaseRow>(`SELECT ${COLS} FROM cases WHERE id = ANY($1::text[])`, [ids])).map((r) => [r.id, fromRow(r)]));
      return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    },
    async list(opts = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (opts.source) (params.push(opts.source), where.push(`source = $${params.length}`));
      if (opts.after !== undefined) (params.push(opts.after), where.push(`id > $${params.length}`));
      params.push(opts.limit ?? null);
      const rows = await db.query<CaseRow>(`SELECT ${COLS} FROM cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT $${params.length}`, params);
      return rows.map(fromRow);
    },
    async count(opts = {}) {
      const rows = opts.source
        ? await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE source = $1', [opts.source])
        : await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      return rows[0].n;
    },
    async revision() {
      const [r] = await db.query<{ rev: number; n: number }>('SELECT (SELECT revision FROM cases_revision WHERE id = 1) AS rev, (SELECT count(*)::int FROM cases) AS n');
      return `${r.rev}:${r.n}`;
    },
    async setMatches(articleId, ms) {
      const last = new Map(ms.map((m) => [m.caseId, m]));
      const list = [...last.values()];
      await db.tx(async (c) => {
        await c.query('DELETE FROM matches WHERE article_id = $1', [articleId]);
        if (list.length)
          await c.query(`INSERT INTO matches (article_id, case_id, score, start, "end") SELECT $1, * FROM unnest($2::text[], $3::float8[], $4::int[], $5::int[])`, [
            articleId, list.map((m) => m.caseId), list.map((m) => m.score), list.map((m) => m.start), list.map((m) => m.end),
          ]);
      });
    },
    async matches(articleIds) {
      type Row = Parameters<typeof matchRow>[0];
      if (!articleIds) return (await db.query<Row>('SELECT * FROM matches ORDER BY article_id, score DESC, case_id')).map(matchRow);
      if (!articleIds.length) return [];
      const rows = await db.query<Row>('SELECT * FROM matches WHERE article_id = ANY($1::text[]) ORDER BY article_id, score DESC, case_id', [articleIds]);
      const by = new Map<string, CaseMatch[]>();
      for (const r of rows) (by.get(r.article_id) ?? by.set(r.article_id, []).get(r.article_id)!).push(matchRow(r));
      return articleIds.flatMap((id) => by.get(id) ?? []);
    },
  };
}
