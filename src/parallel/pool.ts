// A fixed pool of ingest worker threads with a task queue. Urgent tasks (slices of a file the
// writer is waiting for) jump the queue. A worker that dies (out of memory on a hostile file, a
// bug) fails only its current task and is replaced, so one bad input cannot stop the batch.

import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { bundle } from './bundle.ts';
import type { Task, TaskResult, WorkerInit } from './protocol.ts';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

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
  private idle: Worker[] = [];
  private busy = new Map<Worker, Pending>();
  private queue: Pending[] = [];
  private closed = false;

  /** Call `await prepareWorkers()` first, or the workers start slowly through tsx. */
  constructor(readonly size: number, private init: WorkerInit) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const w = new Worker(entry ?? BOOTSTRAP, { workerData: this.init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    w.on('message', (r: TaskResult) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      this.idle.push(w);
      p?.resolve(r);
      this.pump();
    });
    const die = (why: string) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      this.idle = this.idle.filter((x) => x !== w);
      if (this.closed) return;
      p?.resolve({ id: p.task.id, items: [], crash: why });
      this.idle.push(this.spawn());
      this.pump();
    };
    w.on('error', (err) => die((err as Error).message));
    w.on('exit', (code) => {
      if (this.busy.has(w) || this.idle.includes(w)) die(`worker stopped (exit code ${code})`);
    });
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

  /** Tasks waiting plus tasks running. */
  get load(): number {
    return this.queue.length + this.busy.size;
  }

  private pump() {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const p = this.queue.shift()!;
      this.busy.set(w, p);
      w.ref();
      w.postMessage(p.task);
    }
    for (const w of this.idle) w.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}
