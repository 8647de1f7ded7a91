// The article list: filters (outlet, date range, narrative, story, entity) live in the URL, so a
// filtered list is a link to share; the server pages it, so 20,000 articles cost one page.

import { apiUrl, type ArticleSummary, type Outlet, type Page, useApi } from '../api.ts';
import { go, href } from '../router.ts';
import { ArticleRow, Empty, Loaded, Pager } from '../components/ui.tsx';

const FILTERS = ['outlet', 'from', 'to', 'narrative', 'story', 'entity'] as const;

export function ArticleList({ query }: { query: URLSearchParams }) {
  const f = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const offset = Number(query.get('offset') ?? 0) || 0;
  const page = useApi<Page<ArticleSummary>>(apiUrl('articles', { ...f, offset, limit: 50 }));
  const outlets = useApi<Page<Outlet>>(apiUrl('outlets', { limit: 200 }));
  const active = FILTERS.filter((k) => f[k]);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    go(href('articles', Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '') || undefined]))));
  };

  return (
    <div>
      <h1>Articles</h1>
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
          Showing articles with {active.map((k, i) => <>{i ? ', ' : ''}{k} <strong>{f[k]}</strong></>)}
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
