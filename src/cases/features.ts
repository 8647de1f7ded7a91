// The evidence the re-ranker weighs for one (query, case) pair, beyond BM25: how much of the
// query the case's claim covers and the reverse (idf-weighted), shared word pairs, shared numbers,
// shared names, how far apart the two dates are, and whether the case's speaker is the query's.
// Each feature is a number; rerank.ts learns how much each counts from a train split.

import type { Bm25Index, Scored } from './bm25.ts';
import { fold, names, numbers, tokens } from './text.ts';

/** What the matcher keeps of each case besides its postings. */
export interface CaseProfile {
  /** Tokens of claim + title + subtitle (stemmed, no stop words). */
  head: string[];
  headSet: Set<string>;
  bigrams: Set<string>;
  numbers: Set<string>;
  names: Set<string>;
  /** Days since 1970 of the case's date, or NaN. */
  day: number;
  speaker: Set<string>;
}

export interface QueryInput {
  text: string;
  /** ISO date of the query (tweet, debate, article), when known. */
  date?: string | null;
  /** Who said it, when known (debate speaker, quote speaker). */
  speaker?: string | null;
}

export interface QueryProfile {
  tokens: string[];
  set: Set<string>;
  bigrams: Set<string>;
  numbers: Set<string>;
  names: Set<string>;
  day: number;
  speaker: Set<string>;
}

export const FEATURES = [
  'bm25_claim',
  'bm25_title',
  'bm25_subtitle',
  'bm25_text',
  'score_rel',
  'rank_inv',
  'query_cov',
  'case_cov',
  'bigram_share',
  'number_share',
  'number_miss',
  'name_share',
  'date_near',
  'date_before',
  'date_after',
  'date_known',
  'speaker_same',
] as const;

export const toDay = (iso: string | null | undefined): number => {
  if (!iso) return NaN;
  const t = Date.parse(iso.slice(0, 10));
  return Number.isNaN(t) ? NaN : t / 86_400_000;
};

const bigramsOf = (toks: string[]) => {
  const out = new Set<string>();
  for (let i = 1; i < toks.length; i++) out.add(toks[i - 1] + ' ' + toks[i]);
  return out;
};

const speakerSet = (s: string | null | undefined) => new Set(s ? fold(s).split(/[^\p{L}]+/u).filter((w) => w.length > 2) : []);

export function caseProfile(head: string, date: string | null, speaker: string | null): CaseProfile {
  const toks = tokens(head);
  return { head: toks, headSet: new Set(toks), bigrams: bigramsOf(toks), numbers: numbers(head), names: names(head), day: toDay(date), speaker: speakerSet(speaker) };
}

/** A trailing "Month D, YYYY" (tweets end with their date), for queries that give no date. */
export function trailingDate(text: string): string | null {
  const m = /([A-Z][a-z]+) (\d{1,2}), (\d{4})\s*$/.exec(text.trim());
  if (!m) return null;
  const t = Date.parse(`${m[1]} ${m[2]}, ${m[3]} UTC`);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

export function queryProfile(q: QueryInput, toks: string[]): QueryProfile {
  return {
    tokens: toks,
    set: new Set(toks),
    bigrams: bigramsOf(toks),
    numbers: numbers(q.text),
    names: names(q.text),
    day: toDay(q.date ?? trailingDate(q.text)),
    speaker: speakerSet(q.speaker),
  };
}

export function features(ix: Bm25Index, q: QueryProfile, c: CaseProfile, cand: Scored, rank: number, top: number): number[] {
  let qw = 0;
  let qHit = 0;
  for (const t of q.set) {
    const w = ix.idf(t);
    qw += w;
    if (c.headSet.has(t)) qHit += w;
  }
  let cw = 0;
  let cHit = 0;
  for (const t of c.headSet) {
    const w = ix.idf(t);
    cw += w;
    if (q.set.has(t)) cHit += w;
  }
  let bi = 0;
  for (const b of c.bigrams) if (q.bigrams.has(b)) bi++;
  let num = 0;
  for (const n of c.numbers) if (q.numbers.has(n)) num++;
  let nameHit = 0;
  for (const n of q.names) if (c.names.has(n) || c.headSet.has(n)) nameHit++;
  const known = !Number.isNaN(q.day) && !Number.isNaN(c.day);
  const delta = known ? c.day - q.day : 0;
  let speaker = 0;
  for (const w of q.speaker) if (c.speaker.has(w)) speaker = 1;
  return [
    ...cand.fields.map((s) => Math.log1p(s)),
    top > 0 ? cand.score / top : 0,
    1 / (rank + 1),
    qw ? qHit / qw : 0,
    cw ? cHit / cw : 0,
    c.bigrams.size ? bi / Math.sqrt(c.bigrams.size * Math.max(1, q.bigrams.size)) : 0,
    num / Math.max(1, c.numbers.size),
    c.numbers.size && !num ? 1 : 0,
    q.names.size ? nameHit / q.names.size : 0,
    known ? Math.exp(-Math.abs(delta) / 365) : 0,
    known && delta < 0 ? Math.log1p(-delta) : 0,
    known && delta > 0 ? Math.log1p(delta) : 0,
    known ? 1 : 0,
    speaker,
  ];
}
