// PostgreSQL repository for the cases room (see src/store/repos/cases.ts), as src/store/sqlite/cases.ts.

import type { CaseRepo } from '../repos/cases.ts';
import type { Db } from './db.ts';

export function pgCases(_db: Db): CaseRepo {
  return {};
}
