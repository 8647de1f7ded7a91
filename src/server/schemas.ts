// The shapes the API answers with, as zod schemas: used to document the API (OpenAPI) and, in the
// tests, to check real answers. Article detail reuses the export contract's own schema, so the
// API and `echotrace export` can never disagree about what an article is.

import { z } from 'zod';
import { ArticleSchema, ExportSchema } from '../export/schema.ts';
import { Page } from './route.ts';

export { ArticleSchema, Page };

export const ErrorSchema = z.object({
  error: z.object({
    status: z.number().int(),
    message: z.string(),
    issues: z.array(z.object({ param: z.string(), message: z.string() })).optional(),
  }),
});

export const OutletRef = z.object({ id: z.string(), name: z.string() });

export const ArticleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  outlet: OutletRef.nullable(),
  published: z.string().nullable(),
  chars: z.number().int(),
});

const GroupRef = z.object({ id: z.string(), label: z.string(), articles: z.number().int() });

export const ArticleDetailSchema = z.object({
  article: ArticleSchema,
  /** Summaries of the articles this one points at (reuse partners, provenance members). */
  related: z.record(z.string(), ArticleSummarySchema),
  /** The known debunks this article matches, by case id. */
  cases: z.record(z.string(), z.lazy(() => CaseSchema)),
  /** The story and narrative the article belongs to, with their labels. */
  groups: z.object({ story: GroupRef.nullable(), narrative: GroupRef.nullable() }),
});

export const SearchHitSchema = z.object({ id: z.string(), title: z.string(), snippet: z.string(), score: z.number(), outlet: OutletRef.nullable(), published: z.string().nullable() });
const Named = z.object({ id: z.string(), name: z.string(), kind: z.string() });
export const SearchSchema = Page(SearchHitSchema).extend({
  /** Other things whose name matches the query (entities, outlets, narratives, stories, cases); first page only. */
  also: z.array(Named),
  /** Other names of the entity the query names, searched as well ("Daesh" → "ISIS", "ISIL", …). */
  alsoSearched: z.array(z.string()),
});

const NarrativeBase = ExportSchema.shape.narratives.element;
export const TimelinePointSchema = NarrativeBase.shape.timeline.element;
export const NarrativeSchema = NarrativeBase.omit({ articles: true }).extend({
  articleCount: z.number().int(),
  /** Display names of `entities`, by id. */
  entityNames: z.record(z.string(), z.string()),
  /** The first articles of the narrative, by date; the rest through /api/articles?narrative=ID. */
  sample: z.array(ArticleSummarySchema),
});

const StoryBase = ExportSchema.shape.stories.element;
export const StorySchema = StoryBase.omit({ articles: true }).extend({
  articleCount: z.number().int(),
  sample: z.array(ArticleSummarySchema),
});

const ProvBase = ExportSchema.shape.provenance.element;
export const ProvenanceSchema = ProvBase.extend({ related: z.record(z.string(), ArticleSummarySchema) });

export const ReuseLinkSchema = z.object({
  article: ArticleSummarySchema,
  other: ArticleSummarySchema.nullable(),
  link: ExportSchema.shape.articles.element.shape.reuse.element,
});

export const OutletSchema = z.object({ id: z.string(), name: z.string(), hosts: z.array(z.string()), articles: z.number().int() });
export const OutletEdgeSchema = z.object({
  source: z.string().describe('the outlet whose passages were reused (the source, when directed)'),
  target: z.string().describe('the outlet that reused them'),
  directed: z.boolean().describe('false when which copied which is not settled'),
  count: z.number().int().describe('passages reused'),
  credited: z.number().int().describe('of which the copy credited its source'),
  first: z.string().nullable().describe('earliest publication date of a copy'),
  last: z.string().nullable().describe('latest publication date of a copy'),
});
export const OutletGraphSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      articles: z.number().int(),
      reused: z.number().int().describe("passages this outlet reused from others' earlier articles"),
      reusedBy: z.number().int().describe('passages of this outlet that others reused'),
    }),
  ),
  edges: z.array(OutletEdgeSchema),
  /** How many edges there are in all (the answer holds the strongest `edges` of them). */
  edgesTotal: z.number().int(),
});
export const OutletDetailSchema = OutletSchema.extend({ copiesFrom: z.array(OutletEdgeSchema), copiedBy: z.array(OutletEdgeSchema), shares: z.array(OutletEdgeSchema) });

export const EntitySchema = z.object({ id: z.string(), name: z.string(), type: z.string(), aliases: z.array(z.string()) });
export const EntityDetailSchema = EntitySchema.extend({ articles: z.number().int() });

export const CaseSchema = z.looseObject({
  id: z.string(),
  source: z.string(),
  claim: z.string().nullable(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  date: z.string().nullable(),
  verdict: z.string().nullable(),
});
export const MatchSchema = z.looseObject({
  article: z.string(),
  case: z.string(),
  score: z.number(),
  span: z.looseObject({ start: z.number().int(), end: z.number().int(), text: z.string() }).nullable(),
});

export const CapabilitiesSchema = z.object({
  entities: z.boolean(),
  quotes: z.boolean(),
  sourcing: z.boolean(),
  reuse: z.boolean(),
  provenance: z.boolean(),
  stories: z.boolean(),
  narratives: z.boolean(),
  stance: z.boolean(),
  cases: z.boolean(),
});

export const StatsSchema = z.object({
  store: z.string(),
  articles: z.number().int(),
  outlets: z.number().int(),
  layers: z.record(z.string(), z.number().int()),
  removed: z.number().int(),
  earliest: z.string().nullable(),
  latest: z.string().nullable(),
  corpus: z.record(z.string(), z.number().int()),
  capabilities: CapabilitiesSchema,
  writable: z.boolean(),
});

export const IngestResultSchema = z.object({
  ingested: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  ids: z.array(z.string()),
  problems: z.array(z.object({ path: z.string(), line: z.number().int().nullable(), level: z.enum(['error', 'warning']), message: z.string() })),
});
