// SQLite repository for articles, their layers and what cleaning removed.

import type Database from 'better-sqlite3';
import { spanDataJson, type Article, type LayerResult, type Removed, type Span } from '../../model.ts';
import type { ArticleFilter, ArticleRepo, PutOutcome, SearchHit } from '../store.ts';
import { rowToArticle, summaryFromRow, type ArticleRow } from '../rows.ts';
import { toFtsQuery } from '../fts-query.ts';

/** WHERE clause and parameters for an ArticleFilter. */
function where(filter: ArticleFilter = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.outlet) (parts.push('a.outlet_id = ?'), params.push(filter.outlet));
  if (filter.from) (parts.push('a.published >= ?'), params.push(filter.from));
  if (filter.to) (parts.push('substr(a.published, 1, 10) <= ?'), params.push(filter.to));
  if (filter.ids) (parts.push(`a.id IN (SELECT value FROM json_each(?))`), params.push(JSON.stringify(filter.ids)));
  if (filter.entity) {
    parts.push(`a.id IN (SELECT article_id FROM layers WHERE layer = 'entity' AND json_extract(data, '$.entity') = ?)`);
    params.push(filter.entity);
  }
  return { sql: parts.length ? 'WHERE ' + parts.join(' AND ') : '', params };
}

export function sqliteArticles(db: Database.Database): ArticleRepo {
  const q = {
    fingerprint: db.prepare('SELECT content_hash FROM articles WHERE id = ?').pluck(),
    versions: db.prepare('SELECT layer, stage_version FROM layer_versions WHERE article_id = ?'),
    upsert: db.prepare(`
      INSERT INTO articles (id, content_hash, url, outlet_id, outlet_name, outlet_evidence, published, published_evidence,
                            title, text, source, ingested_at, updated_at)
      VALUES (@id, @content_hash, @url, @outlet_id, @outlet_name, @outlet_evidence, @published, @published_evidence,
              @title, @text, @source, @ingested_at, @updated_at)
      ON CONFLICT(id) DO UPDATE SET content_hash = excluded.content_hash, url = excluded.url, outlet_id = excluded.outlet_id,
        outlet_name = excluded.outlet_name, outlet_evidence = excluded.outlet_evidence, published = excluded.published,
        published_evidence = excluded.published_evidence, title = excluded.title, text = excluded.text,
        source = excluded.source, updated_at = excluded.updated_at`),
    deleteLayers: db.prepare('DELETE FROM layers WHERE article_id = ?'),
    deleteLayer: db.prepare('DELETE FROM layers WHERE article_id = ? AND layer = ?'),
    deleteVersions: db.prepare('DELETE FROM layer_versions WHERE article_id = ?'),
    deleteRemoved: db.prepare('DELETE FROM removed WHERE article_id = ?'),
    insertLayer: db.prepare('INSERT INTO layers (article_id, layer, ord, start, "end", data) VALUES (?, ?, ?, ?, ?, ?)'),
    insertVersion: db.prepare(
      'INSERT OR REPLACE INTO layer_versions (article_id, layer, stage, stage_version) VALUES (?, ?, ?, ?)',
    ),
    insertRemoved: db.prepare('INSERT INTO removed (article_id, ord, text, rule, reason) VALUES (?, ?, ?, ?, ?)'),
    get: db.prepare('SELECT * FROM articles WHERE id = ?'),
    removed: db.prepare('SELECT text, rule, reason FROM removed WHERE article_id = ? ORDER BY ord'),
    layers: db.prepare('SELECT layer, start, "end", data FROM layers WHERE article_id = ? ORDER BY layer, ord'),
    ids: db.prepare('SELECT id FROM articles ORDER BY rowid').pluck(),
    delete: db.prepare('DELETE FROM articles WHERE id = ?'),
    rank: db.prepare(
      `SELECT rowid, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?`,
    ),
    snippets: db.prepare(
      `SELECT articles_fts.rowid AS rowid, a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet
       FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
       WHERE articles_fts MATCH ? AND articles_fts.rowid IN (SELECT value FROM json_each(?))`,
    ),
  };

  const writeLayer = (id: string, r: LayerResult) => {
    r.spans.forEach((s, i) => q.insertLayer.run(id, r.layer, i, s.start, s.end, spanDataJson(r, i)));
    q.insertVersion.run(id, r.layer, r.stage, r.version);
  };

  const putTx = db.transaction((article: Article, layers: LayerResult[]): PutOutcome => {
    const hash = q.fingerprint.get(article.id) as string | undefined;
    if (hash === article.contentHash) {
      const versions = new Map((q.versions.all(article.id) as { layer: string; stage_version: number }[]).map((r) => [r.layer, r.stage_version]));
      if (layers.every((l) => versions.get(l.layer) === l.version)) return 'unchanged';
    }
    q.upsert.run({
      id: article.id,
      content_hash: article.contentHash,
      url: article.url,
      outlet_id: article.outlet?.id ?? null,
      outlet_name: article.outlet?.name ?? null,
      outlet_evidence: JSON.stringify(article.outlet?.evidence ?? []),
      published: article.published?.date ?? null,
      published_evidence: JSON.stringify(article.published?.evidence ?? []),
      title: article.title,
      text: article.text,
      source: JSON.stringify(article.source),
      ingested_at: article.ingestedAt,
      updated_at: article.updatedAt,
    });
    q.deleteLayers.run(article.id);
    q.deleteVersions.run(article.id);
    q.deleteRemoved.run(article.id);
    article.removed.forEach((r, i) => q.insertRemoved.run(article.id, i, r.text, r.rule, r.reason));
    for (const l of layers) writeLayer(article.id, l);
    return hash === undefined ? 'inserted' : 'updated';
  });

  return {
    async put(article, layers) {
      return putTx(article, layers);
    },
    async fingerprint(id) {
      const hash = q.fingerprint.get(id) as string | undefined;
      if (hash === undefined) return null;
      const versions: Record<string, number> = {};
      for (const r of q.versions.all(id) as { layer: string; stage_version: number }[]) versions[r.layer] = r.stage_version;
      return { contentHash: hash, versions };
    },
    async get(id) {
      const row = q.get.get(id) as ArticleRow | undefined;
      return row ? rowToArticle(row, q.removed.all(id) as Removed[]) : null;
    },
    async layers(id, names) {
      const out: Record<string, Span[]> = {};
      for (const r of q.layers.all(id) as { layer: string; start: number; end: number; data: string }[]) {
        if (names && !names.includes(r.layer)) continue;
        (out[r.layer] ??= []).push({ start: r.start, end: r.end, data: JSON.parse(r.data) });
      }
      return out;
    },
    async putLayer(id, result) {
      db.transaction(() => {
        q.deleteLayer.run(id, result.layer);
        writeLayer(id, result);
      })();
    },
    async list(filter = {}) {
      const w = where(filter);
      const rows = db
        .prepare(
          `SELECT a.id, a.title, a.url, a.outlet_id, a.outlet_name, a.published, length(a.text) AS chars
           FROM articles a ${w.sql} ORDER BY a.published IS NULL, a.published, a.id LIMIT ? OFFSET ?`,
        )
        .all(...w.params, filter.limit ?? -1, filter.offset ?? 0) as (ArticleRow & { chars: number })[];
      return rows.map(summaryFromRow);
    },
    async count(filter = {}) {
      const w = where(filter);
      return db.prepare(`SELECT count(*) FROM articles a ${w.sql}`).pluck().get(...w.params) as number;
    },
    async ids() {
      return q.ids.all() as string[];
    },
    async removed(id) {
      return q.removed.all(id) as Removed[];
    },
    async search(query, opts = {}) {
      const fts = toFtsQuery(query, opts.orPhrases);
      if (!fts) return [];
      // Rank first, then make snippets for the page only: SQLite computes every result column of
      // every matching row before it sorts, so asking for snippet() in the ranking query cut a
      // snippet out of each of thousands of long texts for a common word.
      const top = q.rank.all(fts, opts.limit ?? 20, opts.offset ?? 0) as { rowid: number; score: number }[];
      if (!top.length) return [];
      // (`rowid IN (…)`: FTS5 answers `MATCH … AND rowid = ?` with the snippet of another row.)
      const page = new Map((q.snippets.all(fts, JSON.stringify(top.map((t) => t.rowid))) as { rowid: number; id: string; title: string; snippet: string }[]).map((r) => [r.rowid, r]));
      return top.flatMap((t) => {
        const r = page.get(t.rowid);
        // bm25() is lower-is-better and negative; report a positive relevance instead.
        return r ? [{ id: r.id, title: r.title, snippet: r.snippet, score: -t.score }] : [];
      });
    },
    async delete(id) {
      return db.prepare('DELETE FROM articles WHERE id = ?').run(id).changes > 0;
    },
  };
}
