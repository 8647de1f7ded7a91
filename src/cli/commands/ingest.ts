// echotrace ingest PATH...: read, clean, analyse and store articles; then update corpus stages.

import type { Command } from 'commander';
import { runIngest } from '../../parallel/ingest.ts';
import { action, err, out, printJson, progressBar, withStore } from '../output.ts';

export function register(program: Command) {
  program
    .command('ingest')
    .description('Ingest articles from files or directories (.txt, .html/.htm, .jsonl/.json, RSS/Atom .xml/.rss/.atom)')
    .argument('<paths...>', 'files or directories (read recursively)')
    .option('--rules <file...>', 'extra boilerplate rule files (shape: data/rules/boilerplate.json)')
    .option('--outlets <file...>', 'extra outlet tables (shape: data/outlets.json)')
    .option('--aliases <file...>', 'extra entity alias tables (shape: data/aliases.json)')
    .option('--exclude <glob>', "leave out files and folders found in directories whose path or name matches (e.g. '*.json', 'drafts/**'); repeatable", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--no-corpus', 'skip the corpus stages (reuse, stories, ...); run them later with `echotrace recompute`')
    .option('-q, --quiet', 'print only the summary line and errors')
    .option('--workers <n>', 'parse and analyse on N worker threads while one writer commits (0: on the main thread); on PostgreSQL several processes share the input list', (v) => {
      if (!/^\d+$/.test(v) || Number(v) > 64) throw new Error(`--workers must be a whole number from 0 to 64, got ${JSON.stringify(v)}`);
      return Number(v);
    })
    .addHelpText('after', '\nExit status: 0 when every input was read, 1 when any input failed, 2 when the store could not be opened.')
    .action(
      action(async (paths: string[], o: { rules?: string[]; outlets?: string[]; aliases?: string[]; exclude?: string[]; corpus: boolean; quiet?: boolean; workers?: number }) => {
        const g = program.opts();
        return withStore(g, async (store) => {
          const bar = progressBar('ingest');
          const summary = await runIngest(
            store,
            paths,
            { rules: o.rules, outlets: o.outlets, extra: o.aliases ? { aliases: o.aliases } : {}, exclude: o.exclude, corpus: o.corpus, workers: o.workers },
            {
              onFiles: (n) => bar?.start(n, 0, { file: '' }),
              onFile: (f, done) => bar?.update(done, { file: f.length > 40 ? '…' + f.slice(-39) : f }),
              onProblem: (p) => {
                if (g.json || (o.quiet && p.level === 'warning')) return;
                const where = p.line ? `${p.path}:${p.line}` : p.path;
                bar ? bar.stop() : undefined;
                err(`${p.level}: ${where}: ${p.message}`);
              },
              onCorpusStage: (name) => !g.json && !o.quiet && err(`corpus: ${name}…`),
            },
          );
          bar?.stop();
          if (g.json) printJson({ ...summary, changed: summary.changed.length });
          else {
            for (const r of Object.values(summary.corpus)) if (!o.quiet) out(r.summary);
            out(
              `ingested ${summary.inserted + summary.updated} (${summary.inserted} new, ${summary.updated} updated), ` +
                `unchanged ${summary.unchanged}, failed ${summary.failed}, warnings ${summary.warnings} ` +
                `— ${summary.documents} documents from ${summary.files} files in ${summary.seconds.toFixed(1)} s into ${store.location}`,
            );
          }
          return summary.failed > 0 ? 1 : 0;
        });
      }),
    );
}
