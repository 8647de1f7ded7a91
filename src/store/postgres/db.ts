// The little the PostgreSQL repositories share: a pool, a transaction helper, and typed queries.
// Every write that must land whole goes through `tx`: BEGIN … COMMIT on one pooled client,
// ROLLBACK on any error (a failed serialisation as much as a failed statement).

import type pg from 'pg';

export interface Db {
  pool: pg.Pool;
  /** Run one statement on any pooled connection. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Run `fn` in one transaction on one connection; the client is only valid inside `fn`. */
  tx<T>(fn: (c: Tx) => Promise<T>): Promise<T>;
}

export interface Tx {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export function makeDb(pool: pg.Pool): Db {
  return {
    pool,
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async tx(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async (sql, params) => (await client.query(sql, params as unknown[])).rows });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection itself failed: do not hand it out again
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
  };
}
