// echotrace demo: the first thing a new user runs. Ingests the demo corpus in examples/ into the
// embedded store and prints what echotrace found in it.

import type { Command } from 'commander';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths } from '../../pipeline.ts';
import type { Store } from '../../store/store.ts';
import { action, err, out, withStore } from '../output.ts';

export const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
/** The articles themselves; examples/ also holds the demo's outlet, alias and case tables. */
export const DEMO_CORPUS = join(EXAMPLES, 'corpus');
export const DEMO_OUTLETS = join(EXAMPLES, 'outlets.json');
export const DEMO_ALIASES = join(EXAMPLES, 'aliases.json');
export const DEMO_CASES = join(EXAMPLES, 'cases.jsonl');

export function register(program: Command) {
  program
    .command('demo')
    .description('Ingest the demo corpus (examples/) into the store and print a summary of what was found')
    .action(
      action(async () => {
        const g = program.opts();
        return withStore(g, async (store) => {
          const { cases, summary: s } = await ingestDemo(store);
          for (const p of s.problems) err(`${p.path}${p.line ? ':' + p.line : ''}: ${p.level === 'warning' ? 'warning: ' : ''}${p.message}`);
          const stats = await store.stats();
          const outlets = await store.outlets.list();
          out(`echotrace demo: ${stats.articles} articles from ${outlets.length} outlets in ${store.location}`);
          for (const o of outlets) out(`  ${o.name.padEnd(32)} ${o.articles}`);
          out(`layers: ${Object.entries(stats.layers).map(([k, v]) => `${k} ${v}`).join(', ')}`);
          if (cases !== null) out(`known debunks: ${cases} cases from ${DEMO_CASES}`);
          for (const r of Object.values(s.corpus)) out(r.summary);
          out(`ingested ${s.inserted + s.updated}, unchanged ${s.unchanged}, failed ${s.failed}`);
          out('next: echotrace search "…", echotrace show ID, echotrace export --format json');
          return s.failed ? 1 : 0;
        });
      }),
    );
}

/** Ingest the demo corpus with its outlet, alias and case tables (`demo`, and `serve --demo` for `npm start`). */
export async function ingestDemo(store: Store) {
  // Cases first, so that articles can be matched to them as they are ingested.
  const cases = await importDemoCases(store);
  const summary = await ingestPaths(store, [DEMO_CORPUS], { outlets: [DEMO_OUTLETS], extra: { aliases: [DEMO_ALIASES] } });
  return { cases, summary };
}

/** The case importer arrives with the known-debunks work (issue 5); until then the demo runs without
 *  cases. The specifier is a variable so that type-checking does not require the module. Returns
 *  the number of cases imported, or null when there is no importer yet. */
async function importDemoCases(store: Store): Promise<number | null> {
  const spec = '../../cases/import/index.ts';
  let mod: { importCasesFile?: (path: string, o: { source?: string }) => { cases: unknown[]; problems: { level: string; message: string }[] } };
  try {
    mod = await import(spec);
  } catch {
    return null;
  }
  const repo = (store as unknown as { cases?: { upsert(cases: unknown[]): Promise<unknown> } }).cases;
  if (!mod.importCasesFile || !repo) return null;
  const r = mod.importCasesFile(DEMO_CASES, { source: 'veridesk' });
  for (const p of r.problems) err(`${DEMO_CASES}: ${p.level === 'warning' ? 'warning: ' : ''}${p.message}`);
  await repo.upsert(r.cases);
  return r.cases.length;
}
