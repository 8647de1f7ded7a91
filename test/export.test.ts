// The export contract: a real export of the sample articles meets the schema (every key present),
// JSONL tags every line with its type, and docs/export.schema.json is the schema the code holds.

import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkExport, exportJsonSchema } from '../src/export/schema.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const cli = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/echotrace.js'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

describe('export', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'echotrace-export-')), 'e.db');
  beforeAll(() => {
    cli('--db', db, 'ingest', '-q', SEEDS);
  });

  it('json export of the sample articles meets the contract', () => {
    const doc = JSON.parse(cli('--db', db, 'export', '--format', 'json'));
    expect(checkExport(doc)).toEqual([]);
    expect(doc.articles).toHaveLength(5);
    for (const a of doc.articles) {
      for (const s of a.sentences) expect(s.end).toBeGreaterThan(s.start);
      expect(a.sentences.at(-1).end).toBeLessThanOrEqual(a.text.length);
    }
  });

  it('a missing key is a contract violation', () => {
    const doc = JSON.parse(cli('--db', db, 'export', '--format', 'json'));
    delete doc.articles[0].stance;
    expect(checkExport(doc).join('\n')).toMatch(/articles\.0\.stance/);
  });

  it('jsonl export tags every line with its type, articles first', () => {
    const lines = cli('--db', db, 'export', '--format', 'jsonl').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.slice(0, 5).every((l) => l.type === 'article')).toBe(true);
    expect(lines.every((l) => ['article', 'entity', 'outlet', 'provenance', 'story', 'narrative'].includes(l.type))).toBe(true);
    const json = JSON.parse(cli('--db', db, 'export', '--format', 'json'));
    const { type: _t, ...first } = lines[0];
    expect(first).toEqual(json.articles[0]);
  });

  it('docs/export.schema.json is the schema the code holds', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'docs/export.schema.json'), 'utf8'))).toEqual(exportJsonSchema());
  });

  it('refuses an unknown format with exit status 2', () => {
    expect(() => cli('--db', db, 'export', '--format', 'xml')).toThrow(/--format must be json or jsonl/);
  });
});
