// echotrace stories [ID]: the stories (articles about one real-world event) the store holds, or one
// story with its members and the names they share. --recompute rebuilds every story first.

import type { Command } from 'commander';
import { action, CliError, out, printJson, withStore } from '../output.ts';
import { storiesStage } from '../../group/stories.ts';
import { createContext } from '../../pipeline.ts';

export function register(program: Command) {
  program
    .command('stories')
    .description('List stories (articles about one event), largest first, or show one story with its articles')
    .argument('[id]', 'a story id (s12) or an article id: show that story')
    .option('--min <n>', 'list only stories with at least this many articles', '2')
    .option('-n, --limit <n>', 'how many stories to list', '50')
    .option('--recompute', 'rebuild every story from the stored articles first (after changing data/stories/weights.json)')
    .action(
      action(async (id: string | undefined, o: { min: string; limit: string; recompute?: boolean }) => {
        const min = Number(o.min);
        const limit = Number(o.limit);
        if (!Number.isInteger(min) || min < 1) throw new CliError(`--min must be a positive whole number, got ${JSON.stringify(o.min)}`, 2);
        if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, got ${JSON.stringify(o.limit)}`, 2);
        const g = program.opts();
        return withStore(g, async (store) => {
          if (o.recompute) {
            const r = await storiesStage.recompute(store, createContext());
            if (!g.json) out(r.summary);
          }
          if (id) {
            const story = (await store.groups.stories({ ids: [id] }))[0] ?? (await store.groups.stories({ articleIds: [id] }))[0];
            if (!story) throw new CliError(`no story or article "${id}" in ${store.location}`, 1);
            const members = await store.articles.list({ ids: story.articles });
            if (g.json) return printJson({ ...story, members });
            out(`${story.id}  ${story.label}`);
            out(`  ${story.articles.length} articles, ${story.start ?? 'undated'}${story.end && story.end !== story.start ? ` … ${story.end}` : ''}`);
            const names = (story.data.names as string[] | undefined) ?? [];
            if (names.length) out(`  shared names: ${names.join(', ')}`);
            for (const m of members) out(`  ${(m.published ?? 'undated').slice(0, 10)}  ${(m.outlet?.name ?? '?').padEnd(24)} ${m.title}  [${m.id}]`);
            return;
          }
          const all = (await store.groups.stories()).filter((s) => s.articles.length >= min).sort((a, b) => b.articles.length - a.articles.length);
          if (g.json) return printJson(all.slice(0, limit));
          if (!all.length) return out(`no stories with ${min} or more articles (ingest articles first, or try --min 1)`);
          out(`${all.length} stories with ${min}+ articles${all.length > limit ? `, the ${limit} largest` : ''}:`);
          for (const s of all.slice(0, limit)) out(`${s.id.padEnd(6)} ${String(s.articles.length).padStart(4)}  ${(s.start ?? 'undated').slice(0, 10)}  ${s.label}`);
        });
      }),
    );
}
