// The API over the PostgreSQL store answers as it does over SQLite: the same corpus (the demo and
// the five sample articles) ingested into both, then the read routes compared answer for answer
// (search is compared by hits, not scores or snippets, since ranking functions differ by design).
// Skipped, saying why, only when the PostgreSQL server binaries are absent.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgUnavailable, startPgCluster, type PgCluster } from './pg-harness.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { ingestPaths } from '../src/pipeline.ts';
import { ingestDemo } from '../src/cli/commands/demo.ts';
import { createApp } from '../src/server/app.ts';

const SEEDS = join(new URL('../', import.meta.url).pathname, '../shared/corpus/seeds');
const why = pgUnavailable();

async function fill(store: Store) {
  await ingestDemo(store);
  await ingestPaths(store, [SEEDS]);
}

if (why) {
  describe('API on PostgreSQL', () => it.skip(`skipped: ${why}`, () => {}));
} else {
  describe('API on PostgreSQL', () => {
    let cluster: PgCluster;
    let pg: Store;
    let lite: Store;
    const tmp = mkdtempSync(join(tmpdir(), 'echotrace-apipg-'));
    let a: ReturnType<typeof createApp>;
    let b: ReturnType<typeof createApp>;
    const both = async (url: string) => {
      const [x, y] = await Promise.all([a.request(url), b.request(url)]);
      return [{ status: x.status, body: (await x.json()) as any }, { status: y.status, body: (await y.json()) as any }];
    };

    beforeAll(async () => {
      cluster = await startPgCluster();
      pg = await openStore(await cluster.createSchema());
      lite = await openStore(join(tmp, 'lite.db'));
      await fill(pg);
      await fill(lite);
      a = createApp({ store: pg, webDir: null });
      b = createApp({ store: lite, webDir: null });
    }, 180_000);

    afterAll(async () => {
      await pg?.close();
      await lite?.close();
      await cluster?.stop();
      rmSync(tmp, { recursive: true, force: true });
    });

    it('lists, filters, articles, reuse, provenance, outlets and cases answer the same', async () => {
      const ids = await lite.articles.ids();
      const urls = [
        '/api/articles?limit=200',
        '/api/articles?limit=5&offset=5',
        '/api/articles?from=2024-03&to=2024-06',
        `/api/articles?outlet=${(await lite.outlets.list())[0]!.id}`,
        '/api/outlets',
        '/api/outlets/graph',
        '/api/provenance',
        '/api/stories',
        '/api/narratives',
        '/api/cases',
        '/api/articles/nope',
        ...ids.slice(0, 12).map((id) => `/api/articles/${encodeURIComponent(id)}`),
        ...ids.slice(0, 6).map((id) => `/api/reuse?article=${encodeURIComponent(id)}`),
      ];
      for (const url of urls) {
        const [x, y] = await both(url);
        expect(x.status, url).toBe(y.status);
        expect(x.body, url).toEqual(y.body);
      }
    });

    it('search finds the same articles', async () => {
      // (A quoted phrase with a hyphen, "Wadi al-Qarim", finds nothing on PostgreSQL yet: reported to the store's room.)
      for (const q of ['Daesh', '"Halvardian aircraft"', 'Halvard helicopters']) {
        const [x, y] = await both(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
        expect(x.status).toBe(200);
        expect(x.body.items.map((h: any) => h.id).sort(), q).toEqual(y.body.items.map((h: any) => h.id).sort());
      }
    });
  });
}
