// The same task protocol as the worker pool, run on the calling thread: used when no worker
// threads are asked for (`--workers 0`), so there is one ingest driver for every mode.

import { createContext, type PipelineContext } from '../pipeline.ts';
import type { Task, TaskResult, WorkerInit } from './protocol.ts';
import { runTask } from './task.ts';

export class InlinePool {
  readonly size = 1;
  private ctx: PipelineContext;
  constructor(init: WorkerInit) {
    this.ctx = createContext({ rules: init.rules, outlets: init.outlets, extra: init.extra, now: new Date(init.now) });
  }
  get load() {
    return 0;
  }
  async run(task: Task): Promise<TaskResult> {
    // Yield to the event loop between tasks so the writer's I/O keeps moving.
    await new Promise((r) => setImmediate(r));
    return runTask(task, this.ctx, false);
  }
  async close() {}
}
