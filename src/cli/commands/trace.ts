// echotrace trace ID|"quote text": the provenance of a passage — the earliest source with its
// evidence and confidence (or why no call is made), then each copy with its date, credit and
// attribution, and where the attribution drifted.

import type { Command } from 'commander';
import type { Store } from '../../store/store.ts';
import { provenanceExport } from '../../reuse/export.ts';
import { normalWords } from '../../reuse/tokens.ts';
import { action, CliError, out, printJson, withStore, wrap } from '../output.ts';

type Group = ReturnType<typeof provenanceExport>;

const contains = (hay: string[], needle: string[]) => {
  if (!needle.length) return false;
  const h = ` ${hay.join(' ')} `;
  return h.includes(` ${needle.join(' ')} `);
};

/** Groups with this article, or groups whose passage contains the words of this text. */
export async function findGroups(store: Store, query: string): Promise<Group[]> {
  if (await store.articles.get(query)) return (await store.reuse.provenance({ article: query })).map(provenanceExport);
  const words = normalWords(query);
  if (!words.length) return [];
  // The query may be a fragment, with its quotation marks and case changed: match on normal words.
  const out: Group[] = [];
  for (const g of await store.reuse.provenance()) {
    if (contains(normalWords(g.text), words)) {
      out.push(provenanceExport(g));
      continue;
    }
    for (const m of g.members) {
      const a = await store.articles.get(m.article);
      const sp = (m.data as { span?: { start: number; end: number } }).span;
      if (a && sp && contains(normalWords(a.text.slice(sp.start, sp.end)), words)) {
        out.push(provenanceExport(g));
        break;
      }
    }
  }
  return out;
}

export function printGroup(g: Group, titles: Map<string, string>): void {
  out(`${g.id}: ${g.kind} shared by ${g.members.length} articles`);
  out(wrap(`“${g.text.replace(/\s+/g, ' ')}”`, 96, '  '));
  const e = g.earliest as { article: string; confidence: number; evidence: string[] } | null;
  if (e) out(`  earliest: ${e.article} (confidence ${e.confidence.toFixed(2)})`);
  else out('  earliest: no call');
  for (const line of e?.evidence ?? g.undecided ?? []) out(`    · ${line}`);
  out('  chain:');
  const order = [...g.members].sort((a, b) => (a.role === 'earliest' ? -1 : b.role === 'earliest' ? 1 : (a.published ?? '9999').localeCompare(b.published ?? '9999')));
  order.forEach((m, i) => {
    const attribution = [m.speaker ? `speaker ${m.speaker}` : null, m.told_to ? `told ${m.told_to}` : null, m.via.length ? `via ${m.via.join(', ')}` : null].filter(Boolean).join(', ');
    out(`  ${i === 0 ? '●' : '└→'} ${m.article} [${m.outlet ?? 'outlet unknown'}] ${m.published ?? 'undated'} — ${m.role}${titles.get(m.article) ? `: ${titles.get(m.article)}` : ''}`);
    if (m.published_evidence.length) out(`      date from: ${m.published_evidence.join('; ')}`);
    if (attribution) out(`      attribution: ${attribution}`);
    out(`      ${m.credited ? `credits: ${m.credits.map((c: { text: string }) => `"${c.text}"`).join(', ')}` : 'no credit to the others'}`);
  });
  if (g.drift.length) {
    out('  drift:');
    for (const d of g.drift as { field: string; values: string[]; articles?: Record<string, string[]> }[])
      out(`    ${d.field}: ${d.values.map((v) => `${v}${d.articles?.[v] ? ` (${d.articles[v].join(', ')})` : ''}`).join(' ≠ ')}`);
  }
}

export function register(program: Command) {
  program
    .command('trace')
    .description('Trace a passage: the earliest source with evidence and confidence, each copy with date, credit and attribution drift')
    .argument('<id-or-text>', 'an article id, or the text of a quote or passage (quotation marks and case do not matter)')
    .action(
      action(async (query: string) => {
        const g = program.opts();
        return withStore(g, async (store) => {
          const groups = await findGroups(store, query);
          if (g.json) return printJson(groups);
          if (!groups.length) {
            const isId = !!(await store.articles.get(query));
            throw new CliError(isId ? `${query} shares no passage with another article` : `no shared passage contains "${query.slice(0, 80)}"`, 1);
          }
          const titles = new Map<string, string>();
          for (const gr of groups) for (const m of gr.members) if (!titles.has(m.article)) titles.set(m.article, (await store.articles.get(m.article))?.title ?? '');
          groups.forEach((gr, i) => {
            if (i) out('');
            printGroup(gr, titles);
          });
        });
      }),
    );
}
