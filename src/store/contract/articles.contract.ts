// The contract every Store must meet for articles, layers, search, entities and outlets.

import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { Store } from '../store.ts';
import { makeArticle, sentenceLayer } from './fixtures.ts';

export function articlesContract(open: () => Promise<Store>) {
  describe('articles', () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores an article with its layers and removed lines, and reads it back unchanged', async () => {
      const a = makeArticle('a1');
      expect(await store.articles.put(a, [sentenceLayer(a)])).toBe('inserted');
      const back = await store.articles.get('a1');
      expect(back).toEqual(a);
      const layers = await store.articles.layers('a1');
      expect(layers.sentence.map((s) => a.text.slice(s.start, s.end))).toEqual(['Officials in Northport said on Monday that the bridge a1 would reopen.', 'Residents welcomed the news.']);
      expect(await store.articles.removed('a1')).toEqual(a.removed);
    });

    it('re-putting the same content is a no-op; changed content or a newer stage version updates', async () => {
      const a = makeArticle('a2');
      await store.articles.put(a, [sentenceLayer(a)]);
      expect(await store.articles.put(a, [sentenceLayer(a)])).toBe('unchanged');
      expect(await store.articles.put(a, [sentenceLayer(a, 2)])).toBe('updated');
      const b = makeArticle('a2', { text: 'A different text.', contentHash: 'other' });
      expect(await store.articles.put(b, [sentenceLayer(b, 2)])).toBe('updated');
      expect((await store.articles.get('a2'))!.text).toBe('A different text.');
      expect((await store.articles.layers('a2')).sentence).toHaveLength(1);
      expect(await store.articles.count()).toBe(1);
      expect(await store.articles.fingerprint('a2')).toEqual({ contentHash: 'other', versions: { sentence: 2 } });
    });

    it('a failing write leaves the stored article as it was', async () => {
      const a = makeArticle('a3');
      await store.articles.put(a, [sentenceLayer(a)]);
      const bad = makeArticle('a3', { contentHash: 'changed', text: 'Changed.' });
      // A span whose data cannot be serialised makes the write fail half-way.
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await expect(store.articles.put(bad, [{ layer: 'sentence', stage: 's', version: 1, spans: [{ start: 0, end: 1, data: circular }] }])).rejects.toThrow();
      expect(await store.articles.get('a3')).toEqual(a);
      expect((await store.articles.layers('a3')).sentence).toHaveLength(2);
    });

    it('lists and counts with filters', async () => {
      for (const [id, outlet, date] of [['l1', 'x', '2024-01-01'], ['l2', 'y', '2024-02-01'], ['l3', 'x', '2024-03-01']] as const) {
        const a = makeArticle(id, { outlet: { id: outlet, name: outlet.toUpperCase(), evidence: [] }, published: { date, evidence: [] } });
        await store.articles.put(a, [sentenceLayer(a)]);
      }
      expect((await store.articles.list({ outlet: 'x' })).map((a) => a.id)).toEqual(['l1', 'l3']);
      expect(await store.articles.count({ from: '2024-02-01' })).toBe(2);
      expect((await store.articles.list({ to: '2024-01-31' })).map((a) => a.id)).toEqual(['l1']);
      expect((await store.articles.list({ limit: 1, offset: 1 })).map((a) => a.id)).toEqual(['l2']);
      expect((await store.articles.list({ ids: ['l3', 'l2'] })).map((a) => a.id)).toEqual(['l2', 'l3']);
      expect(await store.articles.ids()).toEqual(['l1', 'l2', 'l3']);
      const outlets = await store.outlets.list();
      expect(outlets.map((o) => [o.id, o.articles])).toEqual([['x', 2], ['y', 1]]);
    });

    it('searches ranked with snippets, and survives hostile query syntax', async () => {
      const a = makeArticle('s1', { text: 'The ministry denied that helicopters moved fighters across the border.', contentHash: 'h1' });
      const b = makeArticle('s2', { text: 'Helicopters, helicopters everywhere: the helicopters story.', contentHash: 'h2' });
      await store.articles.put(a, [sentenceLayer(a)]);
      await store.articles.put(b, [sentenceLayer(b)]);
      const hits = await store.articles.search('helicopters');
      expect(hits.map((h) => h.id).sort()).toEqual(['s1', 's2']);
      expect(hits[0].snippet).toMatch(/\[helicopters\]/i);
      // Each snippet is cut from its own article.
      for (const h of hits) {
        const own = (h.id === 's1' ? a : b).text;
        for (const piece of h.snippet.split(/[[\]…]/).map((x) => x.trim()).filter(Boolean)) expect(own).toContain(piece);
      }
      expect((await store.articles.search('"moved fighters"')).map((h) => h.id)).toEqual(['s1']);
      expect(await store.articles.search('"unclosed AND OR NOT * ( ) NEAR')).toEqual([]);
      expect(await store.articles.search('')).toEqual([]);
    });

    it('searches other names of an entity as whole phrases beside the query, whatever they contain', async () => {
      const texts: Record<string, string> = {
        d1: 'Daesh fighters were moved across the border, the ministry said.',
        d2: 'ISIS fighters were moved across the border, the ministry said.',
        d3: 'Fighters of the Islamic State were moved, officials said.',
        d4: 'The state of the islands was discussed.',
      };
      for (const [id, text] of Object.entries(texts)) {
        const a = makeArticle(id, { text, contentHash: id });
        await store.articles.put(a, [sentenceLayer(a)]);
      }
      const ids = async (q: string, orPhrases?: string[]) => (await store.articles.search(q, { orPhrases })).map((h) => h.id).sort();
      expect(await ids('Daesh')).toEqual(['d1']);
      expect(await ids('Daesh', ['ISIS', 'Islamic State'])).toEqual(['d1', 'd2', 'd3']);
      // Each alternative is one phrase: "Islamic State" does not match "state of the islands".
      expect(await ids('Daesh fighters', ['Islamic State'])).toEqual(['d1', 'd3']);
      expect(await ids('Daesh', ['"unclosed AND OR NOT * ( ) NEAR', '', '***'])).toEqual(['d1']);
    });

    it('filters by entity through the entity layer, and resolves aliases', async () => {
      const a = makeArticle('e1', { text: 'Daesh fighters moved.', contentHash: 'e1' });
      await store.articles.put(a, [{ layer: 'entity', stage: 'entities', version: 1, spans: [{ start: 0, end: 5, data: { entity: 'isis', type: 'org' } }] }]);
      expect((await store.articles.list({ entity: 'isis' })).map((x) => x.id)).toEqual(['e1']);
      await store.entities.upsert([{ id: 'isis', name: 'Islamic State', type: 'org', aliases: ['ISIS', 'Daesh', 'ISIL'] }], 'test');
      expect(await store.entities.resolve('daesh')).toEqual(['isis']);
      expect((await store.entities.get('isis'))!.aliases).toContain('Daesh');
    });

    it('putLayer replaces one layer and deleting an article removes its layers', async () => {
      const a = makeArticle('p1');
      await store.articles.put(a, [sentenceLayer(a)]);
      await store.articles.putLayer('p1', { layer: 'stance', stage: 'stance', version: 1, spans: [{ start: 0, end: 5, data: { label: 'reports' } }] });
      await store.articles.putLayer('p1', { layer: 'stance', stage: 'stance', version: 1, spans: [{ start: 0, end: 9, data: { label: 'promotes' } }] });
      const layers = await store.articles.layers('p1', ['stance']);
      expect(layers).toEqual({ stance: [{ start: 0, end: 9, data: { label: 'promotes' } }] });
      expect(await store.articles.delete('p1')).toBe(true);
      expect(await store.articles.get('p1')).toBeNull();
      expect(await store.articles.layers('p1')).toEqual({});
      expect((await store.stats()).articles).toBe(0);
    });
  });
}
