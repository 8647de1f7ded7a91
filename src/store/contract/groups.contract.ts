// The contract every Store must meet for stories, narratives and story features (src/group).

import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { Store } from '../store.ts';
import type { NarrativeRecord, StoryRecord } from '../repos/groups.ts';
import { makeArticle, sentenceLayer } from './fixtures.ts';

const story = (id: string, articles: string[], over: Partial<StoryRecord> = {}): StoryRecord => ({
  id,
  label: `story ${id}`,
  articles,
  start: '2024-03-04',
  end: '2024-03-05',
  data: { shared: ['northport'] },
  ...over,
});

const narrative = (id: string, articles: string[]): NarrativeRecord => ({
  id,
  label: `narrative ${id}`,
  claim: 'halvard supports ansar-al-raya',
  entities: ['halvard', 'ansar-al-raya'],
  representative: { article: articles[0], start: 0, end: 10 },
  articles,
  data: { frames: 2 },
});

export function groupsContract(open: () => Promise<Store>) {
  describe('groups', () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const id of ['g1', 'g2', 'g3']) {
        const a = makeArticle(id);
        await store.articles.put(a, [sentenceLayer(a)]);
      }
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps story features per article and reads them back, all or by id', async () => {
      await store.groups.putFeatures([
        { articleId: 'g1', data: { words: { bridge: 2 }, date: '2024-03-04' } },
        { articleId: 'g2', data: { words: { ferry: 1 }, date: null } },
      ]);
      await store.groups.putFeatures([{ articleId: 'g1', data: { words: { bridge: 3 }, date: '2024-03-04' } }]);
      expect((await store.groups.features()).map((r) => r.articleId)).toEqual(['g1', 'g2']);
      expect(await store.groups.features(['g1'])).toEqual([{ articleId: 'g1', data: { words: { bridge: 3 }, date: '2024-03-04' } }]);
    });

    it('saves stories with ordered membership; an article moved to another story leaves the first', async () => {
      await store.groups.saveStories([story('s1', ['g1', 'g2']), story('s2', ['g3'], { start: null, end: null })]);
      expect(await store.groups.stories()).toEqual([story('s1', ['g1', 'g2']), story('s2', ['g3'], { start: null, end: null })]);
      await store.groups.saveStories([story('s2', ['g3', 'g2'])]);
      const byId = Object.fromEntries((await store.groups.stories()).map((s) => [s.id, s.articles]));
      expect(byId).toEqual({ s1: ['g1'], s2: ['g3', 'g2'] });
      expect((await store.groups.stories({ articleIds: ['g2'] })).map((s) => s.id)).toEqual(['s2']);
      expect((await store.groups.stories({ ids: ['s1'] })).map((s) => s.articles)).toEqual([['g1']]);
    });

    it('deletes stories by id, or all of them', async () => {
      await store.groups.saveStories([story('s1', ['g1']), story('s2', ['g2'])]);
      await store.groups.saveStories([], { deleteIds: ['s1'] });
      expect((await store.groups.stories()).map((s) => s.id)).toEqual(['s2']);
      await store.groups.saveStories([story('s9', ['g3'])], { replaceAll: true });
      expect((await store.groups.stories()).map((s) => s.id)).toEqual(['s9']);
      expect(await store.groups.stories({ articleIds: ['g2'] })).toEqual([]);
    });

    it('replaces all narratives at once and finds them by member', async () => {
      await store.groups.saveNarratives([narrative('n1', ['g1', 'g2']), narrative('n2', ['g3'])]);
      expect(await store.groups.narratives({ ids: ['n1'] })).toEqual([narrative('n1', ['g1', 'g2'])]);
      expect((await store.groups.narratives({ articleIds: ['g3'] })).map((n) => n.id)).toEqual(['n2']);
      await store.groups.saveNarratives([narrative('n3', ['g2'])]);
      expect((await store.groups.narratives()).map((n) => [n.id, n.articles])).toEqual([['n3', ['g2']]]);
    });

    it('deleting an article removes it from its story, narrative and features', async () => {
      await store.groups.putFeatures([{ articleId: 'g1', data: {} }]);
      await store.groups.saveStories([story('s1', ['g1', 'g2'])]);
      await store.groups.saveNarratives([narrative('n1', ['g1', 'g2'])]);
      await store.articles.delete('g1');
      expect((await store.groups.stories())[0].articles).toEqual(['g2']);
      expect((await store.groups.narratives())[0].articles).toEqual(['g2']);
      expect(await store.groups.features(['g1'])).toEqual([]);
    });
  });
}
