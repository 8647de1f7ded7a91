// A fixed pool of ingest worker threads with a task queue; each worker is kept a few tasks ahead.
// Urgent tasks (slices of a file the writer is waiting for) jump the queue. A worker that dies (out of memory on a hostile file, a
// bug) fails only its current task and is replaced, so one bad input cannot stop the batch.

import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { bundle } from './bundle.ts';
import type { Task, TaskResult, WorkerInit } from './protocol.ts';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/**
 * Tasks each worker holds at once. More than one, so a worker never sits idle between tasks while
 * the main thread is busy writing (it would otherwise wait for the writer to hand it the next).
 */
const DEPTH = 3;

/** Heap per worker: room for a 64 MB page's DOM, small enough that a runaway input dies alone. */
const WORKER_HEAP_MB = 1536;

let entry: URL | null = null;

/**
 * The worker's code: bundled once into plain JavaScript (see bundle.ts), since loading it through
 * tsx costs every worker thread seconds of start-up. Without esbuild (or a writable
 * node_modules), the tsx bootstrap is used.
 */
export async function prepareWorkers(): Promise<void> {
  if (entry) return;
  // A prebuilt worker bundle (tests pin one so that every run of a test uses the same code).
  if (process.env.ECHOTRACE_WORKER_ENTRY) return void (entry = pathToFileURL(process.env.ECHOTRACE_WORKER_ENTRY));
  try {
    entry = pathToFileURL(await bundle('src/parallel/worker.ts', 'ingest-worker'));
  } catch {
    entry = BOOTSTRAP;
  }
}

interface Pending {
  task: Task;
  resolve: (r: TaskResult) => void;
}

export class WorkerPool {
  /** Tasks sent to each worker and not yet answered, oldest first (a worker answers in order). */
  private sent = new Map<Worker, Pending[]>();
  private queue: Pending[] = [];
  private closed = false;

  /** Call `await prepareWorkers()` first, or the workers start slowly through tsx. */
  constructor(readonly size: number, private init: WorkerInit) {
    for (let i = 0; i < size; i++) this.sent.set(this.spawn(), []);
  }

  private spawn(): Worker {
    const w = new Worker(entry ?? BOOTSTRAP, { workerData: this.init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    w.on('message', (r: TaskResult) => {
      this.sent.get(w)?.shift()?.resolve(r);
      this.pump();
    });
    const die = (why: string) => {
      const sent = this.sent.get(w);
      if (!sent) return; // already replaced ('error' and 'exit' both fire)
      this.sent.delete(w);
      if (this.closed) return;
      // The task it was running is the one that killed it; the ones waiting behind it are
      // innocent and go back to the front of the queue.
      const [culprit, ...waiting] = sent;
      this.queue.unshift(...waiting);
      culprit?.resolve({ id: culprit.task.id, items: [], crash: why });
      this.sent.set(this.spawn(), []);
      this.pump();
    };
    w.on('error', (err) => die((err as Error).message));
    w.on('exit', (code) => die(`worker stopped (exit code ${code})`));
    // An idle pool must not keep the process alive on its own.
    w.unref();
    return w;
  }

  run(task: Task, urgent = false): Promise<TaskResult> {
    return new Promise((resolve) => {
      const p = { task, resolve };
      urgent ? this.queue.unshift(p) : this.queue.push(p);
      this.pump();
    });
  }

  /** Tasks waiting plus tasks sent. */
  get load(): number {
    let n = this.queue.length;
    for (const s of this.sent.values()) n += s.length;
    return n;
  }

  /** Fill every worker's queue up to DEPTH, least loaded first. */
  private pump() {
    while (this.queue.length) {
      let best: Worker | null = null;
      let depth = DEPTH;
      for (const [w, s] of this.sent) if (s.length < depth) (best = w), (depth = s.length);
      if (!best) break;
      const p = this.queue.shift()!;
      this.sent.get(best)!.push(p);
      best.ref();
      best.postMessage(p.task);
    }
    for (const [w, s] of this.sent) if (!s.length) w.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sent.keys()].map((w) => w.terminate()));
  }
}
