// Outlets: the graph of who copies and credits whom, and the table behind it; one outlet's page
// lists whom it copies from, who copies it, and links to its articles.

import { apiUrl, type Outlet, type OutletEdge, type OutletGraph, type Page, type ArticleSummary, type Stats, useApi } from '../api.ts';
import { href } from '../router.ts';
import { ArticleRow, Empty, Loaded, Pager } from '../components/ui.tsx';
import { OutletGraphView } from '../components/graph.tsx';

export function OutletsView({ stats }: { stats: Stats | null }) {
  const graph = useApi<OutletGraph>(apiUrl('outlets/graph'));
  return (
    <div>
      <h1>Outlets</h1>
      <Loaded load={graph} what="the outlet graph">
        {(g) => {
          const names = Object.fromEntries(g.nodes.map((n) => [n.id, n.name]));
          return (
            <>
              {g.edges.length ? (
                <>
                  <p class="muted small">An arrow runs from the outlet that published a passage first to the outlet that reused it; <span class="credit-c">green</span> when the reuse mostly credits its source, <span class="credit-u">red</span> when it mostly does not; dashed grey when the two share passages but which copied which is not settled. Click an outlet for details.</p>
                  <OutletGraphView data={g} />
                  {g.edgesTotal > 150 ? <p class="muted small">Drawing the 150 strongest of {g.edgesTotal.toLocaleString()} links between outlets; the table counts them all.</p> : null}
                </>
              ) : (
                <Empty title="No copying between outlets found yet.">
                  {stats && !stats.capabilities.provenance ? 'Reuse and provenance detection has not run on this store, so there is nothing to draw.' : 'No passage was found reused across outlets with a settled earliest source.'}
                </Empty>
              )}
              <table class="table">
                <thead><tr><th>Outlet</th><th class="num">Articles</th><th class="num">Passages it reused</th><th class="num">Passages reused from it</th></tr></thead>
                <tbody>
                  {g.nodes.map((n) => (
                    <tr><td>{n.articles ? <a href={href('outlet', n.id)}>{names[n.id]}</a> : <span class="muted">{names[n.id]}</span>}</td><td class="num">{n.articles}</td><td class="num">{n.reused}</td><td class="num">{n.reusedBy}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </Loaded>
    </div>
  );
}

type OutletDetail = Outlet & { copiesFrom: OutletEdge[]; copiedBy: OutletEdge[]; shares: OutletEdge[] };

export function OutletView({ id }: { id: string }) {
  const o = useApi<OutletDetail>(apiUrl(`outlets/${encodeURIComponent(id)}`));
  const arts = useApi<Page<ArticleSummary>>(apiUrl('articles', { outlet: id, limit: 20 }));
  const outlets = useApi<Page<Outlet>>(apiUrl('outlets', { limit: 200 }));
  const names: Record<string, string> = { unknown: 'outlet not identified', ...Object.fromEntries((outlets.data?.items ?? []).map((n) => [n.id, n.name])) };
  const edgeList = (edges: OutletEdge[], side: 'source' | 'target', none: string) =>
    edges.length ? (
      <ul class="plain">{edges.map((e) => <li><a href={href('outlet', e[side])}>{names[e[side]] ?? e[side]}</a> <span class="muted small">· {e.count} passage{e.count > 1 ? 's' : ''}, {e.credited} credited{e.first ? `, ${e.first.slice(0, 10)}${e.last && e.last !== e.first ? ` to ${e.last.slice(0, 10)}` : ''}` : ''}</span></li>)}</ul>
    ) : (
      <p class="muted small">{none}</p>
    );
  return (
    <Loaded load={o} what="the outlet">
      {(d) => (
        <div>
          <p class="kicker"><a href="#/outlets">Outlets</a></p>
          <h1>{d.name}</h1>
          <p class="muted">{d.articles} article{d.articles > 1 ? 's' : ''}{d.hosts.length ? ` · ${d.hosts.join(', ')}` : ''}</p>
          <div class="two">
            <section class="panel"><h2>Reuses passages first published by</h2>{edgeList(d.copiesFrom, 'source', 'No reuse from other outlets found.')}</section>
            <section class="panel"><h2>Passages reused by</h2>{edgeList(d.copiedBy, 'target', 'No other outlet found reusing its passages.')}</section>
          </div>
          {d.shares.length ? (
            <section class="panel"><h2>Shares passages with (which copied which is not settled)</h2>
              {edgeList(d.shares.map((e) => (e.source === d.id ? e : { ...e, source: e.target, target: e.source })), 'target', '')}
            </section>
          ) : null}
          <h2 class="section">Articles</h2>
          <Loaded load={arts} what="articles">
            {(p) => (
              <>
                <ul class="articles">{p.items.map((a) => <ArticleRow a={a} />)}</ul>
                {p.next !== null ? <Pager page={p} link={(off) => href('articles', { outlet: id, offset: off })} /> : null}
              </>
            )}
          </Loaded>
        </div>
      )}
    </Loaded>
  );
}
