// The worker pool keeps each worker a few tasks ahead; when a worker dies, only the task it was
// running fails, and the tasks queued behind it are run by its replacement. Checked with a tiny
// stand-in worker (ECHOTRACE_WORKER_ENTRY), so a death can be provoked on a chosen task.

import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareWorkers, WorkerPool } from './pool.ts';
import { ingestParallel } from './ingest.ts';
import { openStore } from '../store/open.ts';

const dir = mkdtempSync(join(tmpdir(), 'echotrace-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORKER = `
import { parentPort } from 'node:worker_threads';
const done = (path) => ({ items: [{ kind: 'problem', problem: { path, level: 'warning', message: 'done' } }] });
parentPort.on('message', (task) => {
  // Slow enough that several tasks wait in each worker's queue.
  const until = Date.now() + 5;
  while (Date.now() < until);
  const paths = task.kind === 'files' ? task.files.map((f) => f.path) : [task.path];
  if (paths.some((p) => p.includes('die'))) process.exit(3);
  if (task.kind === 'files') parentPort.postMessage({ id: task.id, items: [], files: paths.map(done) });
  else parentPort.postMessage({ id: task.id, ...done(task.path) });
});
`;

it('a dying worker fails only the task it was running; the ones queued behind it still run', async () => {
  const entry = join(dir, 'worker.mjs');
  writeFileSync(entry, WORKER);
  process.env.ECHOTRACE_WORKER_ENTRY = entry;
  await prepareWorkers();
  const pool = new WorkerPool(2, { now: new Date().toISOString() });
  try {
    const paths = Array.from({ length: 24 }, (_, i) => (i === 3 || i === 17 ? `die-${i}` : `ok-${i}`));
    const results = await Promise.all(paths.map((path, id) => pool.run({ kind: 'file', id, path, splitAbove: 4 })));
    results.forEach((r, i) => {
      expect(r.id).toBe(i);
      if (paths[i].startsWith('die')) {
        expect(r.crash).toMatch(/exit code 3/);
      } else {
        expect(r.crash).toBeUndefined();
        expect(r.items[0]).toMatchObject({ kind: 'problem', problem: { path: paths[i], message: 'done' } });
      }
    });
    expect(pool.load).toBe(0);
  } finally {
    await pool.close();
    delete process.env.ECHOTRACE_WORKER_ENTRY;
  }
});

it('ingest: a worker dying on a group of small files fails only the file that killed it', async () => {
  const entry = join(dir, 'worker.mjs');
  writeFileSync(entry, WORKER);
  process.env.ECHOTRACE_WORKER_ENTRY = entry;
  const files = ['a', 'b', 'die', 'c', 'd', 'e'].map((n) => {
    const p = join(dir, `${n}.txt`);
    writeFileSync(p, `Title ${n}\n\nText ${n}.\n`);
    return p;
  });
  const store = await openStore(join(dir, 'g.db'));
  try {
    const s = await ingestParallel(store, files, { workers: 2, corpus: false });
    const byPath = new Map(s.problems.map((p) => [p.path, p]));
    expect(byPath.get(files[2])).toMatchObject({ level: 'error', message: expect.stringMatching(/could not be processed: worker stopped \(exit code 3\)/) });
    for (const f of files.filter((_, i) => i !== 2)) expect(byPath.get(f)).toMatchObject({ level: 'warning', message: 'done' });
    expect(s.failed).toBe(1);
  } finally {
    await store.close();
    delete process.env.ECHOTRACE_WORKER_ENTRY;
  }
});
