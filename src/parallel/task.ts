// What a worker does with one task, shared by the worker threads (worker.ts) and the same-thread
// pool (inline.ts): read files, prepare their documents, or prepare a slice of raw documents.

import { prepare, type PipelineContext } from '../pipeline.ts';
import { isProblem, readFile } from '../ingest/index.ts';
import type { RawDoc } from '../model.ts';
import { packLayers, type Item, type Task, type TaskResult } from './protocol.ts';

const ref = (d: RawDoc) => ({ id: d.id, path: d.source.path, line: d.source.line });

/** `pack`: serialize span payloads for the trip to another thread (see packLayers). */
export function runTask(task: Task, ctx: PipelineContext, pack: boolean): TaskResult {
  const prepareDoc = (doc: RawDoc): Item => {
    try {
      const prepared = prepare(doc, ctx);
      return { kind: 'prepared', doc: ref(doc), prepared: pack ? { ...prepared, layers: packLayers(prepared.layers) } : prepared };
    } catch (err) {
      return { kind: 'failed', doc: ref(doc), message: (err as Error).message };
    }
  };
  const readOne = (path: string, idBase: string | undefined, splitAbove: number): Item[] => {
    const read: Item[] = [];
    let docs = 0;
    for (const x of readFile(path, idBase)) {
      if (isProblem(x)) read.push({ kind: 'problem', problem: x });
      else (read.push({ kind: 'raw', doc: x }), docs++);
    }
    // Many records in one file (JSONL, feeds): give them back so every worker shares them.
    if (docs > splitAbove) return read;
    return read.map((x) => (x.kind === 'raw' ? prepareDoc(x.doc) : x));
  };
  const guarded = (f: () => Item[]): { items: Item[]; crash?: string } => {
    try {
      return { items: f() };
    } catch (err) {
      return { items: [], crash: (err as Error).stack ?? String(err) };
    }
  };
  if (task.kind === 'docs') return { id: task.id, ...guarded(() => task.docs.map(prepareDoc)) };
  if (task.kind === 'file') return { id: task.id, ...guarded(() => readOne(task.path, task.idBase, task.splitAbove)) };
  return { id: task.id, items: [], files: task.files.map((f) => guarded(() => readOne(f.path, f.idBase, task.splitAbove))) };
}
