// The corpus-level views the server reads: narratives, stories and provenance groups, read
// through the export builder (exportTables) so that every store — SQLite, PostgreSQL — and every
// corpus stage answers the same way the export does. Building a section walks a corpus stage's
// rows, so each section is cached on its own until the store changes (the store's change token;
// without one, its article count and a time limit), or an ingest through the API.

import type { Store, ArticleSummary } from '../store/store.ts';
import { entitiesSection, outletsSection, type CorpusSections, type exportTables } from '../export/build.ts';
import { ARTICLE_STAGES } from '../stages.ts';
import { CORPUS_STAGES } from '../corpus.ts';

type Tables = Awaited<ReturnType<typeof exportTables>>;
export type Narrative = Tables['narratives'][number] & { id: string; label: string; articles: string[]; timeline: TimelinePoint[] };
export type Story = Tables['stories'][number] & { id: string; label: string; articles: string[] };
export type ProvenanceGroup = Tables['provenance'][number] & {
  id: string;
  kind: string;
  text: string;
  members: { article: string; span: { start: number; end: number }; published?: string | null; credited?: boolean }[];
  earliest: { article: string | null; confidence: number; evidence: unknown[] } | null;
};
export interface TimelinePoint {
  period: string;
  outlet: string | null;
  stance: string | null;
  count: number;
}

/**
 * Without an exact change token (PostgreSQL), how long a cached value is trusted when the article
 * count did not move: another process may have regrouped without adding articles.
 */
export const CACHE_MS = 15_000;

interface Entry {
  key: string;
  at: number;
  value: Promise<unknown>;
  refreshing?: boolean;
}

const caches = new WeakMap<Store, Map<string, Entry>>();

/** What says the store changed under us: its own change token when it has one, else the article count. */
export async function storeKey(store: Store): Promise<{ key: string; exact: boolean }> {
  const token = store.changeToken?.();
  if (token !== undefined) return { key: token, exact: true };
  return { key: String(await store.articles.count()), exact: false };
}

/**
 * `build()`'s value, kept until the store changes. The promise itself is kept, so concurrent
 * requests share one build. Without an exact token, a value past CACHE_MS is rebuilt in the
 * background while requests keep getting the old one: a rebuild of a large corpus's sections
 * takes a second, and no request should wait for it on a guess.
 */
async function cached<T>(store: Store, name: string, build: () => Promise<T>): Promise<T> {
  const { key, exact } = await storeKey(store);
  let m = caches.get(store);
  if (!m) caches.set(store, (m = new Map()));
  const hit = m.get(name);
  if (hit && hit.key === key) {
    if (!exact && Date.now() - hit.at > CACHE_MS && !hit.refreshing) {
      hit.refreshing = true;
      const value = build();
      value.then(
        () => m.get(name) === hit && m.set(name, { key, at: Date.now(), value }),
        () => (hit.refreshing = false),
      );
    }
    return hit.value as Promise<T>;
  }
  const value = build();
  m.set(name, { key, at: Date.now(), value });
  value.catch(() => m.get(name)?.value === value && m.delete(name));
  return value;
}

/** Forget cached sections, stats and graph (after an ingest through the API). */
export const invalidate = (store: Store) => void caches.delete(store);

type SectionName = keyof Tables;

/**
 * One export section, built on its own: the section a corpus stage fills is named like the stage
 * (stories, narratives, provenance), so a narrative page never waits for ten thousand stories.
 */
export function section<K extends SectionName>(store: Store, name: K): Promise<Tables[K]> {
  return cached(store, `section:${name}`, async () => {
    if (name === 'entities') return (await entitiesSection(store)) as Tables[K];
    if (name === 'outlets') return (await outletsSection(store)) as Tables[K];
    const sections: CorpusSections = { provenance: [], stories: [], narratives: [] };
    const own = CORPUS_STAGES.filter((st) => st.name === name && st.fillSections);
    for (const stage of own.length ? own : CORPUS_STAGES) await stage.fillSections?.(store, sections);
    return sections[name as keyof CorpusSections] as Tables[K];
  });
}

/** Every section, as the export has them. */
export async function corpusTables(store: Store): Promise<Tables> {
  const names: SectionName[] = ['entities', 'outlets', 'provenance', 'stories', 'narratives'];
  const values = await Promise.all(names.map((n) => section(store, n)));
  return Object.fromEntries(names.map((n, i) => [n, values[i]])) as Tables;
}

// Store statistics count every layer row (a second or more at 20,000 articles); every page load of
// the UI asks for them, so they are kept like the sections.
export const cachedStats = (store: Store) => cached(store, 'stats', () => store.stats());

export const narratives = async (store: Store) => (await section(store, 'narratives')) as Narrative[];
export const stories = async (store: Store) => (await section(store, 'stories')) as Story[];
export const provenance = async (store: Store) => (await section(store, 'provenance')) as ProvenanceGroup[];
export const outlets = (store: Store) => section(store, 'outlets');

/** Story ids with their labels lower-cased once, for search's "also" list (ten thousand stories at 20,000 articles). */
export const storyLabels = (store: Store) =>
  cached(store, 'story-labels', async () => (await stories(store)).map((s) => ({ id: s.id, label: s.label, lower: s.label.toLowerCase() })));

/** Which analyses this build and this store can show, so the UI can say "not run" instead of "none found". */
export async function capabilities(store: Store) {
  const layers = new Set(ARTICLE_STAGES.map((s) => s.layer));
  const corpus = new Set(CORPUS_STAGES.map((s) => s.name));
  const has = (...names: string[]) => names.some((n) => corpus.has(n) || [...corpus].some((c) => c.startsWith(n)));
  return {
    entities: layers.has('entity'),
    quotes: layers.has('quote'),
    sourcing: layers.has('sourcing'),
    reuse: has('reuse'),
    provenance: has('provenance', 'reuse'),
    stories: has('stories', 'story', 'group'),
    narratives: has('narratives', 'narrative', 'group'),
    stance: layers.has('stance') || has('stance', 'group'),
    cases: has('cases', 'match') || (await store.cases.count()) > 0,
  };
}

/** Summaries of these articles (in the given order), for lists that only hold ids. */
export async function summaries(store: Store, ids: string[]): Promise<ArticleSummary[]> {
  if (!ids.length) return [];
  const rows = await store.articles.list({ ids, limit: ids.length });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ArticleSummary => !!r);
}

// ---- the outlet graph --------------------------------------------------------------------------

export interface OutletEdge {
  /** The outlet whose passages were reused (the source, when the direction is known). */
  source: string;
  /** The outlet that reused them. */
  target: string;
  /** False when the two share passages but which copied which is not settled. */
  directed: boolean;
  /** Passages reused. */
  count: number;
  /** Of which the copy credited its source. */
  credited: number;
  /** Publication dates of the copies (earliest, latest), null when none is dated. */
  first: string | null;
  last: string | null;
}

/** Who copies and credits whom, outlet to outlet; cached like the sections (the aggregation reads every link). */
export const outletGraph = (store: Store) => cached(store, 'outlet-graph', () => buildOutletGraph(store));

/** From the reuse repository's own aggregation. */
async function buildOutletGraph(store: Store) {
  const rows = await store.reuse.outletGraph();
  const edges: OutletEdge[] = rows
    // In the repository, articles of `from` reused passages of `to`: the arrow runs to → from.
    .map((e) => ({ source: e.to, target: e.from, directed: e.directed, count: e.links, credited: e.credited, first: e.first, last: e.last }))
    .filter((e) => e.source !== e.target)
    .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  const nodes = (await outlets(store)).map((o) => ({ id: o.id, name: o.name, articles: o.articles, reused: 0, reusedBy: 0 }));
  // Articles whose outlet was not found still copy and get copied: give them one node, named so.
  const known = new Set(nodes.map((n) => n.id));
  for (const id of new Set(edges.flatMap((e) => [e.source, e.target])))
    if (!known.has(id)) nodes.push({ id, name: id === 'unknown' ? 'outlet not identified' : id, articles: 0, reused: 0, reusedBy: 0 });
  // Totals per outlet over every directed edge, so a client that takes only the strongest edges still gets them right.
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const e of edges) {
    if (!e.directed) continue;
    byId.get(e.target)!.reused += e.count;
    byId.get(e.source)!.reusedBy += e.count;
  }
  return { nodes, edges };
}
