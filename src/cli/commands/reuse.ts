// echotrace reuse [ID]: the passages one article (or the whole store) shares with others, both
// passages side by side with their differences marked, the kind, credit and direction with its
// evidence. --graph: which outlets reuse which.

import type { Command } from 'commander';
import type { Store } from '../../store/store.ts';
import { linkFrom } from '../../reuse/export.ts';
import { action, CliError, out, printJson, withStore } from '../output.ts';

type Side = { start: number; end: number; text: string };
type Diff = { here: Side | null; there: Side | null };

/** The span's text with the differing words marked: [-word-] here, {+word+} there. */
function marked(span: Side, diffs: (Side | null)[], open: string, close: string): string {
  let text = span.text;
  const marks = diffs.filter((d): d is Side => !!d && d.start >= span.start && d.end <= span.end).sort((a, b) => b.start - a.start);
  for (const d of marks) text = text.slice(0, d.start - span.start) + open + text.slice(d.start - span.start, d.end - span.start) + close + text.slice(d.end - span.start);
  return text.replace(/\s+/g, ' ');
}

function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function sideBySide(left: string, right: string, width = 56): string[] {
  const l = wrapLines(left, width);
  const r = wrapLines(right, width);
  const rows: string[] = [];
  for (let i = 0; i < Math.max(l.length, r.length); i++) rows.push(`  ${(l[i] ?? '').padEnd(width)} │ ${r[i] ?? ''}`);
  return rows;
}

async function linksOf(store: Store, id: string) {
  const a = await store.articles.get(id);
  if (!a) throw new CliError(`no article with id "${id}" in ${store.location}`, 1);
  const out: ReturnType<typeof linkFrom>[] = [];
  for (const l of await store.reuse.links({ article: id })) {
    const other = await store.articles.get(l.a === id ? l.b : l.a);
    out.push(linkFrom(id, l, a.text, other?.text ?? ''));
  }
  return out;
}

export function register(program: Command) {
  program
    .command('reuse')
    .description('Passages reused between articles: both passages side by side, differences marked, credit and direction with evidence')
    .argument('[id]', 'an article id; without it, every link in the store')
    .option('--kind <kind>', 'only links of this kind: quote, text, duplicate, boilerplate')
    .option('--limit <n>', 'at most this many links', '100')
    .option('--graph', 'the outlet graph instead: which outlets reuse which, with counts, credit and dates')
    .action(
      action(async (id: string | undefined, o: { kind?: string; limit: string; graph?: boolean }) => {
        const g = program.opts();
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, got "${o.limit}"`, 2);
        if (o.kind && !['quote', 'text', 'duplicate', 'boilerplate'].includes(o.kind)) throw new CliError(`--kind must be quote, text, duplicate or boilerplate, got "${o.kind}"`, 2);
        return withStore(g, async (store) => {
          if (o.graph) {
            const edges = await store.reuse.outletGraph();
            if (g.json) return printJson(edges);
            if (!edges.length) return out('no reuse between outlets in this store');
            for (const e of edges)
              out(`${e.from} ${e.directed ? '→ copies from →' : '⇄ shares with ⇄'} ${e.to}: ${e.links} passages, ${e.credited} credited${e.first ? `, ${e.first}${e.last !== e.first ? ` … ${e.last}` : ''}` : ', undated'}`);
            return;
          }
          const ids = id ? [id] : [...new Set((await store.reuse.links()).flatMap((l) => [l.a]))];
          const shown: (ReturnType<typeof linkFrom> & { article: string })[] = [];
          for (const x of ids) {
            for (const l of await linksOf(store, x)) {
              if (o.kind && l.kind !== o.kind) continue;
              // Without an id each link is shown once, from its copy's side (or its first article's).
              if (!id && l.data.role === 'source') continue;
              shown.push({ article: x, ...l });
              if (shown.length >= limit) break;
            }
            if (shown.length >= limit) break;
          }
          if (g.json) return printJson(shown);
          if (!shown.length) return out(id ? `no reuse found for ${id}` : 'no reuse links in this store (run `echotrace recompute` after changing settings)');
          for (const l of shown) {
            const d = l.data as Record<string, any>;
            const role = d.role === 'copy' ? 'copies' : d.role === 'source' ? 'is copied by' : 'shares with';
            out(`${l.article} ${role} ${l.other} — ${l.kind}, ${l.credited ? 'credited' : 'not credited'}, score ${l.score.toFixed(2)}, ${d.words} words`);
            for (const c of d.credits_other ?? []) out(`  credit here: "${c.text}"`);
            for (const c of d.credited_by_other ?? []) out(`  credit there: "${c.text}"`);
            if (d.direction?.evidence?.length) out(`  direction: ${d.direction.evidence.join('; ')}`);
            if (d.quote?.here || d.quote?.there) {
              const q = (x: any) => (x ? `${x.speaker ?? '?'}${x.told_to ? ` told ${x.told_to}` : ''}${x.via?.length ? ` via ${x.via.join(', ')}` : ''}` : '?');
              out(`  attribution: here ${q(d.quote.here)} | there ${q(d.quote.there)}`);
            }
            if (d.boilerplate) out(`  boilerplate: ${d.boilerplate}`);
            out(`  ${'here: ' + l.article}`.padEnd(58) + ` │ there: ${l.other}`);
            const diffs = l.diff as Diff[];
            for (const row of sideBySide(marked(l.span, diffs.map((x) => x.here), '[-', '-]'), marked(l.other_span, diffs.map((x) => x.there), '{+', '+}'))) out(row);
            out('');
          }
          if (shown.length >= limit) out(`(first ${limit} links; --limit N for more)`);
        });
      }),
    );
}
