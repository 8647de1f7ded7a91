// Every API route: what it takes (zod), what it answers (zod), and how, one file per part of the
// API. Read-only except POST /api/articles, which needs the token the server was started with
// (see ../ingest.ts). app.ts mounts these and openapi.ts documents them.

import type { RouteDef } from '../route.ts';
import { ingestRoute } from '../ingest.ts';
import { articlesRoutes } from './articles.ts';
import { groupsRoutes } from './groups.ts';
import { reuseRoutes } from './reuse.ts';
import { catalogRoutes } from './catalog.ts';

export const routes: RouteDef[] = [...articlesRoutes, ...groupsRoutes, ...reuseRoutes, ...catalogRoutes, ingestRoute];
