// SQLite repository for the cases room (see src/store/repos/cases.ts).

import type Database from 'better-sqlite3';
import { caseFromRow as fromRow, mergeCase, type CaseMatch, type CaseRow, type CaseRecord, type CaseRepo, type CaseUpsertReport } from '../repos/cases.ts';



export function sqliteCases(db: Database.Database): CaseRepo {
  const getOne = db.prepare('SELECT * FROM cases WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO cases (id, source, claim, title, text, url, date, verdict, data, updated_at)
     VALUES (@id, @source, @claim, @title, @text, @url, @date, @verdict, @data, @updated_at)`,
  );
  const update = db.prepare(
    `UPDATE cases SET source = @source, claim = @claim, title = @title, text = @text, url = @url, date = @date,
       verdict = @verdict, data = @data, updated_at = @updated_at WHERE id = @id`,
  );
  const bump = db.prepare('UPDATE cases_revision SET revision = revision + 1 WHERE id = 1');

  const upsert = db.transaction((cases: CaseRecord[]): CaseUpsertReport => {
    const report = { inserted: 0, updated: 0, unchanged: 0 };
    const now = new Date().toISOString();
    for (const c of cases) {
      const row = getOne.get(c.id) as CaseRow | undefined;
      const old = row ? fromRow(row) : null;
      const merged = mergeCase(old, c);
      const params = { ...merged, data: JSON.stringify(merged.data), updated_at: now };
      if (!old) {
        insert.run(params);
        report.inserted++;
      } else if (JSON.stringify(old) !== JSON.stringify({ ...merged, data: JSON.parse(params.data) })) {
        update.run(params);
        report.updated++;
      } else report.unchanged++;
    }
    if (report.inserted || report.updated) bump.run();
    return report;
  });

  const delMatches = db.prepare('DELETE FROM matches WHERE article_id = ?');
  const insMatch = db.prepare('INSERT OR REPLACE INTO matches (article_id, case_id, score, start, "end") VALUES (?, ?, ?, ?, ?)');
  const setMatches = db.transaction((articleId: string, ms: Omit<CaseMatch, 'articleId'>[]) => {
    delMatches.run(articleId);
    for (const m of ms) insMatch.run(articleId, m.caseId, m.score, m.start, m.end);
  });

  const matchRow = (r: { article_id: string; case_id: string; score: number; start: number; end: number }): CaseMatch => ({
    articleId: r.article_id,
    caseId: r.case_id,
    score: r.score,
    start: r.start,
    end: r.end,
  });

  return {
    async upsert(cases) {
      return upsert(cases);
    },
    async get(ids) {
      const out: CaseRecord[] = [];
      for (const id of ids) {
        const r = getOne.get(id) as CaseRow | undefined;
        if (r) out.push(fromRow(r));
      }
      return out;
    },
    async list(opts = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (opts.source) (where.push('source = ?'), params.push(opts.source));
      if (opts.after !== undefined) (where.push('id > ?'), params.push(opts.after));
      const sql = `SELECT * FROM cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT ?`;
      return (db.prepare(sql).all(...params, opts.limit ?? -1) as CaseRow[]).map(fromRow);
    },
    async count(opts = {}) {
      if (opts.source) return db.prepare('SELECT count(*) FROM cases WHERE source = ?').pluck().get(opts.source) as number;
      return db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    },
    async revision() {
      const rev = db.prepare('SELECT revision FROM cases_revision WHERE id = 1').pluck().get() as number;
      const n = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
      return `${rev}:${n}`;
    },
    async setMatches(articleId, ms) {
      setMatches(articleId, ms);
    },
    async matches(articleIds) {
      const order = 'ORDER BY article_id, score DESC, case_id';
      if (!articleIds) return (db.prepare(`SELECT * FROM matches ${order}`).all() as Parameters<typeof matchRow>[0][]).map(matchRow);
      const out: CaseMatch[] = [];
      const stmt = db.prepare(`SELECT * FROM matches WHERE article_id = ? ORDER BY score DESC, case_id`);
      for (const id of articleIds) for (const r of stmt.all(id) as Parameters<typeof matchRow>[0][]) out.push(matchRow(r));
      return out;
    },
  };
}
