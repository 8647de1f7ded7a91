// SQLite repository for the reuse room (see src/store/repos/reuse.ts).

import type Database from 'better-sqlite3';
import type { ReuseRepo } from '../repos/reuse.ts';

export function sqliteReuse(_db: Database.Database): ReuseRepo {
  return {};
}
