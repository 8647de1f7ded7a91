// The stories corpus stage: articles about one real-world event.
//   update     features of the changed articles are stored, then each joins the stored story it
//              is most similar to on average (cluster.ts: assignIncremental) or opens a new one;
//   recompute  every story is rebuilt by batch clustering (cluster.ts: clusterStories).
// Reuse links (quote or text passages shared with another article) count as evidence of one
// story when the reuse stage ran; entity and quote layers sharpen the features when present.

import type { CorpusStage } from '../corpus.ts';
import type { Store } from '../store/store.ts';
import type { StoryRecord } from '../store/repos/groups.ts';
import { extractFeatures, loadStorySettings, type StoryFeatures, type StorySettings } from './features.ts';
import { assignIncremental, clusterStories } from './cluster.ts';

let SETTINGS: StorySettings | null = null;
const settings = () => (SETTINGS ??= loadStorySettings());

async function computeFeatures(store: Store, ids: string[]): Promise<StoryFeatures[]> {
  const out: StoryFeatures[] = [];
  for (const id of ids) {
    const a = await store.articles.get(id);
    if (!a) continue;
    const layers = await store.articles.layers(id, ['entity', 'quote']);
    out.push(extractFeatures({ id, title: a.title, text: a.text, date: a.published?.date ?? null, layers }, settings().maxTerms));
  }
  await store.groups.putFeatures(out.map((f) => ({ articleId: f.id, data: f as unknown as Record<string, unknown> })));
  return out;
}

/** Pairs of articles joined by a reused passage (not boilerplate), as a lookup. */
async function reusePairs(store: Store): Promise<(a: string, b: string) => boolean> {
  const pairs = new Set<string>();
  try {
    for (const l of await store.reuse.links()) if (l.kind !== 'boilerplate') pairs.add(`${l.a}\u0000${l.b}`).add(`${l.b}\u0000${l.a}`);
  } catch {
    // The reuse stage is not there (or its store lacks links): stories go on without it.
  }
  return (a, b) => pairs.has(`${a}\u0000${b}`);
}

/** A story's label and evidence: its earliest member's title and the names most members share. */
function describe(id: string, members: string[], feats: Map<string, StoryFeatures>, titles: Map<string, string>): StoryRecord {
  const fs = members.map((m) => feats.get(m)).filter((f): f is StoryFeatures => !!f);
  const dates = fs.map((f) => f.date).filter((d): d is string => !!d).sort();
  const earliest = fs.filter((f) => f.date).sort((a, b) => a.date!.localeCompare(b.date!))[0] ?? fs[0];
  const shared = new Map<string, number>();
  for (const f of fs) for (const k of Object.keys(f.entities)) if (!k.startsWith('=')) shared.set(k, (shared.get(k) ?? 0) + 1);
  const names = [...shared].filter(([, n]) => fs.length === 1 || n >= 2).sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).slice(0, 6).map(([k]) => k);
  return {
    id,
    label: titles.get(earliest?.id ?? members[0]) ?? id,
    articles: members,
    start: dates[0] ?? null,
    end: dates.at(-1) ?? null,
    data: { names },
  };
}

async function titlesOf(store: Store, ids: string[]): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) for (const s of await store.articles.list({ ids: ids.slice(i, i + 500), limit: 500 })) m.set(s.id, s.title);
  return m;
}

const asFeatures = (rows: { articleId: string; data: Record<string, unknown> }[]) => rows.map((r) => r.data as unknown as StoryFeatures);

export const storiesStage: CorpusStage = {
  name: 'stories',

  async update(store, changed) {
    // A batch at least as large as what is stored (a first ingest, a bulk load) is clustered as
    // a batch: placing thousands of articles one by one against each other costs pairs that the
    // batch clustering avoids (41 s for 21,000 articles instead of hours on undated archives).
    const storedCount = (await store.groups.features()).length;
    if (changed.length >= Math.max(50, storedCount - changed.length)) return this.recompute(store, {} as never);
    const s = settings();
    const incoming = await computeFeatures(store, changed);
    const changedSet = new Set(changed);
    const existing = asFeatures(await store.groups.features()).filter((f) => !changedSet.has(f.id));
    const stored = await store.groups.stories();
    const stories = new Map(stored.map((st) => [st.id, st.articles.filter((a) => !changedSet.has(a))]));
    let next = Math.max(0, ...stored.map((st) => Number(st.id.slice(1)) || 0)) + 1;
    const reshaped = new Set<string>();
    const assigned = assignIncremental(existing, incoming, stories, s, () => `s${next++}`, await reusePairs(store), reshaped);
    // Write back the stories that changed: those that gained a member, those that lost one, and
    // those a merge emptied or a split opened.
    const touched = new Set<string>([...assigned.values()].map((v) => v.story));
    for (const t of reshaped) touched.add(t);
    for (const st of stored) if (st.articles.some((a) => changedSet.has(a))) touched.add(st.id);
    const feats = new Map([...existing, ...incoming].map((f) => [f.id, f]));
    const ids = [...touched].flatMap((t) => stories.get(t) ?? []);
    const titles = await titlesOf(store, ids);
    const keep = [...touched].filter((t) => (stories.get(t) ?? []).length > 0);
    const gone = [...touched].filter((t) => !(stories.get(t) ?? []).length);
    await store.groups.saveStories(
      keep.map((t) => describe(t, stories.get(t)!, feats, titles)),
      { deleteIds: gone },
    );
    const joined = [...assigned.values()].filter((v) => stored.some((st) => st.id === v.story)).length;
    return { summary: `stories: ${incoming.length} articles placed, ${joined} joined an existing story, ${stories.size} stories in all`, counts: { placed: incoming.length, joined, stories: stories.size } };
  },

  async recompute(store) {
    const s = settings();
    const ids = await store.articles.ids();
    const feats = await computeFeatures(store, ids);
    const groups = clusterStories(feats, s, await reusePairs(store));
    const byId = new Map(feats.map((f) => [f.id, f]));
    const titles = await titlesOf(store, ids);
    // Stable ids: stories numbered in order of their first member's ingest position.
    const order = new Map(ids.map((id, i) => [id, i]));
    groups.forEach((g) => g.sort((a, b) => order.get(a)! - order.get(b)!));
    groups.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
    await store.groups.saveStories(groups.map((g, i) => describe(`s${i + 1}`, g, byId, titles)), { replaceAll: true });
    return { summary: `stories: ${groups.length} stories over ${ids.length} articles (${groups.filter((g) => g.length > 1).length} with more than one)`, counts: { stories: groups.length, articles: ids.length } };
  },

  async fillArticle(store, article, fields) {
    fields.story = (await store.groups.stories({ articleIds: [article.id] }))[0]?.id ?? null;
  },

  async fillSections(store, sections) {
    sections.stories = (await store.groups.stories()).map((s) => ({ id: s.id, label: s.label, articles: s.articles, start: s.start, end: s.end }));
  },
};
