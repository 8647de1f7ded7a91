// The contract every Store must meet for the reuse room: the n-gram index (replace, look up,
// forget), reuse links (replace per article, read per article), provenance groups and the outlet
// graph.

import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { Store } from '../store.ts';
import type { ReuseLink } from '../repos/reuse.ts';
import { makeArticle, sentenceLayer } from './fixtures.ts';

const link = (a: string, b: string, over: Partial<ReuseLink> = {}): ReuseLink => ({
  a,
  aStart: 0,
  aEnd: 10,
  b,
  bStart: 5,
  bEnd: 15,
  kind: 'text',
  credited: false,
  score: 0.9,
  directed: true,
  data: { diff: [{ a: null, b: { start: 7, end: 9, text: 'xx' } }] },
  ...over,
});

export function reuseContract(open: () => Promise<Store>) {
  describe('reuse', () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const [id, outlet, date] of [['r1', 'fars', '2024-01-01'], ['r2', 'tasnim', '2024-01-02'], ['r3', 'tasnim', '2024-01-05'], ['r4', 'press-tv', null]] as const) {
        const a = makeArticle(id, { outlet: { id: outlet, name: outlet, evidence: [] }, published: date ? { date, evidence: [] } : null });
        await store.articles.put(a, [sentenceLayer(a)]);
      }
    });
    afterEach(async () => {
      await store.close();
    });

    it('indexes hashes per article, looks them up, and replaces or removes an article\'s hashes', async () => {
      await store.reuse.setFingerprints([
        { article: 'r1', hashes: [1, 2, -3, 2 ** 31 - 1] },
        { article: 'r2', hashes: [2, -3, -(2 ** 31)] },
      ]);
      expect(await store.reuse.indexed()).toBe(2);
      const got = (await store.reuse.postings([2, -3, 99, 2 ** 31 - 1, -(2 ** 31)])).map((p) => [p.hash, [...p.articles].sort()]).sort((x, y) => Number(x[0]) - Number(y[0]));
      expect(got).toEqual([[-(2 ** 31), ['r2']], [-3, ['r1', 'r2']], [2, ['r1', 'r2']], [2 ** 31 - 1, ['r1']]]);
      await store.reuse.setFingerprints([{ article: 'r1', hashes: [7] }]);
      expect((await store.reuse.postings([2])).map((p) => p.articles)).toEqual([['r2']]);
      expect((await store.reuse.postings([7])).map((p) => p.articles)).toEqual([['r1']]);
      await store.reuse.setFingerprints([{ article: 'r2', hashes: [] }]);
      expect(await store.reuse.indexed()).toBe(1);
      expect(await store.reuse.postings([2, -3])).toEqual([]);
    });

    it('a deleted article drops out of the index and its links', async () => {
      await store.reuse.setFingerprints([{ article: 'r3', hashes: [5] }, { article: 'r1', hashes: [5] }]);
      await store.reuse.replaceLinks([], [link('r3', 'r1')]);
      await store.articles.delete('r3');
      expect((await store.reuse.postings([5])).map((p) => p.articles)).toEqual([['r1']]);
      expect(await store.reuse.links()).toEqual([]);
    });

    it('replaces the links touching the given articles and reads them back unchanged', async () => {
      const l1 = link('r2', 'r1', { kind: 'quote', credited: true });
      const l2 = link('r3', 'r2', { directed: false, score: 0.5 });
      const l3 = link('r4', 'r1');
      await store.reuse.replaceLinks([], [l1, l2, l3]);
      expect(await store.reuse.links({ article: 'r2' })).toEqual([l1, l2]);
      expect(await store.reuse.links()).toHaveLength(3);
      await store.reuse.replaceLinks(['r3'], [link('r3', 'r1')]);
      expect((await store.reuse.links()).map((l) => `${l.a}-${l.b}`).sort()).toEqual(['r2-r1', 'r3-r1', 'r4-r1']);
    });

    it('stores provenance groups with members and finds them by article', async () => {
      const groups = [
        { id: 'p1', kind: 'quote', text: 'the quote', data: { earliest: { article: 'r1', confidence: 0.8, evidence: ['dates'] }, drift: [{ field: 'told_to', values: ['a', 'b'] }] }, members: [{ article: 'r1', role: 'earliest', data: { told_to: 'a' } }, { article: 'r2', role: 'copy', data: { told_to: 'b' } }] },
        { id: 'p2', kind: 'text', text: 'other', data: { earliest: null, drift: [] }, members: [{ article: 'r3', role: 'member', data: {} }, { article: 'r4', role: 'member', data: {} }] },
      ];
      await store.reuse.replaceProvenance(groups);
      expect(await store.reuse.provenance()).toEqual(groups);
      expect((await store.reuse.provenance({ article: 'r4' })).map((g) => g.id)).toEqual(['p2']);
      // Scoped: only the groups with r2 go; p3 replaces them, p2 stays.
      const p3 = { id: 'p3', kind: 'quote', text: 'new', data: { earliest: null, drift: [] }, members: [{ article: 'r2', role: 'member', data: {} }, { article: 'r3', role: 'member', data: {} }] };
      await store.reuse.replaceProvenance([p3], { articles: ['r2'] });
      expect((await store.reuse.provenance()).map((g) => g.id).sort()).toEqual(['p2', 'p3']);
      expect(await store.reuse.provenance({ article: 'r1' })).toEqual([]);
      await store.reuse.replaceProvenance([groups[1]]);
      expect((await store.reuse.provenance()).map((g) => g.id)).toEqual(['p2']);
    });

    it('builds the outlet graph from links: direction, counts, credit and dates; boilerplate left out', async () => {
      await store.reuse.replaceLinks([], [
        link('r2', 'r1', { credited: true }),
        link('r3', 'r1'),
        link('r4', 'r2', { directed: false }),
        link('r3', 'r2', { kind: 'boilerplate' }),
      ]);
      const g = await store.reuse.outletGraph();
      expect(g).toContainEqual({ from: 'tasnim', to: 'fars', directed: true, links: 2, credited: 1, first: '2024-01-02', last: '2024-01-05' });
      const und = g.find((e) => !e.directed)!;
      expect([und.from, und.to].sort()).toEqual(['press-tv', 'tasnim']);
      expect(und.links).toBe(1);
      expect(g).toHaveLength(2);
    });

    it('clear forgets index, links and provenance', async () => {
      await store.reuse.setFingerprints([{ article: 'r1', hashes: [1] }]);
      await store.reuse.replaceLinks([], [link('r2', 'r1')]);
      await store.reuse.replaceProvenance([{ id: 'p1', kind: 'text', text: 't', data: {}, members: [{ article: 'r1', role: 'member', data: {} }] }]);
      await store.reuse.clear();
      expect(await store.reuse.indexed()).toBe(0);
      expect(await store.reuse.links()).toEqual([]);
      expect(await store.reuse.provenance()).toEqual([]);
      expect(await store.reuse.postings([1])).toEqual([]);
    });
  });
}
