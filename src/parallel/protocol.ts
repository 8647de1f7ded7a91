// Messages between the ingest writer (main thread) and its worker threads.

import type { IngestProblem, LayerResult, RawDoc } from '../model.ts';
import type { Prepared } from '../pipeline.ts';

/** What a worker needs to build the same context as a single-threaded run. */
export interface WorkerInit {
  rules?: string[];
  outlets?: string[];
  extra?: Record<string, string[]>;
  /** The run's "now", so every worker stamps the same ingest time. */
  now: string;
}

export type Task =
  /** Read a file; prepare its documents, or hand back many-record files' raw documents. */
  | { kind: 'file'; id: number; path: string; idBase?: string; splitAbove: number }
  /** Prepare these raw documents (a slice of a many-record file). */
  | { kind: 'docs'; id: number; docs: RawDoc[] }
  /** Several small files in one message (one article each, typically): each as a 'file' task. */
  | { kind: 'files'; id: number; files: { path: string; idBase?: string }[]; splitAbove: number };

/** One outcome, in input order: a reader problem, a prepared article, or a document that failed. */
export type Item =
  | { kind: 'problem'; problem: IngestProblem }
  | { kind: 'prepared'; doc: DocRef; prepared: Prepared }
  | { kind: 'failed'; doc: DocRef; message: string }
  | { kind: 'raw'; doc: RawDoc };

export interface DocRef {
  id: string;
  path: string;
  line: number | null;
}

export interface TaskResult {
  id: number;
  items: Item[];
  /** The worker itself failed on this task (a bug, not bad input). */
  crash?: string;
  /** For a 'files' task: each file's items (or its crash), in the task's order. */
  files?: { items: Item[]; crash?: string }[];
}

/**
 * A worker's layers as they travel to the writer: span payloads serialized once, here, on the
 * worker's thread. Cloning thousands of small payload objects and serializing them again was
 * a large share of the single writer's time.
 */
export function packLayers(layers: LayerResult[]): LayerResult[] {
  return layers.map((r) => ({
    layer: r.layer,
    stage: r.stage,
    version: r.version,
    spans: r.spans.map((s) => ({ start: s.start, end: s.end, data: {} })),
    dataJson: r.spans.map((s) => JSON.stringify(s.data ?? {})),
  }));
}
