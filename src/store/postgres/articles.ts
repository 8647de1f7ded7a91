// PostgreSQL repository for articles, their layers and what cleaning removed: the same behaviour
// as src/store/sqlite/articles.ts, checked by the same contract suite. An article and all its
// layers are written in one transaction; layers go in one multi-row INSERT (unnest of arrays) so
// a put costs a handful of round trips whatever the number of spans.

import { spanDataJson, type Article, type LayerResult, type Removed, type Span } from '../../model.ts';
import type { ArticleFilter, ArticleRepo, PutOutcome, SearchHit } from '../store.ts';
import { rowToArticle, summaryFromRow } from '../rows.ts';
import { parseQuery } from '../fts-query.ts';
import type { Db, Tx } from './db.ts';

/** WHERE clause for an ArticleFilter, numbering parameters from $1. */
function where(filter: ArticleFilter = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (filter.outlet) parts.push(`a.outlet_id = ${p(filter.outlet)}`);
  if (filter.from) parts.push(`a.published >= ${p(filter.from)}`);
  if (filter.to) parts.push(`substr(a.published, 1, 10) <= ${p(filter.to)}`);
  if (filter.ids) parts.push(`a.id = ANY(${p(filter.ids)}::text[])`);
  if (filter.entity) parts.push(`a.id IN (SELECT article_id FROM layers WHERE layer = 'entity' AND data->>'entity' = ${p(filter.entity)})`);
  return { sql: parts.length ? 'WHERE ' + parts.join(' AND ') : '', params };
}

/** Insert every span of these layers, and their versions, in two statements. */
async function writeLayers(c: Tx, id: string, results: LayerResult[]): Promise<void> {
  const layer: string[] = [], ord: number[] = [], start: number[] = [], end: number[] = [], data: string[] = [];
  for (const r of results)
    r.spans.forEach((s, i) => {
      layer.push(r.layer), ord.push(i), start.push(s.start), end.push(s.end), data.push(spanDataJson(r, i));
    });
  if (layer.length)
    await c.query(
      `INSERT INTO layers (article_id, layer, ord, start, "end", data)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::json[])`,
      [id, layer, ord, start, end, data],
    );
  if (results.length)
    await c.query(
      `INSERT INTO layer_versions (article_id, layer, stage, stage_version)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[])
       ON CONFLICT (article_id, layer) DO UPDATE SET stage = excluded.stage, stage_version = excluded.stage_version`,
      [id, results.map((r) => r.layer), results.map((r) => r.stage), results.map((r) => r.version)],
    );
}

const SUMMARY_COLS = `a.id, a.title, a.url, a.outlet_id, a.outlet_name, a.published, length(a.text)::int AS chars`;

/** Sequence numbers fetched per round trip when puts reserve their place in the ingest order. */
const SEQ_BLOCK = 256;

/**
 * Hands out `seq` values (the ingest order, SQLite's rowid) in the order puts are called, not the
 * order their transactions happen to insert: the writer overlaps several puts on a pool, and the
 * store must still list articles in input order, as one writer would have. Values come from the
 * column's own sequence, a block at a time; a value an unchanged article does not use is a gap.
 */
function seqReserver(db: Db) {
  const ready: string[] = [];
  const waiting: ((v: string) => void)[] = [];
  let filling = false;
  const fill = async () => {
    if (filling) return;
    filling = true;
    try {
      while (waiting.length) {
        const rows = await db.query<{ v: string }>(`SELECT nextval(pg_get_serial_sequence('articles', 'seq'))::text AS v FROM generate_series(1, ${SEQ_BLOCK})`);
        ready.push(...rows.map((r) => r.v).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
        while (waiting.length && ready.length) waiting.shift()!(ready.shift()!);
      }
    } finally {
      filling = false;
    }
  };
  return (): Promise<string> => {
    if (ready.length && !waiting.length) return Promise.resolve(ready.shift()!);
    const p = new Promise<string>((resolve) => waiting.push(resolve));
    void fill();
    return p;
  };
}

export function pgArticles(db: Db): ArticleRepo {
  const nextSeq = seqReserver(db);
  // Overlapping puts commit in the order they were called: their statements run side by side,
  // but each COMMIT waits for the previous put's. A killed ingest then leaves a prefix of its
  // input stored, as a single writer would, and the re-run ends in the same store.
  let lastCommit: Promise<void> = Promise.resolve();
  return {
    async put(article, layers) {
      // Both asked for before the first await, so they follow the order of the calls. The place
      // is waited for before the transaction takes a connection, which the reservation may need.
      const place = nextSeq();
      const previous = lastCommit;
      let settled!: () => void;
      lastCommit = new Promise<void>((r) => (settled = r));
      try {
        const seq = await place;
        return await db.tx(async (c) => {
          const outcome = await write(c, seq);
          await previous;
          return outcome;
        });
      } finally {
        settled();
      }

      async function write(c: Tx, seq: string): Promise<PutOutcome> {
        const removed = article.removed;
        // FOR UPDATE: two writers putting the same id take turns instead of interleaving layers.
        const [row] = await c.query<{ content_hash: string }>('SELECT content_hash FROM articles WHERE id = $1 FOR UPDATE', [article.id]);
        if (row?.content_hash === article.contentHash) {
          const versions = new Map(
            (await c.query<{ layer: string; stage_version: number }>('SELECT layer, stage_version FROM layer_versions WHERE article_id = $1', [article.id])).map((r) => [r.layer, r.stage_version]),
          );
          if (layers.every((l) => versions.get(l.layer) === l.version)) return 'unchanged';
        }
        await c.query(
          `INSERT INTO articles (id, content_hash, url, outlet_id, outlet_name, outlet_evidence, published, published_evidence,
                                 title, text, source, ingested_at, updated_at, seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, url = excluded.url, outlet_id = excluded.outlet_id,
             outlet_name = excluded.outlet_name, outlet_evidence = excluded.outlet_evidence, published = excluded.published,
             published_evidence = excluded.published_evidence, title = excluded.title, text = excluded.text,
             source = excluded.source, updated_at = excluded.updated_at`,
          [
            article.id, article.contentHash, article.url, article.outlet?.id ?? null, article.outlet?.name ?? null,
            JSON.stringify(article.outlet?.evidence ?? []), article.published?.date ?? null, JSON.stringify(article.published?.evidence ?? []),
            article.title, article.text, JSON.stringify(article.source), article.ingestedAt, article.updatedAt, seq,
          ],
        );
        if (row) {
          await c.query('DELETE FROM layers WHERE article_id = $1', [article.id]);
          await c.query('DELETE FROM layer_versions WHERE article_id = $1', [article.id]);
          await c.query('DELETE FROM removed WHERE article_id = $1', [article.id]);
        }
        if (removed.length)
          await c.query(
            `INSERT INTO removed (article_id, ord, text, rule, reason)
             SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
            [article.id, removed.map((_, i) => i), removed.map((r) => r.text), removed.map((r) => r.rule), removed.map((r) => r.reason)],
          );
        await writeLayers(c, article.id, layers);
        return row ? 'updated' : 'inserted';
      }
    },
    async fingerprint(id) {
      const rows = await db.query<{ content_hash: string; layer: string | null; stage_version: number | null }>(
        `SELECT a.content_hash, v.layer, v.stage_version FROM articles a LEFT JOIN layer_versions v ON v.article_id = a.id WHERE a.id = $1`,
        [id],
      );
      if (!rows.length) return null;
      const versions: Record<string, number> = {};
      for (const r of rows) if (r.layer !== null) versions[r.layer] = r.stage_version!;
      return { contentHash: rows[0].content_hash, versions };
    },
    async get(id) {
      const [row] = await db.query('SELECT * FROM articles WHERE id = $1', [id]);
      if (!row) return null;
      return rowToArticle(row as never, await this.removed(id));
    },
    async layers(id, names) {
      const rows = await db.query<{ layer: string; start: number; end: number; data: unknown }>(
        `SELECT layer, start, "end", data FROM layers WHERE article_id = $1 ${names ? 'AND layer = ANY($2::text[])' : ''} ORDER BY layer, ord`,
        names ? [id, names] : [id],
      );
      const out: Record<string, Span[]> = {};
      for (const r of rows) (out[r.layer] ??= []).push({ start: r.start, end: r.end, data: r.data as Record<string, unknown> });
      return out;
    },
    async putLayer(id, result) {
      await db.tx(async (c) => {
        await c.query('DELETE FROM layers WHERE article_id = $1 AND layer = $2', [id, result.layer]);
        await writeLayers(c, id, [result]);
      });
    },
    async list(filter = {}) {
      const w = where(filter);
      const n = w.params.length;
      const rows = await db.query<{ id: string; title: string; url: string | null; outlet_id: string | null; outlet_name: string | null; published: string | null; chars: number }>(
        `SELECT ${SUMMARY_COLS} FROM articles a ${w.sql}
         ORDER BY a.published NULLS LAST, a.id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...w.params, filter.limit ?? null, filter.offset ?? 0],
      );
      return rows.map(summaryFromRow);
    },
    async count(filter = {}) {
      const w = where(filter);
      const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM articles a ${w.sql}`, w.params);
      return r.n;
    },
    async ids() {
      return (await db.query<{ id: string }>('SELECT id FROM articles ORDER BY seq')).map((r) => r.id);
    },
    async removed(id) {
      return db.query<Removed>('SELECT text, rule, reason FROM removed WHERE article_id = $1 ORDER BY ord', [id]);
    },
    async search(query, opts = {}) {
      const { phrases } = parseQuery(query);
      if (!phrases.length) return [];
      // Every phrase must match (AND), each as an exact phrase, or any alternative phrase (OR), as
      // in the SQLite store.
      const alternatives = (opts.orPhrases ?? []).map((p) => parseQuery(p).phrases.flat().join(' ')).filter(Boolean);
      const params: unknown[] = [...phrases.map((p) => p.join(' ')), ...alternatives];
      const phrase = (i: number) => `phraseto_tsquery('echotrace', $${i + 1})`;
      const all = phrases.map((_, i) => phrase(i)).join(' && ');
      const tsq = alternatives.length ? [`(${all})`, ...alternatives.map((_, k) => phrase(phrases.length + k))].join(' || ') : all;
      const n = params.length;
      // Rank and page first, then build snippets only for the page (ts_headline re-parses the text).
      const rows = await db.query<SearchHit>(
        `WITH q AS (SELECT ${tsq} AS q),
         hits AS (
           SELECT a.id, a.title, a.text, ts_rank('{0.1, 0.2, 0.4, 1.0}', a.fts, q.q) AS score, q.q
           FROM articles a, q WHERE a.fts @@ q.q
           ORDER BY score DESC, a.id LIMIT $${n + 1} OFFSET $${n + 2})
         SELECT id, title, score::float8 AS score,
           ts_headline('echotrace', left(text, 500000), q,
             'StartSel=[, StopSel=], MaxFragments=1, MaxWords=16, MinWords=6, ShortWord=0, FragmentDelimiter=…') AS snippet
         FROM hits ORDER BY score DESC, id`,
        [...params, opts.limit ?? 20, opts.offset ?? 0],
      );
      return rows.map((r) => ({ id: r.id, title: r.title, snippet: r.snippet, score: r.score }));
    },
    async delete(id) {
      const rows = await db.query('DELETE FROM articles WHERE id = $1 RETURNING id', [id]);
      return rows.length > 0;
    },
  };
}
