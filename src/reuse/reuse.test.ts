// Reuse on real text: the sample articles, planted passages in real BBC articles, BBC's exact
// duplicates, incremental updates, boilerplate and credit. Every test uses a real SQLite file.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../model.ts';
import type { Store } from '../store/store.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import { ingestPaths } from '../pipeline.ts';
import { exportDocument } from '../export/build.ts';
import { updateReuse } from './stage.ts';
import { computeProvenance } from './provenance.ts';
import { provenanceStage, reuseStage } from './index.ts';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const BBC = join(SHARED, 'datasets/bbc/');
const ctx = () => ({ data: new Map(), now: new Date('2026-11-23T00:00:00Z') });
const tmpStore = () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'echotrace-reuse-')), 'r.db'));

function art(id: string, text: string, over: Partial<Article> = {}): Article {
  return {
    id,
    contentHash: `${id}:${text.length}`,
    source: { path: id, format: 'txt', line: null },
    url: null,
    title: id,
    text,
    outlet: null,
    published: null,
    removed: [],
    ingestedAt: '2026-11-23T00:00:00Z',
    updatedAt: '2026-11-23T00:00:00Z',
    ...over,
  };
}

function bbcArticles(): Article[] {
  const out: Article[] = [];
  for (const topic of ['business', 'entertainment', 'politics', 'sport', 'tech'])
    for (const f of readdirSync(BBC + topic).filter((f) => f.endsWith('.txt')).sort()) {
      const [title, ...rest] = readFileSync(`${BBC}${topic}/${f}`, 'latin1').split('\n');
      out.push(art(`${topic}/${f}`, rest.join('\n').trim(), { title: title.trim(), outlet: { id: 'bbc', name: 'BBC', evidence: [] } }));
    }
  return out;
}

async function putAll(store: Store, articles: Article[]) {
  for (const a of articles) await store.articles.put(a, []);
}

describe('reuse on the sample articles', () => {
  it('finds the 001↔003 quote with its spans, credited, with conduit drift; not the 000↔002 stock phrase', async () => {
    const store = tmpStore();
    await ingestPaths(store, [join(SHARED, 'corpus/seeds')], { now: new Date('2026-11-23T00:00:00Z') });
    const doc = await exportDocument(store);
    const by = (p: string) => doc.articles.find((a) => a.id.startsWith(p))!;
    const [a0, a1, a2, a3] = ['000', '001', '002', '003'].map(by);
    const link = a3.reuse.find((l: any) => l.other === a1.id) as any;
    expect(link).toBeDefined();
    for (const [a, span] of [[a3, link.span], [a1, link.other_span]] as const) {
      const at = a.text.indexOf('Eyewitnesses');
      const end = a.text.indexOf('from Syria to Iraq', at) + 'from Syria to Iraq'.length;
      expect(span.start).toBeLessThanOrEqual(at);
      expect(span.end).toBeGreaterThanOrEqual(end);
      expect(at - span.start).toBeLessThanOrEqual(40);
      expect(span.end - end).toBeLessThanOrEqual(40);
    }
    expect(link.kind).toBe('quote');
    expect(link.credited).toBe(true);
    expect(link.data.credits_other[0].text).toBe('according to Press TV');
    expect(a0.reuse.filter((l: any) => l.other === a2.id && l.kind !== 'boilerplate')).toEqual([]);
    expect(a2.reuse.filter((l: any) => l.other === a0.id && l.kind !== 'boilerplate')).toEqual([]);
    const group = doc.provenance.find((g: any) => g.members.some((m: any) => m.article === a1.id)) as any;
    expect(group.members.map((m: any) => m.article).sort()).toEqual([a1.id, a3.id]);
    expect(group.drift.find((d: any) => d.field === 'told_to').values.sort()).toEqual(['al-maaloumeh', 'press-tv']);
    // Both undated: the call rests on credit alone and says so.
    expect(group.earliest.article).toBe(a1.id);
    expect(group.earliest.evidence.join(' ')).toMatch(/undated/);
    await store.close();
  });
});

/** Edits a copier makes. Each returns the edited passage. */
const EDITS: Record<string, (p: string) => string> = {
  verbatim: (p) => p,
  'curly quotes': (p) => `\u201c${p.replace(/'/g, '\u2019')}\u201d`,
  'straight quotes, case and spacing': (p) => `"${p.toUpperCase().replace(/ /g, '  ')}"`,
  'word dropped': (p) => p.split(' ').filter((_, i) => i !== 9).join(' '),
  'word inserted': (p) => p.split(' ').map((w, i) => (i === 12 ? `${w} reportedly` : w)).join(' '),
  'name changed': (p) => p.split(' ').map((w, i) => (i === 6 ? 'Islamic State' : w)).join(' '),
  'sentence split': (p) => p.split(' ').map((w, i) => (i === 15 ? `${w}. And` : w)).join(' '),
};

describe('planted passages in real BBC articles', () => {
  it.skipIf(!existsSync(BBC))('finds every planted copy with its spans in both articles', async () => {
    const store = tmpStore();
    const pool = bbcArticles().filter((a) => a.id.startsWith('politics/')).slice(0, 300);
    const planted: { source: string; target: string; srcSpan: [number, number]; dstSpan: [number, number]; edit: string }[] = [];
    const names = Object.keys(EDITS);
    const edited = new Map<string, Article>();
    for (let k = 0; k < 21; k++) {
      const edit = names[k % names.length];
      const src = pool[10 + k * 7];
      const dst = pool[200 + k * 4];
      // A 35-word passage from the middle of the source, cut on word boundaries.
      const words = [...src.text.matchAll(/\S+/g)];
      const w0 = Math.floor(words.length / 3);
      const s0 = words[w0].index!;
      const s1 = words[w0 + 34].index! + words[w0 + 34][0].length;
      const passage = EDITS[edit](src.text.slice(s0, s1));
      // Into the target at a paragraph boundary.
      const cut = dst.text.indexOf('\n', Math.floor(dst.text.length / 2));
      const at = cut < 0 ? dst.text.length : cut;
      const text = `${dst.text.slice(0, at)}\n\n${passage}\n\n${dst.text.slice(at)}`;
      edited.set(dst.id, { ...dst, text, contentHash: `${dst.id}:planted` });
      planted.push({ source: src.id, target: dst.id, srcSpan: [s0, s1], dstSpan: [at + 2, at + 2 + passage.length], edit });
    }
    await putAll(store, pool.map((a) => edited.get(a.id) ?? a));
    await updateReuse(store, pool.map((a) => a.id), ctx());
    const misses: string[] = [];
    for (const p of planted) {
      const links = await store.reuse.links({ article: p.target });
      const hit = links.find((l) => {
        const [t, ts, te, ss, se] = l.a === p.target ? [l.b, l.aStart, l.aEnd, l.bStart, l.bEnd] : [l.a, l.bStart, l.bEnd, l.aStart, l.aEnd];
        const near = (x: number, y: number) => Math.abs(x - y) <= 25;
        return t === p.source && near(ts, p.dstSpan[0]) && near(te, p.dstSpan[1]) && near(ss, p.srcSpan[0]) && near(se, p.srcSpan[1]);
      });
      if (!hit) misses.push(`${p.edit}: ${p.source} → ${p.target} (links: ${JSON.stringify(links.map((l) => [l.a, l.aStart, l.aEnd, l.b, l.bStart, l.bEnd]))})`);
      else expect(['text', 'quote']).toContain(hit.kind);
    }
    expect(misses).toEqual([]);
    await store.close();
  });
});

describe('BBC exact duplicates', () => {
  it.skipIf(!existsSync(BBC))('links every listed pair as a duplicate', async () => {
    const store = tmpStore();
    await putAll(store, bbcArticles());
    await updateReuse(store, await store.articles.ids(), ctx());
    const pairs = JSON.parse(readFileSync(BBC + 'duplicates.json', 'utf8')) as [string, string][];
    const missing: string[] = [];
    for (const [x, y] of pairs) {
      const links = await store.reuse.links({ article: x });
      if (!links.some((l) => l.kind === 'duplicate' && (l.a === y || l.b === y))) missing.push(`${x} ${y}`);
    }
    expect(missing).toEqual([]);
    expect(pairs.length).toBe(100);
    await store.close();
  });
});

const BASE = 'The committee heard evidence from residents of the northern valley who described repeated flooding of their homes over three winters';
const FOOTER = 'Subscribe to our newsletter for daily updates and follow us on all social networks to support independent journalism today';

describe('incremental updates, boilerplate, dates and credit', () => {
  it('a new article is matched against the stored index; recompute gives the same links', async () => {
    const store = tmpStore();
    const others = Array.from({ length: 20 }, (_, i) => art(`o${i}`, `Story ${i} about item number ${i} in town ${i * 7}. ${'Nothing else happened on day ' + i}.`));
    await putAll(store, [art('src', `Report. ${BASE}, the clerk said.`), ...others]);
    await updateReuse(store, await store.articles.ids(), ctx());
    expect(await store.reuse.links()).toEqual([]);
    await putAll(store, [art('copy', `In other news: ${BASE.toLowerCase()}, according to the clerk.`)]);
    const st = await updateReuse(store, ['copy'], ctx());
    expect(st.articles).toBe(1);
    const links = await store.reuse.links();
    expect(links.map((l) => [l.a, l.b].sort().join('-'))).toEqual(['copy-src']);
    const l = links[0];
    const [copySpan] = l.a === 'copy' ? [[l.aStart, l.aEnd]] : [[l.bStart, l.bEnd]];
    const copyText = (await store.articles.get('copy'))!.text;
    expect(copyText.slice(copySpan[0], copySpan[1])).toBe(BASE.toLowerCase());
    await store.reuse.clear();
    await updateReuse(store, await store.articles.ids(), ctx());
    expect((await store.reuse.links()).map((x) => [x.a, x.b].sort().join('-'))).toEqual(['copy-src']);
    await store.close();
  });

  it("an outlet's recurring footer is boilerplate; a passage in most of the corpus never links", async () => {
    const store = tmpStore();
    const outlet = { id: 'herald', name: 'Herald', evidence: [] };
    const arts = Array.from({ length: 12 }, (_, i) => art(`h${i}`, `Unique story ${i}: the mayor of town ${i} opened bridge ${i * 13} on road ${i * 17}.\n\n${FOOTER}.`, { outlet }));
    await putAll(store, arts);
    await updateReuse(store, await store.articles.ids(), ctx());
    const links = await store.reuse.links();
    expect(links.filter((l) => l.kind !== 'boilerplate')).toEqual([]);
    await store.close();
  });

  it('orders copies by date, says so for same-day ties, and reads credit', async () => {
    const store = tmpStore();
    const d = (date: string) => ({ date, evidence: [{ method: 'record', text: date }] });
    await putAll(store, [
      art('early', `Reporters heard it first. ${BASE}.`, { published: d('2024-01-01'), outlet: { id: 'fars', name: 'Fars News Agency', evidence: [] } }),
      art('later', `Fars News Agency reports: ${BASE}.`, { published: d('2024-01-03'), outlet: { id: 'tasnim', name: 'Tasnim', evidence: [] } }),
      art('tieA', `Monday. ${FOOTER.replace('newsletter', 'bulletin')}, officials wrote.`, { published: d('2024-02-01') }),
      art('tieB', `Also Monday. ${FOOTER.replace('newsletter', 'bulletin')}, officials wrote.`, { published: d('2024-02-01') }),
    ]);
    await updateReuse(store, await store.articles.ids(), ctx());
    const l = (await store.reuse.links({ article: 'later' }))[0];
    expect([l.a, l.b, l.directed, l.credited]).toEqual(['later', 'early', true, true]);
    expect(JSON.stringify(l.data.credit)).toContain('Fars News Agency reports');
    const groups = await computeProvenance(store);
    const g1 = groups.find((g) => g.members.some((m) => m.article === 'early'))!;
    expect((g1.data.earliest as { article: string }).article).toBe('early');
    const g2 = groups.find((g) => g.members.some((m) => m.article === 'tieA'))!;
    expect(g2.data.earliest).toBeNull();
    expect((g2.data.undecided as string[]).join(' ')).toMatch(/same-day tie/);
    await store.close();
  });

  it('provenance is rebuilt only around the changed articles', async () => {
    const store = tmpStore();
    const other = 'Engineers inspected the old railway viaduct near the river crossing and found serious cracks in four of its stone arches';
    await putAll(store, [art('q1', `First. ${BASE}.`), art('q2', `Second. ${BASE}.`), art('r1', `Third. ${other}.`), art('r2', `Fourth. ${other}.`)]);
    const c = ctx();
    await reuseStage.recompute(store, c);
    await provenanceStage.recompute(store, c);
    const before = await store.reuse.provenance({ article: 'r1' });
    expect(before).toHaveLength(1);
    await putAll(store, [art('q3', `Third copy. ${BASE}.`)]);
    await reuseStage.update(store, ['q3'], c);
    const rep = await provenanceStage.update(store, ['q3'], c);
    expect(rep.summary).toMatch(/around 1 changed/);
    const groups = await store.reuse.provenance();
    expect(groups).toHaveLength(2);
    expect(groups.find((g) => g.members.some((m) => m.article === 'q3'))!.members.map((m) => m.article).sort()).toEqual(['q1', 'q2', 'q3']);
    expect(await store.reuse.provenance({ article: 'r1' })).toEqual(before);
    await store.close();
  });
});
