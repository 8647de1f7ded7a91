// The corpus-level views the server reads: narratives, stories and provenance groups, read
// through the export builder (exportTables) so that every store — SQLite, PostgreSQL — and every
// corpus stage answers the same way the export does. Building the sections walks the corpus
// stages, so they are cached and rebuilt when the store changed (its article count moved, or an
// ingest through the API) or after a short time, whichever first.

import type { Store, ArticleSummary } from '../store/store.ts';
import { exportTables } from '../export/build.ts';
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

/** How long cached sections are trusted when the store's counts did not move (another process may write). */
const CACHE_MS = 15_000;

interface Cached {
  key: string;
  at: number;
  tables: Tables;
}

const caches = new WeakMap<Store, Cached>();

/** Cheap sign that the store changed under us (another process ingested); the TTL covers the rest. */
async function storeKey(store: Store): Promise<string> {
  return String(await store.articles.count());
}

/** The corpus sections (entities, outlets, provenance, stories, narratives), cached per store. */
export async function corpusTables(store: Store): Promise<Tables> {
  const key = await storeKey(store);
  const hit = caches.get(store);
  if (hit && hit.key === key && Date.now() - hit.at < CACHE_MS) return hit.tables;
  const tables = await exportTables(store);
  caches.set(store, { key, at: Date.now(), tables });
  return tables;
}

/** Forget cached sections and stats (after an ingest through the API). */
export const invalidate = (store: Store) => void (caches.delete(store), statsCache.delete(store), graphs.delete(store));

// Store statistics count every layer row (a second or more at 20,000 articles); every page load of
// the UI asks for them, so they are kept like the sections.
const statsCache = new WeakMap<Store, { key: string; at: number; stats: Awaited<ReturnType<Store['stats']>> }>();

export async function cachedStats(store: Store) {
  const key = await storeKey(store);
  const hit = statsCache.get(store);
  if (hit && hit.key === key && Date.now() - hit.at < CACHE_MS * 2) return hit.stats;
  const stats = await store.stats();
  statsCache.set(store, { key, at: Date.now(), stats });
  return stats;
}

export const narratives = async (store: Store) => (await corpusTables(store)).narratives as Narrative[];
export const stories = async (store: Store) => (await corpusTables(store)).stories as Story[];
export const provenance = async (store: Store) => (await corpusTables(store)).provenance as ProvenanceGroup[];

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

const graphs = new WeakMap<Store, { key: string; at: number; graph: Awaited<ReturnType<typeof buildOutletGraph>> }>();

/** Who copies and credits whom, outlet to outlet; cached like the sections (the aggregation reads every link). */
export async function outletGraph(store: Store) {
  const key = await storeKey(store);
  const hit = graphs.get(store);
  if (hit && hit.key === key && Date.now() - hit.at < CACHE_MS) return hit.graph;
  const graph = await buildOutletGraph(store);
  graphs.set(store, { key, at: Date.now(), graph });
  return graph;
}

/** From the reuse repository's own aggregation. */
async function buildOutletGraph(store: Store) {
  const rows = await store.reuse.outletGraph();
  const edges: OutletEdge[] = rows
    // In the repository, articles of `from` reused passages of `to`: the arrow runs to → from.
    .map((e) => ({ source: e.to, target: e.from, directed: e.directed, count: e.links, credited: e.credited, first: e.first, last: e.last }))
    .filter((e) => e.source !== e.target)
    .sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  const nodes = (await store.outlets.list()).map((o) => ({ id: o.id, name: o.name, articles: o.articles, reused: 0, reusedBy: 0 }));
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
