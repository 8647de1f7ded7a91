// Parallel ingest (worker threads, one writer; on PostgreSQL several puts in flight at once) ends
// with the same store as the single-threaded ingest: same articles, layers and corpus results,
// same counts, same problems, on inputs that exercise every path: one-article files, a JSONL file
// large enough to be spread over the workers, an id used twice, a bad line and an empty file.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open.ts';
import { exportDocument } from '../src/export/build.ts';
import { runIngest } from '../src/parallel/ingest.ts';
import { pgUnavailable, startPgCluster, type PgCluster } from './pg-harness.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const DEMO = join(ROOT, 'examples/corpus');
const tmp = mkdtempSync(join(tmpdir(), 'echotrace-parallel-'));
const NOW = new Date('2026-11-23T12:00:00Z');

const records = Array.from({ length: 30 }, (_, i) =>
  JSON.stringify({ id: `wire-${i % 25}`, outlet: 'Wire', published: '2024-03-0' + ((i % 9) + 1), title: `Port ${i} reopens`, text: `The port of Town${i} reopened on Monday, officials said. "We are ready," the mayor, Ann Lee${i}, told reporters.` }),
);
records.splice(7, 0, '{"id": "broken", "text": ');
writeFileSync(join(tmp, 'wire.jsonl'), records.join('\n') + '\n');
writeFileSync(join(tmp, 'empty.txt'), '');
const INPUTS = [SEEDS, DEMO, join(tmp, 'wire.jsonl'), join(tmp, 'empty.txt')];

async function ingestInto(spec: string, workers: number | undefined) {
  const store = await openStore(spec);
  try {
    const s = await runIngest(store, INPUTS, { workers, now: NOW });
    const doc = await exportDocument(store, NOW);
    return { summary: { ...s, seconds: 0, batch: undefined, problems: s.problems.map((p) => `${p.level} ${p.path.replace(tmp, '')}:${p.line ?? ''} ${p.message}`).sort() }, doc };
  } finally {
    await store.close();
  }
}

function same(a: Awaited<ReturnType<typeof ingestInto>>, b: Awaited<ReturnType<typeof ingestInto>>) {
  expect(b.summary).toEqual(a.summary);
  expect(b.doc).toEqual(a.doc);
  expect(a.summary.failed).toBeGreaterThanOrEqual(2); // the bad line and the empty file
  expect(a.summary.problems.some((p) => /wire-\d+" was already used/.test(p))).toBe(true);
}

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('SQLite: two worker threads end with the store a single thread writes', async () => {
  const serial = await ingestInto(join(tmp, 'serial.db'), undefined);
  const parallel = await ingestInto(join(tmp, 'parallel.db'), 2);
  same(serial, parallel);
}, 120_000);

const why = pgUnavailable();
describe.skipIf(!!why)(`PostgreSQL${why ? ` (skipped: ${why})` : ''}`, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('two worker threads and overlapping puts end with the store one writer writes', async () => {
    const serial = await ingestInto(await cluster.createSchema(), 0);
    const parallel = await ingestInto(await cluster.createSchema(), 2);
    same(serial, parallel);
  }, 180_000);
});
