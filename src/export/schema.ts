// The export contract as a zod schema: one definition that validates real exports in the tests
// and generates the published JSON Schema (docs/export.schema.json, `echotrace export --schema`).
// Every key is required: a stage that has not run gives null or [], never a missing key. Objects
// are "loose": a stage may add fields beyond the contract, never drop one.

import { z } from 'zod';

const offsets = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative() };
const Span = z.looseObject(offsets);
const TextSpan = z.looseObject({ ...offsets, text: z.string() });
const Evidence = z.looseObject({
  method: z.string(),
  text: z.string().optional(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
  note: z.string().optional(),
});
const Ref = z.looseObject({ ...offsets, text: z.string(), entity: z.string().nullable().optional() });

export const QuoteSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['direct', 'partial', 'indirect']),
  content: TextSpan,
  cue: TextSpan.nullable(),
  speaker: z
    .looseObject({
      ...offsets,
      text: z.string(),
      name: z.string().nullable(),
      entity: z.string().nullable(),
      role: z.string().nullable(),
      anonymous: z.boolean(),
    })
    .nullable(),
  told_to: Ref.nullable(),
  via: z.array(Ref),
  sourcing: z.enum(['named', 'anonymous', 'hearsay', 'documentary']).nullable(),
});

export const ReuseSchema = z.looseObject({
  other: z.string(),
  span: TextSpan,
  other_span: TextSpan,
  kind: z.enum(['quote', 'text', 'duplicate', 'boilerplate']),
  credited: z.boolean(),
  score: z.number(),
  diff: z.array(z.unknown()),
});

export const ArticleSchema = z.looseObject({
  id: z.string(),
  source: z.looseObject({ path: z.string(), format: z.string(), line: z.number().int().nullable() }),
  url: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  outlet: z.looseObject({ name: z.string(), entity: z.string(), evidence: z.array(Evidence) }).nullable(),
  published: z.looseObject({ date: z.string(), evidence: z.array(Evidence) }).nullable(),
  removed: z.array(z.looseObject({ text: z.string(), rule: z.string(), reason: z.string() })),
  sentences: z.array(Span),
  entities: z.array(z.looseObject({ ...offsets, text: z.string(), entity: z.string(), type: z.string() })),
  quotes: z.array(QuoteSchema),
  sourcing: z.looseObject({}).nullable(),
  dates: z.array(z.looseObject({ ...offsets, text: z.string(), date: z.string().nullable() })),
  reuse: z.array(ReuseSchema),
  story: z.string().nullable(),
  narrative: z.string().nullable(),
  stance: z.looseObject({ label: z.enum(['promotes', 'reports', 'debunks']), evidence: z.array(TextSpan) }).nullable(),
  matches: z.array(z.looseObject({ case: z.string(), score: z.number(), span: TextSpan.nullable() })),
});

export const ExportSchema = z.looseObject({
  echotrace: z.literal(1),
  generated: z.string(),
  articles: z.array(ArticleSchema),
  entities: z.array(z.looseObject({ id: z.string(), name: z.string(), type: z.string(), aliases: z.array(z.string()) })),
  outlets: z.array(z.looseObject({ id: z.string(), name: z.string(), articles: z.number().int() })),
  provenance: z.array(
    z.looseObject({
      id: z.string(),
      kind: z.string(),
      text: z.string(),
      members: z.array(z.looseObject({ article: z.string(), span: Span })),
      earliest: z.looseObject({ article: z.string().nullable(), confidence: z.number(), evidence: z.array(z.unknown()) }).nullable(),
      drift: z.array(z.looseObject({ field: z.string(), values: z.array(z.unknown()) })),
    }),
  ),
  stories: z.array(z.looseObject({ id: z.string(), label: z.string(), articles: z.array(z.string()) })),
  narratives: z.array(
    z.looseObject({
      id: z.string(),
      label: z.string(),
      claim: z.string().nullable(),
      entities: z.array(z.string()),
      stories: z.array(z.string()),
      articles: z.array(z.string()),
      timeline: z.array(z.looseObject({ period: z.string(), outlet: z.string().nullable(), stance: z.string().nullable(), count: z.number().int() })),
      cases: z.array(z.string()),
    }),
  ),
});

/** The contract as a JSON Schema document (draft 2020-12). */
export function exportJsonSchema(): Record<string, unknown> {
  return { $id: 'https://echotrace.dev/schema/export-1.json', title: 'echotrace export, contract version 1', ...z.toJSONSchema(ExportSchema) };
}

/** Problems with an export, as "path: message" lines; empty when it meets the contract. */
export function checkExport(doc: unknown): string[] {
  const r = ExportSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}
