// Ranks known cases for a sentence or a short text, in two steps:
//  1. candidates: multi-field BM25 (bm25.ts) over claim, title, subtitle/summary and the
//     fact-check text, weighted and tuned on a train split (data/cases/matcher.json);
//  2. re-ranking: a learned linear model (rerank.ts) over the BM25 field scores and the overlap,
//     number, name, date and speaker evidence of features.ts.
// The score is the re-ranker's probability that the case is the one the text repeats.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseRecord } from '../store/repos/cases.ts';
import { Bm25Index, type Bm25Params } from './bm25.ts';
import { caseProfile, features, queryProfile, type CaseProfile, type QueryInput } from './features.ts';
import { checkModel, scoreLinear, sigmoid, type RerankModel } from './rerank.ts';
import { tokens } from './text.ts';

export interface MatcherConfig {
  bm25: Bm25Params;
  /** How many BM25 candidates the re-ranker sees. */
  candidates: number;
  /** An article sentence links to a case at this re-ranker probability or above. */
  linkThreshold: number;
  /** ...and only when at least this share of the case claim's (idf-weighted) words is in the sentence. */
  linkMinCoverage: number;
}

export interface CaseHit {
  case: CaseRecord;
  /** Re-ranker probability (0..1); with no re-ranker, the BM25 score. */
  score: number;
  bm25: number;
  /** The features the re-ranker weighed, by name: the evidence for the ranking. */
  evidence: Record<string, number>;
}

const DATA = (f: string) => fileURLToPath(new URL(`../../data/cases/${f}`, import.meta.url));

export function loadConfig(file = DATA('matcher.json')): MatcherConfig {
  return JSON.parse(readFileSync(file, 'utf8')) as MatcherConfig;
}

export function loadModel(file = DATA('rerank.json')): RerankModel | null {
  if (!existsSync(file) && file === DATA('rerank.json')) return null;
  return checkModel(JSON.parse(readFileSync(file, 'utf8')) as RerankModel, file);
}

/** What each case contributes to the index: its head (claim, title, subtitle) and its body. */
export function caseFields(c: CaseRecord) {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    claim: c.claim,
    title: c.title ?? '',
    subtitle: [str(c.data.subtitle), str(c.data.summary)].filter(Boolean).join('\n'),
    text: c.text ?? '',
  };
}

export class CaseMatcher {
  readonly index: Bm25Index;
  private readonly profiles: CaseProfile[];

  constructor(
    readonly cases: CaseRecord[],
    readonly config: MatcherConfig = loadConfig(),
    readonly model: RerankModel | null = loadModel(),
  ) {
    // Appending the alias table's canonical entity names to cases and queries (entities.ts) was
    // tried and lowered train MAP@5 (2A 0.880 → 0.866): it stays out of ranking, and is used only
    // by article linking (index.ts), where outlets name one group many ways.
    const fields = cases.map(caseFields);
    this.index = new Bm25Index(fields, config.bm25);
    this.profiles = cases.map((c, i) => caseProfile(`${fields[i].claim}\n${fields[i].title}\n${fields[i].subtitle}`, c.date, typeof c.data.speaker === 'string' ? c.data.speaker : null));
  }

  /** The same index and cases with another re-ranker (or none). */
  withModel(model: RerankModel | null): CaseMatcher {
    const m = Object.create(CaseMatcher.prototype) as CaseMatcher;
    return Object.assign(m, this, { model });
  }

  /** BM25 candidates with their feature rows (for training and for ranking). */
  candidates(q: QueryInput, k = this.config.candidates): { doc: number; bm25: number; x: number[] }[] {
    // Links say nothing about the claim (t.co hashes, tracking parameters).
    const text = q.text.replace(/\bhttps?:\/\/\S+|\bpic\.twitter\.com\/\S+/g, ' ');
    const toks = tokens(text);
    const qp = queryProfile({ ...q, text }, toks);
    const found = this.index.search(toks, k);
    const top = found[0]?.score ?? 0;
    return found.map((c, rank) => ({ doc: c.doc, bm25: c.score, x: features(this.index, qp, this.profiles[c.doc], c, rank, top) }));
  }

  match(q: QueryInput, opts: { top?: number; rerank?: boolean } = {}): CaseHit[] {
    const cands = this.candidates(q);
    const model = opts.rerank === false ? null : this.model;
    const scored = cands.map((c) => ({ ...c, score: model ? sigmoid(scoreLinear(model, c.x)) : c.bm25 }));
    scored.sort((a, b) => b.score - a.score || b.bm25 - a.bm25);
    return scored.slice(0, opts.top ?? 10).map((c) => ({
      case: this.cases[c.doc],
      score: c.score,
      bm25: c.bm25,
      evidence: Object.fromEntries((model?.features ?? []).map((f, i) => [f, Math.round(c.x[i] * 1000) / 1000])),
    }));
  }
}
