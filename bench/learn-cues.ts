// Learns attribution cues from the PolNeAR train split and writes data/lexicon/cues-learned.json
// (read by src/nlp/quotes-learned.ts). Only train is read; dev stays for scoring.
//   npx tsx bench/learn-cues.ts [min-rate] [min-hits] [min-speaker-rate]
// For choosing the thresholds without dev: LEARN_HALF=even|odd learns from half of train and
// LEARN_OUT=<file> writes elsewhere, so the other half can score it (see bench/quotes.ts).
//
// 1. Candidates: the last one, two and three words of every gold cue (tokens.ts words, lower case).
// 2. Each candidate is tried on its own, in both directions and with both speaker choices, at every
//    occurrence in train that the hand-written passes leave uncovered (quotes-learned.ts with
//    `independent`), and scored against the gold attributions those passes missed: a hit is a
//    gold content whose tokens the prediction covers by half or more (the bench's match rule).
// 3. A cue is kept when its better direction is right on at least `min-rate` of its occurrences
//    and `min-hits` times in all; the speaker choice is the one right more often on its hits.
// The file records the counts, so a reader can see how much evidence each cue had.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requireDataset } from './lib.ts';
import { aliasTableFor } from '../src/nlp/aliases.ts';
import { findEntities } from '../src/nlp/entities.ts';
import { loadLexicon } from '../src/nlp/lexicon.ts';
import { buildDoc, rawQuotes } from '../src/nlp/quotes.ts';
import { findLearned, indexCues, type LearnedCue, type LearnedQuote } from '../src/nlp/quotes-learned.ts';
import { tokenAt, tokenize } from '../src/nlp/tokens.ts';
import { findQuoteMarks } from '../src/nlp/quote-marks.ts';

type Spans = [number, number][];
interface Gold {
  source: Spans;
  cue: Spans;
  content: Spans;
}

const MIN_RATE = Number(process.argv[2] ?? 0.5);
const MIN_HITS = Number(process.argv[3] ?? 4);
const MIN_SPEAKER = Number(process.argv[4] ?? 0.6);
const HALF = process.env.LEARN_HALF;
const OUT = process.env.LEARN_OUT ?? fileURLToPath(new URL('../data/lexicon/cues-learned.json', import.meta.url));
const MAX_WORDS = 3;
const MIN_DIRECT_HITS = 2;
/** Cues made only of these words say nothing by themselves. */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'for', 'with', 'at', 'by', 'as', 'and', 'or', 'is', 'was', 'be', 'that', 'this', 'it', 'from', 'about', 'has', 'have', 'had', 'are', 'were', 'his', 'her', 'their', 'he', 'she', 'they', 'i', 'we', 's', 'not', 'but', 'also', 'so', 'up', 'out', 'over', 'into', 'than', 'been', 'will', 'would']);

const WORD = /[\p{L}\p{N}_]+/gu;
function wordStarts(text: string) {
  const starts: number[] = [];
  for (const m of text.matchAll(WORD)) starts.push(m.index!);
  return starts;
}
function tokSet(starts: number[], spans: Spans) {
  const set = new Set<number>();
  let lo = 0;
  for (const [s, e] of spans) {
    let i = lo;
    let hi = starts.length;
    while (i < hi) {
      const m = (i + hi) >> 1;
      if (starts[m] < s) i = m + 1;
      else hi = m;
    }
    for (; i < starts.length && starts[i] < e; i++) set.add(i);
    lo = 0;
  }
  return set;
}
const coverage = (g: Set<number>, p: Set<number>) => {
  if (!g.size) return 0;
  let n = 0;
  for (const t of p) if (g.has(t)) n++;
  return n / g.size;
};
const overlaps = (a: Spans, b: Spans) => a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));

const records = readFileSync(requireDataset('quotes/polnear/train.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; text: string; attributions: Gold[] })
  .filter((_, i) => !HALF || i % 2 === (HALF === 'even' ? 0 : 1));

// 1. candidates from the gold cues
const candidates = new Set<string>();
for (const r of records) {
  const toks = tokenize(r.text);
  for (const g of r.attributions) {
    if (!g.cue.length) continue;
    const [s, e] = [g.cue[0][0], g.cue.at(-1)![1]];
    const a = tokenAt(toks, s);
    let b = a;
    while (b < toks.length && toks[b].end <= e) b++;
    const words = toks.slice(a, b).map((t) => t.lower);
    for (let n = 1; n <= Math.min(MAX_WORDS, words.length); n++) {
      const w = words.slice(-n);
      if (w.every((x) => FUNCTION_WORDS.has(x) || /^\d/.test(x))) continue;
      candidates.add(w.join(' '));
    }
  }
}
const variants: LearnedCue[] = [];
for (const c of candidates) for (const dir of ['after', 'before'] as const) for (const speaker of ['subject', 'none'] as const) variants.push({ words: c.split(' '), dir, speaker });
const byLast = indexCues(variants);

// 2. score every occurrence
interface Stat {
  n: number;
  hits: number;
  speakerOk: number;
}
const stats = new Map<string, Stat>();
const key = (c: LearnedCue) => `${c.words.join(' ')}\t${c.dir}\t${c.speaker}`;
const lex = loadLexicon();
const aliases = aliasTableFor();
for (const r of records) {
  const mentions = findEntities(r.text, aliases, lex);
  const doc = buildDoc(r.text, mentions, null);
  const base = rawQuotes(doc, { learned: false }).all;
  const starts = wordStarts(r.text);
  const gold = r.attributions.map((g) => tokSet(starts, g.content));
  const baseToks = base.map((q) => tokSet(starts, q.parts.map((p) => [p.start, p.end] as [number, number])));
  const missed = r.attributions.map((_, i) => i).filter((i) => !baseToks.some((p) => coverage(gold[i], p) >= 0.5));
  for (const p of findLearned(doc, base, byLast, true)) {
    const v = (p as LearnedQuote).learned;
    const st = stats.get(key(v)) ?? { n: 0, hits: 0, speakerOk: 0 };
    st.n++;
    const pt = tokSet(starts, p.parts.map((x) => [x.start, x.end] as [number, number]));
    const hit = missed.find((i) => coverage(gold[i], pt) >= 0.5);
    if (hit !== undefined) {
      st.hits++;
      const gs = r.attributions[hit].source;
      const ps: Spans = p.speaker ? [[p.speaker.start, p.speaker.end]] : [];
      if (gs.length === 0 ? ps.length === 0 : overlaps(gs, ps)) st.speakerOk++;
    }
    stats.set(key(v), st);
  }
}

// (LEARN_STATS=<file>: every variant's counts, for choosing the selection rule by cross-validation)
if (process.env.LEARN_STATS) writeFileSync(process.env.LEARN_STATS, JSON.stringify(Object.fromEntries(stats)) + '\n');

// 3. keep the cues that are right often enough
const kept: { cue: string; dir: string; speaker: string; n: number; hits: number; speaker_ok: number }[] = [];
for (const c of candidates) {
  let best: { dir: string; speaker: string; st: Stat } | null = null;
  for (const dir of ['after', 'before'])
    for (const speaker of ['subject', 'none']) {
      const st = stats.get(`${c}\t${dir}\t${speaker}`);
      if (!st) continue;
      // rank by hits, then by speakers right
      if (!best || st.hits > best.st.hits || (st.hits === best.st.hits && st.speakerOk > best.st.speakerOk)) best = { dir, speaker, st };
    }
  // a cue whose speakers are mostly wrong would pull down the share of right speakers
  if (!best || best.st.hits < MIN_HITS || best.st.hits / best.st.n < MIN_RATE || best.st.speakerOk / best.st.hits < MIN_SPEAKER) continue;
  kept.push({ cue: c, dir: best.dir, speaker: best.speaker, n: best.st.n, hits: best.st.hits, speaker_ok: best.st.speakerOk });
}
kept.sort((a, b) => b.hits - a.hits || a.cue.localeCompare(b.cue));
// 4. words that attribute a quotation ("“…,” Kelly charged", "they chanted “…”") that the speech
//    lexicon lacks, past forms and participles only: next to a quotation mark (the 6 words after its close, the 3 before its opening),
//    inside the gold cue of that quotation at least half the time there.
// (words the last run learned are in the lexicon now: they are judged again, not taken as known)
const previousDirect = new Set<string>(existsSync(OUT) ? ((JSON.parse(readFileSync(OUT, 'utf8')).direct_verbs ?? []) as { word: string }[]).map((d) => d.word) : []);
const DIRECT_AFTER = 6;
const DIRECT_BEFORE = 3;
const near = new Map<string, { n: number; hits: number }>();
for (const r of records) {
  const toks = tokenize(r.text);
  const cueOf = r.attributions.filter((g) => g.cue.length).map((g) => ({ cue: g.cue, content: g.content }));
  for (const m of findQuoteMarks(r.text)) {
    const k1 = tokenAt(toks, m.end);
    const k0 = tokenAt(toks, m.start);
    const around = [...toks.slice(k1, k1 + DIRECT_AFTER), ...toks.slice(Math.max(0, k0 - DIRECT_BEFORE), k0)];
    for (const t of around) {
      // past forms and participles only: nouns and adverbs of longer cues ("with a smile", "sarcastically") are not verbs
      if (!/^\p{Ll}+(?:ed|ing)$/u.test(t.text) || FUNCTION_WORDS.has(t.lower) || (lex.verbs.has(t.lower) && !previousDirect.has(t.lower))) continue;
      if (/[\n]/.test(r.text.slice(Math.min(t.end, m.end), Math.max(t.start, m.start)))) continue;
      const st = near.get(t.lower) ?? { n: 0, hits: 0 };
      st.n++;
      if (cueOf.some((g) => overlaps(g.cue, [[t.start, t.end]]) && overlaps(g.content, [[m.start, m.end]]))) st.hits++;
      near.set(t.lower, st);
    }
  }
}
const directVerbs = [...near].filter(([, st]) => st.hits >= MIN_DIRECT_HITS && st.hits / st.n >= 0.5).sort((a, b) => b[1].hits - a[1].hits).map(([w, st]) => ({ word: w, n: st.n, hits: st.hits }));

const out = {
  version: 1,
  about: `Attribution cues learned from the PolNeAR train split by bench/learn-cues.ts (min rate ${MIN_RATE}, min hits ${MIN_HITS}, min speaker rate ${MIN_SPEAKER}). dir: side of the cue the content lies on; speaker: 'subject' takes the subject before the cue, 'none' leaves the holder unnamed. n: uncovered occurrences in train; hits: those that matched a gold attribution the hand-written passes missed; speaker_ok: hits whose speaker was right. Regenerate after changing the hand-written passes.`,
  cues: kept,
  direct_about: 'direct_verbs: words next to a quotation mark in train that were inside its gold cue at least half the time (n: occurrences there, hits: inside the cue); read as speech verbs for quotations only.',
  direct_verbs: directVerbs,
};
writeFileSync(OUT, JSON.stringify(out, null, 1) + '\n');
console.log(`${directVerbs.length} direct verbs; ${candidates.size} candidates, ${kept.length} kept, ${kept.reduce((s, k) => s + k.hits, 0)} hits of ${kept.reduce((s, k) => s + k.n, 0)} occurrences`);
