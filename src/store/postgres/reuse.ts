// PostgreSQL repository for the reuse room (see src/store/repos/reuse.ts), as src/store/sqlite/reuse.ts.

import type { ReuseRepo } from '../repos/reuse.ts';
import type { Db } from './db.ts';

export function pgReuse(_db: Db): ReuseRepo {
  return {};
}
