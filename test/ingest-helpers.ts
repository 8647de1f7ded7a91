// Shared set-up for the ingest tests: a temp dir, a real SQLite store in it, files written on
// demand, and the CLI run as a user runs it.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { ingestPaths, type IngestSummary, type PipelineOptions } from '../src/pipeline.ts';

export const ROOT = new URL('../', import.meta.url).pathname;

export interface Sandbox {
  dir: string;
  db: string;
  /** Writes a file under the sandbox (string or bytes) and returns its path. */
  file(name: string, content: string | Uint8Array): string;
  /** Ingests into the sandbox's database (corpus stages off unless asked for). */
  ingest(paths: string[], opts?: PipelineOptions & { corpus?: boolean }): Promise<IngestSummary>;
  open(): Promise<Store>;
  cleanup(): void;
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-ingest-test-'));
  const db = join(dir, 'test.db');
  return {
    dir,
    db,
    file(name, content) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      return p;
    },
    async ingest(paths, opts = {}) {
      const store = await openStore(db);
      try {
        return await ingestPaths(store, paths, { corpus: false, now: new Date('2026-11-23T12:00:00Z'), ...opts });
      } finally {
        await store.close();
      }
    },
    open: () => openStore(db),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs ./bin/echotrace.js; returns exit code and output. */
export function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/echotrace.js'), ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const GOOD_TXT = 'Harbour reopens after storm\n\nThe harbour at Eastport reopened on Monday after a week of repairs, the port authority said.\n\nFishing boats were the first to leave.\n';
