// The HTTP API in-process (app.request) over a real SQLite store holding the demo corpus and the
// five sample articles. The OpenAPI document is walked route by route: every documented
// operation is called with real ids, its answer checked against the documented schema (by a
// small JSON Schema checker here, independent of zod), and its documented errors provoked.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { ingestPaths } from '../src/pipeline.ts';
import { ingestDemo } from '../src/cli/commands/demo.ts';
import { createApp } from '../src/server/app.ts';
import { exportArticle } from '../src/export/build.ts';
import { narratives, stories, provenance } from '../src/server/corpus.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const TOKEN = 'correct-horse-battery';

const tmp = mkdtempSync(join(tmpdir(), 'echotrace-api-'));
let store: Store;
let app: ReturnType<typeof createApp>;
let readOnly: ReturnType<typeof createApp>;
let doc: any;

const get = async (a: typeof app, url: string) => {
  const r = await a.request(url);
  return { status: r.status, body: (await r.json()) as any };
};

beforeAll(async () => {
  store = await openStore(join(tmp, 'api.db'));
  await ingestDemo(store);
  await ingestPaths(store, [SEEDS]);
  app = createApp({ store, token: TOKEN, webDir: null });
  readOnly = createApp({ store, webDir: null });
  doc = (await get(app, '/api/openapi.json')).body;
}, 120_000);

afterAll(async () => {
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

// ---- a small JSON Schema checker (the subset zod emits), so the document itself is tested --------

function check(schema: any, value: unknown, root: any, path = '$'): string[] {
  if (schema === true || schema === undefined || (typeof schema === 'object' && !Object.keys(schema).length)) return [];
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce((o: any, k: string) => o?.[k], root);
    if (!target) return [`${path}: unresolved $ref ${schema.$ref}`];
    return check(target, value, root, path);
  }
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts) {
    const results = alts.map((s: any) => check(s, value, root, path));
    if (!results.some((r: string[]) => !r.length)) return [`${path}: matches none of the alternatives (${results.map((r: string[]) => r[0]).join(' | ')})`];
  }
  if (schema.allOf) for (const s of schema.allOf) { const e = check(s, value, root, path); if (e.length) return e; }
  if ('const' in schema && value !== schema.const) return [`${path}: expected ${JSON.stringify(schema.const)}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  const types: string[] | undefined = schema.type ? [].concat(schema.type) : undefined;
  if (types) {
    const t = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    const ok = types.includes(t) || (t === 'integer' && types.includes('number'));
    if (!ok) return [`${path}: expected ${types.join('|')}, got ${t}`];
  }
  const errs: string[] = [];
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errs.push(...check(schema.items, v, root, `${path}[${i}]`)));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in obj)) errs.push(`${path}: missing "${k}"`);
    for (const [k, v] of Object.entries(obj)) {
      if (schema.properties?.[k]) errs.push(...check(schema.properties[k], v, root, `${path}.${k}`));
      else if (schema.additionalProperties === false) errs.push(`${path}: unexpected "${k}"`);
      else if (typeof schema.additionalProperties === 'object') errs.push(...check(schema.additionalProperties, v, root, `${path}.${k}`));
    }
  }
  return errs;
}

async function realIds() {
  const ids = await store.articles.ids();
  let reused = ids[0]!;
  for (const id of ids) if ((await exportArticle(store, id))!.reuse.length) { reused = id; break; }
  const cases = await store.cases.list({ limit: 1 });
  return {
    article: reused,
    narrative: (await narratives(store))[0]?.id,
    story: (await stories(store))[0]?.id,
    provenance: (await provenance(store))[0]?.id,
    outlet: (await store.outlets.list())[0]!.id,
    entity: (await store.entities.list({ limit: 1 }))[0]?.id,
    case: cases[0]?.id,
  };
}

describe('OpenAPI document', () => {
  it('lists every API route the server has, and nothing else', () => {
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]: [string, any]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const served = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*' && r.path !== '/api/openapi.json' && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it('every GET operation answers with its documented schema, and its documented errors happen', async () => {
    const ids = await realIds();
    const exampleFor: Record<string, string | undefined> = { ...ids, id: undefined, q: 'Halvard' };
    let walked = 0;
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      const group = path.split('/')[2]!; // articles, narratives, ...
      const idFor = ({ articles: ids.article, narratives: ids.narrative, stories: ids.story, provenance: ids.provenance, outlets: ids.outlet, entities: ids.entity, cases: ids.case } as Record<string, string | undefined>)[group];
      if (path.includes('{id}') && !idFor) continue; // nothing of this kind stored yet (its list is still walked)
      const q = new URLSearchParams();
      for (const p of op.parameters.filter((p: any) => p.in === 'query' && p.required)) q.set(p.name, exampleFor[p.name] ?? 'x');
      // One of two optional parameters is needed here (the document's description says so).
      if (path === '/api/matches') q.set('article', ids.article);
      const url = path.replace('{id}', encodeURIComponent(idFor ?? '')) + (q.size ? `?${q}` : '');
      const r = await get(app, url);
      expect(r.status, `${url}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
      const schema = op.responses['200'].content['application/json'].schema;
      expect(check(schema, r.body, schema), url).toEqual([]);
      walked++;

      if (op.responses['404'] && path.includes('{id}')) {
        const bad = await get(app, path.replace('{id}', 'no-such-id'));
        expect(bad.status, path).toBe(404);
        expect(bad.body.error.message).toMatch(/no-such-id/);
        expect(check(op.responses['404'].content['application/json'].schema, bad.body, doc)).toEqual([]);
      }
      if (op.responses['400'] && op.parameters.some((p: any) => p.in === 'query')) {
        const bad = await get(app, `${url}${q.size ? '&' : '?'}bogus=1`);
        expect(bad.status, url).toBe(400);
        expect(bad.body.error.message).toContain('unknown parameter "bogus"');
      }
      const limit = op.parameters.find((p: any) => p.name === 'limit');
      if (limit) {
        const bad = await get(app, `${url}${q.size ? '&' : '?'}limit=${limit.schema.maximum + 1}`);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toBe(`limit: must be at most ${limit.schema.maximum} (got "${limit.schema.maximum + 1}")`);
      }
    }
    expect(walked).toBeGreaterThanOrEqual(14);
  });

  it('an unknown API path is a 404 pointing at the document; a wrong method a 405', async () => {
    const r = await get(app, '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toContain('/api/openapi.json');
    const m = await app.request('/api/stats', { method: 'DELETE' });
    expect(m.status).toBe(405);
  });
});

describe('articles', () => {
  it('filters by outlet and date range, and pages without overlap', async () => {
    const outlet = (await store.outlets.list())[0]!;
    const byOutlet = await get(app, `/api/articles?outlet=${outlet.id}&limit=200`);
    expect(byOutlet.body.total).toBe(outlet.articles);
    expect(byOutlet.body.items.every((a: any) => a.outlet.id === outlet.id)).toBe(true);

    const ranged = await get(app, '/api/articles?from=2024-03&to=2024-03&limit=200');
    expect(ranged.body.items.length).toBeGreaterThan(0);
    expect(ranged.body.items.every((a: any) => a.published >= '2024-03-01' && a.published.slice(0, 10) <= '2024-03-31')).toBe(true);

    const all = await get(app, '/api/articles?limit=200');
    expect(all.body.total).toBe(await store.articles.count());
    const p1 = await get(app, '/api/articles?limit=7');
    const p2 = await get(app, `/api/articles?limit=7&offset=${p1.body.next}`);
    expect(p1.body.next).toBe(7);
    expect(p2.body.items.map((a: any) => a.id)).toEqual(all.body.items.slice(7, 14).map((a: any) => a.id));
  });

  it('says what is wrong with a bad parameter', async () => {
    const cases: [string, RegExp][] = [
      ['/api/articles?limit=0', /^limit: must be at least 1 \(got "0"\)$/],
      ['/api/articles?limit=ten', /^limit: must be a number/],
      ['/api/articles?offset=-5', /^offset: must be 0 or more/],
      ['/api/articles?from=2024-13-01', /^from: must be a date as YYYY-MM-DD/],
      ['/api/articles?from=2025-01-01&to=2024-01-01', /"from" must not be after "to"/],
      ['/api/search?q=', /^q: must not be empty/],
      ['/api/matches', /exactly one of "article" or "case"/],
    ];
    for (const [url, msg] of cases) {
      const r = await get(app, url);
      expect(r.status, url).toBe(400);
      expect(r.body.error.message, url).toMatch(msg);
    }
  });

  it('filters by narrative, story and entity give exactly their articles', async () => {
    const n = (await narratives(store))[0];
    if (n) {
      const r = await get(app, `/api/articles?narrative=${n.id}&limit=200`);
      expect(r.body.total).toBe(n.articles.length);
      expect(r.body.items.map((a: any) => a.id).sort()).toEqual([...n.articles].sort());
      const one = await get(app, `/api/narratives/${n.id}`);
      expect(one.body.articleCount).toBe(n.articles.length);
      expect(one.body.timeline.reduce((t: number, p: any) => t + p.count, 0)).toBe(n.articles.length);
    }
    const s = (await stories(store))[0];
    if (s) expect((await get(app, `/api/articles?story=${s.id}&limit=200`)).body.total).toBe(s.articles.length);
    const e = (await store.entities.list({ limit: 1 }))[0];
    if (e) {
      const r = await get(app, `/api/articles?entity=${e.id}&limit=200`);
      expect(r.body.total).toBe(await store.articles.count({ entity: e.id }));
      expect((await get(app, `/api/entities/${e.id}`)).body.articles).toBe(r.body.total);
    }
  });

  it('unknown narrative, story or entity filters are 404s, not empty lists', async () => {
    for (const k of ['narrative', 'story']) {
      const r = await get(app, `/api/articles?${k}=nope`);
      expect(r.status).toBe(404);
      expect(r.body.error.message).toBe(`no ${k} with id "nope"`);
    }
  });

  it('one article is the export contract article with every layer, plus its reuse partners', async () => {
    const ids = await realIds();
    const r = await get(app, `/api/articles/${ids.article}`);
    expect(r.status).toBe(200);
    expect(r.body.article).toEqual(JSON.parse(JSON.stringify(await exportArticle(store, ids.article))));
    for (const link of r.body.article.reuse) expect(r.body.related[link.other]?.id).toBe(link.other);
  });

  it('search finds the sample articles, with snippets and matching outlets', async () => {
    const r = await get(app, '/api/search?q=Daesh&exact=true');
    expect(r.body.items.map((h: any) => h.title)).toContain('US Aircraft Relocate Daesh Terrorists from Syria to Iraq');
    expect(r.body.items[0].snippet).toMatch(/\[Daesh\]/i);
    expect(r.body.alsoSearched).toEqual([]);
    // Without exact, the entity's other names are searched too: the sample articles that only
    // say ISIS or ISIL are found as well, and the answer says which names were added.
    const all = await get(app, '/api/search?q=Daesh');
    expect(all.body.alsoSearched).toEqual(expect.arrayContaining(['ISIS', 'ISIL']));
    const found = new Set(all.body.items.map((h: any) => h.id));
    for (const h of r.body.items) expect(found.has(h.id)).toBe(true);
    expect(all.body.alsoSearched).not.toContain('IS'); // a common word to a case-blind index
    expect(all.body.items.some((h: any) => !/daesh/i.test(h.snippet) && /\[(ISIS|ISIL)\]/.test(h.snippet)), JSON.stringify(all.body.items.map((h: any) => h.snippet))).toBe(true);
    const o = await get(app, '/api/search?q=Tasnim');
    expect(o.body.also).toContainEqual({ id: 'tasnim', name: 'Tasnim News Agency', kind: 'outlet' });
  });
});

describe('reuse, provenance, outlets', () => {
  it('lists an article\'s reused passages with both spans, and traces its provenance', async () => {
    const ids = await realIds();
    const a = (await exportArticle(store, ids.article))!;
    expect(a.reuse.length).toBeGreaterThan(0);
    const other = String(a.reuse[0]!.other);
    const r = await get(app, `/api/reuse?article=${ids.article}&other=${other}`);
    expect(r.body.items.length).toBe(a.reuse.filter((x) => x.other === other).length);
    expect(r.body.items[0].other.id).toBe(other);
    expect(r.body.items[0].link.other_span.text.length).toBeGreaterThan(0);
    const p = await get(app, `/api/provenance?article=${ids.article}`);
    for (const g of p.body.items) expect(g.members.map((m: any) => m.article)).toContain(ids.article);
    expect((await get(app, '/api/reuse?article=nope')).status).toBe(404);
  });

  it('the outlet graph joins outlets that exist, with credit counts that add up', async () => {
    const g = (await get(app, '/api/outlets/graph')).body;
    const nodes = new Set(g.nodes.map((n: any) => n.id));
    expect(g.edges.length).toBeGreaterThan(0);
    for (const e of g.edges) {
      expect(nodes.has(e.source) && nodes.has(e.target)).toBe(true);
      expect(e.credited).toBeLessThanOrEqual(e.count);
    }
    const e = g.edges.find((x: any) => x.directed) ?? g.edges[0];
    const detail = (await get(app, `/api/outlets/${e.target}`)).body;
    expect([...detail.copiesFrom, ...detail.shares].some((x: any) => x.source === e.source || x.target === e.source)).toBe(true);
  });
});

describe('cases', () => {
  it('pages the known debunks and finds them by words of the claim', async () => {
    const total = await store.cases.count();
    const r = await get(app, '/api/cases?limit=3');
    expect(r.body.total).toBe(total);
    if (!total) return;
    const c = (await store.cases.list({ limit: 1 }))[0]!;
    const word = c.claim.split(/\s+/).find((w) => w.length > 5)!;
    const found = await get(app, `/api/cases?q=${encodeURIComponent(word)}`);
    expect(found.body.items.map((x: any) => x.id)).toContain(c.id);
    expect((await get(app, `/api/cases/${encodeURIComponent(c.id)}`)).body.claim).toBe(c.claim);
  });
});

describe('ingest through the API', () => {
  const record = { id: 'api-test-1', outlet: 'Test Wire', published: '2025-02-03', title: 'Bridge reopens in Kestrel', text: 'KESTREL — The Sarn bridge reopened on Monday after repairs, officials said.' };
  const post = (a: typeof app, body: BodyInit, headers: Record<string, string> = {}) =>
    a.request('/api/articles', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  it('is refused on a read-only server (403) and without the right token (401)', async () => {
    expect((await post(readOnly, JSON.stringify(record), { authorization: `Bearer ${TOKEN}` })).status).toBe(403);
    expect((await post(app, JSON.stringify(record))).status).toBe(401);
    const wrong = await post(app, JSON.stringify(record), { authorization: 'Bearer correct-horse-batterY' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as any).error.message).toBe('wrong token');
    expect(await store.articles.get(record.id)).toBeNull();
  });

  it('takes JSON records with the token, like `echotrace ingest`, and reports bad ones by line', async () => {
    const ok = await post(app, JSON.stringify(record), { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).ids).toEqual([record.id]);
    expect((await get(app, `/api/articles/${record.id}`)).body.article.title).toBe(record.title);

    const lines = [JSON.stringify({ ...record, id: 'api-test-2' }), '{"id": "broken", ', JSON.stringify({ id: 'api-test-3' })].join('\n');
    const mixed = await post(app, lines, { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' });
    expect(mixed.status).toBe(422);
    const body = (await mixed.json()) as any;
    expect(body.inserted).toBe(1);
    expect(body.problems.map((p: any) => `${p.path}:${p.line}`)).toEqual(['api-records.jsonl:2', 'api-records.jsonl:3']);
  });

  it('takes a file upload in any format the CLI reads, and refuses others', async () => {
    const form = new FormData();
    form.append('file', new Blob(['Floods close the Sarn road\n\nHeavy rain closed the road on Tuesday.'], { type: 'text/plain' }), 'floods-api.txt');
    const r = await app.request('/api/articles', { method: 'POST', body: form, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    expect((await store.articles.get('floods-api'))?.title).toBe('Floods close the Sarn road');
    const bad = new FormData();
    bad.append('file', new Blob(['x']), 'notes.docx');
    const r2 = await app.request('/api/articles', { method: 'POST', body: bad, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r2.status).toBe(415);
  });
});

describe('the built UI as static files', () => {
  it('serves index.html for app routes, assets with their type, and nothing outside the build', async () => {
    const web = join(tmp, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>ui</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    const ui = createApp({ store, webDir: web });
    const home = await ui.request('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<title>ui</title>');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    const js = await ui.request('/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const evil of ['/../../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%E0%A4%A']) {
      const r = await ui.request(evil);
      expect(r.status, evil).toBe(200);
      expect(await r.text(), evil).toContain('<title>ui</title>');
    }
    const none = await createApp({ store, webDir: join(tmp, 'no-build') }).request('/');
    expect(none.status).toBe(503);
    expect(await none.text()).toContain('npm run build:web');
  });
});
