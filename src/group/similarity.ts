// Story similarity: weighted cosine per channel (words, entities, numbers) with corpus idf, plus
// shared quotes and reuse links, times a time factor. Vectors are sorted (key id, weight) arrays so
// a dot product is a merge; candidates come from an inverted index over each article's heaviest
// keys, so the corpus is never compared pair by pair.

import type { StoryFeatures, StorySettings } from './features.ts';

type Channel = 'words' | 'entities' | 'numbers';
const CHANNELS: Channel[] = ['words', 'entities', 'numbers'];

export interface Vec {
  ids: Int32Array;
  w: Float64Array;
}

export interface Prepared {
  id: string;
  /** Days since 1970, or NaN when undated. */
  day: number;
  vec: Record<Channel, Vec>;
  quotes: Set<string>;
  speakers: Set<string>;
  /** Keys used for candidate lookup (word and entity ids with the highest weight). */
  probe: number[];
}

/** Vocabulary and document frequencies over a set of feature records. */
export class Corpus {
  private vocab = new Map<string, number>();
  df: number[] = [];
  n = 0;

  key(k: string): number {
    let id = this.vocab.get(k);
    if (id === undefined) {
      id = this.vocab.size;
      this.vocab.set(k, id);
      this.df.push(0);
    }
    return id;
  }

  count(f: StoryFeatures) {
    this.n++;
    for (const c of CHANNELS) for (const k of Object.keys(f[c])) this.df[this.key(`${c[0]}:${k}`)]++;
  }

  idf(id: number): number {
    return Math.log((1 + this.n) / (1 + this.df[id])) + 1;
  }
}

function toVec(corpus: Corpus, prefix: string, bag: Record<string, number>): Vec {
  const pairs: [number, number][] = [];
  let norm = 0;
  for (const [k, tf] of Object.entries(bag)) {
    const id = corpus.key(`${prefix}:${k}`);
    // Sublinear tf; partial name mentions (weight 0.5) count as half a mention.
    const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * corpus.idf(id);
    pairs.push([id, w]);
    norm += w * w;
  }
  pairs.sort((a, b) => a[0] - b[0]);
  norm = Math.sqrt(norm) || 1;
  return { ids: Int32Array.from(pairs, (p) => p[0]), w: Float64Array.from(pairs, (p) => p[1] / norm) };
}

export function dot(a: Vec, b: Vec): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) s += a.w[i++] * b.w[j++];
    else if (x < y) i++;
    else j++;
  }
  return s;
}

export function prepare(corpus: Corpus, f: StoryFeatures, probeTerms: number): Prepared {
  const vec = { words: toVec(corpus, 'w', f.words), entities: toVec(corpus, 'e', f.entities), numbers: toVec(corpus, 'n', f.numbers) };
  const heaviest = (v: Vec, k: number) =>
    [...v.ids.keys()]
      .sort((a, b) => v.w[b] - v.w[a])
      .slice(0, k)
      .map((i) => v.ids[i]);
  return {
    id: f.id,
    day: f.date ? Date.parse(f.date.slice(0, 10)) / 86_400_000 : NaN,
    vec,
    quotes: new Set(f.quotes),
    speakers: new Set(Object.keys(f.speakers ?? {})),
    // Shared quotes find each other too: a few of the article's quote shingles are probe keys.
    probe: [...heaviest(vec.words, probeTerms), ...heaviest(vec.entities, Math.ceil(probeTerms / 2)), ...f.quotes.slice(0, 4).map((q) => corpus.key(`q:${q}`))],
  };
}

/** Share of the smaller article's quote shingles that the other one carries too. */
function quoteOverlap(a: Prepared, b: Prepared): number {
  if (!a.quotes.size || !b.quotes.size) return 0;
  const [small, big] = a.quotes.size < b.quotes.size ? [a.quotes, b.quotes] : [b.quotes, a.quotes];
  let n = 0;
  for (const q of small) if (big.has(q)) n++;
  // A few shared shingles is a shared phrase; a shared sentence (≥ 8 shingles) is the same statement.
  return Math.min(1, n / Math.min(small.size, 8));
}

/** Time factor: 1 within a day, halving every halfLifeDays, 0 past the window; 1 when a date is missing. */
export function timeFactor(a: Prepared, b: Prepared, s: StorySettings): number {
  if (Number.isNaN(a.day) || Number.isNaN(b.day)) return 1;
  const gap = Math.abs(a.day - b.day);
  if (gap > s.windowDays) return 0;
  return Math.pow(0.5, Math.max(0, gap - 1) / s.halfLifeDays);
}

export interface Explained {
  sim: number;
  parts: Record<string, number>;
}

export function similarity(a: Prepared, b: Prepared, s: StorySettings, reused = false): Explained {
  const t = timeFactor(a, b, s);
  if (t === 0) return { sim: 0, parts: { time: 0 } };
  const parts: Record<string, number> = {};
  let sim = 0;
  for (const c of CHANNELS) {
    parts[c] = dot(a.vec[c], b.vec[c]);
    sim += s.channels[c] * parts[c];
  }
  parts.quotes = quoteOverlap(a, b);
  parts.reuse = reused ? 1 : 0;
  // Shared quotes and reuse are evidence on top of the words, up to a full match.
  sim = Math.min(1, sim + s.quotes * parts.quotes + s.reuse * parts.reuse);
  parts.time = t;
  // Statements are events: two articles quoting named people, none in common, report different ones.
  parts.speakers = 1;
  if (a.speakers.size && b.speakers.size && parts.quotes < 0.5 && !reused) {
    let shared = false;
    for (const x of a.speakers) if (b.speakers.has(x)) (shared = true);
    if (!shared) parts.speakers = s.disjointSpeakers;
  }
  return { sim: sim * t * parts.speakers, parts };
}

/**
 * Inverted index over probe keys, bucketed by time: a dated article is looked up only among
 * articles of its own and the neighbouring time buckets (and the undated ones), so a long corpus
 * costs what its busiest weeks cost. A key shared by more than `maxPosting` articles of one bucket
 * says nothing about one event and is skipped.
 */
export class ProbeIndex {
  private postings = new Map<number, Map<number, number[]>>();
  constructor(
    private bucketDays = 10,
    private maxPosting = 150,
  ) {}

  private bucket(p: Prepared): number {
    return Number.isNaN(p.day) ? -1 : Math.floor(p.day / this.bucketDays);
  }

  add(i: number, p: Prepared) {
    const b = this.bucket(p);
    for (const k of p.probe) {
      let byBucket = this.postings.get(k);
      if (!byBucket) this.postings.set(k, (byBucket = new Map()));
      const l = byBucket.get(b);
      if (l) l.push(i);
      else byBucket.set(b, [i]);
    }
  }

  candidates(p: Prepared, self = -1): Set<number> {
    const out = new Set<number>();
    const b = this.bucket(p);
    for (const k of p.probe) {
      const byBucket = this.postings.get(k);
      if (!byBucket) continue;
      const lists = b === -1 ? [...byBucket.values()] : [byBucket.get(b - 1), byBucket.get(b), byBucket.get(b + 1), byBucket.get(-1)];
      for (const l of lists) {
        if (!l || l.length > this.maxPosting) continue;
        for (const j of l) if (j !== self) out.add(j);
      }
    }
    return out;
  }
}
