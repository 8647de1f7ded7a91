// Home: the recurring narratives, each with its claim, its timeline and its first articles.
// Before the grouping stage has run (or when it found none), the latest articles instead, and
// a plain statement of why there are no narratives.

import { apiUrl, type ArticleSummary, type Narrative, type Outlet, type Page, type Stats, useApi } from '../api.ts';
import { href } from '../router.ts';
import { ArticleRow, Chip, Empty, Loaded, Pager } from '../components/ui.tsx';
import { monthRange } from '../components/timeline.tsx';
import { Timeline } from '../components/timeline.tsx';

export function Home({ stats, query }: { stats: Stats | null; query: URLSearchParams }) {
  const offset = Number(query.get('offset') ?? 0) || 0;
  const narratives = useApi<Page<Narrative>>(apiUrl('narratives', { limit: 10, offset }));
  const outlets = useApi<Page<Outlet>>(apiUrl('outlets', { limit: 200 }));
  const names = Object.fromEntries((outlets.data?.items ?? []).map((o) => [o.id, o.name]));
  return (
    <div class="home">
      <h1>Narratives</h1>
      <Loaded load={narratives} what="narratives">
        {(p) =>
          p.items.length ? (
            <>
              <ol class="narratives">{p.items.map((n) => <NarrativeCard n={n} names={names} />)}</ol>
              {p.next !== null || p.offset > 0 ? <Pager page={p} link={(o) => (o ? `#/?offset=${o}` : '#/')} /> : null}
            </>
          ) : (
            <>
              <Empty title="No narratives to show yet.">
                {stats && !stats.capabilities.narratives
                  ? 'Narrative grouping has not run on this store (this build has no grouping stage yet), so articles are not grouped. Here are the articles as stored.'
                  : 'The grouping stage found no recurring narrative in these articles.'}
              </Empty>
              <Latest />
            </>
          )
        }
      </Loaded>
    </div>
  );
}

function NarrativeCard({ n, names }: { n: Narrative; names: Record<string, string> }) {
  const byStance = n.timeline.reduce<Record<string, number>>((m, p) => ((m[p.stance ?? 'unknown'] = (m[p.stance ?? 'unknown'] ?? 0) + p.count), m), {});
  return (
    <li class="card narrative" data-narrative={n.id}>
      <header>
        <h2><a href={href('articles', { narrative: n.id })}>{n.label}</a></h2>
        <p class="meta">
          {n.articleCount} article{n.articleCount === 1 ? '' : 's'} · {new Set(n.timeline.map((t) => t.outlet).filter(Boolean)).size} outlets
          {Object.entries(byStance).map(([s, c]) => <Chip kind={`stance ${s}`}>{c} {s}</Chip>)}
          {n.cases.length ? <Chip kind="debunk">{n.cases.length} known debunk{n.cases.length > 1 ? 's' : ''}</Chip> : null}
        </p>
      </header>
      {n.claim && n.claim.trim().toLowerCase() !== n.label.trim().toLowerCase() ? <blockquote class="claim">{n.claim}</blockquote> : null}
      {n.entities.length ? <p class="entities small">{n.entities.map((e) => <a class="chip entity" href={href('articles', { entity: e })} title="articles mentioning it">{n.entityNames?.[e] ?? e}</a>)}</p> : null}
      <Timeline points={n.timeline} outletNames={names} link={(period, outlet) => href('articles', { narrative: n.id, outlet, ...monthRange(period) })} />
      <ul class="articles">{n.sample.map((a) => <ArticleRow a={a} />)}</ul>
      {n.articleCount > n.sample.length ? <p class="small"><a href={href('articles', { narrative: n.id })}>All {n.articleCount} articles of this narrative →</a></p> : null}
    </li>
  );
}

function Latest() {
  const page = useApi<Page<ArticleSummary>>(apiUrl('articles', { limit: 25 }));
  return (
    <section>
      <h2 class="section">Articles</h2>
      <Loaded load={page} what="articles">
        {(p) => (
          <>
            <ul class="articles">{p.items.map((a) => <ArticleRow a={a} />)}</ul>
            <Pager page={p} link={(offset) => href('articles', { offset })} />
          </>
        )}
      </Loaded>
    </section>
  );
}
