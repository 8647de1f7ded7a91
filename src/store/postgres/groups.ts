// PostgreSQL repository for the groups room (see src/store/repos/groups.ts), as src/store/sqlite/groups.ts.

import type { GroupRepo } from '../repos/groups.ts';
import type { Db } from './db.ts';

export function pgGroups(_db: Db): GroupRepo {
  return {};
}
