// Every API route: what it takes (zod), what it answers (zod), and how. Read-only except
// POST /api/articles, which needs the token the server was started with (see ingest.ts).

import { z } from 'zod';
import type { Store, ArticleFilter } from '../store/store.ts';
import { exportArticle } from '../export/build.ts';
import { DateParam, HttpError, Id, Limit, monthBound, notFound, Offset, page, route, slicePage, type RouteDef } from './route.ts';
import * as S from './schemas.ts';
import { cachedStats, capabilities, narratives, outletGraph, provenance, stories, summaries, type Narrative, type Story } from './corpus.ts';
import { caseLabels, getCase, listCases, matchesOfCase } from './cases.ts';
import { ingestRoute } from './ingest.ts';

const paging = { limit: Limit(), offset: Offset };
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

async function articleFilter(store: Store, q: { outlet?: string; from?: string; to?: string; narrative?: string; story?: string; entity?: string }): Promise<ArticleFilter> {
  const f: ArticleFilter = { outlet: q.outlet, from: monthBound(q.from, false), to: monthBound(q.to, true), entity: q.entity };
  const restrict = (ids: string[]) => (f.ids = f.ids ? f.ids.filter((x) => ids.includes(x)) : ids);
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

export const routes: RouteDef[] = [
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
      const story = article.story ? (await stories(store)).find((s) => s.id === article.story) : undefined;
      const narrative = article.narrative ? (await narratives(store)).find((n) => n.id === article.narrative) : undefined;
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
    query: z.strictObject({ q: z.string().trim().min(1, 'must not be empty').max(500, 'is too long (500 characters at most)').describe('the query'), ...paging }),
    response: S.SearchSchema,
    errors: [],
    async handler({ store, query }) {
      const hits = await store.articles.search(query.q, { limit: query.limit + 1, offset: query.offset });
      const items = hits.slice(0, query.limit);
      const more = hits.length > query.limit;
      const also: { id: string; name: string; kind: string }[] = [];
      if (query.offset === 0) {
        const needle = query.q.replace(/"/g, '').toLowerCase();
        const hit = (s: string | null | undefined) => !!s && s.toLowerCase().includes(needle);
        for (const o of await store.outlets.list()) if (hit(o.name) || hit(o.id)) also.push({ id: o.id, name: o.name, kind: 'outlet' });
        for (const e of await store.entities.list()) if (hit(e.name) || e.aliases.some(hit)) also.push({ id: e.id, name: e.name, kind: 'entity' });
        for (const n of await narratives(store)) if (hit(n.label) || hit(n.claim as string)) also.push({ id: n.id, name: n.label, kind: 'narrative' });
        for (const s of await stories(store)) if (hit(s.label)) also.push({ id: s.id, name: s.label, kind: 'story' });
        for (const c of (await listCases(store, query.q, 5, 0)).items) also.push({ id: c.id, name: c.title ?? c.claim ?? c.id, kind: 'case' });
      }
      return { ...page(items, more ? null : query.offset + items.length, query.limit, query.offset, more), also: also.slice(0, 30) };
    },
  }),

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

  route({
    method: 'get',
    path: '/api/reuse',
    tag: 'reuse',
    summary: "An article's reused passages: each with the other article's span, credit, score and word differences",
    query: z.strictObject({
      article: Id('the article whose reuse to list'),
      other: Id('only passages shared with this other article').optional(),
      ...paging,
    }),
    response: S.Page(S.ReuseLinkSchema),
    errors: [404],
    async handler({ store, query }) {
      const a = await exportArticle(store, query.article);
      if (!a) throw notFound('article', query.article);
      if (query.other && !(await store.articles.get(query.other))) throw notFound('article', query.other);
      const links = a.reuse.filter((r) => !query.other || r.other === query.other);
      const p = slicePage(links, query.limit, query.offset);
      const byId = new Map((await summaries(store, [a.id, ...p.items.map((r) => String(r.other))])).map((s) => [s.id, s]));
      return { ...p, items: p.items.map((link) => ({ article: byId.get(a.id)!, other: byId.get(String(link.other)) ?? null, link })) };
    },
  }),

  route({
    method: 'get',
    path: '/api/provenance',
    tag: 'reuse',
    summary: 'Provenance groups (one passage, every article carrying it, the earliest source, attribution drift); filter by article to trace it',
    query: z.strictObject({ article: Id('only groups this article belongs to').optional(), ...paging }),
    response: S.Page(S.ProvenanceSchema),
    errors: [404],
    async handler({ store, query }) {
      if (query.article && !(await store.articles.get(query.article))) throw notFound('article', query.article);
      const all = (await provenance(store)).filter((g) => !query.article || g.members.some((m) => m.article === query.article));
      const p = slicePage(all, query.limit, query.offset);
      const items = await Promise.all(
        p.items.map(async (g) => ({ ...g, related: Object.fromEntries((await summaries(store, g.members.map((m) => m.article))).map((s) => [s.id, s])) })),
      );
      return { ...p, items };
    },
  }),

  route({
    method: 'get',
    path: '/api/provenance/:id',
    tag: 'reuse',
    summary: 'One provenance group: the chain of copies with dates, credit and the earliest source',
    params: z.strictObject({ id: Id('provenance group id') }),
    response: S.ProvenanceSchema,
    errors: [404],
    async handler({ store, params }) {
      const g = (await provenance(store)).find((x) => x.id === params.id);
      if (!g) throw notFound('provenance group', params.id);
      return { ...g, related: Object.fromEntries((await summaries(store, g.members.map((m) => m.article))).map((s) => [s.id, s])) };
    },
  }),

  route({
    method: 'get',
    path: '/api/outlets',
    tag: 'outlets',
    summary: 'Outlets with their article counts, most articles first',
    query: z.strictObject(paging),
    response: S.Page(S.OutletSchema),
    errors: [],
    async handler({ store, query }) {
      return slicePage(await store.outlets.list(), query.limit, query.offset);
    },
  }),

  route({
    method: 'get',
    path: '/api/outlets/graph',
    tag: 'outlets',
    summary: 'Who copies and credits whom: outlets as nodes, reused passages as edges (source outlet → outlet that reused it)',
    response: S.OutletGraphSchema,
    errors: [],
    async handler({ store }) {
      return outletGraph(store);
    },
  }),

  route({
    method: 'get',
    path: '/api/outlets/:id',
    tag: 'outlets',
    summary: 'One outlet: whom it copies from, who copies it, and with whom it shares passages when the direction is not settled',
    params: z.strictObject({ id: Id('outlet id') }),
    response: S.OutletDetailSchema,
    errors: [404],
    async handler({ store, params }) {
      const o = (await store.outlets.list()).find((x) => x.id === params.id);
      if (!o) throw notFound('outlet', params.id);
      const g = await outletGraph(store);
      return {
        ...o,
        copiesFrom: g.edges.filter((e) => e.directed && e.target === o.id),
        copiedBy: g.edges.filter((e) => e.directed && e.source === o.id),
        shares: g.edges.filter((e) => !e.directed && (e.source === o.id || e.target === o.id)),
      };
    },
  }),

  route({
    method: 'get',
    path: '/api/entities',
    tag: 'entities',
    summary: 'Known entities (people, organisations, places, outlets) with their aliases',
    query: z.strictObject({
      type: z.string().max(40).optional().describe('only this entity type (person, org, place, ...)'),
      q: z.string().max(200).optional().describe('only entities whose name or an alias contains this'),
      ...paging,
    }),
    response: S.Page(S.EntitySchema),
    errors: [],
    async handler({ store, query }) {
      const all = (await store.entities.list({ type: query.type })).map(({ id, name, type, aliases }) => ({ id, name, type, aliases }));
      const needle = query.q?.toLowerCase();
      const hit = needle ? all.filter((e) => e.name.toLowerCase().includes(needle) || e.aliases.some((a) => a.toLowerCase().includes(needle))) : all;
      return slicePage(hit, query.limit, query.offset);
    },
  }),

  route({
    method: 'get',
    path: '/api/entities/:id',
    tag: 'entities',
    summary: 'One entity and how many stored articles mention it (list them with /api/articles?entity=ID)',
    params: z.strictObject({ id: Id('entity id') }),
    response: S.EntityDetailSchema,
    errors: [404],
    async handler({ store, params }) {
      const e = await store.entities.get(params.id);
      if (!e) throw notFound('entity', params.id);
      return { id: e.id, name: e.name, type: e.type, aliases: e.aliases, articles: await store.articles.count({ entity: e.id }) };
    },
  }),

  route({
    method: 'get',
    path: '/api/cases',
    tag: 'cases',
    summary: 'Known debunks (fact-checks, disinformation cases), optionally full-text searched',
    query: z.strictObject({ q: z.string().trim().min(1).max(500).optional().describe('search the claims and titles'), ...paging }),
    response: S.Page(S.CaseSchema),
    errors: [],
    async handler({ store, query }) {
      const { items, total } = await listCases(store, query.q, query.limit, query.offset);
      return page(items, total, query.limit, query.offset);
    },
  }),

  route({
    method: 'get',
    path: '/api/cases/:id',
    tag: 'cases',
    summary: 'One known debunk and the stored articles that match it',
    params: z.strictObject({ id: Id('case id, e.g. euvsdisinfo:12345') }),
    response: S.CaseSchema.extend({ matches: z.array(S.MatchSchema), related: z.record(z.string(), S.ArticleSummarySchema) }),
    errors: [404],
    async handler({ store, params }) {
      const c = await getCase(store, params.id);
      if (!c) throw notFound('case', params.id);
      const matches = await matchesOfCase(store, params.id);
      return { ...c, matches, related: Object.fromEntries((await summaries(store, matches.map((m) => m.article))).map((s) => [s.id, s])) };
    },
  }),

  route({
    method: 'get',
    path: '/api/matches',
    tag: 'cases',
    summary: 'Matches between articles and known debunks: those of one article, or of one case',
    description: 'Give exactly one of `article` or `case`.',
    query: z
      .strictObject({ article: Id('matches of this article').optional(), case: Id('matches of this case').optional(), ...paging })
      .refine((q) => !!q.article !== !!q.case, { message: 'give exactly one of "article" or "case"', path: ['article'] }),
    response: S.Page(S.MatchSchema),
    errors: [404],
    async handler({ store, query }) {
      if (query.article) {
        const a = await exportArticle(store, query.article);
        if (!a) throw notFound('article', query.article);
        return slicePage(a.matches.map((m) => ({ ...m, article: a.id })), query.limit, query.offset);
      }
      return slicePage(await matchesOfCase(store, query.case!), query.limit, query.offset);
    },
  }),

  ingestRoute,
];

export { HttpError };
