// Applies the numbered SQL files in src/store/migrations/postgres in order, once each, recording
// them in schema_migrations, like the SQLite store. Several ingest processes may open the same
// database at once, so the whole check-and-apply runs under a transaction-level advisory lock:
// the first one migrates, the others wait and then find nothing to do.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const DIR = fileURLToPath(new URL('../migrations/postgres/', import.meta.url));
/** Arbitrary constant naming echotrace's migration lock among the database's advisory locks. */
const LOCK_KEY = 0x6563686f; // "echo"

export function listPgMigrations(dir = DIR): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(dir + name, 'utf8') }));
}

export async function migratePg(db: Db): Promise<string[]> {
  return db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
    const done = new Set((await c.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    const applied: string[] = [];
    for (const m of listPgMigrations()) {
      if (done.has(m.name)) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [m.name, new Date().toISOString()]);
      applied.push(m.name);
    }
    return applied;
  });
}
