// The echotrace command line: one file per command in ./commands, registered here.

import { Command } from 'commander';
import { DEFAULT_DB } from '../store/open.ts';
import * as ingest from './commands/ingest.ts';
import * as search from './commands/search.ts';
import * as show from './commands/show.ts';
import * as exportCmd from './commands/export.ts';
import * as stats from './commands/stats.ts';
import * as demo from './commands/demo.ts';
import * as stories from './commands/stories.ts';
import * as narratives from './commands/narratives.ts';
import * as aliases from './commands/aliases.ts';
import * as reuse from './commands/reuse.ts';
import * as trace from './commands/trace.ts';
import * as recompute from './commands/recompute.ts';
import * as cases from './commands/cases.ts';
import * as match from './commands/match.ts';
import * as serve from './commands/serve.ts';
import * as migrate from './commands/migrate.ts';

// A reader that stops early (`echotrace trace … | head`) closes the pipe: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const program = new Command();
program
  .name('echotrace')
  .description('Reads a pile of news articles and answers: who says what, who copied whom, what it belongs to, and whether it was checked before.')
  .version('0.1.0')
  .option('--db <file|url>', `the store: an SQLite file, or a postgres:// URL (env ECHOTRACE_DB)`, process.env.ECHOTRACE_DB ?? DEFAULT_DB)
  .option('--json', 'machine-readable output')
  .showHelpAfterError();

for (const c of [ingest, search, show, exportCmd, stats, demo, stories, narratives]) c.register(program);
for (const c of [cases, match]) c.register(program);
serve.register(program);
aliases.register(program);
migrate.register(program);
for (const c of [reuse, trace, recompute]) c.register(program);

await program.parseAsync(process.argv);
