// Reuse: the passages two articles share, side by side, with word differences marked (what the
// copy dropped, what it added or changed); then the provenance chain of each passage — every
// article carrying it, by date, with credit, the earliest source and attribution drift.

import { apiUrl, type ArticleSummary, type Page, type Provenance, type ReuseLink, useApi } from '../api.ts';
import { href } from '../router.ts';
import { Chip, Empty, fmtDate, Loaded } from '../components/ui.tsx';
import { type Piece, wordDiff } from '../components/diff.ts';

export function ReuseView({ a, b }: { a: string; b?: string }) {
  const links = useApi<Page<ReuseLink>>(apiUrl('reuse', { article: a, other: b, limit: 200 }));
  const prov = useApi<Page<Provenance>>(apiUrl('provenance', { article: a, limit: 100 }));
  return (
    <div class="reuse-view">
      <h1>Reused passages</h1>
      <Loaded load={links} what="reused passages">
        {(p) =>
          p.items.length ? (
            <>
              <p class="muted">{p.items.length} passage{p.items.length > 1 ? 's' : ''} shared{b ? '' : ' with other stored articles'}; the earlier publication on the left. Words only in one copy are marked: <del class="d">only in the earlier</del> <ins class="d">only in the later</ins>.</p>
              {p.items.map((l, i) => <SideBySide l={l} n={i + 1} />)}
            </>
          ) : (
            <Empty title="No shared passages found.">
              This article shares no passage with {b ? 'that article' : 'any other stored article'}, or reuse detection has not run on this store. <a href={href('article', a)}>Back to the article</a>.
            </Empty>
          )
        }
      </Loaded>
      <h2 class="section">Provenance</h2>
      <Loaded load={prov} what="provenance">
        {(p) => {
          const groups = b ? p.items.filter((g) => g.members.some((m) => m.article === b)) : p.items;
          return groups.length ? <>{groups.map((g) => <Chain g={g} focus={a} />)}</> : <Empty title="No provenance chain recorded for these passages." />;
        }}
      </Loaded>
    </div>
  );
}

function Head({ s, side }: { s: ArticleSummary | null; side: string }) {
  if (!s) return <header class="col-head"><span class="muted">{side}: article not stored</span></header>;
  return (
    <header class="col-head">
      <a href={href('article', s.id)} class="title">{s.title}</a>
      <span class="meta">{s.outlet?.name ?? 'unknown outlet'} · {fmtDate(s.published)}</span>
    </header>
  );
}

function Pieces({ pieces, mark }: { pieces: Piece[]; mark: 'del' | 'ins' }) {
  return (
    <p class="passage">
      {pieces.map((p) => {
        if (p.op === 'same') return p.text;
        const lead = p.text.startsWith(' ') ? ' ' : '';
        const body = lead ? p.text.slice(1) : p.text;
        return <>{lead}{mark === 'del' ? <del class="d">{body}</del> : <ins class="d">{body}</ins>}</>;
      })}
    </p>
  );
}

function SideBySide({ l: given, n }: { l: ReuseLink; n: number }) {
  // The earlier publication on the left, so that marks read as what the later copy changed.
  const swap = !!given.other?.published && (!given.article.published || given.other.published < given.article.published);
  const l: ReuseLink = swap
    ? { article: given.other!, other: given.article, link: { ...given.link, span: given.link.other_span, other_span: given.link.span } }
    : given;
  const d = wordDiff(l.link.span.text, l.link.other_span.text);
  return (
    <section class="card pair" data-pair={n}>
      <p class="pair-meta">
        <strong>Passage {n}</strong>
        <Chip kind={l.link.credited ? 'credited' : 'uncredited'}>{l.link.credited ? 'credited' : 'not credited'}</Chip>
        <Chip>{l.link.kind}</Chip>
        <span class="muted small">similarity {l.link.score.toFixed(2)}{d && !d.changed ? ' · identical wording' : ''}</span>
      </p>
      <div class="columns">
        <div class="col">
          <Head s={l.article} side="this article" />
          {d ? <Pieces pieces={d.left} mark="del" /> : <p class="passage">{l.link.span.text}</p>}
        </div>
        <div class="col">
          <Head s={l.other} side="other article" />
          {d ? <Pieces pieces={d.right} mark="ins" /> : <p class="passage">{l.link.other_span.text}</p>}
        </div>
      </div>
    </section>
  );
}

function Chain({ g, focus }: { g: Provenance; focus: string }) {
  const members = [...g.members].sort((x, y) => (x.published ?? g.related[x.article]?.published ?? '9999').localeCompare(y.published ?? g.related[y.article]?.published ?? '9999'));
  return (
    <section class="card chain" data-group={g.id}>
      <p class="pair-meta"><strong>{g.kind} passage</strong> <span class="muted small">group {g.id} · {g.members.length} articles</span></p>
      <blockquote class="small">“{g.text.length > 300 ? g.text.slice(0, 299) + '…' : g.text}”</blockquote>
      <ol class="timeline-list">
        {members.map((m) => {
          const s = g.related[m.article];
          const first = g.earliest?.article === m.article;
          return (
            <li class={m.article === focus ? 'focus' : ''}>
              <time>{fmtDate(m.published ?? s?.published)}</time>
              <span>
                <a href={href('article', m.article)}>{s?.title ?? m.article}</a>
                <span class="muted small"> · {s?.outlet?.name ?? 'unknown outlet'}</span>
                {first ? <Chip kind="earliest" title={(g.earliest?.evidence ?? []).map(String).join('\n')}>earliest source{g.earliest ? ` (${Math.round(g.earliest.confidence * 100)}%)` : ''}</Chip> : null}
                {m.credited !== undefined && !first ? <Chip kind={m.credited ? 'credited' : 'uncredited'}>{m.credited ? 'credits its source' : 'no credit'}</Chip> : null}
                {m.told_to || m.via?.length ? <span class="muted small"> · told to {m.told_to ?? '—'}{m.via?.length ? `, via ${m.via.join(', ')}` : ''}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      {!g.earliest?.article ? <p class="muted small">Earliest source not settled{g.earliest?.evidence?.length ? `: ${g.earliest.evidence.map(String).join('; ')}` : ''}.</p> : null}
      {g.drift.length ? (
        <p class="drift small"><strong>Attribution drift:</strong> {g.drift.map((d) => `${d.field.replace('_', ' ')} varies — ${d.values.map(String).join(' / ')}`).join('; ')}</p>
      ) : null}
    </section>
  );
}
