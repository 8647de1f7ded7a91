// The store contract on the embedded SQLite store, each test on a fresh database file.

import { describe } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import { storeContract } from '../src/store/contract/index.ts';

describe('SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-store-'));
  let n = 0;
  storeContract(async () => openSqliteStore(join(dir, `t${++n}.db`)));
});
