// An ingest worker thread: reads files and runs the pure per-article pipeline (`prepare` in
// src/pipeline.ts) on them, sending the results to the writer. It never touches the store.

import { parentPort, workerData } from 'node:worker_threads';
import { createContext, prepare } from '../pipeline.ts';
import { isProblem, readFile } from '../ingest/index.ts';
import type { RawDoc } from '../model.ts';
import { packLayers, type Item, type Task, type TaskResult, type WorkerInit } from './protocol.ts';

const init = workerData as WorkerInit;
const ctx = createContext({ rules: init.rules, outlets: init.outlets, extra: init.extra, now: new Date(init.now) });

const ref = (d: RawDoc) => ({ id: d.id, path: d.source.path, line: d.source.line });

function prepareDoc(doc: RawDoc): Item {
  try {
    const prepared = prepare(doc, ctx);
    return { kind: 'prepared', doc: ref(doc), prepared: { ...prepared, layers: packLayers(prepared.layers) } };
  } catch (err) {
    return { kind: 'failed', doc: ref(doc), message: (err as Error).message };
  }
}

function run(task: Task): Item[] {
  if (task.kind === 'docs') return task.docs.map(prepareDoc);
  const read: Item[] = [];
  let docs = 0;
  for (const x of readFile(task.path, task.idBase)) {
    if (isProblem(x)) read.push({ kind: 'problem', problem: x });
    else (read.push({ kind: 'raw', doc: x }), docs++);
  }
  // Many records in one file (JSONL, feeds): give them back so every worker shares them.
  if (docs > task.splitAbove) return read;
  return read.map((x) => (x.kind === 'raw' ? prepareDoc(x.doc) : x));
}

parentPort!.on('message', (task: Task) => {
  let result: TaskResult;
  try {
    result = { id: task.id, items: run(task) };
  } catch (err) {
    result = { id: task.id, items: [], crash: (err as Error).stack ?? String(err) };
  }
  parentPort!.postMessage(result);
});
