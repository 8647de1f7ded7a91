// Routes for who copied whom: an article's reused passages, provenance groups (the trace of a
// passage), outlets and the outlet graph.

import { z } from 'zod';
import { exportArticle } from '../../export/build.ts';
import { Id, notFound, paging, route, slicePage, type RouteDef } from '../route.ts';
import * as S from '../schemas.ts';
import { outletGraph, provenance, summaries } from '../corpus.ts';

export const reuseRoutes: RouteDef[] = [
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
    summary: 'Who copies and credits whom: outlets as nodes, reused passages as edges (source outlet → outlet that reused it), strongest edges first',
    query: z.strictObject({
      edges: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(20000, 'must be at most 20000').default(400)
        .describe('how many edges to return, strongest first (default 400); edgesTotal says how many there are'),
    }),
    response: S.OutletGraphSchema,
    errors: [],
    async handler({ store, query }) {
      const g = await outletGraph(store);
      return { nodes: g.nodes, edges: g.edges.slice(0, query.edges), edgesTotal: g.edges.length };
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

];
