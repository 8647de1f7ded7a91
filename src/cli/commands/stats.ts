// echotrace stats: what the store holds.

import type { Command } from 'commander';
import { action, out, printJson, withStore } from '../output.ts';

export function register(program: Command) {
  program
    .command('stats')
    .description('Counts of what the store holds: articles, outlets, layers, corpus-stage results')
    .action(
      action(async () => {
        const g = program.opts();
        return withStore(g, async (store) => {
          const s = await store.stats();
          const outlets = await store.outlets.list();
          if (g.json) return printJson({ ...s, byOutlet: outlets });
          out(`store      ${store.kind} ${store.location}`);
          out(`articles   ${s.articles}  (${s.earliest ?? '?'} … ${s.latest ?? '?'})`);
          out(`outlets    ${s.outlets}${outlets.length ? ': ' + outlets.slice(0, 8).map((o) => `${o.name} ${o.articles}`).join(', ') + (outlets.length > 8 ? ', …' : '') : ''}`);
          out(`removed    ${s.removed} boilerplate lines`);
          out(`layers     ${Object.entries(s.layers).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
          if (Object.keys(s.corpus).length) out(`corpus     ${Object.entries(s.corpus).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        });
      }),
    );
}
