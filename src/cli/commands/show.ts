// echotrace show ID: one article, readable: metadata with its evidence, the clean text, what was
// removed, and every annotation layer with the text it covers.

import type { Command } from 'commander';
import { exportArticle } from '../../export/build.ts';
import type { ExportArticle } from '../../export/contract.ts';
import type { Evidence } from '../../model.ts';
import { action, CliError, out, printJson, withStore, wrap } from '../output.ts';

const ev = (e: Evidence[]) => e.map((x) => `${x.method}${x.text ? ` "${x.text.slice(0, 80)}"` : ''}${x.note ? ` (${x.note})` : ''}`).join('; ');

export function printArticle(a: ExportArticle, opts: { text?: boolean } = {}) {
  out(`${a.title}`);
  out(`${'─'.repeat(Math.min(a.title.length, 100))}`);
  out(`id         ${a.id}`);
  out(`source     ${a.source.path}${a.source.line ? `:${a.source.line}` : ''} (${a.source.format})`);
  if (a.url) out(`url        ${a.url}`);
  out(`outlet     ${a.outlet ? `${a.outlet.name} [${a.outlet.entity}] ← ${ev(a.outlet.evidence)}` : 'unknown'}`);
  out(`published  ${a.published ? `${a.published.date} ← ${ev(a.published.evidence)}` : 'unknown'}`);
  if (a.story || a.narrative) out(`groups     story ${a.story ?? '-'}, narrative ${a.narrative ?? '-'}`);
  if (a.stance) out(`stance     ${a.stance.label} ← ${a.stance.evidence.map((e) => `"${e.text.slice(0, 100)}"`).join('; ')}`);
  out(`sentences  ${a.sentences.length}`);
  if (opts.text !== false) {
    out('');
    out(wrap(a.text, 100, '  '));
  }
  if (a.removed.length) {
    out('');
    out(`removed (${a.removed.length}):`);
    for (const r of a.removed) out(`  - ${r.reason} [${r.rule}]: "${r.text.slice(0, 90)}"`);
  }
  if (a.entities.length) {
    out('');
    const byEntity = new Map<string, Set<string>>();
    for (const e of a.entities) (byEntity.get(`${e.entity} (${e.type})`) ?? byEntity.set(`${e.entity} (${e.type})`, new Set()).get(`${e.entity} (${e.type})`)!).add(e.text);
    out(`entities (${byEntity.size}):`);
    for (const [k, forms] of byEntity) out(`  - ${k}: ${[...forms].join(' = ')}`);
  }
  if (a.quotes.length) {
    out('');
    out(`quotes (${a.quotes.length}):`);
    for (const q of a.quotes as Record<string, any>[]) {
      const sp = q.speaker;
      const who = sp ? `${sp.name ?? sp.text}${sp.name && sp.text !== sp.name ? ` ("${sp.text}")` : ''}${sp.role ? `, ${sp.role}` : ''}${sp.anonymous ? ' [anonymous]' : ''}` : 'unknown speaker';
      out(`  - ${q.id} [${q.kind}${q.sourcing ? `, ${q.sourcing}` : ''}] ${who}${q.cue ? ` — ${q.cue.text}` : ''}${q.told_to ? ` → told ${q.told_to.text}` : ''}${q.via?.length ? ` (via ${q.via.map((v: any) => v.text).join(', ')})` : ''}`);
      out(wrap(`"${q.content?.text ?? ''}"`, 96, '      '));
      const why = [q.evidence?.antecedent ? `speaker resolved to "${q.evidence.antecedent.text}"` : null, q.evidence?.sourcing].filter(Boolean);
      if (why.length) out(`      ← ${why.join('; ')}`);
    }
  }
  if (a.sourcing) {
    const s = a.sourcing as Record<string, any>;
    out('');
    const counts = Object.entries(s.counts ?? {}).filter(([, n]) => (n as number) > 0).map(([k, n]) => `${k} ${n}`).join(', ');
    out(`sourcing: ${s.quotes ?? 0} quotes${counts ? ` (${counts})` : ''}`);
    for (const u of s.unverified ?? []) out(`  - unverified [${u.kind}] "${u.text}" at ${u.start}: …${a.text.slice(Math.max(0, u.start - 40), u.end + 40).replace(/\s+/g, ' ')}…`);
    for (const u of s.anonymity ?? []) out(`  - anonymity "${u.text}" at ${u.start}`);
  }
  if (a.dates.length) {
    out('');
    out(`dates: ${a.dates.map((d) => `"${d.text}" → ${d.date ?? '?'}`).join(', ')}`);
  }
  if (a.reuse.length) {
    out('');
    out(`reuse (${a.reuse.length}):`);
    for (const r of a.reuse as Record<string, any>[])
      out(`  - ${r.kind}${r.credited ? ', credited' : ', uncredited'} with ${r.other} (score ${Number(r.score).toFixed(2)}): "${String(r.span?.text ?? '').slice(0, 80)}"`);
  }
  if (a.matches.length) {
    out('');
    out(`known debunks matched (${a.matches.length}):`);
    for (const m of a.matches) out(`  - ${m.case} (score ${m.score.toFixed(2)})${m.span ? `: "${m.span.text.slice(0, 80)}"` : ''}`);
  }
}

export function register(program: Command) {
  program
    .command('show')
    .description('Show one article: metadata with evidence, clean text, removed boilerplate, annotations')
    .argument('<id>', 'article id (see `echotrace search` or `echotrace export`)')
    .option('--no-text', 'leave out the article text')
    .action(
      action(async (id: string, o: { text: boolean }) => {
        const g = program.opts();
        return withStore(g, async (store) => {
          const a = await exportArticle(store, id);
          if (!a) throw new CliError(`no article with id "${id}" in ${store.location}`, 1);
          if (g.json) return printJson(a);
          printArticle(a, o);
        });
      }),
    );
}
