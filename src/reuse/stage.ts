// The reuse corpus stage. Incremental: the articles that arrived or changed are indexed (their
// winnowed n-gram hashes replace any old ones), then each is matched against the stored index —
// only articles sharing an index hash are aligned with it, so the cost grows with the number of
// articles and their shared passages, never with all pairs. Recompute clears the index and runs
// the same steps over every stored article.

import type { CorpusStage, CorpusStageReport } from '../corpus.ts';
import type { StageContext } from '../model.ts';
import type { Store } from '../store/store.ts';
import type { ReuseLink } from '../store/repos/reuse.ts';
import { loadOutlets, type OutletTable } from '../meta/outlets.ts';
import { outletMatcher, type OutletMatcher } from './credit.ts';
import { DocCache } from './doc.ts';
import { linkPair } from './link.ts';
import { boilerplateDf, defaultSettings, loadReuseSettings, type ReuseSettings } from './settings.ts';

const CHUNK = 1000;

export interface ReuseRunStats {
  articles: number;
  candidates: number;
  links: number;
  byKind: Record<string, number>;
}

function contextOf(ctx: StageContext): { s: ReuseSettings; outlets: OutletMatcher } {
  const extra = ctx.data.get('extra:reuse') as string[] | undefined;
  const s = extra?.length ? loadReuseSettings(extra) : defaultSettings();
  const table = (ctx.data.get('outlets') as OutletTable | undefined) ?? loadOutlets();
  let m = matchers.get(table);
  if (!m) matchers.set(table, (m = outletMatcher(table)));
  return { s, outlets: m };
}
const matchers = new WeakMap<OutletTable, OutletMatcher>();

/** Index these articles, then link each to the stored articles it shares passages with. */
export async function updateReuse(store: Store, changed: string[], ctx: StageContext): Promise<ReuseRunStats> {
  const { s, outlets } = contextOf(ctx);
  const cache = new DocCache(store, outlets, s);
  const ids = [...new Set(changed)];
  const stats: ReuseRunStats = { articles: 0, candidates: 0, links: 0, byKind: {} };

  // 1. Index: replace the changed articles' hashes (a deleted article leaves the index).
  const present: string[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const entries: { article: string; hashes: number[] }[] = [];
    for (const id of ids.slice(i, i + CHUNK)) {
      const d = await cache.get(id);
      entries.push({ article: id, hashes: d ? Array.from(d.fp) : [] });
      if (d) present.push(id);
    }
    await store.reuse.setFingerprints(entries);
  }
  const maxDf = boilerplateDf(s, await store.reuse.indexed());

  // 2. Match: each pair is aligned once — by the later of the two in this batch, or by the
  // changed article when the other is an older stored one.
  const rank = new Map(present.map((id, i) => [id, i]));
  for (let i = 0; i < present.length; i += CHUNK) {
    const chunk = present.slice(i, i + CHUNK);
    const docs = [];
    for (const id of chunk) docs.push((await cache.get(id))!);
    const hashes = new Set<number>();
    for (const d of docs) for (const h of d.fp) hashes.add(h);
    const postings = new Map<number, string[]>();
    for (const p of await store.reuse.postings([...hashes])) postings.set(p.hash, p.articles);
    const df = (h: number) => postings.get(h)?.length ?? 1;
    const links: ReuseLink[] = [];
    for (const X of docs) {
      const rx = rank.get(X.id)!;
      const shared = new Set<string>();
      for (const h of X.fp) {
        const list = postings.get(h);
        if (!list || list.length > maxDf) continue; // boilerplate hashes never seed a link
        for (const y of list) {
          if (y === X.id) continue;
          const ry = rank.get(y);
          if (ry !== undefined && ry > rx) continue;
          shared.add(y);
        }
      }
      stats.candidates += shared.size;
      for (const y of shared) {
        const Y = await cache.get(y);
        if (!Y) continue;
        // Cached documents may have been loaded before this chunk's postings: df comes from the
        // postings of X's hashes, which are the ones the boilerplate test reads.
        links.push(...linkPair(X, Y, { s, outlets, df, maxDf }));
      }
      stats.articles++;
    }
    await store.reuse.replaceLinks(chunk, links);
    for (const l of links) stats.byKind[l.kind] = (stats.byKind[l.kind] ?? 0) + 1;
    stats.links += links.length;
  }
  // Articles that left (deleted or emptied) lose their links.
  const gone = ids.filter((id) => !rank.has(id));
  if (gone.length) await store.reuse.replaceLinks(gone, []);
  return stats;
}

export function summarise(st: ReuseRunStats): CorpusStageReport {
  const kinds = Object.entries(st.byKind)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return {
    summary: `reuse: ${st.links} links${kinds ? ` (${kinds})` : ''} from ${st.articles} articles, ${st.candidates} candidate pairs aligned`,
    counts: { articles: st.articles, candidates: st.candidates, links: st.links, ...st.byKind },
  };
}

export const reuseStage: CorpusStage = {
  name: 'reuse',
  async update(store, changed, ctx) {
    return summarise(await updateReuse(store, changed, ctx));
  },
  async recompute(store, ctx) {
    await store.reuse.clear();
    return summarise(await updateReuse(store, await store.articles.ids(), ctx));
  },
};
