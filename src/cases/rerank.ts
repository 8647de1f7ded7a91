// A small linear re-ranker: logistic regression over the features of features.ts, learned from a
// train split (bench/claims.ts learns it; data/cases/rerank-*.json ship the learned weights).
// Features are standardised with the train split's mean and spread, so the weights read as "how
// much one spread of this feature moves the odds that the case is the one".

import { FEATURES } from './features.ts';

export interface RerankModel {
  version: 1;
  about: string;
  features: string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

export function scoreLinear(m: RerankModel, x: number[]): number {
  let z = m.bias;
  for (let i = 0; i < x.length; i++) z += (m.weights[i] * (x[i] - m.mean[i])) / m.std[i];
  return z;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function checkModel(m: RerankModel, file: string): RerankModel {
  if (m.version !== 1 || m.features.join() !== FEATURES.join())
    throw new Error(`${file}: re-ranker was learned for features [${m.features?.join(', ')}], this build computes [${FEATURES.join(', ')}]; re-learn it (npm run bench -- claims --save)`);
  return m;
}

export interface TrainingQuery {
  /** One feature row per candidate. */
  rows: number[][];
  /** 1 for a relevant candidate, 0 otherwise. */
  labels: number[];
}

/**
 * Pairwise logistic regression (RankNet with a linear scorer): for each query, every relevant
 * candidate should outscore every other candidate. Full-batch gradient descent with L2; then the
 * bias is fitted pointwise so that sigmoid(score) reads as a probability for thresholds.
 */
export function trainRerank(queries: TrainingQuery[], opts: { epochs?: number; rate?: number; l2?: number; about?: string } = {}): RerankModel {
  const nf = FEATURES.length;
  const all = queries.flatMap((q) => q.rows);
  const mean = Array.from({ length: nf }, (_, i) => all.reduce((s, r) => s + r[i], 0) / Math.max(1, all.length));
  const std = Array.from({ length: nf }, (_, i) => Math.sqrt(all.reduce((s, r) => s + (r[i] - mean[i]) ** 2, 0) / Math.max(1, all.length)) || 1);
  const z = queries.map((q) => ({ rows: q.rows.map((r) => r.map((v, i) => (v - mean[i]) / std[i])), labels: q.labels }));
  const w = new Array(nf).fill(0);
  const epochs = opts.epochs ?? 300;
  const rate = opts.rate ?? 0.5;
  const l2 = opts.l2 ?? 1e-3;
  for (let e = 0; e < epochs; e++) {
    const g = new Array(nf).fill(0);
    let pairs = 0;
    for (const q of z) {
      const s = q.rows.map((r) => r.reduce((a, v, i) => a + v * w[i], 0));
      q.labels.forEach((lp, p) => {
        if (!lp) return;
        q.labels.forEach((ln, n) => {
          if (ln) return;
          // d/dw of log(1 + exp(-(s_p - s_n)))
          const coef = -sigmoid(-(s[p] - s[n]));
          for (let i = 0; i < nf; i++) g[i] += coef * (q.rows[p][i] - q.rows[n][i]);
          pairs++;
        });
      });
    }
    for (let i = 0; i < nf; i++) w[i] -= rate * (g[i] / Math.max(1, pairs) + l2 * w[i]);
  }
  // Bias: one-dimensional logistic fit of the labels on the learned score.
  let bias = 0;
  let scale = 1;
  for (let e = 0; e < 300; e++) {
    let gb = 0;
    let gs = 0;
    let n = 0;
    for (const q of z)
      q.rows.forEach((r, k) => {
        const s = r.reduce((a, v, i) => a + v * w[i], 0);
        const err = sigmoid(scale * s + bias) - q.labels[k];
        gb += err;
        gs += err * s;
        n++;
      });
    bias -= (0.5 * gb) / n;
    scale -= (0.5 * gs) / n;
  }
  return { version: 1, about: opts.about ?? '', features: [...FEATURES], mean, std, weights: w.map((v) => v * scale), bias };
}
