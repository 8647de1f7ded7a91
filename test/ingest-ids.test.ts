// Article ids for files: the stem, unless several files in the batch share it; then the path
// below their common folder, so BBC's business/001.txt and sport/001.txt stay two articles. And
// which files a directory yields: --exclude patterns.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileIds, listFiles } from '../src/ingest/index.ts';
import { cli } from './ingest-helpers.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import { ingestPaths } from '../src/pipeline.ts';

describe('file ids', () => {
  it('keeps unique stems and qualifies shared ones by their folders', () => {
    const ids = fileIds(['/c/bbc/business/001.txt', '/c/bbc/sport/001.txt', '/c/bbc/sport/002.txt', '/c/x/001.html']);
    expect(Object.fromEntries(ids)).toEqual({
      '/c/bbc/business/001.txt': 'bbc/business/001',
      '/c/bbc/sport/001.txt': 'bbc/sport/001',
      '/c/bbc/sport/002.txt': '002',
      '/c/x/001.html': 'x/001',
    });
  });

  it('two files with one stem in different folders are two articles, and re-ingest changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'echotrace-ids-'));
    for (const sub of ['a', 'b']) {
      mkdirSync(join(dir, sub));
      writeFileSync(join(dir, sub, '001.txt'), `Story from ${sub}\n\nThe council of ${sub} met on Monday to discuss the harbour.\n`);
    }
    const store = openSqliteStore(join(dir, 'db.sqlite'));
    const first = await ingestPaths(store, [dir], { corpus: false });
    expect(first.inserted).toBe(2);
    expect((await store.articles.ids()).sort()).toEqual(['a/001', 'b/001']);
    const again = await ingestPaths(store, [dir], { corpus: false });
    expect(again.unchanged).toBe(2);
    await store.close();
  });
});

describe('--exclude', () => {
  it('leaves out files and folders found in directories by name or path glob, and only those', () => {
    const root = mkdtempSync(join(tmpdir(), 'echotrace-exclude-'));
    try {
      const put = (rel: string, text: string) => {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
      };
      put('a.txt', 'A\n\nText a.\n');
      put('duplicates.json', '{"not": "a record"');
      put('drafts/b.txt', 'B\n\nText b.\n');
      put('news/drafts/c.txt', 'C\n\nText c.\n');
      put('news/d.txt', 'D\n\nText d.\n');
      const found = (exclude: string[]) => [...listFiles([root], exclude)].map((f) => relative(root, f as string)).sort();
      expect(found([])).toEqual(['a.txt', 'drafts/b.txt', 'duplicates.json', 'news/d.txt', 'news/drafts/c.txt']);
      expect(found(['*.json'])).toEqual(['a.txt', 'drafts/b.txt', 'news/d.txt', 'news/drafts/c.txt']);
      expect(found(['drafts'])).toEqual(['a.txt', 'duplicates.json', 'news/d.txt']);
      expect(found(['news/**'])).toEqual(['a.txt', 'drafts/b.txt', 'duplicates.json']);
      expect(found(['**/c.txt', '?.json'])).toEqual(['a.txt', 'drafts/b.txt', 'duplicates.json', 'news/d.txt']);
      // A file named on the command line is read whatever the patterns say.
      expect([...listFiles([join(root, 'duplicates.json')], ['*.json'])]).toEqual([join(root, 'duplicates.json')]);
      // The CLI: the excluded bad file no longer fails the run.
      const r = cli(['--db', join(root, 'x.db'), 'ingest', '-q', root, '--exclude', '*.json']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toMatch(/ingested 4 \(4 new/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
