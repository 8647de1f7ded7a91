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

/**
 * One field's postings, compressed: the postings of term `t` are `docs[off[t] .. off[t + 1])`
 * with their term frequencies in `tfs` at the same places, in doc order. Two typed arrays per
 * field instead of two per term and field: building the index over 19,250 PolitiFact cases
 * allocated hundreds of thousands of small arrays before.
 */
interface FieldIndex {
  off: Uint32Array;
  docs: Int32Array;
  tfs: Uint16Array;
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
    // First pass: (term, doc, tf) triples per field, in doc order, in growable flat arrays.
    const triples = FIELDS.map(() => ({ term: [] as number[], doc: [] as number[], tf: [] as number[], len: new Float32Array(docs.length) }));
    const dfAll: number[] = [];
    const lastDoc: number[] = [];
    const counts = new Map<number, number>();
    docs.forEach((d, di) => {
      FIELDS.forEach((f, fi) => {
        // Only the top of a long fact-check is read: tokenising 100 MB of PolitiFact text for
        // words that never count would dominate the build.
        let toks = tokens(f === 'text' ? d.text.slice(0, params.textTokens * 12) : d[f]);
        if (f === 'text' && toks.length > params.textTokens) toks = toks.slice(0, params.textTokens);
        const t = triples[fi];
        t.len[di] = toks.length;
        counts.clear();
        for (const tok of toks) {
          let id = this.vocab.get(tok);
          if (id === undefined) (id = this.vocab.size), this.vocab.set(tok, id);
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        for (const [id, c] of counts) {
          t.term.push(id), t.doc.push(di), t.tf.push(Math.min(c, 65535));
          if (lastDoc[id] !== di) (lastDoc[id] = di), (dfAll[id] = (dfAll[id] ?? 0) + 1);
        }
      });
    });
    // Second pass: bucket each field's triples by term (a counting sort keeps doc order).
    const terms = this.vocab.size;
    this.index = triples.map((t) => {
      const off = new Uint32Array(terms + 1);
      for (const id of t.term) off[id + 1]++;
      for (let i = 0; i < terms; i++) off[i + 1] += off[i];
      const fill = off.slice(0, terms);
      const docsOut = new Int32Array(t.term.length);
      const tfsOut = new Uint16Array(t.term.length);
      for (let k = 0; k < t.term.length; k++) {
        const at = fill[t.term[k]]++;
        docsOut[at] = t.doc[k];
        tfsOut[at] = t.tf[k];
      }
      let total = 0;
      for (const l of t.len) total += l;
      return { off, docs: docsOut, tfs: tfsOut, len: t.len, avg: total / Math.max(1, docs.length) || 1 };
    });
    this.df = Uint32Array.from({ length: terms }, (_, id) => dfAll[id] ?? 0);
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
        const from = ix.off[id];
        const to = ix.off[id + 1];
        if (from === to) continue;
        const n = to - from;
        const idf = Math.log(1 + (this.n - n + 0.5) / (n + 0.5));
        for (let j = from; j < to; j++) {
          const d = ix.docs[j];
          const tf = ix.tfs[j];
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
