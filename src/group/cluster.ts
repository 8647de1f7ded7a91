// Story clustering. Two ways in, one notion of a story:
//   batch (recompute): average-link agglomerative clustering over a sparse similarity graph: merge
//     the two groups whose mean pairwise similarity is highest, while it stays ≥ the threshold.
//     Pairs never compared (no shared probe key, outside the time window) count as similarity 0,
//     which is what they would score anyway. Those subject groups are then split into their
//     events by normalised cut on group-local similarity (split.ts), and fragments optionally
//     join their nearest story.
//   incremental (update): a new article joins the existing story with the highest mean similarity
//     to its members, if that mean reaches the threshold; otherwise it starts a story of its own.
//     Stories it bridges merge by the same average-link rule, and a story that has grown two
//     camps is split by the same cut, so trickled articles end where a batch would put them.

import type { StoryFeatures, StorySettings } from './features.ts';
import { Corpus, type Prepared, ProbeIndex, prepare, similarity } from './similarity.ts';
import { splitGroup } from './split.ts';

const EXHAUSTIVE_UP_TO = 1500;

export interface Edge {
  i: number;
  j: number;
  sim: number;
}

/** Build the corpus statistics and prepared vectors for a set of features. */
export function prepareAll(features: StoryFeatures[], s: StorySettings): { corpus: Corpus; items: Prepared[] } {
  const corpus = new Corpus();
  for (const f of features) corpus.count(f);
  return { corpus, items: features.map((f) => prepare(corpus, f, s.candidateTerms)) };
}

/** Similarity edges ≥ minSim between candidate pairs. `reused(a, b)` says whether a reuse link joins two ids. */
export function buildEdges(items: Prepared[], s: StorySettings, minSim: number, reused?: (a: string, b: string) => boolean): Edge[] {
  const index = new ProbeIndex(s.windowDays);
  const edges: Edge[] = [];
  // Small sets are compared pair by pair; the probe index is for corpora where that is too slow.
  const exhaustive = items.length <= EXHAUSTIVE_UP_TO;
  items.forEach((p, i) => {
    for (const j of exhaustive ? Array.from({ length: i }, (_, k) => k) : index.candidates(p)) {
      const sim = similarity(p, items[j], s, reused?.(p.id, items[j].id) ?? false).sim;
      if (sim >= minSim) edges.push({ i: j, j: i, sim });
    }
    index.add(i, p);
  });
  return edges;
}

/** A binary max-heap of candidate merges, ordered by mean similarity. */
class Heap {
  private a: { avg: number; x: number; y: number; vx: number; vy: number }[] = [];
  get size() {
    return this.a.length;
  }
  push(e: { avg: number; x: number; y: number; vx: number; vy: number }) {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].avg >= a[i].avg) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].avg > a[m].avg) m = l;
        if (r < a.length && a[r].avg > a[m].avg) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Average-link agglomerative clustering over sparse edges. Returns a cluster label per item. */
export function averageLink(n: number, edges: Edge[], threshold: number): number[] {
  const size = new Array<number>(n).fill(1);
  const version = new Array<number>(n).fill(0);
  const alive = new Array<boolean>(n).fill(true);
  // sums[x]: neighbour cluster → sum of pairwise similarities between the two clusters.
  const sums: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const e of edges) {
    sums[e.i].set(e.j, (sums[e.i].get(e.j) ?? 0) + e.sim);
    sums[e.j].set(e.i, (sums[e.j].get(e.i) ?? 0) + e.sim);
  }
  const heap = new Heap();
  for (let x = 0; x < n; x++) for (const [y, sum] of sums[x]) if (x < y && sum >= threshold) heap.push({ avg: sum, x, y, vx: 0, vy: 0 });
  const parent = Array.from({ length: n }, (_, i) => i);
  while (heap.size) {
    const top = heap.pop();
    if (top.avg < threshold) break;
    const { x, y } = top;
    if (!alive[x] || !alive[y] || version[x] !== top.vx || version[y] !== top.vy) continue;
    // Merge the smaller cluster into the larger one.
    const [big, small] = size[x] >= size[y] ? [x, y] : [y, x];
    alive[small] = false;
    parent[small] = big;
    sums[big].delete(small);
    for (const [c, sum] of sums[small]) {
      if (c === big) continue;
      sums[big].set(c, (sums[big].get(c) ?? 0) + sum);
      const sc = sums[c];
      sc.set(big, (sc.get(big) ?? 0) + sum);
      sc.delete(small);
    }
    sums[small].clear();
    size[big] += size[small];
    version[big]++;
    for (const [c, sum] of sums[big]) {
      const avg = sum / (size[big] * size[c]);
      if (avg >= threshold) heap.push({ avg, x: big, y: c, vx: version[big], vy: version[c] });
    }
  }
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  return parent.map((_, i) => find(i));
}

/** One subject group split into its events by normalised cut (split.ts), similarity re-weighed on the group alone. */
function splitByCut(features: StoryFeatures[], local: StorySettings, r: NonNullable<StorySettings['refine']>, reused?: (a: string, b: string) => boolean): string[][] {
  const { items } = prepareAll(features, local);
  const memo = new Map<number, number>();
  const n = items.length;
  const sim = (i: number, j: number) => {
    const k = i < j ? i * n + j : j * n + i;
    let v = memo.get(k);
    if (v === undefined) memo.set(k, (v = Math.min(r.cap ?? 1, similarity(items[i], items[j], local, reused?.(items[i].id, items[j].id) ?? false).sim)));
    return v;
  };
  return splitGroup(n, sim, { maxNcut: r.maxNcut!, minPart: r.minPart ?? 2, maxDepth: r.maxDepth ?? 3 }).map((g) => g.map((i) => items[i].id));
}

function clusterOnce(features: StoryFeatures[], s: StorySettings, reused?: (a: string, b: string) => boolean): { groups: string[][]; edges: Edge[]; items: Prepared[] } {
  const { items } = prepareAll(features, s);
  // Pairs far below the threshold cannot lift an average above it in any useful way: drop them.
  const edges = buildEdges(items, s, s.threshold / 3, reused);
  const labels = averageLink(items.length, edges, s.threshold);
  const groups = new Map<number, string[]>();
  labels.forEach((l, i) => (groups.get(l) ?? groups.set(l, []).get(l)!).push(items[i].id));
  return { groups: [...groups.values()], edges, items };
}

/**
 * Fragments (stories of at most `maxSize` articles) join the story they are most similar to on
 * average, corpus-wide weights, when that mean reaches `threshold` (below the merge threshold):
 * a short report that says little more than the event's kind falls short of every story on its
 * own, yet it belongs to one. Larger stories and fragments with no near story stay as they are.
 */
function attachFragments(groups: string[][], edges: Edge[], items: Prepared[], a: { maxSize: number; threshold: number }): string[][] {
  const label = new Map<string, number>();
  groups.forEach((g, k) => g.forEach((id) => label.set(id, k)));
  const at = items.map((p) => label.get(p.id)!);
  // sums.get(fragment)(story) = similarity summed over the pairs between them.
  const sums = new Map<number, Map<number, number>>();
  for (const e of edges) {
    const [x, y] = [at[e.i], at[e.j]];
    if (x === y) continue;
    for (const [f, o] of [[x, y], [y, x]]) {
      if (groups[f].length > a.maxSize || groups[o].length <= groups[f].length) continue;
      const m = sums.get(f) ?? sums.set(f, new Map()).get(f)!;
      m.set(o, (m.get(o) ?? 0) + e.sim);
    }
  }
  const out = groups.map((g) => [...g]);
  const gone = new Set<number>();
  for (const [f, m] of sums) {
    let best = { o: -1, mean: 0 };
    for (const [o, sum] of m) {
      const mean = sum / (groups[f].length * groups[o].length);
      if (mean > best.mean) best = { o, mean };
    }
    if (best.o < 0 || best.mean < a.threshold) continue;
    out[best.o].push(...groups[f]);
    gone.add(f);
  }
  return out.filter((_, k) => !gone.has(k));
}

/**
 * Batch clustering of features into groups of ids (each group = one story), largest first.
 * Two passes: the corpus-wide pass finds groups about one subject; the refine pass re-weighs each
 * group's members against the group alone (local idf), so the words they all share (the kind of
 * event: "earthquake", "rehab") fade and the names, places and figures that tell two events of
 * one kind apart decide whether the group splits (by normalised cut, split.ts, or else by a second
 * average link). Then fragments join their nearest story (attachFragments) when configured.
 */
export function clusterStories(features: StoryFeatures[], s: StorySettings, reused?: (a: string, b: string) => boolean): string[][] {
  return refinePass(firstPass(features, s, reused), features, s, reused);
}

/** The corpus-wide pass of clusterStories: subject groups, and the edges and vectors behind them. */
export function firstPass(features: StoryFeatures[], s: StorySettings, reused?: (a: string, b: string) => boolean) {
  return clusterOnce(features, s, reused);
}

/** The rest of clusterStories: split each subject group into its events, then attach fragments. */
export function refinePass(first: ReturnType<typeof firstPass>, features: StoryFeatures[], s: StorySettings, reused?: (a: string, b: string) => boolean): string[][] {
  if (!s.refine) return [...first.groups].sort((a, b) => b.length - a.length);
  const byId = new Map(features.map((f) => [f.id, f]));
  let out: string[][] = [];
  const local = { ...s, channels: s.refine.channels, threshold: s.refine.threshold };
  for (const g of first.groups) {
    if (g.length < s.refine.minSize) out.push(g);
    else if (s.refine.maxNcut === undefined) out.push(...clusterOnce(g.map((id) => byId.get(id)!), local, reused).groups);
    else out.push(...splitByCut(g.map((id) => byId.get(id)!), local, s.refine, reused));
  }
  if (s.attach) out = attachFragments(out, first.edges, first.items, s.attach);
  return out.sort((a, b) => b.length - a.length);
}

/**
 * Incremental assignment: each new article (in order) joins the story whose members it is most
 * similar to on average, if that reaches the threshold; else it opens a new story. With a refine
 * pass configured, the decision mirrors the batch path: stories passing the corpus-wide threshold
 * are candidates, and the article joins the best of them only if its mean similarity, re-weighed
 * against the candidates' members alone (local idf), reaches the refine threshold. `stories` maps
 * story id → member ids and is updated in place; returns article id → story id and mean similarity.
 */
export function assignIncremental(
  existing: StoryFeatures[],
  incoming: StoryFeatures[],
  stories: Map<string, string[]>,
  s: StorySettings,
  newStoryId: () => string,
  reused?: (a: string, b: string) => boolean,
  /** Collects the ids of stories changed besides those the incoming articles joined: opened by a split, or emptied by a merge. */
  touched?: Set<string>,
): Map<string, { story: string; sim: number }> {
  const all = [...existing, ...incoming];
  const { items } = prepareAll(all, s);
  const featureOf = new Map(all.map((f) => [f.id, f]));
  const storyOf = new Map<string, string>();
  for (const [sid, ids] of stories) for (const id of ids) storyOf.set(id, sid);
  const index = new ProbeIndex(s.windowDays);
  items.forEach((p, i) => i < existing.length && index.add(i, p));
  const isReused = (a: string, b: string) => reused?.(a, b) ?? false;
  const indexOf = new Map(items.map((x, k) => [x.id, k]));
  const out = new Map<string, { story: string; sim: number }>();
  for (let i = existing.length; i < items.length; i++) {
    const p = items[i];
    const sums = new Map<string, number>();
    const candidates = items.length <= EXHAUSTIVE_UP_TO ? Array.from({ length: i }, (_, k) => k) : index.candidates(p, i);
    for (const j of candidates) {
      const sid = storyOf.get(items[j].id);
      if (!sid) continue;
      sums.set(sid, (sums.get(sid) ?? 0) + similarity(p, items[j], s, isReused(p.id, items[j].id)).sim);
    }
    let ranked = [...sums]
      .map(([story, sum]) => ({ story, sim: sum / stories.get(story)!.length }))
      .filter((c) => c.sim >= s.threshold)
      .sort((a, b) => b.sim - a.sim);
    if (s.refine && ranked.length) {
      const refine = s.refine;
      const local = { ...s, channels: refine.channels, threshold: refine.threshold };
      const memberIds = ranked.flatMap((c) => stories.get(c.story)!);
      const { items: li } = prepareAll([...memberIds.map((m) => featureOf.get(m)!), featureOf.get(p.id)!], local);
      const me = li[li.length - 1];
      const byId = new Map(li.map((x) => [x.id, x]));
      ranked = ranked
        .map((c) => {
          const ms = stories.get(c.story)!;
          const sum = ms.reduce((acc, m) => acc + similarity(me, byId.get(m)!, local, isReused(p.id, m)).sim, 0);
          return { story: c.story, sim: sum / ms.length };
        })
        .filter((c) => c.sim >= refine.threshold)
        .sort((a, b) => b.sim - a.sim);
    }
    const best = ranked[0] ?? null;
    const story = best?.story ?? newStoryId();
    if (!stories.has(story)) stories.set(story, []);
    stories.get(story)!.push(p.id);
    storyOf.set(p.id, story);
    index.add(i, p);
    out.set(p.id, { story, sim: best?.sim ?? 1 });
    // Stories the new article bridges merge, by the batch's average-link rule: the mean similarity
    // between all their members reaches the threshold (articles that arrived before their event's
    // fuller reports, each a story of its own until then).
    for (const [other, sum] of sums) {
      const theirs = stories.get(other)!;
      if (other === story || !theirs.length || sum / theirs.length < s.threshold) continue;
      const mine = stories.get(story)!;
      let total = 0;
      for (const a of mine) for (const b of theirs) total += similarity(items[indexOf.get(a)!], items[indexOf.get(b)!], s, isReused(a, b)).sim;
      if (total / (mine.length * theirs.length) < s.threshold) continue;
      mine.push(...theirs);
      for (const m of theirs) {
        storyOf.set(m, story);
        if (out.has(m)) out.set(m, { story, sim: out.get(m)!.sim });
      }
      stories.set(other, []);
      touched?.add(other);
    }
    // As in the batch path, a story that has grown two camps (two events of one kind) is split by
    // normalised cut: the part holding most of its earlier members keeps the id.
    const members = stories.get(story)!;
    if (s.refine?.maxNcut === undefined || members.length < s.refine.minSize) continue;
    const local = { ...s, channels: s.refine.channels, threshold: s.refine.threshold };
    const parts = splitByCut(members.map((m) => featureOf.get(m)!), local, s.refine, reused);
    if (parts.length < 2) continue;
    parts.sort((a, b) => b.filter((m) => m !== p.id).length - a.filter((m) => m !== p.id).length);
    stories.set(story, parts[0]);
    for (const part of parts.slice(1)) {
      const id = newStoryId();
      stories.set(id, part);
      touched?.add(id);
      for (const m of part) {
        storyOf.set(m, id);
        if (out.has(m)) out.set(m, { story: id, sim: out.get(m)!.sim });
      }
    }
  }
  return out;
}
