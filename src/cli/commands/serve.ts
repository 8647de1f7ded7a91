// echotrace serve: the HTTP API and the web UI over one store. Read-only unless started with a
// token; `--demo` first ingests the demo corpus (what `npm start` does). `--workers N` runs N
// server processes on one port (node:cluster): SQLite in WAL mode and PostgreSQL both take
// readers in parallel, and each process sees the others' writes through the store's change token.

import type { Command } from 'commander';
import cluster from 'node:cluster';
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
    .option('-w, --workers <n>', 'server processes sharing the port (one per core serves more requests at once)', '1')
    .action(
      action(async (o: { port: string; host: string; token?: string; demo?: boolean; build: boolean; workers: string }) => {
        const port = Number(o.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(o.port)}`, 2);
        if (o.token !== undefined && o.token.length < 8) throw new CliError('--token must be at least 8 characters long', 2);
        const workers = Number(o.workers);
        if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new CliError(`--workers must be a whole number from 1 to 64, got ${JSON.stringify(o.workers)}`, 2);
        // A forked server process: the primary already ingested the demo and built the UI.
        const forked = cluster.isWorker;
        if (forked) (o.demo = false), (o.build = false);
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
        if (workers > 1 && !forked) {
          await store.close();
          return runCluster(workers, o.token, o.host, store.location);
        }
        const app = createApp({ store, token: o.token });
        await new Promise<void>((resolve, reject) => {
          const server = serve({ fetch: app.fetch, port, hostname: o.host }, (info) => {
            if (forked) return; // the primary says where, once
            out(listeningLine(o.host, info.port, o.token, store.location));
          });
          server.on('error', (e: NodeJS.ErrnoException) => {
            const message = e.code === 'EADDRINUSE' ? `port ${port} is already in use; pick another with --port` : e.message;
            if (!forked) return reject(new CliError(message, 2));
            // A forked process would be kept alive by its channel to the primary: say why and leave.
            err(`echotrace: ${message}`);
            process.exit(2);
          });
          const stop = () => {
            // A forked process stays tied to the primary by its IPC channel: leave outright.
            server.close(() => store.close().then(forked ? () => process.exit(0) : resolve, forked ? () => process.exit(1) : resolve));
            // Idle keep-alive connections would otherwise hold the process open for seconds.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
}

function listeningLine(host: string, port: number, token: string | undefined, location: string, processes = 1): string {
  const h = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const procs = processes > 1 ? `; ${processes} processes` : '';
  return `echotrace: open http://${h}:${port}/  (API: http://${h}:${port}/api/openapi.json; ${token ? 'ingest enabled with the token' : 'read-only'}${procs}; store ${location})`;
}

/**
 * The primary of `serve --workers N`: forks the server processes (the same command line), says
 * where they listen once they do, replaces one that dies, and stops them all on SIGINT/SIGTERM.
 */
function runCluster(n: number, token: string | undefined, host: string, location: string): Promise<number> {
  return new Promise<number>((resolve) => {
    let exitCode = 0;
    let stopping = false;
    let announced = false;
    cluster.on('listening', (_w, address) => {
      if (announced) return;
      announced = true;
      out(listeningLine(host, address.port, token, location, n));
    });
    cluster.on('exit', (w, code, signal) => {
      if (stopping) {
        if (code && !exitCode) exitCode = code;
        if (!Object.keys(cluster.workers ?? {}).length) resolve(exitCode);
        return;
      }
      // One that never got to listen (port taken, store unreadable) would fail again: give up.
      if (!announced) {
        exitCode = 2;
        stop();
        return;
      }
      err(`echotrace: server process ${w.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`);
      cluster.fork();
    });
    for (let i = 0; i < n; i++) cluster.fork();
    const stop = () => {
      stopping = true;
      const left = Object.values(cluster.workers ?? {});
      for (const w of left) w?.process.kill('SIGTERM');
      if (!left.length) resolve(exitCode);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
