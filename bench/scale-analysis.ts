// Analysis alone: the same input files read and analysed by 1 and 2 ingest worker threads
// (src/parallel/pool.ts), with nothing written. No ingest design can scale better than its
// analysis does, so this row bounds what more workers can give on this machine, whatever the
// writer costs. Part of `npm run bench -- scale`.

import { prepareWorkers, WorkerPool } from '../src/parallel/pool.ts';
import type { Table } from './lib.ts';

async function analyse(paths: string[], workers: number): Promise<{ seconds: number; cpu: number; documents: number }> {
  await prepareWorkers();
  const pool = new WorkerPool(workers, { now: new Date().toISOString() });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let documents = 0;
  try {
    // As the ingest driver keeps its workers busy: every file is a task, the pool keeps each worker a few ahead.
    // (Each answer counted and dropped at once: holding them all would make this thread's heap the cost.)
    await Promise.all(
      paths.map((path, id) => pool.run({ kind: 'file', id, path, splitAbove: Infinity }).then((r) => void (documents += r.items.filter((x) => x.kind === 'prepared').length))),
    );
  } finally {
    await pool.close();
  }
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, documents };
}

export async function analysisTable(paths: string[]): Promise<Table> {
  const rows: (string | number)[][] = [];
  let one = 0;
  for (const workers of [1, 2]) {
    const r = await analyse(paths, workers);
    if (workers === 1) one = r.seconds;
    rows.push([workers, r.documents, r.seconds, r.documents / r.seconds, one / r.seconds, r.cpu, r.cpu / r.seconds]);
  }
  return {
    title: 'Analysis alone, nothing stored: how far more worker threads can go on this machine',
    columns: ['worker threads', 'documents', 'seconds', 'articles/s', '× 1 thread', 'CPU s (all threads)', 'cores busy (CPU s / s)'],
    rows,
    notes: [
      'the ingest inputs above, read and analysed by the ingest worker pool in the benchmark process, results dropped: the upper bound of any ingest design on this machine, before a single row is written',
      'CPU: user + system seconds of the benchmark process (main thread, workers, V8\'s garbage-collection and compiler threads). When two analysis threads share the two cores, each costs more CPU per article than one alone (shared caches and memory bandwidth; V8\'s own threads compete), so × 2 threads stays below 2',
    ],
  };
}
