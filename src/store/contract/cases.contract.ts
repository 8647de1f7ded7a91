// The contract every Store must meet for known debunks (cases) and article-case matches.

import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { Store } from '../store.ts';
import type { CaseRecord } from '../repos/cases.ts';
import { makeArticle, sentenceLayer } from './fixtures.ts';

const aCase = (id: string, over: Partial<CaseRecord> = {}): CaseRecord => ({
  id,
  source: id.split(':')[0],
  claim: `Claim of ${id}: the bridge was closed by saboteurs.`,
  title: `Title ${id}`,
  text: null,
  url: `https://example.org/${id}`,
  date: '2020-05-19',
  verdict: 'false',
  data: { keywords: ['bridge'] },
  ...over,
});

export function casesContract(open: () => Promise<Store>) {
  describe('cases', () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores cases and reads them back unchanged, in the order asked', async () => {
      const a = aCase('x:1');
      const b = aCase('y:2', { title: null, url: null, date: null, verdict: null, text: 'Long fact-check text.', data: {} });
      expect(await store.cases.upsert([a, b])).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
      expect(await store.cases.get(['y:2', 'missing', 'x:1'])).toEqual([b, a]);
      expect(await store.cases.count()).toBe(2);
      expect(await store.cases.count({ source: 'x' })).toBe(1);
    });

    it('re-importing is a no-op; null fields keep stored values and data merges', async () => {
      await store.cases.upsert([aCase('x:1')]);
      const rev = await store.cases.revision();
      expect(await store.cases.upsert([aCase('x:1')])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      expect(await store.cases.revision()).toBe(rev);
      expect(await store.cases.upsert([aCase('x:1', { text: 'Disproof.', url: null, data: { outlets: ['RT'] } })])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      const [back] = await store.cases.get(['x:1']);
      expect(back.text).toBe('Disproof.');
      expect(back.url).toBe('https://example.org/x:1');
      expect(back.data).toEqual({ keywords: ['bridge'], outlets: ['RT'] });
      expect(await store.cases.revision()).not.toBe(rev);
    });

    it('lists in id order with a source filter and keyset paging', async () => {
      await store.cases.upsert(['x:3', 'x:1', 'y:1', 'x:2'].map((id) => aCase(id)));
      expect((await store.cases.list()).map((c) => c.id)).toEqual(['x:1', 'x:2', 'x:3', 'y:1']);
      expect((await store.cases.list({ source: 'x', limit: 2 })).map((c) => c.id)).toEqual(['x:1', 'x:2']);
      expect((await store.cases.list({ source: 'x', after: 'x:2' })).map((c) => c.id)).toEqual(['x:3']);
    });

    it('keeps article matches, replaces them per article, and drops them with the article', async () => {
      await store.cases.upsert([aCase('x:1'), aCase('x:2')]);
      for (const id of ['a1', 'a2']) {
        const a = makeArticle(id);
        await store.articles.put(a, [sentenceLayer(a)]);
      }
      await store.cases.setMatches('a1', [
        { caseId: 'x:1', score: 0.7, start: 0, end: 10 },
        { caseId: 'x:2', score: 0.9, start: 12, end: 30 },
      ]);
      await store.cases.setMatches('a2', [{ caseId: 'x:1', score: 0.8, start: 5, end: 9 }]);
      expect((await store.cases.matches(['a1'])).map((m) => [m.caseId, m.score, m.start, m.end])).toEqual([
        ['x:2', 0.9, 12, 30],
        ['x:1', 0.7, 0, 10],
      ]);
      await store.cases.setMatches('a1', [{ caseId: 'x:1', score: 0.75, start: 1, end: 2 }]);
      expect((await store.cases.matches(['a1'])).map((m) => m.caseId)).toEqual(['x:1']);
      expect((await store.cases.matches()).map((m) => m.articleId)).toEqual(['a1', 'a2']);
      await store.articles.delete('a2');
      expect(await store.cases.matches(['a2'])).toEqual([]);
      await store.cases.setMatches('a1', []);
      expect(await store.cases.matches()).toEqual([]);
    });
  });
}
