// One route = one definition: path, zod schemas for its path and query parameters, the zod schema
// of its answer, the error statuses it can give, and the handler. The Hono app (app.ts) and the
// OpenAPI document (openapi.ts) are both generated from these definitions, so the document
// cannot drift from what the server does.

import type { Context } from 'hono';
import { z } from 'zod';
import type { Store } from '../store/store.ts';

/** An error with an HTTP status and a message a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 500,
    message: string,
    readonly issues?: { param: string; message: string }[],
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) => new HttpError(404, `no ${what} with id "${id}"`);

export interface RouteContext<P, Q> {
  store: Store;
  params: P;
  query: Q;
  c: Context;
}

export interface RouteDef<P extends z.ZodObject = z.ZodObject, Q extends z.ZodObject = z.ZodObject> {
  method: 'get' | 'post';
  /** Hono-style path, e.g. /api/articles/:id. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  /** Request body for POST routes, described for OpenAPI (validated by the handler itself). */
  body?: { description: string; content: Record<string, { schema: Record<string, unknown> }> };
  response: z.ZodType;
  /** Statuses other than 200 this route can answer with. 400 is implied when it takes parameters. */
  errors: number[];
  /** Needs the write token. */
  auth?: boolean;
  handler(ctx: RouteContext<z.output<P>, z.output<Q>>): Promise<unknown>;
}

/** Keeps the generic types of one route while collecting them in a list. */
export const route = <P extends z.ZodObject, Q extends z.ZodObject>(def: RouteDef<P, Q>): RouteDef => def as unknown as RouteDef;

// ---- parameter building blocks, shared by routes ------------------------------------------------

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

export const Limit = (max = 200, dflt = 50) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(dflt)
    .describe(`how many items to return (1–${max}, default ${dflt})`);
export const Offset = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').default(0)
  .describe('how many items to skip (default 0)');
export const DateParam = (what: string) =>
  z.string().regex(ISO_DATE, 'must be a date as YYYY-MM-DD (or YYYY-MM)').optional().describe(what);
/** A YYYY-MM bound covers the whole month: from its first day, to its last. */
export const monthBound = (d: string | undefined, end: boolean) => (d && d.length === 7 ? `${d}-${end ? '31' : '01'}` : d);
export const Id = (what: string) => z.string().min(1, 'must not be empty').max(300, 'is too long').describe(what);

/** limit and offset, as most list routes take them. */
export const paging = { limit: Limit(), offset: Offset };

/** Turn zod issues into one sentence per parameter: `limit: must be at most 200 (got "500")`. */
export function describeIssues(err: z.ZodError, raw: Record<string, unknown>): { param: string; message: string }[] {
  return err.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return { param: i.keys.join(', '), message: `unknown parameter${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}` };
    const param = i.path.map(String).join('.') || '(query)';
    const got = raw[param];
    return { param, message: `${param}: ${i.message}${got !== undefined ? ` (got ${JSON.stringify(got)})` : ''}` };
  });
}

// ---- shared answer shapes ------------------------------------------------------------------------

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Total matching items, or null when counting would be as costly as the query (search). */
    total: z.number().int().nullable(),
    limit: z.number().int(),
    offset: z.number().int(),
    /** Offset of the next page, or null on the last one. */
    next: z.number().int().nullable(),
  });

export function page<T>(items: T[], total: number | null, limit: number, offset: number, hasMore?: boolean) {
  const more = hasMore ?? (total !== null && offset + items.length < total);
  return { items, total, limit, offset, next: more ? offset + items.length : null };
}

/** Slice an in-memory list into a page. */
export const slicePage = <T>(all: T[], limit: number, offset: number) => page(all.slice(offset, offset + limit), all.length, limit, offset);
