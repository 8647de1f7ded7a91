// Corpus stages: work that looks across articles (reuse, provenance, stories, narratives,
// stance, case matching). Each keeps its own index in the store, takes the ids of articles that
// arrived or changed, and updates incrementally; `recompute` rebuilds from scratch.

import type { Store } from './store/store.ts';
import type { Article, StageContext } from './model.ts';
import type { ArticleCorpusFields, CorpusSections } from './export/build.ts';
import { provenanceStage, reuseStage } from './reuse/index.ts';
import { casesStage } from './cases/stage.ts';
import { groupStages } from './group/index.ts';
import { entityCorpusStage } from './nlp/entity-corpus.ts';

export interface CorpusStage {
  name: string;
  /** Bring the stage up to date after these articles were inserted or updated. */
  update(store: Store, changed: string[], ctx: StageContext): Promise<CorpusStageReport>;
  /** Rebuild everything the stage keeps, from the stored articles. */
  recompute(store: Store, ctx: StageContext): Promise<CorpusStageReport>;
  /** Fill this stage's per-article export fields (reuse, story, narrative, matches). */
  fillArticle?(store: Store, article: Article, fields: ArticleCorpusFields): Promise<void>;
  /** Fill this stage's top-level export sections (provenance, stories, narratives). */
  fillSections?(store: Store, sections: CorpusSections): Promise<void>;
}

export interface CorpusStageReport {
  /** One line for a person: "reuse: 12 links across 9 articles". */
  summary: string;
  counts?: Record<string, number>;
}

/** In dependency order: reuse before provenance before grouping before case links. */
export const CORPUS_STAGES: CorpusStage[] = [entityCorpusStage, reuseStage, provenanceStage, ...groupStages, casesStage];

export async function runCorpusStages(
  store: Store,
  changed: string[],
  ctx: StageContext,
  opts: { recompute?: boolean; onStage?: (name: string) => void } = {},
): Promise<Record<string, CorpusStageReport>> {
  const reports: Record<string, CorpusStageReport> = {};
  for (const stage of CORPUS_STAGES) {
    opts.onStage?.(stage.name);
    reports[stage.name] = opts.recompute ? await stage.recompute(store, ctx) : await stage.update(store, changed, ctx);
  }
  return reports;
}
