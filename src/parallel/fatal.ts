// Store errors that no later article can escape (read-only database, full disk, lost server):
// the run stops with one clear message instead of failing every remaining article the same way.
// Each write is one transaction, so what was committed before stays whole.

import type { Store } from '../store/store.ts';

const SQLITE_FATAL: Record<string, string> = {
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR: 'the disk reported an I/O error',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_CORRUPT: 'the database file is damaged',
  SQLITE_NOTADB: 'the database file is damaged',
};

const PG_FATAL: Record<string, string> = {
  '53100': "the server's disk is full",
  '53200': 'the server is out of memory',
  '25006': 'the database is read-only',
  '57P01': 'the server shut down',
  '57P02': 'the server shut down',
  '57P03': 'the server is not accepting connections',
  '08006': 'the connection to the server was lost',
  '08003': 'the connection to the server was lost',
  ECONNRESET: 'the connection to the server was lost',
  ECONNREFUSED: 'the server is not reachable',
  EPIPE: 'the connection to the server was lost',
};

export class StoreFatalError extends Error {}

export function fatalStoreError(store: Store, err: unknown): StoreFatalError | null {
  const e = err as { code?: string; message?: string };
  const code = String(e?.code ?? '');
  const base = code.split('_').slice(0, 2).join('_'); // SQLITE_IOERR_WRITE → SQLITE_IOERR
  const what = store.kind === 'postgres' ? PG_FATAL[code] : (SQLITE_FATAL[code] ?? SQLITE_FATAL[base]);
  const lost = /Connection terminated|connection is closed/i.test(e?.message ?? '');
  if (!what && !lost) return null;
  return new StoreFatalError(
    `${store.location}: ${what ?? 'the connection to the server was lost'} (${code || e?.message}); stopped, nothing more was written — articles committed before this are whole`,
  );
}
