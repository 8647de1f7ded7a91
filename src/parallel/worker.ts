// An ingest worker thread: reads files and runs the pure per-article pipeline (`prepare` in
// src/pipeline.ts) on them (task.ts), sending the results to the writer. It never touches the store.

import { parentPort, workerData } from 'node:worker_threads';
import { createContext } from '../pipeline.ts';
import type { Task, WorkerInit } from './protocol.ts';
import { runTask } from './task.ts';

const init = workerData as WorkerInit;
const ctx = createContext({ rules: init.rules, outlets: init.outlets, extra: init.extra, now: new Date(init.now) });

parentPort!.on('message', (task: Task) => parentPort!.postMessage(runTask(task, ctx, true)));
