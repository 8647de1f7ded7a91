// Scale: ingest throughput with 1, 2 and 4 worker threads against the single-threaded ingest, on
// SQLite and on PostgreSQL (a throwaway cluster, test/pg-harness.ts); then `echotrace serve`
// over a large store under a steady 200 requests/s from autocannon on loopback (article, search
// and narrative requests), with latency percentiles, errors and the server's memory over time.
//
//   npm run bench -- scale
//   ECHOTRACE_SCALE_ARTICLES=3000    articles for the ingest runs (BBC first, then Reuters; default all 21,268)
//   ECHOTRACE_SCALE_SERVE=20000      articles in the served store (default 20,000; 0 skips the load test)
//   ECHOTRACE_SCALE_SECONDS=60       length of the load test (default 300)
//   ECHOTRACE_SCALE_STORE=/path.db   reuse (or keep) the served store between runs
//   ECHOTRACE_SCALE_PG=0             skip PostgreSQL
//   ECHOTRACE_SCALE_SERVERS=1,2,1u   server process counts for the load test; 'u': with the search answer
//                                    cache off (ECHOTRACE_ANSWER_CACHE=0), every search ranked afresh (default 1,2,1u)
//
// Every run is its own process (the CLI bundled by src/parallel/bundle.ts, as users run it) on
// the same input files, so the ratios compare like with like. Corpus stages are left out of the
// ingest runs (`--no-corpus`): they run once after the parallel part and are the same for all.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { requireDataset, writeResults, type Table } from './lib.ts';
import { reutersRecords } from './ingest.ts';
import { bundle } from '../src/parallel/bundle.ts';
import { pgUnavailable, startPgCluster } from '../test/pg-harness.ts';
import { analysisTable } from './scale-analysis.ts';

const SEEDS = new URL('../../shared/corpus/seeds', import.meta.url).pathname;
const ARTICLES = Number(process.env.ECHOTRACE_SCALE_ARTICLES ?? Infinity);
const SERVE = Number(process.env.ECHOTRACE_SCALE_SERVE ?? 20000);
const SECONDS = Number(process.env.ECHOTRACE_SCALE_SECONDS ?? 300);
const RATE = 200;
/** Server process counts for the load test (`serve --workers N`). */
const SERVERS = (process.env.ECHOTRACE_SCALE_SERVERS ?? '1,2,1u').split(',').map((x) => ({ processes: parseInt(x, 10), cache: !x.endsWith('u') }));

/** Input files for `n` articles: BBC .txt files first, then Reuters records as JSONL files of 500. */
export function inputs(dir: string, n: number): { paths: string[]; articles: number } {
  const paths: string[] = [];
  let count = 0;
  const bbc = requireDataset('bbc');
  for (const topic of readdirSync(bbc).filter((d) => !d.includes('.')).sort())
    for (const f of readdirSync(join(bbc, topic)).sort()) {
      if (count >= n) break;
      if (f.endsWith('.txt')) (paths.push(join(bbc, topic, f)), count++);
    }
  const reuters = requireDataset('reuters21578');
  mkdirSync(dir, { recursive: true });
  let chunk: string[] = [];
  const flush = () => {
    if (!chunk.length) return;
    const p = join(dir, `reuters-${paths.length}.jsonl`);
    writeFileSync(p, chunk.join('\n') + '\n');
    paths.push(p);
    chunk = [];
  };
  for (const f of readdirSync(reuters).filter((x) => x.endsWith('.sgm')).sort()) {
    if (count >= n) break;
    for (const r of reutersRecords(readFileSync(join(reuters, f), 'latin1'))) {
      if (count >= n) break;
      chunk.push(JSON.stringify(r));
      count++;
      if (chunk.length === 500) flush();
    }
  }
  flush();
  return { paths, articles: count };
}

interface RunResult {
  seconds: number;
  documents: number;
  failed: number;
  /** CPU seconds of the whole process (every thread) and of its main thread (the writer). */
  cpu: number;
  mainCpu: number;
}

/** CPU seconds (user + system) per thread of a process, from /proc. */
function threadCpu(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // gone
  }
  const tick = 100; // USER_HZ on Linux
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(f[11]) + Number(f[12])) / tick);
    } catch {
      /* thread ended between the listing and the read */
    }
  }
  return out;
}

async function ingest(cli: string, db: string, paths: string[], workers: number | null, corpus = false): Promise<RunResult> {
  const args = [cli, '--db', db, '--json', 'ingest', ...(corpus ? [] : ['--no-corpus']), ...(workers === null ? [] : ['--workers', String(workers)]), ...paths];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  // Threads' CPU, sampled until the process ends (a thread's last figure is kept when it exits).
  const last = new Map<number, number>();
  const sample = () => threadCpu(child.pid!).forEach((v, k) => last.set(k, v));
  const timer = setInterval(sample, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => (clearInterval(timer), resolve(c))));
  const seconds = (performance.now() - t0) / 1000;
  let summary: { documents: number; failed: number };
  try {
    summary = JSON.parse(stdout);
  } catch {
    throw new Error(`ingest failed (${code}): ${stderr.slice(0, 2000)}`);
  }
  const cpu = [...last.values()].reduce((a, b) => a + b, 0);
  return { seconds, documents: summary.documents, failed: summary.failed, cpu, mainCpu: last.get(child.pid!) ?? 0 };
}

async function ingestTable(cli: string, dir: string, { paths, articles }: { paths: string[]; articles: number }): Promise<Table> {
  const rows: (string | number)[][] = [];
  const stores: { name: string; fresh: () => Promise<string>; stop?: () => Promise<void> }[] = [];
  let n = 0;
  stores.push({ name: 'SQLite', fresh: async () => join(dir, `s${++n}.db`) });
  const why = process.env.ECHOTRACE_SCALE_PG === '0' ? 'ECHOTRACE_SCALE_PG=0' : pgUnavailable();
  if (!why) {
    const cluster = await startPgCluster();
    stores.push({ name: 'PostgreSQL', fresh: () => cluster.createDatabase(), stop: () => cluster.stop() });
  }
  for (const s of stores) {
    let single = 0;
    let one = 0;
    for (const workers of [null, 1, 2, 4]) {
      const r = await ingest(cli, await s.fresh(), paths, workers);
      const rate = r.documents / r.seconds;
      if (workers === null) single = rate;
      if (workers === 1) one = rate;
      const mode = workers === null ? 'single-threaded (default)' : `${workers} worker${workers > 1 ? 's' : ''}`;
      rows.push([s.name, mode, r.documents, r.failed, r.seconds, rate, single ? rate / single : '—', workers && one ? rate / one : '—', r.cpu, r.mainCpu, r.cpu / r.seconds, (r.cpu / r.documents) * 1000]);
    }
    await s.stop?.();
  }
  return {
    title: `Ingest throughput, BBC + Reuters (${articles} articles, --no-corpus)`,
    columns: ['store', 'mode', 'documents', 'failed', 'seconds', 'articles/s', '× single-threaded', '× 1 worker', 'CPU s (all threads)', 'CPU s (main thread: reads, writes)', 'cores busy (CPU s / s)', 'CPU ms per article'],
    rows,
    notes: [
      'each run a fresh store and its own process (bundled CLI, start-up included); workers parse and analyse, one writer commits in input order (on PostgreSQL with up to 3 puts in flight)',
      'single-threaded: one thread reads, analyses and writes; 1 worker: one analysis thread beside the writer thread, so reading and analysis already overlap writing',
      'CPU: user + system seconds of the ingest process per thread, from /proc (the PostgreSQL server\'s own CPU is not counted); all threads = main + workers + V8\'s garbage-collection and compiler threads. Two cores give at most 2 CPU seconds per second, so a run cannot beat (CPU s all threads) / 2 seconds',
      'cores busy: a run that already keeps c of the 2 cores busy can be made at most 2 / c times faster by more threads, and only if they add no CPU of their own: with 1 worker the writer already runs beside the analysis thread',
      `load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on this shared machine: compare ratios within one run`,
      why ? `PostgreSQL skipped: ${why}` : 'PostgreSQL: a throwaway local cluster (fsync off), one fresh database per run',
    ],
  };
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}

/** Resident memory of a process, MB. */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Resident memory of a process and its children (the server processes of `serve --workers`), MB. */
function treeRssMb(pid: number): number {
  let kids: number[] = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    /* no children file: count the process alone */
  }
  return rssMb(pid) + kids.reduce((a, k) => a + (existsSync(`/proc/${k}`) ? rssMb(k) : 0), 0);
}

async function loadTable(cli: string, dir: string): Promise<Table> {
  const db = process.env.ECHOTRACE_SCALE_STORE ?? join(dir, 'serve.db');
  if (!existsSync(db)) {
    // BBC + Reuters, and the five sample articles, whose claim recurs across outlets: BBC and
    // Reuters alone hold no narrative, and the narrative routes should serve one.
    const { paths } = inputs(join(dir, 'serve-in'), SERVE);
    await ingest(cli, db, [...paths, SEEDS], 2, true);
  }
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const { processes, cache } of SERVERS) {
    const r = await loadRun(cli, db, processes, cache);
    rows.push([processes, cache ? 'on' : 'off', ...r.row]);
    notes.push(...r.notes.filter((n) => !notes.includes(n)));
  }
  return {
    title: `API under load: ${RATE} requests/s for ${SECONDS} s over ${SERVE} stored articles (+ the 5 sample articles)`,
    columns: ['server processes', 'search answer cache', 'requests', 'errors', 'non-2xx', 'timeouts', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'RSS first third MB', 'RSS last third MB'],
    rows,
    notes: [...notes, `load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')}`],
  };
}

/** Queries analysts type: common and rare words, phrases and several-word queries. */
const WORDS = [
  'oil', 'minister', 'election', 'bank', '"interest rates"', 'government', 'shares', 'police', 'trade deficit', 'music',
  'said', 'prime minister', 'court ruling', '"central bank"', 'strike', 'opec', 'coffee prices', 'merger', 'profit warning', 'tax',
  'iran', 'iraq', 'chancellor', 'football', '"world cup"', 'film', 'mobile phone', 'broadband', 'dollar', 'wheat',
];
const STOP = new Set('with from that this have will said says after over into than their about would could more been were when what which while there they them also year years first last next week says market share shares'.split(' '));

/** A small fast seeded generator, so every run draws the same requests. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The requests of one load run, drawn from the served store itself: random stored articles, and
 * searches whose popularity falls off with rank (weight 1/r) over WORDS and the words and
 * two-word phrases of the stored titles, most frequent first, so a few queries repeat a lot and
 * most come once or twice, as on a search box shared by a desk.
 */
function workload(db: string, draws: number): { articles: string[]; searches: string[] } {
  const conn = new Database(db, { readonly: true });
  const ids = conn.prepare('SELECT id FROM articles').pluck().all() as string[];
  const titles = conn.prepare('SELECT title FROM articles').pluck().all() as string[];
  conn.close();
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const t of titles) {
    const w = t.toLowerCase().match(/[a-z]{4,}/g) ?? [];
    for (const x of new Set(w)) if (!STOP.has(x)) words.set(x, (words.get(x) ?? 0) + 1);
    for (let k = 0; k + 1 < w.length; k++) if (!STOP.has(w[k]) && !STOP.has(w[k + 1])) pairs.set(`"${w[k]} ${w[k + 1]}"`, (pairs.get(`"${w[k]} ${w[k + 1]}"`) ?? 0) + 1);
  }
  const top = (m: Map<string, number>, n: number, min: number) => [...m].filter(([, c]) => c >= min).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([k]) => k);
  const pool = [...new Set([...WORDS, ...top(words, 1500, 3), ...top(pairs, 500, 3)])];
  const rand = mulberry32(20261123);
  // Popularity order: WORDS first, then the corpus vocabulary shuffled (frequency in titles is
  // not popularity among users).
  const tail = pool.slice(WORDS.length);
  for (let k = tail.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [tail[k], tail[j]] = [tail[j], tail[k]];
  }
  const ranked = [...WORDS, ...tail];
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 1; r <= ranked.length; r++) cumulative.push((sum += 1 / r));
  const n = Math.ceil(draws / 3) + 10;
  const searches: string[] = [];
  for (let k = 0; k < n; k++) {
    const x = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    searches.push(ranked[lo]);
  }
  const articles = Array.from({ length: n }, () => ids[Math.floor(rand() * ids.length)]);
  return { articles, searches };
}

async function loadRun(cli: string, db: string, processes: number, cache: boolean): Promise<{ row: (string | number)[]; notes: string[] }> {
  const server = spawn(process.execPath, [cli, '--db', db, 'serve', '--port', '0', '--no-build', '--workers', String(processes)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ECHOTRACE_ANSWER_CACHE: cache ? '1' : '0' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => {
      buf += d;
      const m = /open (http:\/\/[^/\s]+)\//.exec(buf);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited (${code})`)));
  });
  try {
    const get = async (p: string) => (await fetch(url + p)).json() as Promise<Record<string, unknown>>;
    const narratives = (await get('/api/narratives')) as { items?: { id: string }[] };
    const nids = (narratives.items ?? []).map((n) => n.id);
    const { articles, searches } = workload(db, SECONDS * RATE);
    const kinds = [
      articles.map((id) => `/api/articles/${encodeURIComponent(id)}`),
      searches.map((q) => `/api/search?q=${encodeURIComponent(q)}`),
      ['/api/narratives', ...nids.slice(0, 20).map((id) => `/api/narratives/${encodeURIComponent(id)}`)],
    ];
    const memory: number[] = [treeRssMb(server.pid!)];
    const sampler = setInterval(() => memory.push(treeRssMb(server.pid!)), 5000);
    const { default: autocannon } = (await import('autocannon' as string)) as { default: (o: Record<string, unknown>) => Promise<AutocannonResult> };
    // Round-robin over the three kinds so each gets a third of the rate, each kind in its drawn order.
    let i = 0;
    const result = await autocannon({
      url,
      connections: 20,
      overallRate: RATE,
      duration: SECONDS,
      requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: ((k) => k[Math.floor(i / 3) % k.length])(kinds[i++ % 3]) }) }],
    });
    clearInterval(sampler);
    memory.push(treeRssMb(server.pid!));
    const third = Math.max(1, Math.floor(memory.length / 3));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      row: [result.requests.total, result.errors, result.non2xx, result.timeouts, result.requests.average, result.latency.p50, result.latency.p90, result.latency.p99, result.latency.max, avg(memory.slice(0, third)), avg(memory.slice(-third))],
      notes: [
        `requests in equal thirds: GET /api/articles/:id (a random stored article each time), /api/search (${new Set(searches).size} distinct queries over ${searches.length} draws: ${WORDS.length} typical queries and words and two-word phrases from the stored titles, drawn by popularity rank r with weight 1/r, so the head repeats and the tail does not), GET /api/narratives and /api/narratives/:id in turn (${nids.length} narrative${nids.length === 1 ? '' : 's'} stored)`,
        `autocannon in the benchmark process, 20 connections, overallRate ${RATE}; server: \`echotrace serve --workers N\` (N server processes on one port) on SQLite; search answer cache: recent searches kept until the store changes (src/server/answer-cache.ts), "off" ranks every search afresh; memory of all server processes sampled every 5 s`,
      ],
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-scale-'));
  try {
    const cli = await bundle('src/cli/main.ts', 'cli');
    // One set of input files for the ingest runs and the analysis-alone runs.
    const input = inputs(join(dir, 'in'), ARTICLES);
    const tables: Table[] = [await ingestTable(cli, dir, input), await analysisTable(input.paths)];
    if (SERVE > 0) tables.push(await loadTable(cli, dir));
    writeResults('scale', tables, { articles: Number.isFinite(ARTICLES) ? ARTICLES : 'all', serve: SERVE, seconds: SECONDS, servers: SERVERS.map((x) => `${x.processes}${x.cache ? '' : 'u'}`).join(',') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
