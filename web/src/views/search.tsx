// Search across everything: ranked article hits with their snippets (matched words marked), and
// the entities, outlets, narratives, stories and debunks whose names match.

import { apiUrl, type SearchAnswer, useApi } from '../api.ts';
import { href } from '../router.ts';
import { Empty, fmtDate, Loaded, Pager } from '../components/ui.tsx';

const KIND_LINK: Record<string, (id: string) => string> = {
  outlet: (id) => href('outlet', id),
  entity: (id) => href('articles', { entity: id }),
  narrative: (id) => href('articles', { narrative: id }),
  story: (id) => href('articles', { story: id }),
  case: (id) => href('case', id),
};

/** The store marks matched terms with [ and ]; turn them into <mark> around text nodes. */
function Snippet({ s }: { s: string }) {
  const parts = s.replace(/\s+/g, ' ').split(/(\[[^\]]*\])/);
  return <p class="snippet">{parts.map((p) => (/^\[.*\]$/.test(p) ? <mark>{p.slice(1, -1)}</mark> : p))}</p>;
}

export function SearchView({ query }: { query: URLSearchParams }) {
  const q = query.get('q')?.trim() ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const load = useApi<SearchAnswer>(q ? apiUrl('search', { q, offset, limit: 20 }) : null);
  if (!q) return <Empty title="Type a query in the search box above.">Words must all match; put "exact phrases" in quotes. Press / to jump to the box.</Empty>;
  return (
    <div>
      <h1>Search: <span class="q">{q}</span></h1>
      <Loaded load={load} what="results">
        {(r) => (
          <>
            {r.also.length ? (
              <p class="also">{r.also.map((x) => <a class={`chip ${x.kind}`} href={KIND_LINK[x.kind]?.(x.id) ?? '#/'}><span class="muted">{x.kind}</span> {x.name}</a>)}</p>
            ) : null}
            {r.alsoSearched.length ? (
              <p class="muted also-searched">Also searched, as names of the same entity: {r.alsoSearched.join(', ')}</p>
            ) : null}
            {r.items.length ? (
              <>
                <ol class="hits" start={offset + 1}>
                  {r.items.map((h) => (
                    <li class="hit">
                      <a class="title" href={href('article', h.id)}>{h.title || h.id}</a>
                      <span class="meta"> · {h.outlet?.name ?? 'unknown outlet'} · {fmtDate(h.published)}</span>
                      <Snippet s={h.snippet} />
                    </li>
                  ))}
                </ol>
                <Pager page={r} link={(o) => href('search', { q, offset: o || undefined })} />
              </>
            ) : (
              <Empty title={`No article matches “${q}”.`}>All words must appear; try fewer words.</Empty>
            )}
          </>
        )}
      </Loaded>
    </div>
  );
}
