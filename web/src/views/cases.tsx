// Known debunks: the imported fact-checks and disinformation cases, searchable; one case with the
// stored articles that repeat its claim.

import { apiUrl, type ArticleSummary, type CaseRow, type Page, type Stats, useApi } from '../api.ts';
import { go, href } from '../router.ts';
import { Empty, fmtDate, Loaded, Pager } from '../components/ui.tsx';

export function CasesView({ query, stats }: { query: URLSearchParams; stats: Stats | null }) {
  const q = query.get('q') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const load = useApi<Page<CaseRow>>(apiUrl('cases', { q: q || undefined, offset, limit: 30 }));
  const onSubmit = (e: Event) => {
    e.preventDefault();
    go(href('cases', { q: String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '') || undefined }));
  };
  return (
    <div>
      <h1>Known debunks</h1>
      <form class="filters" onSubmit={onSubmit}><label>Claim contains <input name="q" value={q} size={40} /></label><button type="submit">Find</button></form>
      <Loaded load={load} what="cases">
        {(p) =>
          p.items.length ? (
            <>
              <ul class="cases">
                {p.items.map((c) => (
                  <li class="case-row">
                    <a href={href('case', c.id)} class="title">{c.title ?? c.claim ?? c.id}</a>
                    <span class="meta">{c.source}{c.verdict ? ` · ${c.verdict}` : ''} · {fmtDate(c.date)}</span>
                    {c.title && c.claim ? <p class="small muted">{c.claim}</p> : null}
                  </li>
                ))}
              </ul>
              <Pager page={p} link={(o) => href('cases', { q: q || undefined, offset: o || undefined })} />
            </>
          ) : (
            <Empty title={q ? `No debunk mentions “${q}”.` : 'No known debunks stored.'}>{stats && !stats.capabilities.cases ? 'Import a debunk database to match articles against it.' : null}</Empty>
          )
        }
      </Loaded>
    </div>
  );
}

type CaseDetail = CaseRow & { matches: { article: string; score: number; span: { text: string } | null }[]; related: Record<string, ArticleSummary> };

export function CaseView({ id }: { id: string }) {
  const load = useApi<CaseDetail>(apiUrl(`cases/${encodeURIComponent(id)}`));
  return (
    <Loaded load={load} what="the case">
      {(c) => (
        <div class="case">
          <p class="kicker"><a href="#/cases">Known debunks</a> · {c.source}{c.verdict ? ` · ${c.verdict}` : ''} · {fmtDate(c.date)}</p>
          <h1>{c.title ?? c.claim}</h1>
          {c.claim ? <blockquote class="claim">{c.claim}</blockquote> : null}
          {c.text ? <p class="case-text">{c.text}</p> : null}
          {c.url ? <p><a href={c.url} target="_blank" rel="noreferrer noopener">Read the fact-check</a></p> : null}
          <h2 class="section">Stored articles repeating this claim</h2>
          {c.matches.length ? (
            <ul class="articles">
              {c.matches.map((m) => {
                const a = c.related[m.article];
                return (
                  <li class="article-row">
                    <a class="title" href={href('article', m.article)}>{a?.title ?? m.article}</a>
                    <span class="meta">{a?.outlet?.name ?? ''} · {fmtDate(a?.published)} · score {m.score.toFixed(2)}</span>
                    {m.span ? <p class="excerpt small">“{m.span.text}”</p> : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <Empty title="No stored article matches this debunk." />
          )}
        </div>
      )}
    </Loaded>
  );
}
