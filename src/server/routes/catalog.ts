// Routes for the reference tables: entities, known debunks (cases) and their matches to articles.

import { z } from 'zod';
import { exportArticle } from '../../export/build.ts';
import { Id, notFound, page, paging, route, slicePage, type RouteDef } from '../route.ts';
import * as S from '../schemas.ts';
import { summaries } from '../corpus.ts';
import { getCase, listCases, matchesOfCase } from '../cases.ts';

export const catalogRoutes: RouteDef[] = [
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

];
