// `echotrace serve --workers 2`: two server processes on one port over one SQLite store. An
// article posted through the API (it lands in whichever process took the request) is seen at
// once by every request after it, whichever process answers; SIGTERM to the primary stops them
// all; a port already taken ends the command with a clear error instead of restarting forever.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from '../src/parallel/bundle.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const TOKEN = 'cluster-test-token';
const tmp = mkdtempSync(join(tmpdir(), 'echotrace-cluster-'));
const db = join(tmp, 'c.db');
let cli = '';

const run = (args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string; child: ChildProcess }>((resolve) => {
    const child = spawn(process.execPath, [cli, '--db', db, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err, child }));
  });

function start(args: string[]): Promise<{ child: ChildProcess; url: string; done: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--db', db, 'serve', '--no-build', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /open (http:\/\/[^/\s]+)\//.exec(out);
      if (m) resolve({ child, url: m[1], done });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${out}`)));
  });
}

beforeAll(async () => {
  cli = await bundle('src/cli/main.ts', 'cli');
  expect((await run(['ingest', '-q', SEEDS])).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('two processes answer on one port, each sees an article posted through the other, and stop together', async () => {
  const server = await start(['--port', '0', '--workers', '2', '--token', TOKEN]);
  try {
    const get = async (p: string) => (await (await fetch(server.url + p)).json()) as { articles: number };
    const before = (await get('/api/stats')).articles;
    const posted = await fetch(server.url + '/api/articles', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'cluster-1', title: 'Bridge reopens', text: 'Officials said on Monday that the bridge would reopen after repairs.' }),
    });
    expect(posted.status).toBeLessThan(300);
    // Fresh connections each time, so both processes take some of them.
    for (let i = 0; i < 12; i++) expect((await get('/api/stats')).articles).toBe(before + 1);
  } finally {
    server.child.kill('SIGTERM');
  }
  expect(await server.done).toBe(0);
}, 60_000);

it('a port already in use ends with a clear error and exit code 2', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = await run(['serve', '--no-build', '--port', String(port), '--workers', '2']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/already in use/);
  } finally {
    blocker.close();
  }
}, 60_000);
