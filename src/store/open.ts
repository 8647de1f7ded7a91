// Opens the store a user named: a file path (SQLite, the default) or a postgres:// URL.

import type { Store } from './store.ts';
import { openSqliteStore } from './sqlite/index.ts';

export const DEFAULT_DB = './echotrace.db';

export async function openStore(spec: string | undefined = process.env.ECHOTRACE_DB ?? DEFAULT_DB, opts: { readonly?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(spec)) {
    // Loaded by path so the PostgreSQL driver is only needed by those who use it.
    const modulePath = './postgres/index.ts';
    const mod = (await import(modulePath).catch(() => null)) as { openPostgresStore?: (url: string) => Promise<Store> } | null;
    if (!mod?.openPostgresStore) throw new Error(`${spec.replace(/:[^:@/]*@/, ':***@')}: PostgreSQL support is not available in this build`);
    return mod.openPostgresStore(spec);
  }
  return openSqliteStore(spec, opts);
}
