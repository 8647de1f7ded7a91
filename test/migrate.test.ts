// echotrace migrate: SQLite → PostgreSQL → SQLite, over the sample articles and the demo corpus
// with every corpus stage; each copy exports byte-identical JSON (apart from `generated`). The
// first copy goes through the CLI, the way back in-process (CLI start-up is slow). Runs against a
// throwaway PostgreSQL cluster (test/pg-harness.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgUnavailable, startPgCluster, type PgCluster } from './pg-harness.ts';
import { openStore } from '../src/store/open.ts';
import { exportDocument } from '../src/export/build.ts';
import { ingestPaths } from '../src/pipeline.ts';
import { copyStore } from '../src/cli/commands/migrate.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const DEMO = join(ROOT, 'examples/corpus');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/echotrace.js'), ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });

async function exported(spec: string): Promise<string> {
  const store = await openStore(spec);
  try {
    const { generated: _g, ...doc } = await exportDocument(store);
    return JSON.stringify(doc, null, 2);
  } finally {
    await store.close();
  }
}

const why = pgUnavailable();
describe.skipIf(!!why)(`migrate between SQLite and PostgreSQL${why ? ` (skipped: ${why})` : ''}`, () => {
  let cluster: PgCluster;
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-migrate-'));
  const src = join(dir, 'src.db');
  beforeAll(async () => {
    cluster = await startPgCluster();
    const store = await openStore(src);
    await ingestPaths(store, [SEEDS, ...(existsSync(DEMO) ? [DEMO] : [])], { now: new Date('2026-01-01T00:00:00Z') });
    await store.close();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('copies SQLite into PostgreSQL and back with identical exports', async () => {
    const pg = await cluster.createDatabase();
    const back = join(dir, 'back.db');
    const before = await exported(src);
    expect(JSON.parse(before).articles.length).toBeGreaterThanOrEqual(5);
    const r = cli('migrate', '--from', src, '--to', pg);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^copied \d+ articles/m);
    expect(await exported(pg)).toBe(before);
    const [from, to] = [await openStore(pg), await openStore(back)];
    await copyStore(from, to);
    await Promise.all([from.close(), to.close()]);
    expect(await exported(back)).toBe(before);
  });

  it('refuses a target that is not empty, with exit status 2', () => {
    const r = cli('migrate', '--from', src, '--to', src);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not empty/);
  });
});
