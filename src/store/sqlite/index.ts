// The embedded store: one SQLite file (WAL mode, FTS5). Opening it applies pending migrations.

import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Store, StoreStats } from '../store.ts';
import { migrate } from './migrate.ts';
import { sqliteArticles } from './articles.ts';
import { sqliteEntities, sqliteOutlets } from './entities.ts';
import { sqliteReuse } from './reuse.ts';
import { sqliteGroups } from './groups.ts';
import { sqliteCases } from './cases.ts';

export class StoreError extends Error {}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Refuse, before SQLite touches it, a file that exists but is not an SQLite database. */
function checkIsDatabase(path: string): void {
  if (path === ':memory:' || !existsSync(path)) return;
  const st = statSync(path);
  if (st.isDirectory()) throw new StoreError(`${path}: is a directory, not a database file`);
  if (st.size === 0) return;
  const head = readFileSync(path).subarray(0, 16).toString('latin1');
  if (head !== SQLITE_MAGIC) throw new StoreError(`${path}: is not an echotrace database (not an SQLite file); refusing to touch it`);
}

/** Compiled statements kept per connection; past this many distinct SQL texts the cache starts over. */
const STATEMENTS = 500;

/**
 * better-sqlite3 compiles a statement on every prepare(), and most reads here prepare per call,
 * with SQL that depends only on the shape of the filter: under API load the compiling alone was a
 * tenth of the server's time. The connection keeps what it compiled, keyed by the SQL text, with
 * the pluck mode reset on each hand-out. (Safe because no caller keeps a statement iterating.)
 */
function keepStatements(db: Database.Database): void {
  const compile = db.prepare.bind(db);
  const kept = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let st = kept.get(sql);
    if (!st) {
      if (kept.size >= STATEMENTS) kept.clear();
      kept.set(sql, (st = compile(sql)));
    } else if (st.reader) st.pluck(false);
    return st;
  }) as typeof db.prepare;
}

/** Page cache per connection, KiB. */
const CACHE_KB = 64 * 1024;

export function openSqliteStore(path: string, opts: { readonly?: boolean } = {}): Store {
  checkIsDatabase(path);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A 64 MB page cache instead of SQLite's 2 MB: ranking a common word reads the FTS5
    // segments and the document sizes of every matching article, and with the small cache each
    // search copied them in again from the OS (half its time). Pages are only cached as read.
    db.pragma(`cache_size = -${CACHE_KB}`);
    keepStatements(db);
    if (!opts.readonly) migrate(db);
  } catch (err) {
    const e = err as { code?: string; message: string };
    if (e.code === 'SQLITE_READONLY' || e.code === 'SQLITE_CANTOPEN')
      throw new StoreError(`${path}: cannot open the database for writing (${e.code}: ${e.message})`);
    if (e.code === 'SQLITE_NOTADB' || e.code === 'SQLITE_CORRUPT') throw new StoreError(`${path}: is not a valid database (${e.message})`);
    if (e.code === 'SQLITE_FULL') throw new StoreError(`${path}: the disk is full; nothing was written`);
    throw err;
  }

  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);

  return {
    kind: 'sqlite',
    location: path,
    articles: sqliteArticles(db),
    entities: sqliteEntities(db),
    outlets: sqliteOutlets(db),
    reuse: sqliteReuse(db),
    groups: sqliteGroups(db),
    cases: sqliteCases(db),
    async stats(): Promise<StoreStats> {
      const layers: Record<string, number> = {};
      for (const r of db.prepare('SELECT layer, count(*) n FROM layers GROUP BY layer').all() as { layer: string; n: number }[])
        layers[r.layer] = r.n;
      const corpus: Record<string, number> = {};
      for (const t of ['reuse', 'provenance', 'stories', 'narratives', 'cases', 'matches'])
        if (tables.has(t)) corpus[t] = count(`SELECT count(*) FROM ${t}`);
      const range = db.prepare('SELECT min(published) AS earliest, max(published) AS latest FROM articles').get() as {
        earliest: string | null;
        latest: string | null;
      };
      return {
        articles: count('SELECT count(*) FROM articles'),
        outlets: count('SELECT count(DISTINCT outlet_id) FROM articles WHERE outlet_id IS NOT NULL'),
        layers,
        removed: count('SELECT count(*) FROM removed'),
        earliest: range.earliest,
        latest: range.latest,
        corpus,
      };
    },
    async close() {
      if (db.open && db.inTransaction) db.exec('COMMIT');
      if (db.open) db.close();
    },
    // Inside an open transaction better-sqlite3 runs each db.transaction() as a savepoint.
    beginBatch() {
      if (!db.inTransaction) db.exec('BEGIN');
    },
    commitBatch() {
      if (db.open && db.inTransaction) db.exec('COMMIT');
    },
    // SQLite's own counter of commits by other connections: exact and costs nothing to read.
    changeToken() {
      return String(dataVersion.get());
    },
  };
}
