// One article: the clean text with quotes, speakers, entities, reused passages and matched
// debunks marked; a side panel with the selected quote (speaker, role, told to, via), the
// sourcing summary, entities, reuse, debunks, and the evidence for outlet and date; and what
// cleaning removed. `#/article/ID?quote=QID` selects a quote (shareable); j/k step through quotes.

import { useEffect, useMemo } from 'preact/hooks';
import { apiUrl, type Article, type ArticleDetail, type Quote, type Stats, useApi } from '../api.ts';
import { go, href } from '../router.ts';
import { AnnotatedText, marksOf } from '../components/annotated.tsx';
import { Chip, fmtDate, Loaded } from '../components/ui.tsx';

export function ArticleView({ id, query, stats }: { id: string; query: URLSearchParams; stats: Stats | null }) {
  const load = useApi<ArticleDetail>(apiUrl(`articles/${encodeURIComponent(id)}`));
  return <Loaded load={load} what="the article">{(d) => <ArticleBody d={d} selected={query.get('quote')} stats={stats} />}</Loaded>;
}

function ArticleBody({ d, selected, stats }: { d: ArticleDetail; selected: string | null; stats: Stats | null }) {
  const a = d.article;
  const marks = useMemo(() => marksOf(a), [a]);
  const select = (q: string | null) => go(href('article', a.id, { quote: q }));
  const quote = a.quotes.find((q) => q.id === selected) ?? null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || e.ctrlKey || e.metaKey || e.altKey || !a.quotes.length) return;
      // Read the selection from the URL, not this closure: keys can arrive before the re-render.
      const current = new URLSearchParams(location.hash.split('?')[1] ?? '').get('quote');
      const i = a.quotes.findIndex((q) => q.id === current);
      if (e.key === 'j') select(a.quotes[Math.min(a.quotes.length - 1, i + 1)]!.id);
      else if (e.key === 'k') select(a.quotes[Math.max(0, i - 1)]!.id);
      else if (e.key === 'Escape' && current) select(null);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [a, selected]);

  useEffect(() => {
    if (selected) document.querySelector(`.article-text [data-quote="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);

  const caps = stats?.capabilities;
  return (
    <article class="article-view">
      <header class="article-head">
        <p class="kicker">
          {a.outlet ? <a href={href('outlet', a.outlet.entity)}>{a.outlet.name}</a> : 'Unknown outlet'}
          <span class="dot">·</span>
          <time title={a.published ? evidenceText(a.published.evidence) : 'no date found'}>{fmtDate(a.published?.date)}</time>
          {a.stance ? <Chip kind={`stance ${a.stance.label}`} title={a.stance.evidence.map((e) => `“${e.text}”`).join('\n')}>{a.stance.label}</Chip> : null}
          {a.narrative ? <a class="chip narrative" href={href('articles', { narrative: a.narrative })} title="all articles of this narrative">narrative: {d.groups.narrative?.label ?? a.narrative}{d.groups.narrative ? ` (${d.groups.narrative.articles})` : ''}</a> : null}
          {a.story ? <a class="chip story" href={href('articles', { story: a.story })} title="all articles of this story">story: {clip(d.groups.story?.label ?? a.story, 60)}{d.groups.story ? ` (${d.groups.story.articles})` : ''}</a> : null}
        </p>
        <h1>{a.title}</h1>
        <p class="legend small">
          <span class="quote direct">quote</span> <span class="speaker">speaker</span> <span class="entity">entity</span>{' '}
          <span class="reused uncredited">reused, uncredited</span> <span class="reused credited">reused, credited</span> <span class="matched">matches a known debunk</span> <span class="unverified">unverified</span>
          {a.quotes.length ? <span class="muted"> · j / k: next / previous quote</span> : null}
        </p>
      </header>
      <div class="article-grid">
        <div class="article-main">
          <AnnotatedText text={a.text} marks={marks} selected={selected} onSelect={(q) => select(q === selected ? null : q)} />
          <Removed a={a} />
          <p class="source small muted">Source: {a.source.path}{a.source.line ? `:${a.source.line}` : ''} ({a.source.format}){a.url ? <> · <a href={a.url} rel="noreferrer noopener" target="_blank">original</a></> : null} · id {a.id}</p>
        </div>
        <aside class="side" aria-label="annotations">
          {quote ? <QuoteCard q={quote} selected onClose={() => select(null)} /> : null}
          <Section title="Quotes" count={a.quotes.length} absent={caps && !caps.quotes ? 'Quote detection has not run on this store.' : 'No quotes found in this article.'}>
            <ol class="quote-list">
              {a.quotes.map((q) => (
                <li>
                  <button type="button" class={`quote-item${q.id === selected ? ' on' : ''}`} onClick={() => select(q.id === selected ? null : q.id)} aria-pressed={q.id === selected}>
                    <strong>{speakerName(q)}</strong>
                    <span class="muted"> · {q.kind}{q.sourcing ? `, ${q.sourcing}` : ''}</span>
                    <span class="excerpt">“{clip(bare(q.content.text), 110)}”</span>
                  </button>
                </li>
              ))}
            </ol>
          </Section>
          <Section title="Shares passages with" count={new Set(a.reuse.map((r) => r.other)).size} absent={caps && !caps.reuse ? 'Reuse detection has not run on this store.' : 'No passage is shared with another stored article.'}>
            <ul class="plain">
              {[...groupBy(a.reuse, (r) => r.other)].map(([other, rs]) => {
                const o = d.related[other];
                const credited = rs.filter((r) => r.credited).length;
                return (
                  <li class="reuse-item">
                    <a href={href('reuse', a.id, other)}>{o ? o.title : other}</a>
                    <span class="muted small"> · {o?.outlet?.name ?? 'unknown outlet'}, {fmtDate(o?.published)}</span>
                    <p class="small reuse-sum">
                      {rs.length} passage{rs.length > 1 ? 's' : ''} ({[...new Set(rs.map((r) => r.kind))].join(', ')}),{' '}
                      <span class={credited === rs.length ? 'credit-c' : credited ? '' : 'credit-u'}>{credited === rs.length ? 'credited' : credited ? `${credited} credited` : 'not credited'}</span>
                      {' · '}<a href={href('reuse', a.id, other)}>compare side by side →</a>
                    </p>
                    <p class="excerpt small">“{clip(bare(rs[0]!.span.text), 140)}”</p>
                  </li>
                );
              })}
            </ul>
          </Section>
          <Section title="Known debunks" count={a.matches.length} absent={caps && !caps.cases ? 'No debunk database has been imported or matched.' : 'Matches no known debunk.'}>
            <ul class="plain">
              {a.matches.map((m) => {
                const c = d.cases[m.case];
                return (
                  <li class="match">
                    <a href={href('case', m.case)}>{c?.title ?? c?.claim ?? m.case}</a>
                    <span class="muted small"> · {c?.source ?? m.case.split(':')[0]}{c?.verdict ? `, ${c.verdict}` : ''} · score {m.score.toFixed(2)}</span>
                    {m.span ? <p class="excerpt small">“{clip(m.span.text, 160)}”</p> : null}
                  </li>
                );
              })}
            </ul>
          </Section>
          {a.stance ? (
            <Section title="Stance">
              <p class="small"><Chip kind={`stance ${a.stance.label}`}>{a.stance.label}</Chip>{d.groups.narrative ? <> the narrative “<a href={href('articles', { narrative: d.groups.narrative.id })}>{d.groups.narrative.label}</a>”</> : null}</p>
              {a.stance.evidence.length ? <ul class="plain">{a.stance.evidence.slice(0, 4).map((e) => <li class="excerpt small">“{clip(e.text, 160)}”</li>)}</ul> : <p class="muted small">No evidence recorded.</p>}
            </Section>
          ) : null}
          <Section title="Sourcing" count={a.sourcing ? undefined : 0} absent={caps && !caps.sourcing ? 'Sourcing analysis has not run on this store.' : 'No sourcing summary.'}>
            {a.sourcing ? <Sourcing s={a.sourcing} text={a.text} /> : null}
          </Section>
          <Section title="Entities" count={a.entities.length} absent={caps && !caps.entities ? 'Entity recognition has not run on this store.' : 'No entities found.'}>
            <Entities a={a} />
          </Section>
          <Section title="Outlet and date: evidence">
            <dl class="evidence small">
              <dt>Outlet</dt>
              <dd>{a.outlet ? <>{a.outlet.name} <span class="muted">← {evidenceText(a.outlet.evidence)}</span></> : 'not determined'}</dd>
              <dt>Published</dt>
              <dd>{a.published ? <>{a.published.date} <span class="muted">← {evidenceText(a.published.evidence)}</span></> : 'no date found in the page or the text'}</dd>
            </dl>
          </Section>
        </aside>
      </div>
    </article>
  );
}

/** The quote's words without the quotation marks around them (the card adds its own). */
const bare = (s: string) => s.trim().replace(/^["'\u201c\u201d\u2018\u2019\u00ab\u00bb]+|["'\u201c\u201d\u2018\u2019\u00ab\u00bb]+$/g, '');
function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.get(key(x))?.push(x) ?? m.set(key(x), [x]);
  return m;
}
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s);
const speakerName = (q: Quote) => (q.speaker ? q.speaker.name ?? q.speaker.text : q.sourcing === 'anonymous' ? 'anonymous source' : 'unattributed');
const evidenceText = (ev: { method: string; text?: string; note?: string }[]) =>
  ev.map((e) => `${e.method}${e.text ? ` “${clip(e.text, 80)}”` : ''}${e.note ? ` (${e.note})` : ''}`).join('; ') || 'no evidence recorded';

function Section({ title, count, absent, children }: { title: string; count?: number; absent?: string; children?: preact.ComponentChildren }) {
  return (
    <section class="panel">
      <h2>{title}{count ? <span class="count">{count}</span> : null}</h2>
      {count === 0 ? <p class="muted small">{absent}</p> : children}
    </section>
  );
}

function QuoteCard({ q, onClose }: { q: Quote; selected?: boolean; onClose: () => void }) {
  return (
    <section class="panel quote-card" aria-live="polite">
      <h2>Selected quote <button type="button" class="close" onClick={onClose} aria-label="close">×</button></h2>
      <blockquote>“{bare(q.content.text)}”</blockquote>
      <dl>
        <dt>Speaker</dt><dd>{q.speaker ? <>{q.speaker.name ?? q.speaker.text}{q.speaker.anonymous ? <Chip>anonymous</Chip> : null}</> : <span class="muted">not attributed</span>}</dd>
        <dt>Role</dt><dd>{q.speaker?.role ?? <span class="muted">—</span>}</dd>
        <dt>Told to</dt><dd>{q.told_to ? q.told_to.text : <span class="muted">—</span>}</dd>
        <dt>Via</dt><dd>{q.via.length ? q.via.map((v) => v.text).join(', ') : <span class="muted">—</span>}</dd>
        <dt>Kind</dt><dd>{q.kind}{q.cue ? <span class="muted"> (cue “{q.cue.text}”)</span> : null}</dd>
        <dt>Sourcing</dt><dd>{q.sourcing ?? <span class="muted">—</span>}</dd>
      </dl>
    </section>
  );
}

/** The fullest way the article names an entity ("Damian Hockney" over "Hockney"). */
const longest = (forms: Set<string>) => [...forms].reduce((x, y) => (y.length > x.length ? y : x));

function Entities({ a }: { a: Article }) {
  const groups = new Map<string, { type: string; forms: Set<string>; n: number }>();
  for (const e of a.entities) {
    const g = groups.get(e.entity) ?? groups.set(e.entity, { type: e.type, forms: new Set(), n: 0 }).get(e.entity)!;
    g.forms.add(e.text);
    g.n++;
  }
  return (
    <ul class="plain entities">
      {[...groups].sort((x, y) => y[1].n - x[1].n).map(([id, g]) => (
        <li>
          <a href={href('articles', { entity: id })} title="articles mentioning this entity">{longest(g.forms)}</a>
          <span class="muted small"> · {g.type}{g.n > 1 ? ` · ${g.n}×` : ''}{g.forms.size > 1 ? ` · also “${[...g.forms].filter((f) => f !== longest(g.forms)).join('”, “')}”` : ''}</span>
        </li>
      ))}
    </ul>
  );
}

/** The sourcing summary: quotes by kind of source, then the hedges and anonymity markers found. */
function Sourcing({ s, text }: { s: Record<string, unknown>; text: string }) {
  const counts = s.counts as Record<string, number> | undefined;
  if (!counts || typeof counts !== 'object') return <Facts value={s} text={text} />;
  const list = (k: string) => ((s[k] as { text?: string; kind?: string; start: number; end: number }[] | undefined) ?? []);
  const { counts: _c, quotes: _q, unverified: _u, anonymity: _a, ...rest } = s;
  const total = Object.values(counts).reduce((x, y) => x + (Number(y) || 0), 0);
  return (
    <div class="small sourcing">
      <p>{total ? Object.entries(counts).filter(([, n]) => n).map(([k, n]) => <Chip kind={`src ${k}`}>{n} {k}</Chip>) : <span class="muted">No quoted sources.</span>}</p>
      {list('unverified').length ? (
        <>
          <p class="label">Not verified, by the article's own words</p>
          <ul class="plain">{list('unverified').map((u) => <li>“{u.text ?? text.slice(u.start, u.end)}”{u.kind ? <span class="muted"> · {u.kind.replace(/-/g, ' ')}</span> : null}</li>)}</ul>
        </>
      ) : null}
      {list('anonymity').length ? (
        <>
          <p class="label">Anonymous sourcing</p>
          <ul class="plain">{list('anonymity').map((u) => <li>“{u.text ?? text.slice(u.start, u.end)}”</li>)}</ul>
        </>
      ) : null}
      {Object.keys(rest).length ? <Facts value={rest} text={text} /> : null}
    </div>
  );
}

/** A summary object of unknown shape, shown as readable facts rather than JSON. */
function Facts({ value, text }: { value: Record<string, unknown>; text: string }) {
  const rows: [string, preact.ComponentChildren][] = [];
  const label = (k: string) => k.replace(/[_-]+/g, ' ');
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') rows.push([label(k), String(v)]);
    else if (Array.isArray(v)) {
      if (!v.length) continue;
      rows.push([label(k), <ul class="plain">{v.slice(0, 12).map((x) => <li>{describe(x, text)}</li>)}{v.length > 12 ? <li class="muted">…and {v.length - 12} more</li> : null}</ul>]);
    } else if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && typeof x !== 'object');
      if (entries.length) rows.push([label(k), entries.map(([a, b]) => `${label(a)} ${String(b)}`).join(' · ')]);
    }
  }
  return <dl class="facts small">{rows.map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}</dl>;
}

function describe(x: unknown, text: string): string {
  if (x === null || typeof x !== 'object') return String(x);
  const o = x as Record<string, unknown>;
  const quoted = typeof o.text === 'string' ? o.text : typeof o.start === 'number' && typeof o.end === 'number' ? text.slice(o.start, o.end) : null;
  const kind = [o.kind, o.marker, o.label, o.type].find((v) => typeof v === 'string') as string | undefined;
  return [kind, quoted ? `“${clip(quoted, 100)}”` : null].filter(Boolean).join(': ') || Object.values(o).filter((v) => typeof v !== 'object').join(', ');
}

function Removed({ a }: { a: Article }) {
  if (!a.removed.length) return <p class="muted small removed-none">Cleaning removed nothing from this article.</p>;
  return (
    <details class="removed">
      <summary>Removed during cleaning: {a.removed.length} line{a.removed.length > 1 ? 's' : ''} of boilerplate</summary>
      <ul class="plain">
        {a.removed.map((r) => (
          <li><span class="reason">{r.reason}</span> <span class="muted small">[{r.rule}]</span><br /><span class="removed-text">{clip(r.text, 300)}</span></li>
        ))}
      </ul>
    </details>
  );
}
