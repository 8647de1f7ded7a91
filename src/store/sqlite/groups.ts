// SQLite repository for the groups room (see src/store/repos/groups.ts).

import type Database from 'better-sqlite3';
import type { GroupRepo } from '../repos/groups.ts';

export function sqliteGroups(_db: Database.Database): GroupRepo {
  return {};
}
