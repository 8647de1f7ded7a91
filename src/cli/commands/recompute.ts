// echotrace recompute: rebuild every corpus stage (reuse, provenance, stories, …) from the stored
// articles, for when settings or rules changed. Ingest keeps them up to date incrementally.

import type { Command } from 'commander';
import { createContext } from '../../pipeline.ts';
import { runCorpusStages } from '../../corpus.ts';
import { action, err, out, printJson, withStore } from '../output.ts';

export function register(program: Command) {
  program
    .command('recompute')
    .description('Rebuild every corpus stage (reuse, provenance, stories, narratives, case matches) from the stored articles')
    .option('--outlets <file...>', 'extra outlet tables (shape: data/outlets.json)')
    .option('--reuse-settings <file...>', 'reuse settings overriding data/reuse.json')
    .action(
      action(async (o: { outlets?: string[]; reuseSettings?: string[] }) => {
        const g = program.opts();
        return withStore(g, async (store) => {
          const ctx = createContext({ outlets: o.outlets, extra: o.reuseSettings ? { reuse: o.reuseSettings } : {} });
          const t0 = performance.now();
          const reports = await runCorpusStages(store, [], ctx, { recompute: true, onStage: (name) => !g.json && err(`recompute: ${name}…`) });
          if (g.json) return printJson({ reports, seconds: (performance.now() - t0) / 1000 });
          for (const r of Object.values(reports)) out(r.summary);
          out(`recomputed ${Object.keys(reports).length} corpus stages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        });
      }),
    );
}
