// The HTTP app: the API routes (routes.ts) wired into Hono with validation and uniform errors,
// the OpenAPI document, and the built web UI (web/dist) as static files. Created in-process by the
// tests (app.request) and served by `echotrace serve`.

import { Hono, type Context } from 'hono';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/store.ts';
import { describeIssues, HttpError, type RouteDef } from './route.ts';
import { routes } from './routes/index.ts';
import { openApiDocument } from './openapi.ts';
import { tokenChecker } from './auth.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppOptions {
  store: Store;
  /** When set, POST /api/articles is allowed with this token. */
  token?: string;
  /** Directory of the built UI; default web/dist. Null: API only. */
  webDir?: string | null;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

// Article text reaches the UI only as text nodes; this policy is the second line of defence.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function errorBody(status: number, message: string, issues?: { param: string; message: string }[]) {
  return { error: { status, message, ...(issues ? { issues } : {}) } };
}

export function createApp(opts: AppOptions) {
  const { store } = opts;
  const auth = tokenChecker(opts.token);
  const app = new Hono();

  app.use('*', async (c, next) => {
    c.set('writable' as never, auth.enabled as never);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });

  const mount = (r: RouteDef) => {
    const handler = async (c: Context) => {
      if (r.auth) auth.check(c.req.raw.headers);
      const rawQuery = c.req.query();
      const rawParams = c.req.param() as Record<string, string>;
      const parse = (schema: RouteDef['query'], raw: Record<string, string>) => {
        if (!schema) return {};
        const res = schema.safeParse(raw);
        if (!res.success) {
          const issues = describeIssues(res.error, raw);
          throw new HttpError(400, issues.map((i) => i.message).join('; '), issues);
        }
        return res.data;
      };
      const params = parse(r.params, rawParams);
      const query = parse(r.query, rawQuery);
      const result = await r.handler({ store, params, query, c } as never);
      return result instanceof Response ? result : c.json(result as object);
    };
    if (r.method === 'get') app.get(r.path, handler);
    else app.post(r.path, handler);
  };
  for (const r of routes) mount(r);

  const doc = openApiDocument(routes);
  app.get('/api/openapi.json', (c) => c.json(doc));
  app.all('/api/*', (c) => {
    const known = routes.filter((r) => new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(c.req.path));
    if (known.length) return c.json(errorBody(405, `${c.req.method} is not allowed on ${c.req.path}; use ${known.map((r) => r.method.toUpperCase()).join(' or ')}`), 405);
    return c.json(errorBody(404, `no API route ${c.req.method} ${c.req.path}; see /api/openapi.json`), 404);
  });

  const webDir = opts.webDir === undefined ? WEB_DIST : opts.webDir;
  app.get('*', (c) => serveWeb(c, webDir));

  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json(errorBody(err.status, err.message, err.issues), err.status);
    console.error(`echotrace serve: ${c.req.method} ${c.req.path}: ${(err as Error).stack ?? err}`);
    return c.json(errorBody(500, `internal error: ${(err as Error).message}`), 500);
  });
  return app;
}

/** The built UI: a file under webDir, or index.html for the app's own routes. */
function serveWeb(c: Context, webDir: string | null) {
  const index = webDir ? join(webDir, 'index.html') : '';
  if (!webDir || !existsSync(index))
    return c.html(
      '<!doctype html><meta charset="utf-8"><title>echotrace</title><body style="font:16px system-ui;margin:3em">' +
        '<h1>echotrace</h1><p>The web UI has not been built. Run <code>npm run build:web</code> and reload; the API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>',
      503,
    );
  let decoded: string;
  try {
    decoded = decodeURIComponent(c.req.path);
  } catch {
    decoded = '/';
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(webDir, rel);
  if (!file.startsWith(webDir.endsWith(sep) ? webDir : webDir + sep) || !rel || !existsSync(file) || !statSync(file).isFile()) file = index;
  const body = readFileSync(file);
  const ext = extname(file);
  c.header('Content-Type', MIME[ext] ?? 'application/octet-stream');
  c.header('Content-Security-Policy', CSP);
  c.header('Cache-Control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
  return c.body(body);
}
