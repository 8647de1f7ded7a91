// SQLite repository for the reuse room (see src/store/repos/reuse.ts).

import type Database from 'better-sqlite3';
import type { OutletEdge, ProvenanceGroupRow, ReuseKind, ReuseLink, ReuseRepo } from '../repos/reuse.ts';

const CHUNK = 500;

interface LinkRow {
  a_id: string;
  a_start: number;
  a_end: number;
  b_id: string;
  b_start: number;
  b_end: number;
  kind: string;
  credited: number;
  score: number;
  directed: number;
  data: string;
}

const toLink = (r: LinkRow): ReuseLink => ({
  a: r.a_id,
  aStart: r.a_start,
  aEnd: r.a_end,
  b: r.b_id,
  bStart: r.b_start,
  bEnd: r.b_end,
  kind: r.kind as ReuseKind,
  credited: !!r.credited,
  score: r.score,
  directed: !!r.directed,
  data: JSON.parse(r.data),
});

export function sqliteReuse(db: Database.Database): ReuseRepo {
  const q = {
    docOf: db.prepare('SELECT doc, hashes FROM reuse_docs WHERE article_id = ?'),
    delDoc: db.prepare('DELETE FROM reuse_docs WHERE doc = ?'),
    delPosting: db.prepare('DELETE FROM reuse_shingles WHERE hash = ? AND doc = ?'),
    addDoc: db.prepare('INSERT INTO reuse_docs (article_id, hashes) VALUES (?, ?)'),
    addPosting: db.prepare('INSERT OR IGNORE INTO reuse_shingles (hash, doc) VALUES (?, ?)'),
    delLinks: db.prepare('DELETE FROM reuse WHERE a_id = ? OR b_id = ?'),
    addLink: db.prepare(
      'INSERT INTO reuse (a_id, a_start, a_end, b_id, b_start, b_end, kind, credited, score, directed, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    addGroup: db.prepare('INSERT INTO provenance_groups (id, kind, text, data) VALUES (?, ?, ?, ?)'),
    addMember: db.prepare('INSERT INTO provenance (group_id, ord, article_id, role, data) VALUES (?, ?, ?, ?, ?)'),
  };
  const postingsStmt = new Map<number, Database.Statement>();
  const postingsFor = (n: number) => {
    let st = postingsStmt.get(n);
    if (!st) {
      st = db.prepare(
        `SELECT s.hash AS hash, d.article_id AS article FROM reuse_shingles s JOIN reuse_docs d ON d.doc = s.doc WHERE s.hash IN (${Array(n).fill('?').join(',')})`,
      );
      postingsStmt.set(n, st);
    }
    return st;
  };

  const setFingerprints = db.transaction((entries: { article: string; hashes: number[] }[]) => {
    for (const e of entries) {
      const old = q.docOf.get(e.article) as { doc: number; hashes: Buffer } | undefined;
      if (old) {
        const hs = new Int32Array(old.hashes.buffer, old.hashes.byteOffset, old.hashes.byteLength / 4);
        for (const h of hs) q.delPosting.run(h, old.doc);
        q.delDoc.run(old.doc);
      }
      if (!e.hashes.length) continue;
      const hashes = Int32Array.from(e.hashes);
      const doc = Number(q.addDoc.run(e.article, Buffer.from(hashes.buffer)).lastInsertRowid);
      for (const h of hashes) q.addPosting.run(h, doc);
    }
  });

  const replaceLinks = db.transaction((articles: string[], links: ReuseLink[]) => {
    for (const id of articles) q.delLinks.run(id, id);
    for (const l of links)
      q.addLink.run(l.a, l.aStart, l.aEnd, l.b, l.bStart, l.bEnd, l.kind, l.credited ? 1 : 0, l.score, l.directed ? 1 : 0, JSON.stringify(l.data));
  });

  const replaceProvenance = db.transaction((groups: ProvenanceGroupRow[]) => {
    db.exec('DELETE FROM provenance; DELETE FROM provenance_groups;');
    for (const g of groups) {
      q.addGroup.run(g.id, g.kind, g.text, JSON.stringify(g.data));
      g.members.forEach((m, i) => q.addMember.run(g.id, i, m.article, m.role, JSON.stringify(m.data)));
    }
  });

  return {
    async setFingerprints(entries) {
      setFingerprints(entries);
    },
    async postings(hashes) {
      const byHash = new Map<number, string[]>();
      const unique = [...new Set(hashes)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const part = unique.slice(i, i + CHUNK);
        for (const r of postingsFor(part.length).all(...part) as { hash: number; article: string }[]) {
          const list = byHash.get(r.hash);
          if (list) list.push(r.article);
          else byHash.set(r.hash, [r.article]);
        }
      }
      return [...byHash].map(([hash, articles]) => ({ hash, articles }));
    },
    async indexed() {
      return db.prepare('SELECT count(*) FROM reuse_docs').pluck().get() as number;
    },
    async replaceLinks(articles, links) {
      replaceLinks(articles, links);
    },
    async links(filter = {}) {
      const rows = (
        filter.article !== undefined
          ? db.prepare('SELECT * FROM reuse WHERE a_id = ? OR b_id = ? ORDER BY id').all(filter.article, filter.article)
          : db.prepare('SELECT * FROM reuse ORDER BY id').all()
      ) as LinkRow[];
      return rows.map(toLink);
    },
    async replaceProvenance(groups) {
      replaceProvenance(groups);
    },
    async provenance(filter = {}) {
      const groups = (
        filter.article !== undefined
          ? db.prepare('SELECT * FROM provenance_groups WHERE id IN (SELECT group_id FROM provenance WHERE article_id = ?) ORDER BY rowid').all(filter.article)
          : db.prepare('SELECT * FROM provenance_groups ORDER BY rowid').all()
      ) as { id: string; kind: string; text: string; data: string }[];
      const members = db.prepare('SELECT article_id, role, data FROM provenance WHERE group_id = ? ORDER BY ord');
      return groups.map((g) => ({
        id: g.id,
        kind: g.kind,
        text: g.text,
        data: JSON.parse(g.data),
        members: (members.all(g.id) as { article_id: string; role: string; data: string }[]).map((m) => ({ article: m.article_id, role: m.role, data: JSON.parse(m.data) })),
      }));
    },
    async outletGraph(): Promise<OutletEdge[]> {
      const rows = db
        .prepare(
          `SELECT CASE WHEN r.directed OR coalesce(a.outlet_id,'') <= coalesce(b.outlet_id,'') THEN coalesce(a.outlet_id,'unknown') ELSE coalesce(b.outlet_id,'unknown') END AS "from",
                  CASE WHEN r.directed OR coalesce(a.outlet_id,'') <= coalesce(b.outlet_id,'') THEN coalesce(b.outlet_id,'unknown') ELSE coalesce(a.outlet_id,'unknown') END AS "to",
                  r.directed AS directed, count(*) AS links, sum(r.credited) AS credited,
                  min(a.published) AS first, max(a.published) AS last
             FROM reuse r JOIN articles a ON a.id = r.a_id JOIN articles b ON b.id = r.b_id
            WHERE r.kind <> 'boilerplate'
            GROUP BY 1, 2, 3 ORDER BY links DESC, 1, 2`,
        )
        .all() as { from: string; to: string; directed: number; links: number; credited: number; first: string | null; last: string | null }[];
      return rows.map((r) => ({ ...r, directed: !!r.directed }));
    },
    async clear() {
      db.exec('DELETE FROM reuse_shingles; DELETE FROM reuse_docs; DELETE FROM reuse; DELETE FROM provenance; DELETE FROM provenance_groups;');
    },
  };
}
