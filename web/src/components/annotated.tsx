// The clean text with its annotations drawn over it. Spans from every layer (quotes, speakers,
// entities, reused passages, matched debunks) are cut into non-overlapping segments, each a text
// node inside a <span> whose classes say which annotations cover it. Text is always rendered as
// text: article content never goes through innerHTML.

import type { Article } from '../api.ts';

export interface Mark {
  start: number;
  end: number;
  cls: string;
  title?: string;
  /** Selecting this segment selects the quote with this id. */
  quote?: string;
}

export function marksOf(a: Article): Mark[] {
  const marks: Mark[] = [];
  const ok = (s: { start: number; end: number } | null | undefined) => !!s && s.end > s.start && s.start >= 0 && s.end <= a.text.length;
  for (const q of a.quotes) {
    const who = q.speaker ? `${q.speaker.name ?? q.speaker.text}${q.speaker.role ? `, ${q.speaker.role}` : ''}` : 'unattributed';
    const to = q.told_to ? `; told to ${q.told_to.text}` : '';
    const via = q.via.length ? `; via ${q.via.map((v) => v.text).join(', ')}` : '';
    if (ok(q.content)) marks.push({ ...q.content, cls: `quote ${q.kind}`, quote: q.id, title: `${q.kind} quote — ${who}${to}${via}` });
    if (ok(q.speaker)) marks.push({ start: q.speaker!.start, end: q.speaker!.end, cls: 'speaker', quote: q.id, title: `speaker: ${who}` });
    if (ok(q.cue)) marks.push({ start: q.cue!.start, end: q.cue!.end, cls: 'cue', quote: q.id, title: 'speech verb' });
    if (ok(q.told_to)) marks.push({ start: q.told_to!.start, end: q.told_to!.end, cls: 'told-to', quote: q.id, title: 'told to (the outlet spoken to)' });
    for (const v of q.via) if (ok(v)) marks.push({ start: v.start, end: v.end, cls: 'via', quote: q.id, title: 'via (the outlet relaying it)' });
  }
  for (const e of a.entities) if (ok(e)) marks.push({ start: e.start, end: e.end, cls: `entity ${e.type}`, title: `${e.type}: ${e.entity}` });
  for (const r of a.reuse) if (ok(r.span)) marks.push({ ...r.span, cls: `reused ${r.credited ? 'credited' : 'uncredited'}`, title: `${r.kind} reuse shared with ${r.other} (${r.credited ? 'credited' : 'not credited'}, score ${r.score.toFixed(2)})` });
  // Sourcing markers: hedges that the claim was not verified, and phrases granting anonymity.
  const spans = (k: string) => ((a.sourcing?.[k] as { start: number; end: number; kind?: string }[] | undefined) ?? []).filter((x) => typeof x?.start === 'number');
  for (const u of spans('unverified')) if (ok(u)) marks.push({ start: u.start, end: u.end, cls: 'unverified', title: `unverified${u.kind ? ` (${u.kind})` : ''}: the article does not stand behind this` });
  for (const u of spans('anonymity')) if (ok(u)) marks.push({ start: u.start, end: u.end, cls: 'anon-marker', title: 'anonymous sourcing' });
  for (const m of a.matches) if (ok(m.span)) marks.push({ ...m.span!, cls: 'matched', title: `matches known debunk ${m.case} (score ${m.score.toFixed(2)})` });
  return marks;
}

export function AnnotatedText({ text, marks, selected, onSelect }: { text: string; marks: Mark[]; selected?: string | null; onSelect?: (quote: string) => void }) {
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) (cuts.add(m.start), cuts.add(m.end));
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    const on = marks.filter((m) => m.start <= s && m.end >= e);
    const piece = text.slice(s, e);
    if (!on.length) {
      out.push(piece);
      continue;
    }
    const quote = on.find((m) => m.quote)?.quote;
    const cls = [...new Set(on.flatMap((m) => m.cls.split(' ')))].join(' ') + (quote && quote === selected ? ' selected' : '');
    out.push(
      <span
        class={cls}
        title={on.map((m) => m.title).filter(Boolean).join('\n')}
        data-quote={quote}
        onClick={quote && onSelect ? () => onSelect(quote) : undefined}
      >
        {piece}
      </span>,
    );
  }
  return <div class="article-text">{out}</div>;
}
