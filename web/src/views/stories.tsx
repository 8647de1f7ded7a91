// Stories: articles about the same event, largest first, each with its first articles.

import { apiUrl, type Page, type Stats, type Story, useApi } from '../api.ts';
import { href } from '../router.ts';
import { ArticleRow, Empty, fmtDate, Loaded, Pager } from '../components/ui.tsx';

export function StoriesView({ query, stats }: { query: URLSearchParams; stats: Stats | null }) {
  const offset = Number(query.get('offset') ?? 0) || 0;
  const load = useApi<Page<Story>>(apiUrl('stories', { offset, limit: 20 }));
  return (
    <div>
      <h1>Stories</h1>
      <Loaded load={load} what="stories">
        {(p) =>
          p.items.length ? (
            <>
              <ol class="narratives">
                {p.items.map((s) => (
                  <li class="card">
                    <h2><a href={href('articles', { story: s.id })}>{s.label}</a></h2>
                    <p class="meta">{s.articleCount} articles{s.start ? ` · ${fmtDate(s.start)} – ${fmtDate(s.end)}` : ''}</p>
                    <ul class="articles">{s.sample.slice(0, 5).map((a) => <ArticleRow a={a} />)}</ul>
                  </li>
                ))}
              </ol>
              <Pager page={p} link={(o) => href('stories', { offset: o || undefined })} />
            </>
          ) : (
            <Empty title="No stories yet.">{stats && !stats.capabilities.stories ? 'Story clustering has not run on this store.' : 'No articles were grouped into stories.'}</Empty>
          )
        }
      </Loaded>
    </div>
  );
}
