// The same task protocol as the worker pool, run on the calling thread: used when no worker
// threads are asked for (`--workers 0`), so there is one ingest driver for every mode.

import { createContext, prepare } from '../pipeline.ts';
import { isProblem, readFile } from '../ingest/index.ts';
import type { RawDoc } from '../model.ts';
import type { Item, Task, TaskResult, WorkerInit } from './protocol.ts';

export class InlinePool {
  readonly size = 1;
  private ctx;
  constructor(init: WorkerInit) {
    this.ctx = createContext({ rules: init.rules, outlets: init.outlets, extra: init.extra, now: new Date(init.now) });
  }
  get load() {
    return 0;
  }
  async run(task: Task): Promise<TaskResult> {
    // Yield to the event loop between tasks so the writer's I/O keeps moving.
    await new Promise((r) => setImmediate(r));
    const one = (d: RawDoc): Item => {
      const doc = { id: d.id, path: d.source.path, line: d.source.line };
      try {
        return { kind: 'prepared', doc, prepared: prepare(d, this.ctx) };
      } catch (err) {
        return { kind: 'failed', doc, message: (err as Error).message };
      }
    };
    if (task.kind === 'docs') return { id: task.id, items: task.docs.map(one) };
    const items: Item[] = [];
    for (const x of readFile(task.path, task.idBase)) items.push(isProblem(x) ? { kind: 'problem', problem: x } : one(x));
    return { id: task.id, items };
  }
  async close() {}
}
