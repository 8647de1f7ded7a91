// The shared store: PostgreSQL, for teams and for several ingest processes at once. Opening it
// applies pending migrations (under an advisory lock). Same behaviour as the SQLite store, checked
// by the same contract suite; SQL differences (JSON, upserts, full-text search) stay in this folder.

import pg from 'pg';
import type { Store, StoreStats } from '../store.ts';
import { makeDb, type Db } from './db.ts';
import { migratePg } from './migrate.ts';
import { pgArticles } from './articles.ts';
import { pgEntities, pgOutlets } from './entities.ts';
import { pgReuse } from './reuse.ts';
import { pgGroups } from './groups.ts';
import { pgCases } from './cases.ts';

export class PgStoreError extends Error {}

/** The URL with any password masked, for messages and `location`. */
export const redactUrl = (url: string) => url.replace(/(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');

/** Turn a driver error into a message that says what to do. */
export function explainPgError(url: string, err: unknown): Error {
  const e = err as { code?: string; message?: string };
  const where = redactUrl(url);
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PgStoreError(`${where}: cannot reach the PostgreSQL server (${e.code})`);
    case '3D000':
      return new PgStoreError(`${where}: the database does not exist (create it with createdb)`);
    case '28P01':
    case '28000':
      return new PgStoreError(`${where}: authentication failed (${e.message})`);
    case '53100':
      return new PgStoreError(`${where}: the server's disk is full; nothing was written (${e.message})`);
    case '25006':
      return new PgStoreError(`${where}: the database is read-only (${e.message})`);
    case '42501':
      return new PgStoreError(`${where}: permission denied (${e.message})`);
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}

/** The PostgreSQL store also exposes its pool, for the ingest claim table (src/parallel/claims.ts). */
export interface PgStore extends Store {
  readonly db: Db;
}

export async function openPostgresStore(url: string, opts: { readonly?: boolean; poolSize?: number } = {}): Promise<PgStore> {
  const poolSize = opts.poolSize ?? 4;
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 15_000 });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db: Db = makeDb(pool);
  try {
    if (opts.readonly) await db.query('SELECT 1');
    else await migratePg(db);
  } catch (err) {
    await pool.end().catch(() => {});
    throw explainPgError(url, err);
  }
  const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0].n;

  return {
    kind: 'postgres',
    location: redactUrl(url),
    // Each put is a handful of round trips; overlapping them is what a pool is for. One
    // connection stays free for the claim table and reads.
    concurrentPuts: Math.max(1, poolSize - 1),
    db,
    articles: pgArticles(db),
    entities: pgEntities(db),
    outlets: pgOutlets(db),
    reuse: pgReuse(db),
    groups: pgGroups(db),
    cases: pgCases(db),
    async stats(): Promise<StoreStats> {
      const layers: Record<string, number> = {};
      for (const r of await db.query<{ layer: string; n: number }>('SELECT layer, count(*)::int AS n FROM layers GROUP BY layer ORDER BY layer'))
        layers[r.layer] = r.n;
      const tables = new Set(
        (await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()`)).map((r) => r.t),
      );
      const corpus: Record<string, number> = {};
      for (const t of ['reuse', 'provenance', 'stories', 'narratives', 'cases', 'matches'])
        if (tables.has(t)) corpus[t] = await count(`SELECT count(*)::int AS n FROM ${t}`);
      const [range] = await db.query<{ earliest: string | null; latest: string | null }>(
        'SELECT min(published) AS earliest, max(published) AS latest FROM articles',
      );
      return {
        articles: await count('SELECT count(*)::int AS n FROM articles'),
        outlets: await count('SELECT count(DISTINCT outlet_id)::int AS n FROM articles WHERE outlet_id IS NOT NULL'),
        layers,
        removed: await count('SELECT count(*)::int AS n FROM removed'),
        earliest: range.earliest,
        latest: range.latest,
        corpus,
      };
    },
    async close() {
      await pool.end();
    },
  };
}

export type { Db };
