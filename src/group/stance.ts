// Stance of an article toward its narrative: promotes, reports or debunks, with the sentences that
// decided it. Promoters and debunkers use the same words for the claim; what differs is what the
// author adds around it:
//   debunks   the author's own voice calls it false ("there is no evidence", "recurring
//             disinformation", "false claim", "Verdict: False", a "False:" headline);
//   reports   hedges on the claim and the other side ("could not be independently verified",
//             "did not provide evidence", a quoted denial of "the allegations");
//   promotes  the rest of a narrative's members: the claim relayed or asserted without those,
//             often in loaded vocabulary ("terrorists", "occupation forces").
// Cues and weights are data (data/stance/cues.json). Debunk cues inside quotations do not count
// (a promoter quoting "no evidence" from the other side is still a promoter).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Span } from '../model.ts';
import { splitSentences } from '../nlp/sentences.ts';
import type { Frame } from './frames.ts';

export type StanceLabel = 'promotes' | 'reports' | 'debunks';

interface Cue {
  re: string;
  w: number;
}
export interface StanceCues {
  thresholds: { debunks: number; reports: number };
  debunks: Cue[];
  reports: Cue[];
  loaded: Cue[];
}

export interface StanceResult {
  label: StanceLabel;
  evidence: { start: number; end: number }[];
  scores: Record<StanceLabel, number>;
  /** The cue words that counted, for a person checking the call. */
  cues: string[];
}

const DEFAULT = fileURLToPath(new URL('../../data/stance/cues.json', import.meta.url));

interface Compiled {
  thresholds: StanceCues['thresholds'];
  debunks: { re: RegExp; w: number }[];
  reports: { re: RegExp; w: number }[];
  loaded: { re: RegExp; w: number }[];
}

export function loadStanceCues(extra: string[] = []): Compiled {
  const cues = JSON.parse(readFileSync(DEFAULT, 'utf8')) as StanceCues;
  for (const f of extra) {
    const more = JSON.parse(readFileSync(f, 'utf8')) as Partial<StanceCues>;
    cues.debunks.push(...(more.debunks ?? []));
    cues.reports.push(...(more.reports ?? []));
    cues.loaded.push(...(more.loaded ?? []));
    Object.assign(cues.thresholds, more.thresholds ?? {});
  }
  const compile = (list: Cue[]) => list.map((c) => ({ re: new RegExp(`(?<![\\p{L}])(?:${c.re})(?![\\p{L}])`, 'giu'), w: c.w }));
  return { thresholds: cues.thresholds, debunks: compile(cues.debunks), reports: compile(cues.reports), loaded: compile(cues.loaded) };
}

/** Offsets of quoted speech: quote-layer contents and text between quotation marks. */
function quotedRanges(text: string, quotes: Span[] | undefined): [number, number][] {
  const out: [number, number][] = [];
  for (const q of quotes ?? []) {
    const c = q.data.content as { start: number; end: number } | undefined;
    if (c && (q.data.kind === 'direct' || q.data.kind === 'partial')) out.push([c.start, c.end]);
  }
  for (const m of text.matchAll(/[“"][^”"\n]*[”"]/g)) out.push([m.index!, m.index! + m[0].length]);
  return out;
}

export interface StanceInput {
  title: string;
  text: string;
  layers: Record<string, Span[]>;
  /** The article's frames of its narrative: the sentences that carry the claim. */
  frames: Frame[];
}

export function decideStance(input: StanceInput, cues: Compiled): StanceResult {
  const { text } = input;
  const sentences = input.layers.sentence?.length ? input.layers.sentence : splitSentences(text).map((s) => ({ ...s, data: {} }));
  const quoted = quotedRanges(text, input.layers.quote);
  const inQuote = (a: number, b: number) => quoted.some(([s, e]) => a >= s && b <= e);
  const sentenceOf = (i: number) => sentences.find((s) => i >= s.start && i < s.end) ?? { start: i, end: i };

  const scores: Record<StanceLabel, number> = { promotes: 0, reports: 0, debunks: 0 };
  const bySentence: Record<StanceLabel, Map<number, { start: number; end: number; w: number }>> = { promotes: new Map(), reports: new Map(), debunks: new Map() };
  const found: string[] = [];
  const credit = (label: StanceLabel, start: number, end: number, w: number) => {
    const s = sentenceOf(start);
    const cur = bySentence[label].get(s.start) ?? { start: s.start, end: s.end, w: 0 };
    cur.w += w;
    bySentence[label].set(s.start, cur);
    scores[label] += w;
    found.push(`${label}:${text.slice(start, end)}`);
  };

  for (const c of cues.debunks)
    for (const m of text.matchAll(c.re)) if (!inQuote(m.index!, m.index! + m[0].length)) credit('debunks', m.index!, m.index! + m[0].length, c.w);
  // The headline speaks in the author's voice too ("False: …"); it has no offsets in the text.
  for (const c of cues.debunks) for (const m of input.title.matchAll(c.re)) ((scores.debunks += c.w), found.push(`debunks(title):${m[0]}`));
  for (const c of cues.reports) for (const m of text.matchAll(c.re)) credit('reports', m.index!, m.index! + m[0].length, c.w);
  for (const c of cues.loaded)
    for (const m of text.matchAll(c.re)) if (!inQuote(m.index!, m.index! + m[0].length)) credit('promotes', m.index!, m.index! + m[0].length, c.w);
  // The claim itself: each sentence carrying it counts for promotion, more when the author asserts
  // it (outside quotation marks, no attribution in the sentence).
  const seen = new Set<number>();
  for (const f of input.frames) {
    if (seen.has(f.start)) continue;
    seen.add(f.start);
    const sentence = text.slice(f.start, f.end);
    const attributed = inQuote(f.start, f.end) || /\b(?:said|says|claimed|claims|told|according to|accused|alleged|quoted)\b/i.test(sentence);
    credit('promotes', f.start, f.start + 1, attributed ? 0.5 : 1.5);
  }

  let label: StanceLabel = 'promotes';
  if (scores.debunks >= cues.thresholds.debunks && scores.debunks >= scores.promotes) label = 'debunks';
  else if (scores.reports >= cues.thresholds.reports && scores.reports >= scores.promotes) label = 'reports';
  // Evidence: the sentences that weighed most for the label, in text order; for a promoter with no
  // cue sentence at all, the sentences carrying the claim.
  let evidence = [...bySentence[label].values()].sort((a, b) => b.w - a.w).slice(0, 3);
  if (!evidence.length && input.frames.length) evidence = input.frames.slice(0, 2).map((f) => ({ start: f.start, end: f.end, w: 0 }));
  if (!evidence.length && sentences.length) evidence = [{ start: sentences[0].start, end: sentences[0].end, w: 0 }];
  evidence.sort((a, b) => a.start - b.start);
  return { label, evidence: evidence.map(({ start, end }) => ({ start, end })), scores, cues: found.filter((f) => f.startsWith(label)).slice(0, 12) };
}
