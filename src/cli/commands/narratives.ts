// echotrace narratives [ID]: the recurring claims the store holds, or one narrative with its claim,
// representative sentence, timeline (who promotes, reports, debunks, month by month), articles
// with their stance and evidence, and the known cases it repeats. --recompute rebuilds them first.

import type { Command } from 'commander';
import { action, CliError, out, printJson, withStore } from '../output.ts';
import { narrativesStage } from '../../group/narratives.ts';
import { createContext } from '../../pipeline.ts';
import type { CorpusSections } from '../../export/build.ts';

type Narrative = CorpusSections['narratives'][number] & {
  timeline: { period: string; outlet: string | null; stance: string | null; count: number }[];
  representative: { article: string; span: { text: string } } | null;
  articles: string[];
  stories: string[];
  cases: string[];
};

export function register(program: Command) {
  program
    .command('narratives')
    .description('List recurring narratives (claims across stories, outlets and months), or show one with its timeline and stances')
    .argument('[id]', 'a narrative id (n3) or an article id: show that narrative')
    .option('--recompute', 'rebuild every narrative and stance from the stored articles first')
    .action(
      action(async (id: string | undefined, o: { recompute?: boolean }) => {
        const g = program.opts();
        return withStore(g, async (store) => {
          if (o.recompute) {
            const r = await narrativesStage.recompute(store, createContext());
            if (!g.json) out(r.summary);
          }
          const sections: CorpusSections = { provenance: [], stories: [], narratives: [] };
          await narrativesStage.fillSections!(store, sections);
          const all = sections.narratives as Narrative[];
          if (!id) {
            if (g.json) return printJson(all);
            if (!all.length) return out('no narratives (ingest articles first; a narrative needs its claim in two articles, or a known seed or case)');
            for (const n of all) {
              const by = (s: string) => n.timeline.filter((t) => t.stance === s).reduce((a, t) => a + t.count, 0);
              const outlets = new Set(n.timeline.map((t) => t.outlet)).size;
              out(`${String(n.id).padEnd(5)} ${n.label}`);
              out(`      ${n.articles.length} articles, ${n.stories.length} stories, ${outlets} outlets; ${by('promotes')} promote, ${by('reports')} report, ${by('debunks')} debunk; ${n.cases.length} known cases`);
            }
            return;
          }
          const stored = (await store.groups.narratives({ ids: [id] }))[0] ?? (await store.groups.narratives({ articleIds: [id] }))[0];
          const n = stored && all.find((x) => x.id === stored.id);
          if (!n) throw new CliError(`no narrative or article "${id}" in ${store.location}`, 1);
          if (g.json) return printJson(n);
          out(`${n.id}  ${n.label}`);
          out(`  claim:    ${n.claim}`);
          out(`  entities: ${(n.entities as string[]).join(', ')}`);
          if (n.representative) out(`  e.g.      "${n.representative.span.text}" [${n.representative.article}]`);
          if (n.cases.length) out(`  known cases: ${n.cases.join(', ')}`);
          out('  timeline (period, outlet: stance × count):');
          const periods = [...new Set(n.timeline.map((t) => t.period))];
          for (const p of periods)
            out(`    ${p.padEnd(8)} ${n.timeline.filter((t) => t.period === p).map((t) => `${t.outlet ?? '?'}: ${t.stance ?? '?'} × ${t.count}`).join('; ')}`);
          out('  articles:');
          const summaries = new Map((await store.articles.list({ ids: n.articles })).map((s) => [s.id, s]));
          for (const aid of n.articles) {
            const a = await store.articles.get(aid);
            const st = (await store.articles.layers(aid, ['stance'])).stance?.[0];
            const ev = ((st?.data.evidence as { start: number; end: number }[] | undefined) ?? [])[0];
            const s = summaries.get(aid);
            out(`    ${String(st?.data.label ?? '-').padEnd(8)} ${(s?.published ?? 'undated').slice(0, 10)}  ${(s?.outlet?.name ?? '?').padEnd(22)} ${s?.title ?? aid}`);
            if (ev && a) out(`             "${a.text.slice(ev.start, ev.end).slice(0, 160)}"`);
          }
        });
      }),
    );
}
