// The reuse corpus stage. Incremental: the articles that arrived or changed (the batch) are
// matched against the stored index and against each other, then indexed; only pairs sharing an
// index hash are aligned, so the cost grows with the number of articles and of their shared
// passages, never with all pairs. Recompute clears the index and runs the same steps over every
// stored article as one batch.
//
// Steps: (1) fingerprints of the batch; (2) stored postings of those hashes, for articles outside
// the batch; (3) the batch replaces its old index entries; (4) candidate pairs: the batch's own
// postings are sorted in memory and each run of one hash gives the batch articles sharing it;
// document frequency (batch + stored) decides which hashes are boilerplate and never seed a pair;
// (5) each candidate pair is aligned once, and the passages become links.

import type { CorpusStage, CorpusStageReport } from '../corpus.ts';
import type { StageContext } from '../model.ts';
import type { Store } from '../store/store.ts';
import type { ReuseLink } from '../store/repos/reuse.ts';
import { loadOutlets, type OutletTable } from '../meta/outlets.ts';
import { outletMatcher, type OutletMatcher } from './credit.ts';
import { DocCache } from './doc.ts';
import { linkPair, sharedPassages } from './link.ts';
import { anchorHashes, anchorIndex } from './align.ts';
import { boilerplateDf, defaultSettings, loadReuseSettings, type ReuseSettings } from './settings.ts';

const FLUSH = 2000;
const DOC_BITS = 2 ** 21; // batch index packed under the hash: up to 2 million articles per batch
const HASH_OFFSET = 2 ** 31;

export interface ReuseRunStats {
  articles: number;
  candidates: number;
  links: number;
  byKind: Record<string, number>;
  /** Seconds per step, for the benchmark. */
  seconds: Record<string, number>;
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

export async function updateReuse(store: Store, changed: string[], ctx: StageContext): Promise<ReuseRunStats> {
  const { s, outlets } = contextOf(ctx);
  const cache = new DocCache(store, outlets, s);
  const ids = [...new Set(changed)];
  const stats: ReuseRunStats = { articles: 0, candidates: 0, links: 0, byKind: {}, seconds: {} };
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    stats.seconds[name] = (stats.seconds[name] ?? 0) + (now - t) / 1000;
    t = now;
  };

  // 1. Fingerprints of the batch (an article no longer stored leaves the index).
  const batch: string[] = [];
  const fps: Int32Array[] = [];
  const keep = cache.fits(ids.length);
  for (const id of ids) {
    const d = await cache.get(id, { keep });
    if (!d) continue;
    batch.push(id);
    fps.push(d.fp);
  }
  const inBatch = new Map(batch.map((id, i) => [id, i]));
  lap('fingerprint');

  // 2. Stored postings of the batch's hashes, for articles outside the batch.
  const stored = new Map<number, string[]>();
  if ((await store.reuse.indexed()) > 0) {
    const hashes = new Set<number>();
    for (const fp of fps) for (const h of fp) hashes.add(h);
    for (const p of await store.reuse.postings([...hashes])) {
      const others = p.articles.filter((a) => !inBatch.has(a));
      if (others.length) stored.set(p.hash, others);
    }
  }
  lap('lookup');

  // 3. Index the batch.
  await store.reuse.setFingerprints(ids.map((id) => ({ article: id, hashes: inBatch.has(id) ? fps[inBatch.get(id)!] : [] })));
  const maxDf = boilerplateDf(s, await store.reuse.indexed());
  lap('index');

  // 4. Candidate pairs and document frequencies.
  let total = 0;
  for (const fp of fps) total += fp.length;
  const keys = new Float64Array(total);
  let k = 0;
  fps.forEach((fp, i) => {
    for (const h of fp) keys[k++] = (h + HASH_OFFSET) * DOC_BITS + i;
  });
  keys.sort();
  const df = new Map<number, number>(); // only hashes held by two or more articles
  const within: (Set<number> | undefined)[] = new Array(batch.length); // x → batch articles y < x
  for (let r0 = 0; r0 < keys.length; ) {
    const hk = Math.floor(keys[r0] / DOC_BITS);
    let r1 = r0 + 1;
    while (r1 < keys.length && Math.floor(keys[r1] / DOC_BITS) === hk) r1++;
    const h = hk - HASH_OFFSET;
    const n = r1 - r0 + (stored.get(h)?.length ?? 0);
    if (n >= 2) df.set(h, n);
    if (n <= maxDf && r1 - r0 >= 2)
      for (let p = r0 + 1; p < r1; p++) {
        const x = keys[p] - hk * DOC_BITS;
        const set = (within[x] ??= new Set());
        for (let q = r0; q < p; q++) set.add(keys[q] - hk * DOC_BITS);
      }
    r0 = r1;
  }
  const dfOf = (h: number) => df.get(h) ?? 1;
  lap('candidates');

  // 5. Align each candidate pair once; write links as they come.
  await store.reuse.replaceLinks(ids, []);
  let pending: ReuseLink[] = [];
  const flush = async () => {
    await store.reuse.replaceLinks([], pending);
    for (const l of pending) stats.byKind[l.kind] = (stats.byKind[l.kind] ?? 0) + 1;
    stats.links += pending.length;
    pending = [];
  };
  for (let x = 0; x < batch.length; x++) {
    const X = (await cache.get(batch[x]))!;
    const others = new Set<string>();
    for (const y of within[x] ?? []) others.add(batch[y]);
    for (const h of X.fp) {
      const list = stored.get(h);
      if (list && dfOf(h) <= maxDf) for (const y of list) others.add(y);
    }
    stats.candidates += others.size;
    const xIndex = others.size > 1 ? anchorIndex((X.anchors ??= anchorHashes(X.tokens, s.anchor))) : undefined;
    for (const y of others) {
      const Y = await cache.get(y);
      if (!Y) continue;
      const passages = sharedPassages(X, Y, s, xIndex);
      if (!passages.length) continue;
      await cache.withQuotes(X);
      await cache.withQuotes(Y);
      for (const l of linkPair(X, Y, { s, outlets, df: dfOf, maxDf, keepBoilerplate: s.keepBoilerplate }, passages)) {
        // Boilerplate is recognised and counted, and stored only when asked for: it is not reuse.
        if (l.kind === 'boilerplate' && !s.keepBoilerplate) stats.byKind.boilerplate = (stats.byKind.boilerplate ?? 0) + 1;
        else pending.push(l);
      }
    }
    stats.articles++;
    if (pending.length >= FLUSH) await flush();
  }
  await flush();
  lap('align');
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
