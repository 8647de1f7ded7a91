// The ingest pipeline: read → clean → metadata → per-article stages → store, one transaction per
// article; then the corpus stages over what changed. Problems are collected per file (and line)
// and never stop the batch.

import { createHash } from 'node:crypto';
import type { Article, IngestProblem, LayerResult, Layers, RawDoc, StageContext } from './model.ts';
import type { PutOutcome, Store } from './store/store.ts';
import { cleanDoc } from './clean/index.ts';
import { type CompiledRule, loadRules } from './clean/boilerplate.ts';
import { findOutlet } from './meta/outlet.ts';
import { findPublished } from './meta/date.ts';
import { loadOutlets, type OutletTable } from './meta/outlets.ts';
import { ARTICLE_STAGES } from './stages.ts';
import { fileIds, isProblem, listFiles, readFile } from './ingest/index.ts';
import { type CorpusStageReport, runCorpusStages } from './corpus.ts';

export interface PipelineOptions {
  /** Extra boilerplate rule files. */
  rules?: string[];
  /** Extra outlet table files. */
  outlets?: string[];
  /** Extra data files by name (e.g. "aliases" → [files]) for stages that take user extensions. */
  extra?: Record<string, string[]>;
  /** Glob patterns of files and folders to leave out when reading directories (listFiles). */
  exclude?: string[];
  now?: Date;
}

export interface PipelineContext extends StageContext {
  rules: CompiledRule[];
  outletTable: OutletTable;
}

/** Loaded data (rules, lexicons) a run shares between all articles. Throws on bad user files. */
export function createContext(opts: PipelineOptions = {}): PipelineContext {
  const outletTable = loadOutlets(opts.outlets);
  const data = new Map<string, unknown>([['outlets', outletTable]]);
  for (const [name, files] of Object.entries(opts.extra ?? {})) data.set(`extra:${name}`, files);
  return { rules: loadRules(opts.rules), outletTable, data, now: opts.now ?? new Date() };
}

export interface Prepared {
  article: Article;
  layers: LayerResult[];
  warnings: string[];
}

export function contentHash(a: Pick<Article, 'title' | 'text' | 'url' | 'outlet' | 'published'>): string {
  return createHash('sha256')
    .update(JSON.stringify([a.title, a.text, a.url, a.outlet?.id ?? null, a.published?.date ?? null]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Longest clean text one article may have. News articles run to tens of thousands of characters;
 * a text past this is a dump or an attack, and the per-article stages are not linear in it.
 */
export const MAX_ARTICLE_CHARS = 500_000;

/** Only web addresses are kept as an article's URL: a javascript: or data: URL must never reach a link. */
const WEB_URL = /^https?:\/\/[^\s]+$/i;

/** Clean a raw document and settle its metadata: everything but the stages. */
export function toArticle(doc: RawDoc, ctx: PipelineContext): { article: Article; warnings: string[] } {
  const cleaned = cleanDoc(doc, ctx.rules);
  if (!cleaned.text.trim()) throw new Error('no article text left after cleaning');
  if (cleaned.text.length > MAX_ARTICLE_CHARS)
    throw new Error(`the article text is ${cleaned.text.length.toLocaleString('en')} characters, more than the ${MAX_ARTICLE_CHARS.toLocaleString('en')} one article may have`);
  const urlWarnings = doc.url && !WEB_URL.test(doc.url.trim()) ? [`url ${JSON.stringify(doc.url.slice(0, 80))} is not an http(s) address; left out`] : [];
  if (urlWarnings.length) doc = { ...doc, url: undefined };
  const outlet = findOutlet(doc, cleaned.text, ctx.outletTable);
  const date = findPublished(doc, ctx.now);
  const now = ctx.now.toISOString();
  const base = { title: cleaned.title, text: cleaned.text, url: doc.url ?? null, outlet, published: date.call };
  return {
    article: {
      id: doc.id,
      contentHash: contentHash(base),
      source: doc.source,
      ...base,
      removed: cleaned.removed,
      ingestedAt: now,
      updatedAt: now,
    },
    warnings: [...(doc.warnings ?? []), ...urlWarnings, ...date.warnings],
  };
}

/** Run every per-article stage. Pure: the same article and context give the same layers. */
export function runStages(article: Article, ctx: StageContext): LayerResult[] {
  const layers: Layers = {};
  const results: LayerResult[] = [];
  for (const stage of ARTICLE_STAGES) {
    const spans = stage.run(article, layers, ctx);
    layers[stage.layer] = spans;
    results.push({ layer: stage.layer, stage: stage.name, version: stage.version, spans });
  }
  return results;
}

export function prepare(doc: RawDoc, ctx: PipelineContext): Prepared {
  const { article, warnings } = toArticle(doc, ctx);
  return { article, layers: runStages(article, ctx), warnings };
}

/** Whether the stored copy already has this content with every layer at its current version. */
export async function isCurrent(store: Store, article: Article): Promise<boolean> {
  const fp = await store.articles.fingerprint(article.id);
  return !!fp && fp.contentHash === article.contentHash && ARTICLE_STAGES.every((s) => fp.versions[s.layer] === s.version);
}

export interface IngestSummary {
  files: number;
  documents: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  warnings: number;
  problems: IngestProblem[];
  changed: string[];
  corpus: Record<string, CorpusStageReport>;
  seconds: number;
}

export interface IngestEvents {
  onFiles?(total: number): void;
  onFile?(path: string, done: number): void;
  onProblem?(p: IngestProblem): void;
  onCorpusStage?(name: string): void;
}

/** How much work a bulk ingest may leave uncommitted at most (see ingestPaths). */
const BATCH_ARTICLES = 500;
const BATCH_MS = 2000;

/**
 * The start of every ingest, serial or parallel: an empty summary, a problem recorder that
 * counts and reports, and the files under the paths with their ids.
 */
export function startBatch(paths: string[], events: IngestEvents, exclude: string[] = []) {
  const summary: IngestSummary = { files: 0, documents: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0, warnings: 0, problems: [], changed: [], corpus: {}, seconds: 0 };
  const problem = (p: IngestProblem) => {
    summary.problems.push(p);
    if (p.level === 'error') summary.failed++;
    else summary.warnings++;
    events.onProblem?.(p);
  };
  const files: string[] = [];
  for (const f of listFiles(paths, exclude)) typeof f === 'string' ? files.push(f) : problem(f);
  events.onFiles?.(files.length);
  return { summary, problem, files, ids: fileIds(files) };
}

export async function ingestPaths(
  store: Store,
  paths: string[],
  opts: PipelineOptions & { corpus?: boolean } = {},
  events: IngestEvents = {},
): Promise<IngestSummary> {
  const t0 = performance.now();
  const ctx = createContext(opts);
  const { summary: s, problem, files, ids } = startBatch(paths, events, opts.exclude);
  const seen = new Map<string, string>();
  // Commits are grouped (each article still its own savepoint): a commit per article costs
  // an FTS5 segment flush, which dominated bulk ingest. At most BATCH_ARTICLES or BATCH_MS of
  // work is ever uncommitted.
  let pending = 0;
  let batchStart = performance.now();
  const commitIfDue = (force = false) => {
    if (!store.commitBatch || (!force && pending < BATCH_ARTICLES && performance.now() - batchStart < BATCH_MS)) return;
    store.commitBatch();
    pending = 0;
    batchStart = performance.now();
  };
  store.beginBatch?.();
  try {
  for (const file of files) {
    s.files++;
    for (const item of readFile(file, ids.get(file))) {
      if (isProblem(item)) {
        problem(item);
        continue;
      }
      s.documents++;
      const where = { path: item.source.path, line: item.source.line };
      try {
        const prior = seen.get(item.id);
        if (prior) problem({ ...where, level: 'warning', message: `id "${item.id}" was already used by ${prior} in this batch; this one replaces it` });
        seen.set(item.id, `${item.source.path}${item.source.line ? `:${item.source.line}` : ''}`);
        const { article, warnings } = toArticle(item, ctx);
        for (const w of warnings) problem({ ...where, level: 'warning', message: w });
        if (await isCurrent(store, article)) {
          s.unchanged++;
          continue;
        }
        const outcome: PutOutcome = await store.articles.put(article, runStages(article, ctx));
        s[outcome]++;
        if (outcome !== 'unchanged') s.changed.push(article.id);
        pending++;
      } catch (err) {
        problem({ ...where, level: 'error', message: (err as Error).message });
      }
      if (pending) {
        commitIfDue();
        if (!pending) store.beginBatch?.();
      }
    }
    events.onFile?.(file, s.files);
  }
  } finally {
    store.commitBatch?.();
  }
  if (opts.corpus !== false && s.changed.length) {
    s.corpus = await runCorpusStages(store, s.changed, ctx, { onStage: events.onCorpusStage });
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}
