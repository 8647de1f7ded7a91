// The web UI end to end, in Debian's headless Chromium driven by playwright-core (no browser
// download): the server runs in-process on a real SQLite store (the demo corpus and the five
// sample articles), and the test walks what an analyst does — home, a narrative's article with its
// quotes, the side-by-side reuse view, search, the outlet graph — saving a screenshot of each
// view to test/artifacts/. A second store holds only the five sample articles, for the home page.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serve, type ServerType } from '@hono/node-server';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { ingestPaths } from '../src/pipeline.ts';
import { ingestDemo } from '../src/cli/commands/demo.ts';
import { createApp } from '../src/server/app.ts';
import { ensureWebBuilt } from '../src/server/build-web.ts';
import { capabilities } from '../src/server/corpus.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const SEEDS = join(ROOT, '../shared/corpus/seeds');
const ARTIFACTS = join(ROOT, 'test/artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const tmp = mkdtempSync(join(tmpdir(), 'echotrace-ui-'));
const servers: ServerType[] = [];
const stores: Store[] = [];
let context: BrowserContext;
let page: Page;
let demoUrl = '';
let seedsUrl = '';
let seedsStore: Store;
let demoStore: Store;

async function start(store: Store): Promise<string> {
  const app = createApp({ store });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Load a view afresh (a hash change alone would leave the previous view on screen while it loads). */
const visit = async (url: string) => {
  await page.goto('about:blank');
  await page.goto(url);
};

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt({ quiet: true });
  seedsStore = await openStore(join(tmp, 'seeds.db'));
  demoStore = await openStore(join(tmp, 'demo.db'));
  stores.push(seedsStore, demoStore);
  await ingestPaths(seedsStore, [SEEDS]);
  await ingestDemo(demoStore);
  await ingestPaths(demoStore, [SEEDS]);
  seedsUrl = await start(seedsStore);
  demoUrl = await start(demoStore);
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1360, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  // Generous: the suite runs many files at once on two shared cores; nothing here asserts a timing.
  page.setDefaultTimeout(40_000);
}, 180_000);

afterAll(async () => {
  await context?.close();
  for (const s of servers) s.close();
  for (const s of stores) await s.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CHROMIUM))('web UI in headless Chromium', () => {
  it('home page from the five sample articles shows their narrative and titles', async () => {
    await visit(`${seedsUrl}/#/`);
    await page.locator('h1', { hasText: 'Narratives' }).waitFor();
    await page.locator('.article-row .title').first().waitFor();
    const titles = (await seedsStore.articles.list()).map((a) => a.title);
    expect(titles).toHaveLength(5);
    const body = await page.locator('main').innerText();
    for (const t of titles) expect(body).toContain(t);
    const caps = await capabilities(seedsStore);
    if (caps.narratives) {
      // One recurring narrative runs through the five: its card holds every title.
      expect(await page.locator('.narrative').count()).toBe(1);
      const card = page.locator('.narrative').first();
      await expect(card.locator('h2').innerText()).resolves.not.toBe('');
      await expect(card.locator('.timeline svg rect').count()).resolves.toBeGreaterThan(0);
      const inCard = await card.innerText();
      for (const t of titles) expect(inCard).toContain(t);
    } else {
      await expect(page.locator('.empty-title').innerText()).resolves.toContain('No narratives');
    }
    await shot('home-seeds');
  });

  it('goes from the home page to an article and sees its quotes highlighted', async () => {
    await visit(`${demoUrl}/#/`);
    await page.locator('.article-row .title').first().waitFor();
    await shot('home');
    const caps = await capabilities(demoStore);
    // Open an article of the first narrative (or the first listed article before narratives exist);
    // prefer one with quotes, which is what an analyst opens first.
    const scope = caps.narratives ? page.locator('.narrative').first() : page.locator('main');
    const link = scope.locator('.article-row .title').first();
    const title = await link.innerText();
    await link.click();
    await page.locator('.article-view h1').waitFor();
    expect(await page.locator('.article-view h1').innerText()).toBe(title);
    expect(page.url()).toMatch(/#\/article\//);
    if (caps.quotes) {
      const withQuotes = await firstArticleWith(demoStore, (a) => a.quotes.length > 0);
      if (withQuotes && !(await page.locator('.article-text .quote').count())) await visit(`${demoUrl}/#/article/${encodeURIComponent(withQuotes)}`);
      const q = page.locator('.article-text .quote').first();
      await q.waitFor();
      await q.click();
      await page.locator('.quote-card').waitFor();
      expect(page.url()).toMatch(/quote=/);
      expect(await page.locator('.quote-card dt').allInnerTexts()).toEqual(['Speaker', 'Role', 'Told to', 'Via', 'Kind', 'Sourcing']);
      expect(await page.locator('.article-text .quote.selected').count()).toBeGreaterThan(0);
    } else {
      await expect(page.locator('.panel', { hasText: 'Quotes' }).innerText()).resolves.toContain('has not run');
    }
    // Article content is text: no element from the article's own markup reaches the page.
    expect(await page.locator('.article-text script, .article-text img, .article-text a').count()).toBe(0);
    await shot('article');
  });

  it("a narrative's page shows its timeline and its articles, paginated", async () => {
    if (!(await capabilities(demoStore)).narratives) return;
    await visit(`${demoUrl}/#/`);
    const title = page.locator('.narrative h2 a').first();
    const label = await title.innerText();
    await title.click();
    await page.waitForURL(/narrative=/);
    await page.locator('.narrative-head h1').waitFor();
    expect(await page.locator('.narrative-head h1').innerText()).toBe(label);
    expect(await page.locator('.narrative-head .timeline rect').count()).toBeGreaterThan(0);
    await page.locator('.article-row').first().waitFor();
    const n = Number(new URL(page.url().replace('#/', '')).searchParams.get('narrative') ? (await page.locator('.pager .muted').first().innerText()).match(/of (\d+)/)?.[1] : 0);
    expect(n).toBeGreaterThan(0);
    await shot('narrative');
    // A cell of the timeline opens that month's articles from that outlet.
    const cell = page.locator('.narrative-head .timeline a').first();
    const outletName = (await cell.getAttribute('aria-label'))!.match(/from (.+?)(, \w+)?$/)![1]!;
    await cell.click();
    await page.waitForURL(/from=\d{4}-\d{2}-01/);
    await page.locator('.active-filters', { hasText: 'from' }).waitFor();
    await expect.poll(async () => [...new Set(await page.locator('.article-row .outlet').allInnerTexts())]).toEqual([outletName]);
  });

  it('opens the side-by-side reuse view with differences and the provenance chain', async () => {
    const caps = await capabilities(demoStore);
    expect(caps.reuse).toBe(true);
    const id = await firstArticleWith(demoStore, (a) => a.reuse.some((r) => r.kind !== 'boilerplate'));
    expect(id).toBeTruthy();
    await visit(`${demoUrl}/#/article/${encodeURIComponent(id!)}`);
    const link = page.locator('.reuse-item a').first();
    await link.click();
    await page.locator('.pair').first().waitFor();
    expect(page.url()).toMatch(/#\/reuse\//);
    expect(await page.locator('.pair').first().locator('.col').count()).toBe(2);
    expect(await page.locator('.pair .col .passage').first().innerText()).not.toBe('');
    await page.locator('.chain, .empty').first().waitFor();
    await shot('reuse');
  });

  it('marks the words that differ between two copies of a passage', async () => {
    let pair: [string, string] | null = null;
    const { exportArticle } = await import('../src/export/build.ts');
    for (const id of await demoStore.articles.ids()) {
      const r = ((await exportArticle(demoStore, id))!.reuse as { other: string; span: { text: string }; other_span: { text: string } }[]).find((x) => x.span.text !== x.other_span.text);
      if (r) {
        pair = [id, String(r.other)];
        break;
      }
    }
    expect(pair).not.toBeNull();
    await visit(`${demoUrl}/#/reuse/${encodeURIComponent(pair![0])}/${encodeURIComponent(pair![1])}`);
    await page.locator('.pair').first().waitFor();
    expect(await page.locator('.pair del.d, .pair ins.d').count()).toBeGreaterThan(0);
    await shot('reuse-diff');
  });

  it('steps through quotes with j and k, the selection in the URL', async () => {
    if (!(await capabilities(demoStore)).quotes) return;
    const id = await firstArticleWith(demoStore, (a) => a.quotes.length >= 2);
    expect(id).toBeTruthy();
    await visit(`${demoUrl}/#/article/${encodeURIComponent(id!)}`);
    await page.locator('.article-text').waitFor();
    const ids = await page.locator('.quote-item').count();
    expect(ids).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('j');
    await page.waitForURL(/quote=/);
    const first = new URL(page.url().replace('#/', '')).searchParams.get('quote');
    await page.keyboard.press('j');
    await expect.poll(() => new URL(page.url().replace('#/', '')).searchParams.get('quote')).not.toBe(first);
    await page.keyboard.press('k');
    await expect.poll(() => new URL(page.url().replace('#/', '')).searchParams.get('quote')).toBe(first);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).not.toMatch(/quote=/);
  });

  it('marks a matched debunk in the text and opens the case with its articles', async () => {
    if (!(await capabilities(demoStore)).cases) return;
    const id = await firstArticleWith(demoStore, (a) => a.matches.some((m) => !!m.span));
    expect(id).toBeTruthy();
    await visit(`${demoUrl}/#/article/${encodeURIComponent(id!)}`);
    await page.locator('.article-text .matched').first().waitFor();
    const title = await page.locator('.article-view h1').innerText();
    await page.locator('.match a').first().click();
    await page.waitForURL(/#\/case\//);
    await page.locator('.case h1').waitFor();
    expect(await page.locator('.case .articles').innerText()).toContain(title);
    await shot('case');
  });

  it('lists stories, entities and known debunks', async () => {
    for (const [view, sel] of [['stories', 'main h1'], ['entities', 'main h1'], ['cases', 'main h1']] as const) {
      await visit(`${demoUrl}/#/${view}`);
      await page.locator(sel).waitFor();
      await page.locator('.card, table.table, .cases, .empty').first().waitFor();
      await shot(view);
    }
    await visit(`${demoUrl}/#/stories`);
    if ((await capabilities(demoStore)).stories) await page.locator('.card').first().waitFor();
    await visit(`${demoUrl}/#/entities`);
    if ((await capabilities(demoStore)).entities) await page.locator('table.table tbody tr').first().waitFor();
  });

  it('searches from the keyboard and opens a hit', async () => {
    await visit(`${demoUrl}/#/`);
    await page.locator('.article-row').first().waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('Daesh');
    await page.keyboard.press('Enter');
    await page.locator('.hit').first().waitFor();
    expect(page.url()).toContain('#/search?q=Daesh');
    // Daesh names an entity: its other names are searched too, and the page says which.
    expect(await page.locator('.hit mark').first().innerText()).toMatch(/daesh|isis|isil|islamic state/i);
    expect(await page.locator('.also-searched').innerText()).toMatch(/ISIS/);
    await shot('search');
    const first = page.locator('.hit .title').first();
    const title = await first.innerText();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.locator('.article-view h1').waitFor();
    expect(await page.locator('.article-view h1').innerText()).toBe(title);
  });

  it('shows hostile markup in an article as text, never as markup', async () => {
    const file = join(tmp, 'hostile.jsonl');
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    writeFileSync(file, JSON.stringify({ id: 'hostile-1', outlet: 'Test Wire', published: '2025-01-02', title: `Hostile ${payload}`, text: `The page said ${payload} and then carried on, officials said.` }) + '\n');
    await ingestPaths(demoStore, [file]);
    await visit(`${demoUrl}/#/article/hostile-1`);
    await page.locator('.article-view h1').waitFor();
    expect(await page.locator('.article-view h1').innerText()).toContain('<img src=x');
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await visit(`${demoUrl}/#/search?q=Hostile`);
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('main img, main script').count()).toBe(0);
  });

  it('draws the outlet graph with clickable outlets', async () => {
    await visit(`${demoUrl}/#/outlets`);
    await page.locator('table.table').waitFor();
    const nodes = page.locator('svg.graph a.node');
    expect(await nodes.count()).toBeGreaterThan(1);
    await shot('outlets');
    const label = await nodes.first().getAttribute('aria-label');
    await nodes.first().click();
    await page.locator('main h1').waitFor();
    expect(page.url()).toMatch(/#\/outlet\//);
    expect(label).toContain(await page.locator('main h1').innerText());
    await shot('outlet');
  });

  it('lists articles with filters in the URL, paginated', async () => {
    await visit(`${demoUrl}/#/articles`);
    await page.locator('.article-row').first().waitFor();
    const total = await demoStore.articles.count();
    expect(await page.locator('.pager').first().innerText()).toContain(`of ${total}`);
    const outlet = (await demoStore.outlets.list())[0]!;
    await page.locator('select[name=outlet]').selectOption(outlet.id);
    await page.locator('.filters button[type=submit]').click();
    await page.waitForURL(/outlet=/);
    await page.locator('.active-filters').waitFor();
    await expect.poll(() => page.locator('.article-row').count()).toBe(outlet.articles);
    await shot('articles');
  });
});

/** The first stored article (in ingest order) whose export passes the test. */
async function firstArticleWith(store: Store, test: (a: import('../src/export/contract.ts').ExportArticle) => boolean): Promise<string | null> {
  const { exportArticle } = await import('../src/export/build.ts');
  for (const id of await store.articles.ids()) {
    const a = await exportArticle(store, id);
    if (a && test(a)) return id;
  }
  return null;
}
