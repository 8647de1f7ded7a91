// echotrace serve: the HTTP API and the web UI over one store. Read-only unless started with a
// token; `--demo` first ingests the demo corpus (what `npm start` does).

import type { Command } from 'commander';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import { ensureWebBuilt } from '../../server/build-web.ts';
import { openStore } from '../../store/open.ts';
import { ingestDemo } from './demo.ts';
import { action, CliError, err, out } from '../output.ts';

export function register(program: Command) {
  program
    .command('serve')
    .description('Serve the HTTP API (/api, documented at /api/openapi.json) and the web UI over the store')
    .option('-p, --port <n>', 'port to listen on (0: any free port)', process.env.PORT ?? '4477')
    .option('--host <addr>', 'address to listen on (0.0.0.0 to allow other machines)', '127.0.0.1')
    .option('--token <t>', 'allow POST /api/articles with this token (env ECHOTRACE_TOKEN); read-only without it', process.env.ECHOTRACE_TOKEN)
    .option('--demo', 'first ingest the demo corpus (examples/) into the store')
    .option('--no-build', 'do not build the web UI even when it is missing or stale')
    .action(
      action(async (o: { port: string; host: string; token?: string; demo?: boolean; build: boolean }) => {
        const port = Number(o.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(o.port)}`, 2);
        if (o.token !== undefined && o.token.length < 8) throw new CliError('--token must be at least 8 characters long', 2);
        const g = program.opts();
        let store;
        try {
          store = await openStore(g.db);
        } catch (e) {
          throw new CliError((e as Error).message, 2);
        }
        if (o.demo) {
          const { cases, summary: s } = await ingestDemo(store);
          const stats = await store.stats();
          out(`demo corpus: ${stats.articles} articles${cases !== null ? `, ${cases} known debunks` : ''} in ${store.location} (ingested ${s.inserted + s.updated}, unchanged ${s.unchanged}, failed ${s.failed})`);
          for (const p of s.problems) err(`${p.level}: ${p.path}${p.line ? `:${p.line}` : ''}: ${p.message}`);
        }
        if (o.build) {
          const built = await ensureWebBuilt({ quiet: true }).catch((e: Error) => (err(`echotrace: the web UI failed to build: ${e.message}`), 'failed'));
          if (built === 'built') out('web UI built (web/dist)');
          if (built === 'no-vite') err('echotrace: the web UI is not built and Vite is not installed; serving the API only');
        }
        const app = createApp({ store, token: o.token });
        await new Promise<void>((resolve, reject) => {
          const server = serve({ fetch: app.fetch, port, hostname: o.host }, (info) => {
            const host = o.host === '0.0.0.0' || o.host === '::' ? 'localhost' : o.host;
            out(`echotrace: open http://${host}:${info.port}/  (API: http://${host}:${info.port}/api/openapi.json; ${o.token ? 'ingest enabled with the token' : 'read-only'}; store ${store.location})`);
          });
          server.on('error', (e: NodeJS.ErrnoException) =>
            reject(new CliError(e.code === 'EADDRINUSE' ? `port ${port} is already in use; pick another with --port` : e.message, 2)),
          );
          const stop = () => {
            server.close(() => store.close().then(resolve, resolve));
            // Idle keep-alive connections would otherwise hold the process open for seconds.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
}
