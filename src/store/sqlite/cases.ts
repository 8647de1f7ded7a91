// SQLite repository for the cases room (see src/store/repos/cases.ts).

import type Database from 'better-sqlite3';
import type { CaseRepo } from '../repos/cases.ts';

export function sqliteCases(_db: Database.Database): CaseRepo {
  return {};
}
