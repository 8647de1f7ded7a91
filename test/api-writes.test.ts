// Without the token nothing can write through the API: every route that is not a GET needs the
// token, and every write method on every API path, sent without it or with a wrong one (also one
// that differs only in its last character, or only in length), is refused and changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.ts';
import { routes } from '../src/server/routes/index.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import type { Store } from '../src/store/store.ts';

const TOKEN = 's3cret-token-for-tests';
const BODY = JSON.stringify({ id: 'x1', title: 'Injected', text: 'Officials said on Monday that the bridge would reopen.' });

describe('API writes need the token', () => {
  let store: Store;
  beforeAll(() => {
    store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'echotrace-apiw-')), 'a.db'));
  });
  afterAll(async () => {
    await store.close();
  });

  it('every route that is not a GET is marked as needing the token', () => {
    const open = routes.filter((r) => r.method !== 'get' && !r.auth).map((r) => `${r.method} ${r.path}`);
    expect(open).toEqual([]);
  });

  it('without the right token, no write method on any API path changes the store', async () => {
    const paths = [...new Set(routes.map((r) => r.path.replace(/:(\w+)/g, 'x1'))), '/api/articles', '/api/cases', '/api/ingest'];
    const tokens = [undefined, '', 'wrong', TOKEN.slice(0, -1) + 'X', TOKEN + 'X', TOKEN.slice(0, -1), ` ${TOKEN}x`];
    for (const app of [createApp({ store, token: TOKEN, webDir: null }), createApp({ store, webDir: null })])
      for (const path of paths)
        for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
          for (const t of tokens) {
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (t !== undefined) headers.authorization = `Bearer ${t}`;
            const res = await app.request(path, { method, headers, body: method === 'DELETE' ? undefined : BODY });
            expect(res.status, `${method} ${path} with token ${JSON.stringify(t)}`).toBeGreaterThanOrEqual(400);
          }
    expect(await store.articles.count()).toBe(0);
  });

  it('with the token, ingesting through the API works (so the refusals above are about the token)', async () => {
    const app = createApp({ store, token: TOKEN, webDir: null });
    const post = routes.find((r) => r.method === 'post' && r.path === '/api/articles');
    if (!post) return; // no write route: nothing can write at all
    const res = await app.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TOKEN}` }, body: BODY + '\n' });
    expect(res.status).toBeLessThan(300);
    expect(await store.articles.count()).toBe(1);
  });
});
