// Crash safety (shared by test/crash.sqlite.test.ts and test/crash.postgres.test.ts, which vitest
// runs side by side): `echotrace ingest` is killed with SIGKILL at random moments, on SQLite and on
// PostgreSQL; after each kill the store holds no half-written article (every stored article has
// every per-article layer), and running the same command again ends with an export equal to an
// uninterrupted run's (apart from `generated`). Odd trials use two worker threads.
//
// The CLI runs from an esbuild bundle of src/cli/main.ts (src/parallel/bundle.ts): the same code,
// without tsx's seconds of start-up per process. Kill moments are uniform over the time an
// uninterrupted run spends past start-up. ECHOTRACE_CRASH_TRIALS overrides the 20 trials per store.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from '../src/parallel/bundle.ts';
import { openStore } from '../src/store/open.ts';
import { exportDocument } from '../src/export/build.ts';
import { ARTICLE_STAGES } from '../src/stages.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const BBC = join(ROOT, '../shared/datasets/bbc/politics');
const TRIALS = Number(process.env.ECHOTRACE_CRASH_TRIALS ?? 20);
export const INPUTS = [SEEDS, ...readdirSync(BBC).filter((f) => f.endsWith('.txt')).sort().slice(0, 20).map((f) => join(BBC, f))];

let cliPath = '';
// Both bundles are built once, so every run in this file uses the same code even while the
// sources change underneath (the worker bundle is otherwise rebuilt when a source file changes).
const env = { ...process.env };
const ingestArgs = (db: string, workers: boolean) => ['--db', db, 'ingest', '-q', ...(workers ? ['--workers', '2'] : []), ...INPUTS];

function runToEnd(db: string, workers = false): { status: number | null; ms: number; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cliPath, ...ingestArgs(db, workers)], { encoding: 'utf8', env });
  return { status: r.status, ms: performance.now() - t0, stderr: r.stderr };
}

/** Start an ingest and SIGKILL it after `delay` ms; resolves with whether it was killed mid-run. */
function runAndKill(db: string, workers: boolean, delay: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...ingestArgs(db, workers)], { stdio: 'ignore', env });
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

/** Where two exports first differ (a JSON path and both values, shortened), or null. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  const short = (v: unknown) => JSON.stringify(v)?.slice(0, 200);
  return `${path}: ${short(a)} ≠ ${short(b)}`;
}

async function exported(spec: string): Promise<string> {
  const store = await openStore(spec);
  try {
    const { generated: _g, ...doc } = await exportDocument(store);
    return JSON.stringify(doc);
  } finally {
    await store.close();
  }
}

/** Articles stored without all their per-article layers (a half-written article). */
async function incomplete(spec: string): Promise<string[]> {
  const store = await openStore(spec);
  try {
    const bad: string[] = [];
    for (const id of await store.articles.ids()) {
      const fp = await store.articles.fingerprint(id);
      const a = await store.articles.get(id);
      if (!fp || !a || !ARTICLE_STAGES.every((s) => s.layer in fp.versions)) bad.push(id);
    }
    return bad;
  } finally {
    await store.close();
  }
}

export function crashSuite(kind: string, fresh: () => Promise<string>) {
  let reference = '';
  let startup = 0;
  let span = 0;
  beforeAll(async () => {
    const db = await fresh();
    const r = runToEnd(db);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    reference = await exported(db);
    const t0 = performance.now();
    spawnSync(process.execPath, [cliPath, '--version']);
    startup = performance.now() - t0;
    span = Math.max(50, r.ms - startup);
  });

  it(`${TRIALS} kills at random moments each end, after a re-run, in the clean run's export`, async () => {
    let killed = 0;
    const log: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const db = await fresh();
      const workers = i % 2 === 1;
      const delay = Math.round(startup + Math.random() * span);
      const wasKilled = await runAndKill(db, workers, delay);
      if (wasKilled) killed++;
      expect(await incomplete(db), `trial ${i} (${kind}, kill at ${delay} ms): half-written articles`).toEqual([]);
      const again = runToEnd(db, workers);
      expect(again.status, `trial ${i}: re-run failed: ${again.stderr}`).toBe(0);
      const got = await exported(db);
      expect(firstDifference(JSON.parse(got), JSON.parse(reference)), `trial ${i} (${kind}, workers ${workers ? 2 : 0}, kill at ${delay} ms)`).toBeNull();
      log.push(`${delay}${wasKilled ? '' : '(finished)'}`);
    }
    // Most kills must land while the ingest was running, or the test proves nothing.
    expect(killed, `kill moments (ms): ${log.join(', ')}`).toBeGreaterThanOrEqual(Math.ceil(TRIALS / 2));
  }, 900_000);
}

/** Builds the bundles once per test file; call at the top level of the file. */
/** The bundled CLI and the environment that pins its worker bundle (after bundleOnce's beforeAll). */
export const bundled = () => ({ cli: cliPath, env });

export function bundleOnce() {
  // Private copies beside the shared cache (so packages still resolve), removed afterwards: a
  // test run elsewhere on the machine may replace the cached bundles while these trials run.
  const own: string[] = [];
  const privateCopy = (p: string) => {
    const q = p.replace(/\.mjs$/, `.test-${process.pid}.mjs`);
    copyFileSync(p, q);
    own.push(q);
    return q;
  };
  beforeAll(async () => {
    cliPath = privateCopy(await bundle('src/cli/main.ts', 'cli'));
    env.ECHOTRACE_WORKER_ENTRY = privateCopy(await bundle('src/parallel/worker.ts', 'ingest-worker'));
  }, 120_000);
  afterAll(() => {
    for (const f of own) rmSync(f, { force: true });
  });
}
