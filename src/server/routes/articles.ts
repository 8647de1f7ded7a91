// Routes for the store and its articles: stats, the filtered article list, one article with every
// layer, and search across everything.

import { expandQuery } from '../../store/expand-query.ts';
import { z } from 'zod';
import type { Store, ArticleFilter } from '../../store/store.ts';
import { exportArticle } from '../../export/build.ts';
import { DateParam, Id, monthBound, notFound, page, paging, route, type RouteDef } from '../route.ts';
import * as S from '../schemas.ts';
import { cachedStats, capabilities, narratives, outlets, stories, storyLabels, summaries } from '../corpus.ts';
import { caseLabels, listCases } from '../cases.ts';
import { cachedAnswer } from '../answer-cache.ts';

async function articleFilter(store: Store, q: { outlet?: string; from?: string; to?: string; narrative?: string; story?: string; entity?: string }): Promise<ArticleFilter> {
  const f: ArticleFilter = { outlet: q.outlet, from: monthBound(q.from, false), to: monthBound(q.to, true), entity: q.entity };
  const restrict = (ids: string[]) => {
    const keep = new Set(ids);
    f.ids = f.ids ? f.ids.filter((x) => keep.has(x)) : ids;
  };
  if (q.narrative) {
    const n = (await narratives(store)).find((x) => x.id === q.narrative);
    if (!n) throw notFound('narrative', q.narrative);
    restrict(n.articles);
  }
  if (q.story) {
    const s = (await stories(store)).find((x) => x.id === q.story);
    if (!s) throw notFound('story', q.story);
    restrict(s.articles);
  }
  return f;
}

const ArticleListQuery = z.strictObject({
  outlet: Id('only articles from this outlet id').optional(),
  from: DateParam('only articles published on or after this date'),
  to: DateParam('only articles published on or before this date'),
  narrative: Id('only articles of this narrative id').optional(),
  story: Id('only articles of this story id').optional(),
  entity: Id('only articles mentioning this entity id').optional(),
  ...paging,
});


export const articlesRoutes: RouteDef[] = [
  route({
    method: 'get',
    path: '/api/stats',
    tag: 'store',
    summary: 'What the store holds, and which analyses this build can show',
    response: S.StatsSchema,
    errors: [],
    async handler({ store, c }) {
      const s = await cachedStats(store);
      return { store: store.kind, ...s, capabilities: await capabilities(store), writable: !!c.get('writable' as never) };
    },
  }),

  route({
    method: 'get',
    path: '/api/articles',
    tag: 'articles',
    summary: 'Articles, oldest first, filtered by outlet, date range, narrative, story or entity',
    query: ArticleListQuery.refine((q) => !q.from || !q.to || q.from <= q.to, { message: '"from" must not be after "to"', path: ['from'] }),
    response: S.Page(S.ArticleSummarySchema),
    errors: [404],
    async handler({ store, query }) {
      const f = await articleFilter(store, query);
      const [items, total] = await Promise.all([store.articles.list({ ...f, limit: query.limit, offset: query.offset }), store.articles.count(f)]);
      return page(items, total, query.limit, query.offset);
    },
  }),

  route({
    method: 'get',
    path: '/api/articles/:id',
    tag: 'articles',
    summary: 'One article with every layer (the export contract shape), and summaries of the articles it points at',
    params: z.strictObject({ id: Id('article id') }),
    response: S.ArticleDetailSchema,
    errors: [404],
    async handler({ store, params }) {
      const article = await exportArticle(store, params.id);
      if (!article) throw notFound('article', params.id);
      const others = [...new Set(article.reuse.map((r) => String(r.other)))];
      const related = Object.fromEntries((await summaries(store, others)).map((s) => [s.id, s]));
      // Straight from the store: the article's own story and narrative, not the whole sections.
      const [story] = article.story ? await store.groups.stories({ ids: [article.story] }) : [];
      const [narrative] = article.narrative ? await store.groups.narratives({ ids: [article.narrative] }) : [];
      return {
        article,
        related,
        cases: await caseLabels(store, [...new Set(article.matches.map((m) => m.case))]),
        groups: {
          story: story ? { id: story.id, label: story.label, articles: story.articles.length } : null,
          narrative: narrative ? { id: narrative.id, label: narrative.label, articles: narrative.articles.length } : null,
        },
      };
    },
  }),

  route({
    method: 'get',
    path: '/api/search',
    tag: 'search',
    summary: 'Full-text search over articles (ranked, with snippets), plus entities, outlets, narratives, stories and cases whose name matches',
    description: 'Words must all match; "quoted phrases" match exactly. Snippets mark matched terms with [ and ].',
    query: z.strictObject({
      q: z.string().trim().min(1, 'must not be empty').max(500, 'is too long (500 characters at most)').describe('the query'),
      exact: z.enum(['true', 'false']).optional().describe('"true": search only the words typed, not the other names of the entity they name'),
      ...paging,
    }),
    response: S.SearchSchema,
    errors: [],
    handler: ({ store, query }) => cachedAnswer(store, 'search', JSON.stringify([query.q, query.exact ?? 'false', query.limit, query.offset]), () => search(store, query)),
  }),

];

/** The search route's answer: ranked articles with snippets, and what else the query names. */
async function search(store: Store, query: { q: string; exact?: 'true' | 'false'; limit: number; offset: number }) {
  // The entities the query names are listed either way; their other names are searched unless exact.
  const expansion = await expandQuery(store, query.q);
  const orPhrases = query.exact === 'true' ? [] : expansion.orPhrases;
  const hits = await store.articles.search(query.q, { limit: query.limit + 1, offset: query.offset, orPhrases });
  const meta = new Map((await summaries(store, hits.map((h) => h.id))).map((s) => [s.id, s]));
  const items = hits.slice(0, query.limit).map((h) => ({ ...h, outlet: meta.get(h.id)?.outlet ?? null, published: meta.get(h.id)?.published ?? null }));
  const more = hits.length > query.limit;
  const also: { id: string; name: string; kind: string }[] = [];
  if (query.offset === 0) {
    const needle = query.q.replace(/"/g, '').toLowerCase();
    const hit = (s: string | null | undefined) => !!s && s.toLowerCase().includes(needle);
    for (const o of await outlets(store)) if (hit(o.name) || hit(o.id)) also.push({ id: o.id, name: o.name, kind: 'outlet' });
    // Entities through the alias table ("Daesh" → Islamic State): an indexed lookup, where
    // scanning every entity cost tens of milliseconds per search on a large store.
    for (const e of expansion.entities) also.push({ id: e.id, name: e.name, kind: 'entity' });
    for (const n of await narratives(store)) if (hit(n.label) || hit(n.claim as string)) also.push({ id: n.id, name: n.label, kind: 'narrative' });
    for (const s of await storyLabels(store)) if (s.lower.includes(needle)) also.push({ id: s.id, name: s.label, kind: 'story' });
    for (const c of (await listCases(store, query.q, 5, 0)).items) also.push({ id: c.id, name: c.title ?? c.claim ?? c.id, kind: 'case' });
  }
  return { ...page(items, more ? null : query.offset + items.length, query.limit, query.offset, more), also: also.slice(0, 30), alsoSearched: orPhrases };
}
