// Where an ingest run gets its files from. Alone (SQLite, or one process), it takes the whole
// list. On PostgreSQL, every process running the same command registers the same batch (the key
// is a hash of the file list with sizes and modification times) and claims a few files at a time
// with SELECT … FOR UPDATE SKIP LOCKED, so no file is taken twice. Each process holds a session
// advisory lock naming it; a claim whose owner's lock is gone (the process was killed) is free
// to take again. A file is marked done only after the writer committed every article in it.

import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import type pg from 'pg';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/postgres/db.ts';

export interface FileSource {
  /** The next files to work on, in input order; [] once nothing is left. */
  take(max: number): Promise<string[]>;
  /** Whether this file was taken over from a run that was killed while working on it. */
  reclaimed(path: string): boolean;
  /** The writer has committed every document of this file; these article ids changed. */
  finished(path: string, changed: string[]): Promise<void>;
  /**
   * Run `fn` on the ids whose corpus stages are still owed (this run's, plus those of killed
   * runs), one process at a time; they are marked settled only when `fn` returns.
   */
  settleCorpus(mine: string[], run: CorpusRun): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs each corpus stage over `plan.ids(stage)` (in input order; empty: skip the stage) and calls
 * `plan.markDone(stage)` after it, so a killed run's successor resumes at the stage it was in.
 */
export type CorpusRun = (plan: { ids(stage: string): string[]; markDone(stage: string): Promise<void> }) => Promise<void>;

/**
 * One process takes the whole list. A marker file (`<db>.corpus-pending`), written before the
 * first article is committed and removed once the corpus stages have run, lets the next run
 * notice a run that was killed in between: the articles it then finds unchanged may never have
 * reached the corpus stages. The marker also lists each corpus stage that finished, so the next
 * run updates every stored article (in ingest order, as the killed run would have) through the
 * stages that did not finish.
 */
export function localSource(files: string[], marker: string | null, allIds: () => Promise<string[]>): FileSource {
  let i = 0;
  const recover = marker !== null && existsSync(marker);
  const done = new Set(recover ? readFileSync(marker!, 'utf8').split('\n').filter((l) => l.startsWith('done ')).map((l) => l.slice(5)) : []);
  const append = (line: string) => {
    const fd = openSync(marker!, 'a');
    writeSync(fd, line + '\n');
    fsyncSync(fd);
    closeSync(fd);
  };
  if (marker && !recover) append(`echotrace ingest started ${new Date().toISOString()}; corpus stages pending`);
  return {
    async take(max) {
      const out = files.slice(i, i + max);
      i += out.length;
      return out;
    },
    reclaimed: () => false,
    async finished() {},
    async settleCorpus(mine, run) {
      const ids = recover ? await allIds() : mine;
      if (ids.length) await run({ ids: (stage) => (done.has(stage) ? [] : ids), markDone: async (stage) => (marker ? append(`done ${stage}`) : undefined) });
      if (marker) rmSync(marker, { force: true });
    },
    async close() {},
  };
}

/** Class key for echotrace's advisory locks: owners are (CLAIM_CLASS, owner id). */
const CLAIM_CLASS = 0x65636c6d; // "eclm"
const CORPUS_LOCK = 0x65636370; // "eccp"

export function batchKey(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    let sig = '';
    try {
      const st = statSync(f);
      sig = `${st.size}:${st.mtimeMs}`;
    } catch {
      sig = 'missing';
    }
    h.update(`${f}\0${sig}\n`);
  }
  return h.digest('hex').slice(0, 32);
}

/** The PostgreSQL store's connection pool, if this is one. */
export const pgDbOf = (store: Store): Db | null => (store.kind === 'postgres' ? ((store as Store & { db?: Db }).db ?? null) : null);

export async function claimSource(db: Db, files: string[], key = batchKey(files)): Promise<FileSource & { key: string; owner: number }> {
  const owner = randomInt(1, 2 ** 31 - 1);
  // A dedicated connection holds this process's advisory lock for as long as it lives.
  const holder: pg.PoolClient = await db.pool.connect();
  await holder.query('SELECT pg_advisory_lock($1, $2)', [CLAIM_CLASS, owner]);
  await db.tx(async (c) => {
    const made = await c.query('INSERT INTO ingest_batches (key, files) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key', [key, files.length]);
    if (made.length)
      await c.query(`INSERT INTO ingest_claims (batch, ord, path) SELECT $1, o - 1, p FROM unnest($2::text[]) WITH ORDINALITY AS u(p, o)`, [key, files]);
  });
  const ordOf = new Map(files.map((f, i) => [f, i]));
  const taken = new Set<string>();
  const ownerDead = `NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = ${CLAIM_CLASS}::oid
                                 AND l.objid = x.owner::oid AND l.objsubid = 2 AND l.granted)`;
  const source: FileSource & { key: string; owner: number } = {
    key,
    owner,
    async take(max) {
      const rows = await db.query<{ ord: number; path: string; prev: string }>(
        `UPDATE ingest_claims c SET state = 'claimed', owner = $2, claimed_at = now()
         FROM (SELECT batch, ord, state AS prev FROM ingest_claims x
               WHERE x.batch = $1 AND (x.state = 'pending' OR (x.state = 'claimed' AND ${ownerDead}))
               ORDER BY x.ord LIMIT $3 FOR UPDATE SKIP LOCKED) t
         WHERE c.batch = t.batch AND c.ord = t.ord RETURNING c.ord, c.path, t.prev`,
        [key, owner, max],
      );
      for (const r of rows) if (r.prev === 'claimed') taken.add(r.path);
      if (!rows.length) {
        // Nothing free: if files are still claimed by others, wait until they are done or their
        // owner is gone (a killed process's session, and so its lock, ends a moment after it
        // dies), so that every process returns only when the whole batch is in the store.
        const [busy] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ingest_claims WHERE batch = $1 AND state = 'claimed' AND owner <> $2`, [key, owner]);
        if (busy.n > 0) {
          await new Promise((r) => setTimeout(r, 250));
          return source.take(max);
        }
      }
      return rows.sort((a, b) => a.ord - b.ord).map((r) => r.path);
    },
    reclaimed: (path) => taken.has(path),
    async finished(path, changed) {
      await db.query(`UPDATE ingest_claims SET state = 'done', done_at = now(), changed = $4 WHERE batch = $1 AND ord = $2 AND owner = $3`, [
        key, ordOf.get(path), owner, changed,
      ]);
    },
    async settleCorpus(_mine, run) {
      // One process at a time runs corpus stages, so incremental indexes see every writer's
      // articles in some order, never half of two updates at once.
      await holder.query('SELECT pg_advisory_lock($1)', [CORPUS_LOCK]);
      try {
        const owed = await db.query<{ batch: string; ord: number; changed: string[]; corpus_stages: string[] }>(
          `SELECT batch, ord, changed, corpus_stages FROM ingest_claims x
           WHERE state = 'done' AND NOT corpus_done AND (owner = $1 OR ${ownerDead}) ORDER BY batch, ord`,
          [owner],
        );
        const keys = [owed.map((r) => r.batch), owed.map((r) => r.ord)];
        const which = `(batch, ord) IN (SELECT * FROM unnest($1::text[], $2::int[]))`;
        await run({
          ids: (stage) => [...new Set(owed.filter((r) => !r.corpus_stages.includes(stage)).flatMap((r) => r.changed))],
          markDone: async (stage) => {
            await db.query(`UPDATE ingest_claims SET corpus_stages = array_append(corpus_stages, $3) WHERE ${which} AND NOT $3 = ANY(corpus_stages)`, [...keys, stage]);
          },
        });
        if (owed.length) await db.query(`UPDATE ingest_claims SET corpus_done = true WHERE ${which}`, keys);
      } finally {
        await holder.query('SELECT pg_advisory_unlock($1)', [CORPUS_LOCK]);
      }
    },
    async close() {
      holder.release(true);
    },
  };
  return source;
}
