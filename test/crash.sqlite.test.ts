// Crash safety on SQLite: see test/crash-lib.ts.

import { describe } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleOnce, crashSuite } from './crash-lib.ts';

bundleOnce();

describe('crash safety on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-crash-'));
  let n = 0;
  crashSuite('sqlite', async () => join(dir, `c${++n}.db`));
});
