// The article list: filters (outlet, date range, narrative, story, entity) live in the URL, so a
// filtered list is a link to share; the server pages it, so 20,000 articles cost one page.

import { apiUrl, type ArticleSummary, type Narrative, type Outlet, type Page, type Story, useApi } from '../api.ts';
import { Timeline } from '../components/timeline.tsx';
import { go, href } from '../router.ts';
import { ArticleRow, Chip, Empty, fmtDate, Loaded, Pager } from '../components/ui.tsx';
import { monthRange } from '../components/timeline.tsx';

const FILTERS = ['outlet', 'from', 'to', 'narrative', 'story', 'entity'] as const;

export function ArticleList({ query }: { query: URLSearchParams }) {
  const f = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const offset = Number(query.get('offset') ?? 0) || 0;
  const page = useApi<Page<ArticleSummary>>(apiUrl('articles', { ...f, offset, limit: 50 }));
  const outlets = useApi<Page<Outlet>>(apiUrl('outlets', { limit: 200 }));
  const active = FILTERS.filter((k) => f[k]);
  const narrative = useApi<Narrative>(f.narrative ? apiUrl(`narratives/${encodeURIComponent(f.narrative)}`) : null);
  const story = useApi<Story>(f.story ? apiUrl(`stories/${encodeURIComponent(f.story)}`) : null);
  const names = Object.fromEntries((outlets.data?.items ?? []).map((o) => [o.id, o.name]));
  const label = (k: string) => (k === 'narrative' ? narrative.data?.label : k === 'story' ? story.data?.label : k === 'outlet' ? names[f.outlet ?? ''] : undefined) ?? f[k as (typeof FILTERS)[number]];

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    go(href('articles', Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '') || undefined]))));
  };

  return (
    <div>
      {narrative.data ? <NarrativeHead n={narrative.data} names={names} /> : story.data ? <StoryHead s={story.data} /> : <h1>Articles</h1>}
      <form class="filters" onSubmit={onSubmit} aria-label="filters">
        <label>Outlet
          <select name="outlet" value={f.outlet ?? ''}>
            <option value="">any</option>
            {(outlets.data?.items ?? []).map((o) => <option value={o.id}>{o.name} ({o.articles})</option>)}
          </select>
        </label>
        <label>From <input name="from" type="date" value={f.from ?? ''} /></label>
        <label>To <input name="to" type="date" value={f.to ?? ''} /></label>
        <label>Entity <input name="entity" value={f.entity ?? ''} placeholder="entity id" size={14} /></label>
        {f.narrative ? <input type="hidden" name="narrative" value={f.narrative} /> : null}
        {f.story ? <input type="hidden" name="story" value={f.story} /> : null}
        <button type="submit">Filter</button>
        {active.length ? <a href="#/articles" class="small">clear all</a> : null}
      </form>
      {active.length ? (
        <p class="active-filters small">
          Showing articles with {active.map((k, i) => <>{i ? ', ' : ''}{k} <strong>{label(k)}</strong></>)}
        </p>
      ) : null}
      <Loaded load={page} what="articles">
        {(p) =>
          p.items.length ? (
            <>
              <ul class="articles">{p.items.map((a) => <ArticleRow a={a} />)}</ul>
              <Pager page={p} link={(o) => href('articles', { ...f, offset: o || undefined })} />
            </>
          ) : (
            <Empty title="No articles match these filters." />
          )
        }
      </Loaded>
    </div>
  );
}

function NarrativeHead({ n, names }: { n: Narrative; names: Record<string, string> }) {
  const byStance = n.timeline.reduce<Record<string, number>>((m, p) => ((m[p.stance ?? 'unknown'] = (m[p.stance ?? 'unknown'] ?? 0) + p.count), m), {});
  return (
    <header class="card narrative-head">
      <p class="kicker"><a href="#/">Narratives</a></p>
      <h1>{n.label}</h1>
      <p class="meta">{n.articleCount} articles{Object.entries(byStance).map(([s, c]) => <Chip kind={`stance ${s}`}>{c} {s}</Chip>)}{n.cases.length ? <Chip kind="debunk">{n.cases.length} known debunk{n.cases.length > 1 ? 's' : ''}</Chip> : null}</p>
      {n.claim && n.claim.trim().toLowerCase() !== n.label.trim().toLowerCase() ? <blockquote class="claim">{n.claim}</blockquote> : null}
      {n.cases.length ? <p class="small">Debunked by: {n.cases.map((c, i) => <>{i ? ', ' : ''}<a href={href('case', c)}>{c}</a></>)}</p> : null}
      <Timeline points={n.timeline} outletNames={names} width={760} link={(period, outlet) => href('articles', { narrative: n.id, outlet, ...monthRange(period) })} />
    </header>
  );
}

function StoryHead({ s }: { s: Story }) {
  return (
    <header>
      <p class="kicker"><a href="#/stories">Stories</a></p>
      <h1>{s.label}</h1>
      <p class="meta">{s.articleCount} articles{s.start ? ` · ${fmtDate(s.start)} – ${fmtDate(s.end)}` : ''}</p>
    </header>
  );
}
