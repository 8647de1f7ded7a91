// A fixed pool of ingest worker threads with a task queue. Urgent tasks (slices of a file the
// writer is waiting for) jump the queue. A worker that dies (out of memory on a hostile file, a
// bug) fails only its current task and is replaced, so one bad input cannot stop the batch.

import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Task, TaskResult, WorkerInit } from './protocol.ts';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Heap per worker: room for a 64 MB page's DOM, small enough that a runaway input dies alone. */
const WORKER_HEAP_MB = 1536;

let entry: URL | null = null;

/** A key that changes whenever any source file or the installed packages change. */
function sourceKey(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mjs|js|json)$/.test(e.name)) {
        const st = statSync(p);
        h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
      }
    }
  };
  walk(ROOT + 'src');
  for (const f of ['package.json', 'package-lock.json']) if (existsSync(ROOT + f)) h.update(`${f}:${statSync(ROOT + f).mtimeMs}\n`);
  return h.digest('hex').slice(0, 16);
}

/**
 * The worker's code. Loading it through tsx costs every worker seconds of start-up (each thread
 * compiles the pipeline and resolves hundreds of package files), so it is bundled with esbuild
 * (tsx's own compiler) into one plain JavaScript file, kept until a source file changes. The
 * bundle sits two folders below the project root, like every module under src/, so the
 * `new URL('../../data/…', import.meta.url)` paths the pipeline uses for its data files still
 * resolve. Without esbuild (or a writable node_modules), the tsx bootstrap is used.
 */
function workerEntry(): URL {
  if (entry) return entry;
  try {
    const dir = ROOT + 'node_modules/.echotrace-worker/';
    const out = `${dir}ingest-worker-${sourceKey()}.mjs`;
    if (!existsSync(out)) {
      const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
      mkdirSync(dir, { recursive: true });
      const tmp = `${out}.${process.pid}.tmp`;
      esbuild.buildSync({
        entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
        outfile: tmp,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'silent',
        // CommonJS packages inside an ES module bundle still call require().
        banner: { js: "import { createRequire as __echotraceRequire } from 'node:module'; const require = __echotraceRequire(import.meta.url);" },
      });
      for (const old of readdirSync(dir)) if (old.startsWith('ingest-worker-') && old.endsWith('.mjs')) rmSync(dir + old, { force: true });
      renameSync(tmp, out); // atomic: a concurrent process sees the whole file or none
    }
    entry = pathToFileURL(out);
  } catch {
    entry = BOOTSTRAP;
  }
  return entry;
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

  constructor(readonly size: number, private init: WorkerInit) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const w = new Worker(workerEntry(), { workerData: this.init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
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
