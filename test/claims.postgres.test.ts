// Several `echotrace ingest` processes on one PostgreSQL store, given the same input list, share
// it through the claim table: every file is taken by exactly one of them, no article is written
// twice, both return only when the whole batch is in, and the store holds what one process would
// have written (same articles, same layers; ingest order may interleave, and the corpus stages ran
// in two increments, one per process, so story numbering is not compared).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { bundled, bundleOnce, INPUTS } from './crash-lib.ts';
import { pgUnavailable, startPgCluster, type PgCluster } from './pg-harness.ts';
import { openStore } from '../src/store/open.ts';
import { exportDocument } from '../src/export/build.ts';

bundleOnce();

function ingest(db: string): Promise<{ code: number | null; out: string; err: string }> {
  const { cli, env } = bundled();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cli, '--db', db, '--json', 'ingest', '--workers', '1', ...INPUTS], { env });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

const why = pgUnavailable();
describe.skipIf(!!why)(`several ingest processes on PostgreSQL${why ? ` (skipped: ${why})` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('split one input list without taking a file twice or duplicating an article', async () => {
    const shared = await cluster.createSchema();
    const single = await cluster.createSchema();
    const [a, b] = await Promise.all([ingest(shared), ingest(shared)]);
    expect([a.code, b.code, a.err, b.err]).toEqual([0, 0, '', '']);
    const [sa, sb] = [JSON.parse(a.out), JSON.parse(b.out)];
    const one = await ingest(single);
    const s1 = JSON.parse(one.out);
    // Every document was read by exactly one of the two.
    expect(sa.documents + sb.documents).toBe(s1.documents);
    expect(sa.inserted + sb.inserted).toBe(s1.inserted);
    const store = await openStore(shared);
    const claims = (store as unknown as { db: { query: (q: string) => Promise<{ state: string; n: number; owners: number }[]> } }).db;
    const rows = await claims.query(`SELECT state, count(*)::int AS n, count(DISTINCT owner)::int AS owners FROM ingest_claims GROUP BY state`);
    await store.close();
    expect(rows.map((r) => [r.state, r.n])).toEqual([['done', s1.files]]);
    // Same articles with the same fields and layers as one process writes (ingest order aside).
    const byId = async (spec: string) => {
      const st = await openStore(spec);
      const doc = await exportDocument(st);
      await st.close();
      return Object.fromEntries(doc.articles.map((x) => [x.id, { ...x, reuse: null, story: null, narrative: null, stance: null, matches: null }]));
    };
    expect(await byId(shared)).toEqual(await byId(single));
  }, 600_000);
});
