// SQLite repository for the reuse room (see src/store/repos/reuse.ts).

import type Database from 'better-sqlite3';
import { linkFromRow as toLink, type LinkRow, type OutletEdge, type ProvenanceGroupRow, type ReuseLink, type ReuseRepo } from '../repos/reuse.ts';

const CHUNK = 500;

export function sqliteReuse(db: Database.Database): ReuseRepo {
  const q = {
    docOf: db.prepare('SELECT doc, hashes FROM reuse_docs WHERE article_id = ?'),
    delDoc: db.prepare('DELETE FROM reuse_docs WHERE doc = ?'),
    addDoc: db.prepare('INSERT INTO reuse_docs (article_id, hashes) VALUES (?, ?)'),
    getBucket: db.prepare('SELECT data FROM reuse_buckets WHERE bucket = ?').pluck(),
    putBucket: db.prepare('INSERT OR REPLACE INTO reuse_buckets (bucket, data) VALUES (?, ?)'),
    delBucket: db.prepare('DELETE FROM reuse_buckets WHERE bucket = ?'),
    delGroupsOf: db.prepare('DELETE FROM provenance_groups WHERE id IN (SELECT group_id FROM provenance WHERE article_id = ?)'),
    anyBucket: db.prepare('SELECT 1 FROM reuse_buckets LIMIT 1').pluck(),
    delLinks: db.prepare('DELETE FROM reuse WHERE a_id = ? OR b_id = ?'),
    addLink: db.prepare(
      'INSERT INTO reuse (a_id, a_start, a_end, b_id, b_start, b_end, kind, credited, score, directed, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    addGroup: db.prepare('INSERT INTO provenance_groups (id, kind, text, data) VALUES (?, ?, ?, ?)'),
    addMember: db.prepare('INSERT INTO provenance (group_id, ord, article_id, role, data) VALUES (?, ?, ?, ?, ?)'),
  };
  const BUCKETS = 1 << 16;
  const bucketOf = (h: number) => h >>> 16;
  const int32s = (b: Buffer) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const articlesOf = (docs: number[]) => {
    const out = new Map<number, string>();
    for (let i = 0; i < docs.length; i += CHUNK) {
      const part = docs.slice(i, i + CHUNK);
      const rows = db.prepare(`SELECT doc, article_id FROM reuse_docs WHERE doc IN (${part.map(() => '?').join(',')})`).all(...part) as { doc: number; article_id: string }[];
      for (const r of rows) out.set(r.doc, r.article_id);
    }
    return out;
  };

  const setFingerprints = db.transaction((entries: { article: string; hashes: number[] | Int32Array }[]) => {
    // Old postings to drop, by bucket.
    const removed = new Map<number, Set<number>>();
    const docs = new Int32Array(entries.length);
    let total = 0;
    entries.forEach((e, k) => {
      const old = q.docOf.get(e.article) as { doc: number; hashes: Buffer } | undefined;
      if (old) {
        for (const h of int32s(old.hashes)) {
          const b = bucketOf(h);
          (removed.get(b) ?? (removed.set(b, new Set()), removed.get(b)!)).add(old.doc);
        }
        q.delDoc.run(old.doc);
      }
      if (!e.hashes.length) return;
      const hashes = Int32Array.from(e.hashes);
      docs[k] = Number(q.addDoc.run(e.article, Buffer.from(hashes.buffer)).lastInsertRowid);
      total += hashes.length;
    });
    // New postings grouped by bucket with a counting sort: one typed array, no per-bucket lists
    // (a batch of 21,000 articles has over a million postings).
    const counts = new Int32Array(BUCKETS + 1);
    for (const e of entries) for (let i = 0; i < e.hashes.length; i++) counts[bucketOf(e.hashes[i]) + 1] += 2;
    for (let b = 0; b < BUCKETS; b++) counts[b + 1] += counts[b];
    const fill = counts.slice(0, BUCKETS);
    const pairs = new Int32Array(total * 2);
    entries.forEach((e, k) => {
      for (let i = 0; i < e.hashes.length; i++) {
        const h = e.hashes[i] | 0;
        const at = fill[bucketOf(h)];
        pairs[at] = h;
        pairs[at + 1] = docs[k];
        fill[bucketOf(h)] += 2;
      }
    });
    const empty = !removed.size && !q.anyBucket.get();
    for (let b = 0; b < BUCKETS; b++) {
      const add = pairs.subarray(counts[b], counts[b + 1]);
      const gone = removed.get(b);
      if (!add.length && !gone) continue;
      const blob = empty ? undefined : (q.getBucket.get(b) as Buffer | undefined);
      if (!blob) {
        if (add.length) q.putBucket.run(b, Buffer.from(add.buffer, add.byteOffset, add.byteLength));
        continue;
      }
      const old = int32s(blob);
      const merged = new Int32Array(old.length + add.length);
      let n = 0;
      for (let i = 0; i < old.length; i += 2)
        if (!gone?.has(old[i + 1])) {
          merged[n++] = old[i];
          merged[n++] = old[i + 1];
        }
      merged.set(add, n);
      n += add.length;
      if (n) q.putBucket.run(b, Buffer.from(merged.buffer, 0, n * 4));
      else q.delBucket.run(b);
    }
  });

  const replaceLinks = db.transaction((articles: string[], links: ReuseLink[]) => {
    for (const id of articles) q.delLinks.run(id, id);
    for (const l of links)
      q.addLink.run(l.a, l.aStart, l.aEnd, l.b, l.bStart, l.bEnd, l.kind, l.credited ? 1 : 0, l.score, l.directed ? 1 : 0, JSON.stringify(l.data));
  });

  const replaceProvenance = db.transaction((groups: ProvenanceGroupRow[], scope?: { articles: string[] }) => {
    if (!scope) db.exec('DELETE FROM provenance; DELETE FROM provenance_groups;');
    else for (const id of scope.articles) q.delGroupsOf.run(id);
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
      const wanted = new Map<number, Set<number>>(); // bucket → hashes
      for (const h of hashes) {
        const b = bucketOf(h);
        (wanted.get(b) ?? (wanted.set(b, new Set()), wanted.get(b)!)).add(h | 0);
      }
      const found = new Map<number, number[]>(); // hash → docs
      for (const [b, hs] of wanted) {
        const blob = q.getBucket.get(b) as Buffer | undefined;
        if (!blob) continue;
        const pairs = int32s(blob);
        for (let i = 0; i < pairs.length; i += 2)
          if (hs.has(pairs[i])) (found.get(pairs[i]) ?? (found.set(pairs[i], []), found.get(pairs[i])!)).push(pairs[i + 1]);
      }
      const names = articlesOf([...new Set([...found.values()].flat())]);
      const out: { hash: number; articles: string[] }[] = [];
      for (const [hash, docs] of found) {
        const articles = docs.map((d) => names.get(d)).filter((a): a is string => a !== undefined);
        if (articles.length) out.push({ hash, articles });
      }
      return out;
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
    async replaceProvenance(groups, scope) {
      replaceProvenance(groups, scope);
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
      db.exec('DELETE FROM reuse_buckets; DELETE FROM reuse_docs; DELETE FROM reuse; DELETE FROM provenance; DELETE FROM provenance_groups;');
    },
  };
}
