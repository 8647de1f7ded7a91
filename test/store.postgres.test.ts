// The store contract on PostgreSQL: a throwaway cluster started for this file (test/pg-harness.ts),
// a fresh database for every test. Skipped, saying why, only when the server binaries are absent.

import { afterAll, beforeAll, describe, it } from 'vitest';
import { pgUnavailable, startPgCluster, type PgCluster } from './pg-harness.ts';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import { storeContract } from '../src/store/contract/index.ts';

const why = pgUnavailable();
if (why) {
  describe('PostgreSQL store', () => it.skip(`skipped: ${why}`, () => {}));
} else {
  describe('PostgreSQL store', () => {
    let cluster: PgCluster;
    beforeAll(async () => {
      cluster = await startPgCluster();
    });
    afterAll(async () => {
      await cluster?.stop();
    });
    // Each test gets a fresh, empty schema (CREATE DATABASE is too slow to run per test).
    storeContract(async () => openPostgresStore(await cluster.createSchema()));
  });
}
