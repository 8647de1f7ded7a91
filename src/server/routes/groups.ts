// Routes for what articles belong to: narratives (with their timelines) and stories.

import { z } from 'zod';
import type { Store } from '../../store/store.ts';
import { Id, Limit, notFound, paging, route, slicePage, type RouteDef } from '../route.ts';
import * as S from '../schemas.ts';
import { narratives, stories, type Narrative, type Story } from '../corpus.ts';

const SAMPLE = 8;

/** Narrative or story in its API shape: the article list swapped for a count and the first few. */
async function withSample<T extends Narrative | Story>(store: Store, g: T, sample = SAMPLE) {
  const { articles, ...rest } = g;
  const first = (await store.articles.list({ ids: articles, limit: sample })) ?? [];
  const ents = ((rest as { entities?: unknown }).entities as string[] | undefined) ?? [];
  const entityNames: Record<string, string> = {};
  for (const id of ents) entityNames[id] = (await store.entities.get(id))?.name ?? id;
  return { ...rest, articleCount: articles.length, sample: first, ...(ents.length || 'entities' in rest ? { entityNames } : {}) };
}

export const groupsRoutes: RouteDef[] = [
  route({
    method: 'get',
    path: '/api/narratives',
    tag: 'groups',
    summary: 'Recurring narratives, largest first, each with its timeline and its first articles',
    query: z.strictObject({ ...paging, limit: Limit(100, 20) }),
    response: S.Page(S.NarrativeSchema),
    errors: [],
    async handler({ store, query }) {
      const all = [...(await narratives(store))].sort((a, b) => b.articles.length - a.articles.length || a.id.localeCompare(b.id));
      const p = slicePage(all, query.limit, query.offset);
      return { ...p, items: await Promise.all(p.items.map((n) => withSample(store, n))) };
    },
  }),

  route({
    method: 'get',
    path: '/api/narratives/:id',
    tag: 'groups',
    summary: 'One narrative: claim, entities, stories, timeline (articles per outlet, period and stance), linked cases',
    params: z.strictObject({ id: Id('narrative id') }),
    response: S.NarrativeSchema,
    errors: [404],
    async handler({ store, params }) {
      const n = (await narratives(store)).find((x) => x.id === params.id);
      if (!n) throw notFound('narrative', params.id);
      return withSample(store, n);
    },
  }),

  route({
    method: 'get',
    path: '/api/stories',
    tag: 'groups',
    summary: 'Stories (articles about the same event), largest first',
    query: z.strictObject(paging),
    response: S.Page(S.StorySchema),
    errors: [],
    async handler({ store, query }) {
      const all = [...(await stories(store))].sort((a, b) => b.articles.length - a.articles.length || a.id.localeCompare(b.id));
      const p = slicePage(all, query.limit, query.offset);
      return { ...p, items: await Promise.all(p.items.map((s) => withSample(store, s))) };
    },
  }),

  route({
    method: 'get',
    path: '/api/stories/:id',
    tag: 'groups',
    summary: 'One story',
    params: z.strictObject({ id: Id('story id') }),
    response: S.StorySchema,
    errors: [404],
    async handler({ store, params }) {
      const s = (await stories(store)).find((x) => x.id === params.id);
      if (!s) throw notFound('story', params.id);
      return withSample(store, s);
    },
  }),

];
