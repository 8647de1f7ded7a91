// A multi-field BM25 index over cases, in memory. Each field (claim, title, subtitle/summary,
// fact-check text) keeps its own postings, lengths and k1/b, because a word in the one-line claim
// says far more than the same word deep in a 2,000-word fact-check. A query scores every field and
// the weighted sum ranks candidates; the re-ranker (rerank.ts) then sees the per-field scores.
//
// Postings are typed arrays (doc ids, term frequencies) so a query against ~20,000 cases touches a
// few hundred thousand numbers at most: a few milliseconds.

import { tokens } from './text.ts';

export interface FieldParams {
  /** Weight of this field in the candidate score. */
  weight: number;
  k1: number;
  b: number;
}

export const FIELDS = ['claim', 'title', 'subtitle', 'text'] as const;
export type FieldName = (typeof FIELDS)[number];

export interface Bm25Params {
  fields: Record<FieldName, FieldParams>;
  /** Fact-check texts are cut to this many tokens: the claim is restated near the top. */
  textTokens: number;
}

export interface FieldDoc {
  claim: string;
  title: string;
  subtitle: string;
  text: string;
}

interface FieldIndex {
  docs: Int32Array[];
  tfs: Uint16Array[];
  len: Float32Array;
  avg: number;
}

export interface Scored {
  doc: number;
  score: number;
  fields: number[];
}

export class Bm25Index {
  readonly vocab = new Map<string, number>();
  readonly n: number;
  private readonly index: FieldIndex[];
  /** Document frequency over all fields together, for idf-weighted overlap features. */
  readonly df: Uint32Array;

  constructor(docs: FieldDoc[], readonly params: Bm25Params) {
    this.n = docs.length;
    const build: { docs: number[][]; tfs: number[][]; len: Float32Array }[] = FIELDS.map(() => ({ docs: [], tfs: [], len: new Float32Array(docs.length) }));
    const dfAll: number[] = [];
    const seen = new Set<number>();
    docs.forEach((d, di) => {
      seen.clear();
      FIELDS.forEach((f, fi) => {
        // Only the top of a long fact-check is read: tokenising 100 MB of PolitiFact text for
        // words that never count would dominate the build.
        let toks = tokens(f === 'text' ? d.text.slice(0, params.textTokens * 12) : d[f]);
        if (f === 'text' && toks.length > params.textTokens) toks = toks.slice(0, params.textTokens);
        const b = build[fi];
        b.len[di] = toks.length;
        const counts = new Map<number, number>();
        for (const t of toks) {
          let id = this.vocab.get(t);
          if (id === undefined) (id = this.vocab.size), this.vocab.set(t, id);
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        for (const [id, c] of counts) {
          (b.docs[id] ??= []).push(di);
          (b.tfs[id] ??= []).push(Math.min(c, 65535));
          if (!seen.has(id)) (seen.add(id), (dfAll[id] = (dfAll[id] ?? 0) + 1));
        }
      });
    });
    this.index = build.map((b) => {
      let total = 0;
      for (const l of b.len) total += l;
      return {
        docs: Array.from({ length: this.vocab.size }, (_, id) => Int32Array.from(b.docs[id] ?? [])),
        tfs: Array.from({ length: this.vocab.size }, (_, id) => Uint16Array.from(b.tfs[id] ?? [])),
        len: b.len,
        avg: total / Math.max(1, docs.length) || 1,
      };
    });
    this.df = Uint32Array.from({ length: this.vocab.size }, (_, id) => dfAll[id] ?? 0);
  }

  /** Lucene's idf over the whole collection, for a term id (0 for unknown terms). */
  idf(term: string): number {
    const id = this.vocab.get(term);
    const df = id === undefined ? 0 : this.df[id];
    return Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
  }

  // Score buffers, reused across queries (cleared through the touched list) so that a query
  // allocates nothing in proportion to the collection.
  private perField = new Float64Array(0);
  private total = new Float64Array(0);
  private mark = new Uint8Array(0);

  /** The k best documents for these query tokens, with their per-field scores. */
  search(queryTokens: string[], k: number): Scored[] {
    const nf = FIELDS.length;
    if (this.total.length !== this.n) {
      this.perField = new Float64Array(this.n * nf);
      this.total = new Float64Array(this.n);
      this.mark = new Uint8Array(this.n);
    }
    const { perField, total, mark } = this;
    const touched: number[] = [];
    const qtf = new Map<number, number>();
    for (const t of queryTokens) {
      const id = this.vocab.get(t);
      if (id !== undefined) qtf.set(id, (qtf.get(id) ?? 0) + 1);
    }
    FIELDS.forEach((f, fi) => {
      const p = this.params.fields[f];
      const ix = this.index[fi];
      for (const [id, qn] of qtf) {
        const docs = ix.docs[id];
        if (!docs.length) continue;
        const idf = Math.log(1 + (this.n - docs.length + 0.5) / (docs.length + 0.5));
        const tfs = ix.tfs[id];
        for (let j = 0; j < docs.length; j++) {
          const d = docs[j];
          const tf = tfs[j];
          const s = qn * idf * ((tf * (p.k1 + 1)) / (tf + p.k1 * (1 - p.b + (p.b * ix.len[d]) / ix.avg)));
          perField[d * nf + fi] += s;
          total[d] += p.weight * s;
          if (!mark[d]) (mark[d] = 1), touched.push(d);
        }
      }
    });
    const best = topK(touched, total, k);
    const out = best.map((d) => ({ doc: d, score: total[d], fields: Array.from(perField.subarray(d * nf, d * nf + nf)) }));
    for (const d of touched) {
      total[d] = 0;
      mark[d] = 0;
      perField.fill(0, d * nf, d * nf + nf);
    }
    return out;
  }
}

/** The k documents with the highest score, best first (ties: lower doc id first), via a min-heap. */
function topK(docs: number[], score: Float64Array, k: number): number[] {
  const worse = (a: number, b: number) => score[a] < score[b] || (score[a] === score[b] && a > b);
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (const d of docs) {
    if (heap.length < k) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i], heap[p])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    } else if (worse(heap[0], d)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => score[b] - score[a] || a - b);
}
