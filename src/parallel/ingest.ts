// Parallel ingest: N worker threads read and analyse (the pure per-article `prepare`), one writer
// (this thread) commits, in input order, so the store ends exactly as after a single-threaded
// run. On PostgreSQL the files come from a shared claim table, so several processes can split one
// input list. Then the corpus stages run once over what changed, crash-safely (see claims.ts).
//
//   files ─► [file tasks; small files four to a task] ─► workers: readFile + prepare ─► results by input position
//                 ▲                   │ many-record files come back as raw documents,
//                 └─ [slice tasks] ◄──┘ re-spread over all workers as urgent tasks
//   writer: waits for the next file in order, puts its articles, marks the file done.

import { statSync } from 'node:fs';
import type { Store } from '../store/store.ts';
import { createContext, ingestPaths, startBatch, type IngestEvents, type IngestSummary, type PipelineOptions } from '../pipeline.ts';
import { CORPUS_STAGES } from '../corpus.ts';
import { prepareWorkers, WorkerPool } from './pool.ts';
import { InlinePool } from './inline.ts';
import type { Item, WorkerInit } from './protocol.ts';
import { claimSource, localSource, pgDbOf, type FileSource } from './claims.ts';
import { fatalStoreError } from './fatal.ts';

export interface IngestRunOptions extends PipelineOptions {
  corpus?: boolean;
  /** Worker threads; 0 runs the same driver on this thread; undefined keeps the classic loop (SQLite). */
  workers?: number;
}

/** Records in one file above which its documents are spread over all workers. */
const SPLIT_ABOVE = 4;
/** Documents per slice task. */
const SLICE = 8;
/** Grouped commits, as in ingestPaths. */
const BATCH_ARTICLES = 500;
const BATCH_MS = 2000;
/** Files up to this size travel in groups of GROUP per task (typically one article each). */
const SMALL_FILE = 64 * 1024;
const GROUP = 4;
/** Files in flight (read, analysed or waiting for the writer) per worker. */
const WINDOW_PER_WORKER = 16;
/** Longest the writer runs without letting worker messages in. */
const YIELD_MS = 5;

/** The CLI's entry point: picks the driver for the store and the options. */
export async function runIngest(store: Store, paths: string[], opts: IngestRunOptions = {}, events: IngestEvents = {}): Promise<IngestSummary & { batch?: string }> {
  if (opts.workers === undefined && store.kind !== 'postgres') {
    // The classic single-threaded loop, wrapped so a killed run's corpus work is not lost.
    const source = localSource([], corpusMarker(store, opts), () => store.articles.ids());
    const s = await ingestPaths(store, paths, { ...opts, corpus: false }, events).catch((err) => {
      throw fatalStoreError(store, err) ?? err;
    });
    await settle(store, source, s, opts, events);
    return s;
  }
  return ingestParallel(store, paths, { ...opts, workers: opts.workers ?? 0 }, events);
}

function corpusMarker(store: Store, opts: IngestRunOptions): string | null {
  if (opts.corpus === false || !CORPUS_STAGES.length || store.kind !== 'sqlite' || store.location === ':memory:') return null;
  return `${store.location}.corpus-pending`;
}

async function settle(store: Store, source: FileSource, s: IngestSummary, opts: IngestRunOptions, events: IngestEvents) {
  if (opts.corpus === false || !CORPUS_STAGES.length) return;
  const ctx = createContext(opts);
  await source.settleCorpus(s.changed, async (plan) => {
    // As runCorpusStages, one stage at a time, so a killed run's successor can resume.
    for (const stage of CORPUS_STAGES) {
      const ids = plan.ids(stage.name);
      if (!ids.length) continue;
      events.onCorpusStage?.(stage.name);
      s.corpus[stage.name] = await stage.update(store, ids, ctx);
      await plan.markDone(stage.name);
    }
  });
}

export async function ingestParallel(
  store: Store,
  paths: string[],
  opts: IngestRunOptions & { workers: number },
  events: IngestEvents = {},
): Promise<IngestSummary & { batch?: string }> {
  const t0 = performance.now();
  createContext(opts); // bad user data files fail here, before any thread starts
  const { summary, problem, files, ids } = startBatch(paths, events, opts.exclude);
  const s: IngestSummary & { batch?: string } = summary;

  const pg = pgDbOf(store);
  const source = pg ? await claimSource(pg, files) : localSource(files, corpusMarker(store, opts), () => store.articles.ids());
  if ('key' in source) s.batch = source.key as string;
  const init: WorkerInit = { rules: opts.rules, outlets: opts.outlets, extra: opts.extra, now: (opts.now ?? new Date()).toISOString() };
  if (opts.workers > 0) await prepareWorkers();
  const pool = opts.workers > 0 ? new WorkerPool(opts.workers, init) : new InlinePool(init);

  // Slots in input order; the writer consumes them front to back.
  const slots: { path: string; items: Item[] | null }[] = [];
  let written = 0;
  let exhausted = false;
  let failure: unknown = null;
  let waiters: (() => void)[] = [];
  const notify = () => {
    const w = waiters;
    waiters = [];
    w.forEach((f) => f());
  };
  const changed = () => new Promise<void>((r) => waiters.push(r));

  const crashItems = (path: string, why: string): Item[] => [
    { kind: 'problem', problem: { path, level: 'error', message: `could not be processed: ${why.split('\n')[0]}` } },
  ];

  /** A file's items in its slot, its many-record documents first prepared in slices over all workers. */
  async function settleFile(seq: number, path: string, r: { items: Item[]; crash?: string }) {
    const items = r.crash ? crashItems(path, r.crash) : r.items;
    const raw = items.flatMap((it, i) => (it.kind === 'raw' ? [i] : []));
    const slices: number[][] = [];
    for (let i = 0; i < raw.length; i += SLICE) slices.push(raw.slice(i, i + SLICE));
    await Promise.all(
      slices.map(async (idx) => {
        const docs = idx.map((i) => (items[i] as Extract<Item, { kind: 'raw' }>).doc);
        const res = await pool.run({ kind: 'docs', id: seq, docs }, true);
        idx.forEach((i, k) => {
          const d = docs[k];
          items[i] = res.crash
            ? { kind: 'failed', doc: { id: d.id, path: d.source.path, line: d.source.line }, message: `could not be processed: ${res.crash.split('\n')[0]}` }
            : res.items[k];
        });
      }),
    );
    slots[seq].items = items;
    notify();
  }

  async function work(seq: number, path: string) {
    await settleFile(seq, path, await pool.run({ kind: 'file', id: seq, path, idBase: ids.get(path), splitAbove: SPLIT_ABOVE }));
  }

  /** Several small files in one task (one message each way instead of one per file). */
  async function workGroup(seqs: number[], paths: string[]) {
    const r = await pool.run({ kind: 'files', id: seqs[0], files: paths.map((path) => ({ path, idBase: ids.get(path) })), splitAbove: SPLIT_ABOVE });
    // A worker that died on the group: its files again one by one, so only the culprit fails.
    if (r.crash || !r.files) return void (await Promise.all(seqs.map((seq, k) => work(seq, paths[k]))));
    await Promise.all(seqs.map((seq, k) => settleFile(seq, paths[k], r.files![k])));
  }

  const isSmall = (path: string) => {
    try {
      return statSync(path).size <= SMALL_FILE;
    } catch {
      return false; // the reader says what is wrong with it
    }
  };

  const window = Math.max(8, pool.size * WINDOW_PER_WORKER);
  async function produce() {
    for (;;) {
      while (slots.length - written >= window && !failure) await changed();
      if (failure) break;
      const batch = await source.take(Math.max(1, Math.min(window - (slots.length - written), pool.size * GROUP * 2)));
      if (!batch.length) break;
      const start = (seqs: number[], paths: string[]) => {
        const run = paths.length === 1 ? work(seqs[0], paths[0]) : workGroup(seqs, paths);
        void run.catch((err) => {
          for (const seq of seqs) slots[seq].items ??= crashItems(slots[seq].path, String(err));
          notify();
        });
      };
      let group: { seqs: number[]; paths: string[] } = { seqs: [], paths: [] };
      for (const path of batch) {
        const seq = slots.push({ path, items: null }) - 1;
        if (!isSmall(path)) {
          start([seq], [path]);
          continue;
        }
        group.seqs.push(seq);
        group.paths.push(path);
        if (group.paths.length === GROUP) (start(group.seqs, group.paths), (group = { seqs: [], paths: [] }));
      }
      if (group.paths.length) start(group.seqs, group.paths);
    }
    exhausted = true;
    notify();
  }

  const seen = new Map<string, string>();
  // Commits grouped as in ingestPaths, where the store supports it (SQLite): each put is still
  // whole or absent, and at most BATCH_ARTICLES or BATCH_MS of work is ever uncommitted.
  let pending = 0;
  let batchStart = performance.now();
  const commitIfDue = (force = false) => {
    if (!store.commitBatch || !pending || (!force && pending < BATCH_ARTICLES && performance.now() - batchStart < BATCH_MS)) return;
    store.commitBatch();
    store.beginBatch?.();
    pending = 0;
    batchStart = performance.now();
  };
  async function write() {
    store.beginBatch?.();
    let failed = false;
    try {
      await writeAll();
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      try {
        store.commitBatch?.();
      } catch (err) {
        if (!failed) throw fatalStoreError(store, err) ?? err;
      }
    }
  }
  // Puts in flight at once: one on SQLite (one writer; a put there is synchronous anyway); on a
  // store with several connections, as many as it offers, so round trips overlap. Files still
  // finish, and count as changed, in input order; two documents with one id are put in turn.
  const limit = Math.max(1, store.concurrentPuts ?? 1);
  const inflight = new Set<Promise<void>>();
  const byId = new Map<string, Promise<void>>();
  let fatal: unknown = null;
  let fileChain: Promise<void> = Promise.resolve();
  /** Start `job` once a slot is free (and no put of the same id runs); resolves when it started. */
  const schedule = async (id: string, job: () => Promise<void>): Promise<{ done: Promise<void> }> => {
    const prior = byId.get(id);
    if (prior) await prior.catch(() => {});
    while (inflight.size >= limit) await Promise.race(inflight).catch(() => {});
    const p: Promise<void> = job().finally(() => {
      inflight.delete(p);
      if (byId.get(id) === p) byId.delete(id);
    });
    p.catch((err) => {
      fatal ??= err;
      notify();
    });
    inflight.add(p);
    byId.set(id, p);
    return { done: p };
  };

  let lastYield = performance.now();
  /** Every YIELD_MS of writing, a turn of the event loop: each worker answer hands that worker its next task. */
  async function letWorkersIn() {
    if (performance.now() - lastYield <= YIELD_MS) return;
    await new Promise<void>((r) => setImmediate(r));
    lastYield = performance.now();
  }
  async function writeAll() {
    for (;;) {
      if (fatal) throw fatal;
      if (written < slots.length && slots[written].items) {
        const { path, items } = slots[written];
        const outcomes: { id: string; changed: boolean }[] = [];
        const jobs: Promise<void>[] = [];
        for (const it of items!) {
          if (it.kind === 'problem') {
            problem(it.problem);
            continue;
          }
          if (it.kind === 'raw') continue; // cannot happen: every raw document was prepared
          s.documents++;
          const where = { path: it.doc.path, line: it.doc.line };
          const prior = seen.get(it.doc.id);
          if (prior) problem({ ...where, level: 'warning', message: `id "${it.doc.id}" was already used by ${prior} in this batch; this one replaces it` });
          seen.set(it.doc.id, `${it.doc.path}${it.doc.line ? `:${it.doc.line}` : ''}`);
          if (it.kind === 'failed') {
            problem({ ...where, level: 'error', message: it.message });
            continue;
          }
          const { article, layers, warnings } = it.prepared;
          for (const w of warnings) problem({ ...where, level: 'warning', message: w });
          const slot = outcomes.push({ id: article.id, changed: false }) - 1;
          const { done } = await schedule(article.id, async () => {
            try {
              const outcome = await store.articles.put(article, layers);
              s[outcome]++;
              pending++;
              commitIfDue();
              outcomes[slot].changed = outcome !== 'unchanged';
            } catch (err) {
              const f = fatalStoreError(store, err);
              if (f) throw f;
              outcomes[slot] = { id: '', changed: false };
              problem({ ...where, level: 'error', message: (err as Error).message });
            }
          });
          jobs.push(done);
          // Let the workers' answers in now and then, also inside a file of many articles (a
          // 500-record file kept a worker waiting for the writer for 200 ms at a time).
          await letWorkersIn();
        }
        // The file is finished once its puts landed and every earlier file is finished. A file
        // taken over from a killed run: its articles may have been stored without their corpus
        // stages, so all of them count as changed for the corpus stages.
        const before = fileChain;
        fileChain = Promise.all([before, ...jobs]).then(async () => {
          const stored = outcomes.filter((o) => o.id).map((o) => o.id);
          const changedIds = outcomes.filter((o) => o.changed).map((o) => o.id);
          s.changed.push(...changedIds);
          await source.finished(path, source.reclaimed(path) ? stored : changedIds);
          s.files++;
          events.onFile?.(path, s.files);
        });
        fileChain.catch((err) => {
          fatal ??= err;
          notify();
        });
        slots[written].items = null;
        written++;
        notify();
        await letWorkersIn();
        continue;
      }
      if (exhausted && written === slots.length) {
        await fileChain;
        if (fatal) throw fatal;
        return;
      }
      await changed();
    }
  }

  try {
    await Promise.all([
      produce(),
      write().catch((err) => {
        failure = err;
        notify();
        throw err;
      }),
    ]);
    await settle(store, source, s, opts, events);
  } finally {
    await pool.close();
    await source.close();
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}
