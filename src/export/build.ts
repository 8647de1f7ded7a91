// Builds the export contract from the store, one article at a time (so JSONL export streams in
// bounded memory). Per-article fields come from the article's layers; corpus fields from the
// corpus-stage repositories. Each room's part is one function below.

import type { Article, Span } from '../model.ts';
import type { Store } from '../store/store.ts';
import type { ExportArticle, ExportDocument } from './contract.ts';
import { CONTRACT_VERSION } from './contract.ts';
import { CORPUS_STAGES } from '../corpus.ts';

type Layers = Record<string, Span[]>;

const spanText = (a: Article, s: { start: number; end: number }) => ({ start: s.start, end: s.end, text: a.text.slice(s.start, s.end) });

/** ingest, clean, meta: the article itself. */
function baseFields(a: Article) {
  return {
    id: a.id,
    source: a.source,
    url: a.url,
    title: a.title,
    text: a.text,
    outlet: a.outlet ? { name: a.outlet.name, entity: a.outlet.id, evidence: a.outlet.evidence } : null,
    published: a.published ? { date: a.published.date, evidence: a.published.evidence } : null,
    removed: a.removed,
  };
}

/** nlp: sentences, entities, quotes, sourcing, dates. Layer payloads are already in export shape. */
function nlpFields(a: Article, layers: Layers) {
  return {
    sentences: (layers.sentence ?? []).map((s) => ({ start: s.start, end: s.end })),
    entities: (layers.entity ?? []).map((s) => ({ ...spanText(a, s), entity: String(s.data.entity), type: String(s.data.type ?? 'other') })),
    quotes: (layers.quote ?? []).map((s) => ({ ...s.data })),
    sourcing: (layers.sourcing?.find((s) => s.data.summary)?.data.summary as Record<string, unknown> | undefined) ?? null,
    dates: (layers.date ?? []).map((s) => ({ ...spanText(a, s), date: (s.data.date as string | null) ?? null })),
  };
}

/** group: stance is an article layer written by the grouping stage. */
function stanceField(a: Article, layers: Layers): ExportArticle['stance'] {
  const s = layers.stance?.[0];
  if (!s) return null;
  const evidence = (s.data.evidence as { start: number; end: number }[] | undefined) ?? [];
  return { label: String(s.data.label), evidence: evidence.map((e) => spanText(a, e)) };
}

/** Per-article corpus fields (reuse, story, narrative, matches), filled by the corpus stages. */
export interface ArticleCorpusFields {
  reuse: ExportArticle['reuse'];
  story: string | null;
  narrative: string | null;
  matches: ExportArticle['matches'];
}

export type CorpusSections = Pick<ExportDocument, 'provenance' | 'stories' | 'narratives'>;

export async function exportArticle(store: Store, id: string): Promise<ExportArticle | null> {
  const a = await store.articles.get(id);
  if (!a) return null;
  const layers = await store.articles.layers(id);
  const corpus: ArticleCorpusFields = { reuse: [], story: null, narrative: null, matches: [] };
  for (const stage of CORPUS_STAGES) await stage.fillArticle?.(store, a, corpus);
  return { ...baseFields(a), ...nlpFields(a, layers), reuse: corpus.reuse, story: corpus.story, narrative: corpus.narrative, stance: stanceField(a, layers), matches: corpus.matches };
}

export async function* exportArticles(store: Store): AsyncGenerator<ExportArticle> {
  for (const id of await store.articles.ids()) {
    const a = await exportArticle(store, id);
    if (a) yield a;
  }
}

/** Entities mentioned by stored articles (from the entity table), and outlets with counts. */
export const entitiesSection = async (store: Store) => (await store.entities.list()).map((e) => ({ id: e.id, name: e.name, type: e.type, aliases: e.aliases }));
export const outletsSection = async (store: Store) => (await store.outlets.list()).map((o) => ({ id: o.id, name: o.name, articles: o.articles }));

export async function exportTables(store: Store): Promise<Pick<ExportDocument, 'entities' | 'outlets' | 'provenance' | 'stories' | 'narratives'>> {
  const entities = await entitiesSection(store);
  const outlets = await outletsSection(store);
  const sections: CorpusSections = { provenance: [], stories: [], narratives: [] };
  for (const stage of CORPUS_STAGES) await stage.fillSections?.(store, sections);
  return { entities, outlets, ...sections };
}

export async function exportDocument(store: Store, now = new Date()): Promise<ExportDocument> {
  const articles: ExportArticle[] = [];
  for await (const a of exportArticles(store)) articles.push(a);
  return { echotrace: CONTRACT_VERSION, generated: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), articles, ...(await exportTables(store)) };
}
