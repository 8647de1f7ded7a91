// Crash safety on PostgreSQL (a throwaway cluster): see test/crash-lib.ts.

import { afterAll, beforeAll, describe } from 'vitest';
import { bundleOnce, crashSuite } from './crash-lib.ts';
import { pgUnavailable, startPgCluster, type PgCluster } from './pg-harness.ts';

bundleOnce();

const why = pgUnavailable();
describe.skipIf(!!why)(`crash safety on PostgreSQL${why ? ` (skipped: ${why})` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  crashSuite('postgres', () => cluster.createSchema());
});
