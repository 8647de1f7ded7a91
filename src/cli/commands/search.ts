// echotrace search QUERY: ranked full-text search with snippets; a query that names an entity
// also finds the entity's other names (src/store/expand-query.ts).

import type { Command } from 'commander';
import { action, CliError, out, printJson, withStore } from '../output.ts';
import { expandQuery } from '../../store/expand-query.ts';

export function register(program: Command) {
  program
    .command('search')
    .description('Full-text search over titles and texts, ranked (BM25), with snippets; "quoted phrases" match exactly')
    .argument('<query...>', 'words and "quoted phrases"; all must match')
    .option('-n, --limit <n>', 'how many results', '20')
    .option('--exact', 'search only the words typed, not the other names of the entity they name ("Daesh" also finds "ISIS" without it)')
    .action(
      action(async (words: string[], o: { limit: string; exact?: boolean }) => {
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, got ${JSON.stringify(o.limit)}`, 2);
        const g = program.opts();
        return withStore(g, async (store) => {
          const query = words.join(' ');
          const { orPhrases } = o.exact ? { orPhrases: [] } : await expandQuery(store, query);
          const hits = await store.articles.search(query, { limit, orPhrases });
          if (g.json) return printJson(hits);
          if (orPhrases.length) out(`also searched, as names of the same entity: ${orPhrases.join(', ')}`);
          if (!hits.length) return out('no matches');
          hits.forEach((h, i) => {
            out(`${String(i + 1).padStart(2)}. ${h.title}  [${h.id}]  score ${h.score.toFixed(2)}`);
            out(`    ${h.snippet.replace(/\s+/g, ' ')}`);
          });
        }, { readonly: false });
      }),
    );
}
