// The OpenAPI 3.1 document, generated from the same route definitions the server runs (routes.ts),
// with schemas produced by zod from the very validators and answer shapes the handlers use.

import { z } from 'zod';
import type { RouteDef } from './route.ts';
import { ErrorSchema } from './schemas.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'a parameter is wrong; the message says which and why',
  401: 'the token is missing or wrong',
  403: 'the server is read-only (started without --token)',
  404: 'no such item',
  413: 'the body is too large',
  415: 'unsupported content type or file type',
  422: 'some records could not be ingested (the body lists them)',
};

const jsonSchema = (s: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** /api/articles/:id → /api/articles/{id} */
export const openApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

function parameters(r: RouteDef) {
  const out: Record<string, unknown>[] = [];
  for (const [where, obj] of [['path', r.params], ['query', r.query]] as const) {
    if (!obj) continue;
    for (const [name, field] of Object.entries(obj.shape as Record<string, z.ZodType>)) {
      const schema = jsonSchema(field, 'input');
      const { description, ...rest } = schema as { description?: string };
      out.push({ name, in: where, required: where === 'path' || !field.safeParse(undefined).success, description, schema: rest });
    }
  }
  return out;
}

export function openApiDocument(routes: RouteDef[], opts: { version?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {
      200: { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } },
    };
    const errors = new Set(r.errors);
    if (r.params || (r.query && Object.keys(r.query.shape).length) || r.body) errors.add(400);
    for (const s of [...errors].sort())
      responses[s] = {
        description: STATUS_TEXT[s] ?? 'error',
        content: { 'application/json': { schema: s === 422 ? jsonSchema(r.response, 'output') : jsonSchema(ErrorSchema, 'output') } },
      };
    (paths[openApiPath(r.path)] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      operationId: `${r.method}${r.path.replace(/^\/api/, '').replace(/\/:?(\w)/g, (_, ch: string) => ch.toUpperCase())}`,
      parameters: parameters(r),
      ...(r.body ? { requestBody: { required: true, ...r.body } } : {}),
      ...(r.auth ? { security: [{ token: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'echotrace API',
      version: opts.version ?? '0.1.0',
      description:
        'Read-only JSON over an echotrace store: articles with every analysis layer, search, stories, narratives, reuse and provenance, ' +
        'outlets and their copy graph, entities, known debunks. Lists are paginated with limit/offset and answer {items, total, limit, offset, next}. ' +
        'Errors answer {error: {status, message, issues?}}.',
    },
    components: { securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'the token given to `echotrace serve --token`' } } },
    paths,
  };
}
