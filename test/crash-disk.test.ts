// A read-only database and a full disk give a clear error and leave the store whole. Both need a
// file system that really refuses writes: as root (CI), a small tmpfs is mounted (and remounted
// read-only); root ignores file permissions, so chmod would prove nothing. Elsewhere the
// read-only case uses chmod and the full-disk case is skipped, saying why.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from '../src/parallel/bundle.ts';
import { openStore } from '../src/store/open.ts';
import { ARTICLE_STAGES } from '../src/stages.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const BBC = join(ROOT, '../shared/datasets/bbc/politics');
const MORE = readdirSync(BBC).filter((f) => f.endsWith('.txt')).sort().slice(0, 60).map((f) => join(BBC, f));
const asRoot = process.getuid?.() === 0;
let cli = '';
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const sh = (cmd: string, ...args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
};
const canMount = () => asRoot && spawnSync('mount', ['--version']).status === 0;
const hashOf = (dir: string) => createHash('sha256').update(readdirSync(dir).sort().map((f) => f + readFileSync(join(dir, f)).toString('base64')).join()).digest('hex');

beforeAll(async () => {
  cli = await bundle('src/cli/main.ts', 'cli');
}, 120_000);

describe('store on a file system that refuses writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-disk-'));
  const mounted: string[] = [];
  const mountTmpfs = (name: string, size: string) => {
    const at = join(dir, name);
    sh('mkdir', '-p', at);
    sh('mount', '-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at);
    mounted.push(at);
    return at;
  };
  afterAll(() => {
    for (const m of mounted) if (spawnSync('umount', [m]).status !== 0) spawnSync('umount', ['-l', m]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a read-only database gives a clear error, exit 2, and is left byte for byte as it was', () => {
    const at = canMount() ? mountTmpfs('ro', '8m') : join(dir, 'ro');
    if (!canMount()) sh('mkdir', '-p', at);
    const db = join(at, 'r.db');
    expect(run('--db', db, 'ingest', '-q', SEEDS).status).toBe(0);
    if (canMount()) sh('mount', '-o', 'remount,ro', at);
    else (chmodSync(db, 0o444), chmodSync(at, 0o555));
    const before = hashOf(at);
    const r = run('--db', db, 'ingest', '-q', ...MORE.slice(0, 3));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/r\.db: cannot open the database for writing/);
    expect(hashOf(at)).toBe(before);
    if (!canMount()) chmodSync(at, 0o755);
  });

  it.skipIf(!canMount())(`a full disk stops the ingest with a clear error and no damage; with room again it completes${canMount() ? '' : ' (skipped: needs root to mount a small tmpfs)'}`, async () => {
    const at = mountTmpfs('full', '1500k');
    const db = join(at, 'f.db');
    const r = run('--db', db, 'ingest', '-q', '--workers', '0', SEEDS, ...MORE);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/f\.db: the disk is full .*stopped, nothing more was written/);
    // Whole: SQLite's own check passes and every stored article has all its layers.
    // (Commits are grouped, so the disk may fill before the first group lands: then none is stored.)
    const store = await openStore(db, { readonly: true });
    try {
      const ids = await store.articles.ids();
      expect(ids.length).toBeLessThan(5 + MORE.length);
      for (const id of ids) expect(Object.keys((await store.articles.fingerprint(id))!.versions)).toEqual(expect.arrayContaining(ARTICLE_STAGES.map((s) => s.layer)));
    } finally {
      await store.close();
    }
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(db, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    sh('mount', '-o', 'remount,size=64m', at);
    const again = run('--db', db, 'ingest', '-q', SEEDS, ...MORE);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const full = await openStore(db, { readonly: true });
    expect(await full.articles.count()).toBe(5 + MORE.length);
    await full.close();
  });
});
