// Hostile input: the readers (HTML, feeds, JSONL, text) get generated and mutated files for a
// bounded time (ECHOTRACE_FUZZ_SECONDS of mutations after a fixed hostile set, default 20): deep nesting, a 50 MB page, invalid UTF-8
// and UTF-16, control characters, billion-laughs entities, <script> and javascript: URLs, and
// random byte-level mutations of real pages and records. Each file runs through the parallel
// ingest's worker pool (src/parallel/pool.ts: its own heap limit, replaced if it dies) with a
// time limit, and every article it yields is stored in a real SQLite store.
//
// Nothing may crash a worker, run past its time limit, or throw out of the readers; every file
// yields articles or a problem naming that file; stored text carries no markup from <script>,
// no javascript: URL and no control characters other than newline and tab. The seed of the
// random generator is printed, and ECHOTRACE_FUZZ_SEED replays a run.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareWorkers, WorkerPool } from '../src/parallel/pool.ts';
import type { Item, TaskResult } from '../src/parallel/protocol.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import type { Store } from '../src/store/store.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SHARED = join(ROOT, '../shared');
const BUDGET_MS = Number(process.env.ECHOTRACE_FUZZ_SECONDS ?? 20) * 1000;
const SEED = Number(process.env.ECHOTRACE_FUZZ_SEED ?? Date.now() % 1_000_000);

/** mulberry32: small, seedable, good enough to pick mutations. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const para = (n: number) => Array.from({ length: n }, (_, i) => `Officials said on Monday that talks number ${i} would resume in the capital after a pause.`).join(' ');
const page = (body: string, head = '') => `<!doctype html><html><head><meta charset="utf-8"><title>Hostile page</title>${head}</head><body>${body}</body></html>`;

interface Case {
  name: string;
  ext: string;
  data: Buffer | string;
  limitMs?: number;
}

/** The fixed hostile set: every kind the issue names, once per run. */
function fixedCases(): Case[] {
  const deep = (n: number, tag = 'div') => page(`<${tag}>`.repeat(n) + `<p>${para(3)}</p>` + `</${tag}>`.repeat(n));
  const laughs =
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
    `]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9; ${para(2)}</description><link>http://example.com/a</link></item></channel></rss>`;
  const big = Buffer.from(page(`<article><h1>Big</h1>${`<p>${para(4)}</p>\n`.repeat(Math.ceil((50 << 20) / 400))}</article>`));
  const utf16 = (s: string, be: boolean) => {
    const le = Buffer.from('\ufeff' + s, 'utf16le');
    if (!be) return le;
    for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return le;
  };
  const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\u0085\u2028\u2029\ufffe';
  return [
    { name: 'nesting: 100,000 divs', ext: 'html', data: deep(100_000) },
    { name: 'nesting: 5,000 spans', ext: 'html', data: deep(5_000, 'span') },
    { name: 'nesting: unclosed 50,000 tables', ext: 'html', data: page('<table><tr><td>'.repeat(50_000) + para(2)) },
    { name: 'a 50 MB page', ext: 'html', data: big, limitMs: 60_000 },
    { name: 'a 3 MB page', ext: 'html', data: big.subarray(0, 3 << 20), limitMs: 120_000 },
    { name: 'a 40 MB JSONL record', ext: 'jsonl', data: JSON.stringify({ id: 'huge', text: para(400_000) }) + '\n', limitMs: 60_000 },
    { name: 'billion laughs feed', ext: 'xml', data: laughs },
    { name: 'billion laughs page', ext: 'html', data: laughs.replace('<rss', '<html><body><p>&lol9;</p></body></html><rss') },
    { name: 'invalid UTF-8', ext: 'txt', data: Buffer.concat([Buffer.from('Title\n\n' + para(2)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from(para(2))]) },
    { name: 'UTF-16 LE with BOM', ext: 'html', data: utf16(page(`<p>${para(3)}</p>`), false) },
    { name: 'UTF-16 BE with BOM', ext: 'txt', data: utf16('Title\n\n' + para(3), true) },
    { name: 'UTF-16 without BOM, odd length', ext: 'txt', data: Buffer.concat([Buffer.from('Title\n\n' + para(3), 'utf16le').subarray(2), Buffer.from([0x41])]) },
    { name: 'control characters in text', ext: 'txt', data: `Title${controls}\n\n${para(2)}${controls}${para(1)}` },
    { name: 'control characters in HTML', ext: 'html', data: page(`<p>${para(2)}${controls}</p><p>${controls}${para(2)}</p>`) },
    { name: 'control characters in JSONL', ext: 'jsonl', data: JSON.stringify({ id: 'ctl', title: `T${controls}`, text: `${para(2)}${controls}` }) + '\n' },
    {
      name: 'script and javascript: URLs',
      ext: 'html',
      data: page(
        `<article><h1>Headline</h1><script>alert(1)</script><p>${para(3)} <a href="javascript:alert(2)">click</a></p>` +
          `<img src=x onerror="alert(3)"><p onclick="alert(4)">${para(2)}<script>document.write('<p>injected</p>')</script></p>` +
          `<iframe src="javascript:alert(5)"></iframe><svg><script>alert(6)</script></svg><p>${para(2)}</p></article>`,
        `<link rel="canonical" href="javascript:alert(7)"><meta property="og:url" content="javascript:alert(8)"><meta property="og:title" content="<script>alert(9)</script>">`,
      ),
    },
    { name: 'JSONL with script HTML and a javascript: url', ext: 'jsonl', data: JSON.stringify({ id: 'js', url: 'javascript:alert(1)', html: `<p>${para(2)}</p><script>alert(2)</script>` }) + '\n' },
    { name: 'JSONL deeply nested array', ext: 'jsonl', data: '['.repeat(200_000) + ']'.repeat(200_000) + '\n' + JSON.stringify({ text: para(2) }) + '\n' },
    { name: 'JSON 20,000 records', ext: 'json', limitMs: 120_000, data: JSON.stringify(Array.from({ length: 20_000 }, (_, i) => (i % 7 ? { id: `r${i}`, text: para(1) } : { id: i, html: 5 }))) },
    { name: 'binary noise', ext: 'html', data: Buffer.from(Array.from({ length: 100_000 }, () => int(0, 255))) },
    { name: 'empty feed', ext: 'rss', data: '<rss version="2.0"><channel></channel></rss>' },
    { name: 'feed with 3,000 items', ext: 'xml', data: `<rss version="2.0"><channel><title>F</title>${`<item><title>t</title><description>${para(1)}</description></item>`.repeat(3_000)}</channel></rss>`, limitMs: 120_000 },
  ];
}

/** Real inputs to mutate: the sample articles, BBC texts, extraction pages, demo records. */
function corpus(): { ext: string; data: Buffer }[] {
  const out: { ext: string; data: Buffer }[] = [];
  const add = (dir: string, n: number) => {
    try {
      for (const f of readdirSync(dir).sort().slice(0, n)) {
        const ext = f.split('.').pop()!;
        if (['txt', 'html', 'htm', 'jsonl', 'json', 'xml', 'rss', 'atom'].includes(ext)) out.push({ ext, data: readFileSync(join(dir, f)) });
      }
    } catch {
      /* a missing folder just gives fewer seeds */
    }
  };
  add(join(SHARED, 'corpus/seeds'), 10);
  add(join(SHARED, 'datasets/bbc/tech'), 10);
  add(join(ROOT, 'examples/corpus'), 20);
  for (const d of ['datasets/extraction', 'datasets/extraction/trafilatura-eval', 'datasets/extraction/trafilatura-eval/html']) add(join(SHARED, d), 15);
  return out;
}

/** One random mutation of a real input (byte flips, splices, truncation, tag soup). */
function mutate(seed: { ext: string; data: Buffer }): Case {
  let b = Buffer.from(seed.data);
  const ops: string[] = [];
  for (let k = int(1, 6); k > 0; k--) {
    const op = pick(['flip', 'insert', 'delete', 'truncate', 'duplicate', 'tags', 'nul', 'entity']);
    ops.push(op);
    const at = int(0, Math.max(0, b.length - 1));
    if (op === 'flip') for (let i = int(1, 64); i > 0; i--) b[int(0, b.length - 1)] = int(0, 255);
    else if (op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: int(1, 512) }, () => int(0, 255))), b.subarray(at)]);
    else if (op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + int(1, 4096))]);
    else if (op === 'truncate') b = b.subarray(0, at);
    else if (op === 'duplicate') b = Buffer.concat([b, b.subarray(at, at + int(1, 1 << 16))]);
    else if (op === 'tags') b = Buffer.concat([b.subarray(0, at), Buffer.from(pick(['<div>', '</div>', '<script>', '<!--', ']]>', '<![CDATA[', '<p', '"', '&#x0;', '&#xD800;', '<item>', '{"text":']).repeat(int(1, 2000))), b.subarray(at)]);
    else if (op === 'nul') b = Buffer.concat([b.subarray(0, at), Buffer.alloc(int(1, 64)), b.subarray(at)]);
    else b = Buffer.concat([b.subarray(0, at), Buffer.from('&amp;&lt;&#65;&#1114112;&#99999999;&unknown;&'.repeat(int(1, 50))), b.subarray(at)]);
  }
  return { name: `mutated .${seed.ext} (${ops.join(', ')})`, ext: seed.ext, data: b };
}

// Markup or controls that must never reach stored text: from <script> bodies, or raw C0 controls.
const FORBIDDEN_TEXT = /alert\(\d\)|document\.write|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

describe(`hostile input (seed ${SEED}, ${BUDGET_MS / 1000} s)`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-fuzz-'));
  let pool: WorkerPool;
  let store: Store;
  beforeAll(async () => {
    await prepareWorkers();
    pool = new WorkerPool(2, { now: '2026-01-01T00:00:00.000Z' });
    store = openSqliteStore(join(dir, 'fuzz.db'));
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('nothing crashes, hangs or escapes; every file gets articles or its own clear error', async () => {
    const failures: string[] = [];
    const seeds = corpus();
    const started = performance.now();
    let n = 0;
    const counts = { files: 0, articles: 0, problems: 0 };
    const run = async (c: Case) => {
      const path = join(dir, `case-${++n}.${c.ext}`);
      writeFileSync(path, c.data);
      // Generous: a hang is a file that never finishes; the shared CI machine may be slow.
      const limit = c.limitMs ?? 60_000;
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), limit).unref());
      const r = await Promise.race([pool.run({ kind: 'file', id: n, path, splitAbove: Infinity }), timeout]);
      counts.files++;
      if (r === 'timeout') {
        failures.push(`${c.name}: still running after ${limit / 1000} s`);
        await pool.close(); // a hung worker cannot be interrupted any other way
        pool = new WorkerPool(2, { now: '2026-01-01T00:00:00.000Z' });
        return;
      }
      const res = r as TaskResult;
      if (res.crash) return void failures.push(`${c.name}: the worker died: ${res.crash.split('\n')[0]}`);
      if (!res.items.length) return void failures.push(`${c.name}: neither an article nor an error`);
      for (const it of res.items as Item[]) {
        if (it.kind === 'problem' || it.kind === 'failed') {
          counts.problems++;
          const p = it.kind === 'problem' ? it.problem : { path: it.doc.path, message: it.message };
          if (p.path !== path) failures.push(`${c.name}: a problem names ${p.path}, not the file`);
          if (!p.message || p.message.length < 8 || /undefined|\[object /.test(p.message)) failures.push(`${c.name}: unclear message ${JSON.stringify(p.message)}`);
          continue;
        }
        if (it.kind !== 'prepared') continue;
        const { article, layers } = it.prepared;
        counts.articles++;
        if (FORBIDDEN_TEXT.test(article.text)) failures.push(`${c.name}: text holds ${JSON.stringify(FORBIDDEN_TEXT.exec(article.text)![0])}`);
        // A title is plain text from metadata (it may spell "<script>" as characters); no controls.
        if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(article.title)) failures.push(`${c.name}: title holds a control character`);
        if (article.url !== null && !/^https?:\/\//i.test(article.url)) failures.push(`${c.name}: url ${JSON.stringify(article.url.slice(0, 60))} is not http(s)`);
        try {
          await store.articles.put({ ...article, id: `${n}:${article.id}` }, layers);
        } catch (err) {
          failures.push(`${c.name}: the store refused it: ${(err as Error).message}`);
        }
      }
      rmSync(path, { force: true });
    };
    for (const c of fixedCases()) await run(c);
    // The time budget is for the mutations, after the fixed set (whose big cases take a while).
    const mutating = performance.now();
    let mutated = 0;
    while ((mutated < 10 || performance.now() - mutating < BUDGET_MS) && seeds.length) (await run(mutate(pick(seeds))), mutated++);
    console.log(`fuzz seed ${SEED}: ${counts.files} files, ${counts.articles} articles, ${counts.problems} problems, ${failures.length} failures`);
    expect(failures).toEqual([]);
    expect(mutated).toBeGreaterThanOrEqual(10);
    void started;
  }, BUDGET_MS + 600_000);
});
