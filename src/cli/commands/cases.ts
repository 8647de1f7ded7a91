// echotrace cases import|list|show: the known debunks the store holds (src/cases).

import type { Command } from 'commander';
import { action, CliError, err, out, printJson, withStore, wrap } from '../output.ts';
import { importCasesFile } from '../../cases/import/index.ts';
import { linkArticles } from '../../cases/index.ts';
import type { CaseUpsertReport } from '../../store/repos/cases.ts';

const BATCH = 1000;
const SHOW_PROBLEMS = 20;

export function register(program: Command) {
  const cases = program.command('cases').description('Known debunks: import fact-check databases, list and show cases');

  cases
    .command('import')
    .description(
      'Import cases; the format is recognised from the content: EUvsDisinfo CSV (2017 ;-scrape, 2021 ,-scrape) and API JSON-LD, ' +
        'CheckThat!/Snopes/PolitiFact vclaims (JSONL, .gz), PolitiFact records, ClaimReview JSON-LD or Fact Check Tools JSON, ' +
        'plain JSONL/CSV {id, claim, title?, url?, date?, verdict?}. Re-importing is a no-op.',
    )
    .argument('<files...>', 'files to import')
    .option('--source <name>', 'source name, also the id prefix (default: from the format, e.g. euvsdisinfo, politifact)')
    .option('--verbose', 'also list records skipped with a warning')
    .option('--no-link', 'do not re-link the stored articles to the cases afterwards')
    .action(
      action(async (files: string[], o: { source?: string; verbose?: boolean; link: boolean }) => {
        const g = program.opts();
        if (o.source !== undefined && !/^[a-z][\w.-]*$/i.test(o.source)) throw new CliError(`--source must be a name like "euvsdisinfo" (letters, digits, . _ -), got ${JSON.stringify(o.source)}`, 2);
        return withStore(g, async (store) => {
          let failed = 0;
          const reports = [];
          for (const file of files) {
            const r = importCasesFile(file, { source: o.source });
            const errors = r.problems.filter((p) => p.level !== 'warning');
            const warnings = r.problems.length - errors.length;
            const total: CaseUpsertReport = { inserted: 0, updated: 0, unchanged: 0 };
            for (let i = 0; i < r.cases.length; i += BATCH) {
              const rep = await store.cases.upsert(r.cases.slice(i, i + BATCH));
              total.inserted += rep.inserted;
              total.updated += rep.updated;
              total.unchanged += rep.unchanged;
            }
            if (errors.length || !r.cases.length) failed++;
            const shown = [...errors, ...(o.verbose ? r.problems.filter((p) => p.level === 'warning') : [])];
            for (const p of shown.slice(0, SHOW_PROBLEMS)) err(`${p.path}${p.line ? ':' + p.line : ''}: ${p.level === 'warning' ? 'warning: ' : ''}${p.message}`);
            if (shown.length > SHOW_PROBLEMS) err(`${file}: … and ${shown.length - SHOW_PROBLEMS} more problems`);
            reports.push({ file, format: r.format, cases: r.cases.length, ...total, errors: errors.length, warnings, duplicates: r.duplicates ?? 0, problems: r.problems });
            if (!g.json && r.format !== 'unreadable')
              out(
                `${file}: ${r.format}, ${r.cases.length} cases (${total.inserted} new, ${total.updated} updated, ${total.unchanged} unchanged)` +
                  (errors.length ? `, ${errors.length} bad records skipped` : '') +
                  (warnings ? `, ${warnings} skipped with a warning${o.verbose ? '' : ' (--verbose lists them)'}` : '') +
                  (r.duplicates ? `, ${r.duplicates} repeated ids merged` : ''),
              );
          }
          // New or changed cases can change which stored articles repeat them: re-link them all.
          const changed = reports.some((r) => r.inserted || r.updated);
          let linked = null;
          if (o.link && changed && (await store.articles.count())) {
            linked = await linkArticles(store, await store.articles.ids());
            if (!g.json) out(`linked ${linked.links} article-case pairs across ${linked.articles} stored articles`);
          }
          if (g.json) printJson({ files: reports, linked });
          return failed ? 1 : 0;
        });
      }),
    );

  cases
    .command('list')
    .description('List stored cases in id order')
    .option('--source <name>', 'only this source')
    .option('-n, --limit <n>', 'how many', '20')
    .option('--after <id>', 'start after this id (paging)')
    .action(
      action(async (o: { source?: string; limit: string; after?: string }) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, got ${JSON.stringify(o.limit)}`, 2);
        const g = program.opts();
        return withStore(g, async (store) => {
          const rows = await store.cases.list({ source: o.source, limit, after: o.after });
          if (g.json) return printJson({ total: await store.cases.count({ source: o.source }), cases: rows });
          for (const c of rows) out(`${c.id}  ${c.date ?? '          '}  ${c.verdict ?? ''}  ${(c.title ?? c.claim).slice(0, 90)}`);
          out(`(${await store.cases.count({ source: o.source })} cases${o.source ? ' from ' + o.source : ''})`);
        });
      }),
    );

  cases
    .command('show')
    .description('Show one case in full')
    .argument('<id>', 'case id, e.g. euvsdisinfo:us-trains-isis-in-syria')
    .action(
      action(async (id: string) => {
        const g = program.opts();
        return withStore(g, async (store) => {
          const [c] = await store.cases.get([id]);
          if (!c) throw new CliError(`no case ${JSON.stringify(id)} in ${store.location}`, 1);
          if (g.json) return printJson(c);
          out(`${c.id}  (${c.source}${c.date ? ', ' + c.date : ''}${c.verdict ? ', ' + c.verdict : ''})`);
          if (c.title) out(`title    ${c.title}`);
          out(wrap(`claim    ${c.claim}`, 100));
          if (c.url) out(`url      ${c.url}`);
          for (const [k, v] of Object.entries(c.data)) out(`${k.padEnd(8)} ${typeof v === 'string' ? v : JSON.stringify(v)}`.slice(0, 200));
          if (c.text) out('\n' + wrap(c.text.slice(0, 2000) + (c.text.length > 2000 ? ' …' : ''), 100));
        });
      }),
    );
}
