// Article ids for files: the stem, unless several files in the batch share it; then the path
// below their common folder, so BBC's business/001.txt and sport/001.txt stay two articles.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileIds } from '../src/ingest/index.ts';
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
