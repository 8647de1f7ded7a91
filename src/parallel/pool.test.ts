// The worker pool keeps each worker a few tasks ahead; when a worker dies, only the task it was
// running fails, and the tasks queued behind it are run by its replacement. Checked with a tiny
// stand-in worker (ECHOTRACE_WORKER_ENTRY), so a death can be provoked on a chosen task.

import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareWorkers, WorkerPool } from './pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'echotrace-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (task) => {
  // Slow enough that several tasks wait in each worker's queue.
  const until = Date.now() + 5;
  while (Date.now() < until);
  if (task.path.includes('die')) process.exit(3);
  parentPort.postMessage({ id: task.id, items: [{ kind: 'problem', problem: { path: task.path, level: 'warning', message: 'done' } }] });
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
