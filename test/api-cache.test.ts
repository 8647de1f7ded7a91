// The server caches what it builds from the store (corpus sections, stats) and must still see,
// at once, what another process committed: SQLite's change token says so exactly, without the
// time limit a guess would need.

import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open.ts';
import { ingestPaths } from '../src/pipeline.ts';
import { createApp } from '../src/server/app.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const tmp = mkdtempSync(join(tmpdir(), 'echotrace-api-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('answers from its cache until another connection commits, then from the new store', async () => {
  const db = join(tmp, 'cache.db');
  const writer = await openStore(db);
  await ingestPaths(writer, [SEEDS]);
  const served = await openStore(db);
  const app = createApp({ store: served, webDir: null });
  const get = async (url: string) => (await (await app.request(url)).json()) as any;

  const before = await get('/api/stats');
  const storiesBefore = (await get('/api/stories?limit=100')).total;
  expect(served.changeToken?.()).toBe(served.changeToken?.()); // nothing committed between the two reads
  // Searches are kept too (answer-cache.ts): the same answer twice, and nothing yet on Eastport.
  expect(await get('/api/search?q=Bayati')).toEqual(await get('/api/search?q=Bayati'));
  expect((await get('/api/search?q=Eastport')).items).toEqual([]);

  // Another connection (as another process would) adds an article about a new event.
  writeFileSync(join(tmp, 'new.txt'), 'Harbour reopens after storm\n\nThe harbour at Eastport reopened on Monday after a week of repairs, the port authority said.\n');
  const token = served.changeToken?.();
  await ingestPaths(writer, [join(tmp, 'new.txt')]);
  expect(served.changeToken?.()).not.toBe(token);

  const after = await get('/api/stats');
  expect(after.articles).toBe(before.articles + 1);
  expect((await get('/api/stories?limit=100')).total).toBe(storiesBefore + 1);
  expect((await get('/api/search?q=Eastport')).items.map((h: { id: string }) => h.id)).toEqual(['new']);

  // A change that leaves the article count alone (the same id, a longer text) is seen too.
  writeFileSync(join(tmp, 'new.txt'), 'Harbour reopens after storm\n\nThe harbour at Eastport reopened on Monday after a week of repairs, the port authority said. Fishing boats were the first to leave. Ferries follow on Tuesday.\n');
  await ingestPaths(writer, [join(tmp, 'new.txt')]);
  const updated = await get('/api/stats');
  expect(updated.articles).toBe(after.articles);
  expect(updated.layers.sentence).toBe(after.layers.sentence + 2);
  expect((await get('/api/search?q=Ferries')).items.map((h: { id: string }) => h.id)).toEqual(['new']);
  await served.close();
  await writer.close();
});
