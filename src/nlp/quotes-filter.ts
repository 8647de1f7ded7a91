// A learned check on each attribution the passes propose: logistic regression over a few dozen
// plain features of the quote in its sentence (how it was found, its cue word and the words
// around it, what kind of speaker it has, how long its content is and where it ends). The
// weights are data (data/quotes/attribution-model.json), fitted by bench/learn-attribution.ts on
// the PolNeAR train split only: a proposal is labelled right when the bench's scoring pairs it
// with a gold attribution. Quotes scoring below the model's threshold are dropped, for the ways of
// finding quotes the model lists (those where the check gained on held-out train text); direct
// quotations (found by their marks, right ~95% of the time) are never dropped.
//
// Features are strings ("m:learned", "cue:said", "len:4-6|m:learned"); a quote's score is the
// sigmoid of the bias plus the weights of its features, so every decision can be explained by
// listing the weights that made it (evidence.filter).

import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sentenceOf, type QuoteDoc } from './quotes.ts';
import { lowerBound, tokenAt } from './tokens.ts';

export interface AttributionModel {
  version: number;
  about?: string;
  threshold: number;
  /** The ways of finding quotes (methodFamily) the check applies to. */
  families: string[];
  bias: number;
  weights: Record<string, number>;
}

/** What the features read of a quote: its parts, cue, speaker and how it was found. */
export interface FilterInput {
  kind: string;
  method: string;
  parts: { start: number; end: number }[];
  cue: { start: number; end: number } | null;
  speaker: { start: number; end: number; kind: string; anonymous: boolean; plural: boolean; documentary: boolean } | null;
  toldTo: boolean;
  via: boolean;
}

const MODEL_FILE = fileURLToPath(new URL('../../data/quotes/attribution-model.json', import.meta.url));
let cached: AttributionModel | null | undefined;

/** The shipped model, or null when the file is absent (then nothing is filtered). */
export function loadAttributionModel(file = MODEL_FILE): AttributionModel | null {
  if (file === MODEL_FILE && cached !== undefined) return cached;
  const m = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AttributionModel) : null;
  if (file === MODEL_FILE) cached = m;
  return m;
}

/** The method's family: "learned:plans to" → learned, "coordinated:said" → coordinated, "quote-marks:after+continued" → quote-marks:after. */
export function methodFamily(method: string): string {
  const m = /^(learned|coordinated|coordinated-subject|participle):/.exec(method);
  return m ? m[1] : method.replace(/\+.*$/, '');
}

const bucket = (n: number, edges: number[]) => {
  let i = 0;
  while (i < edges.length && n > edges[i]) i++;
  return i === 0 ? `≤${edges[0]}` : i === edges.length ? `>${edges.at(-1)}` : `${edges[i - 1] + 1}-${edges[i]}`;
};
const CLAUSE_WORD = /^(?:is|are|was|were|be|been|will|would|can|could|should|must|may|might|has|have|had|did|does|do|won’t|can’t|don’t|doesn’t|didn’t|isn’t|wasn’t)$/;
const TAIL_CHARS = 8;
const LEN_EDGES = [2, 4, 6, 10, 16, 25, 40];
const POS_EDGES = [0, 2, 5, 10, 20];

/** A word as a feature: lower case, but a capitalised word mid-sentence is only "Cap" (names do not carry over to other articles). */
const word = (t: { lower: string; cap: boolean } | undefined) => (!t ? '' : t.cap && !FUNCTION_CAP.test(t.lower) ? 'Cap' : t.lower);
const FUNCTION_CAP = /^(?:the|a|an|he|she|they|it|we|i|you|this|that|these|those|his|her|their|its|our|but|and|in|on|at|as|if|when|while|after|before|for|with|by|from|mr|mrs|ms|dr|sen|rep|gov|president)$/;

export function quoteFeatures(doc: QuoteDoc, q: FilterInput): string[] {
  const toks = doc.tokens;
  const m = methodFamily(q.method);
  const f: string[] = [`m:${m}`, `k:${q.kind}|m:${m}`];
  if (m === 'learned' || m.startsWith('coordinated') || m === 'participle') f.push(`lc:${q.method}`);
  const cs = q.parts[0].start;
  const ce = q.parts.at(-1)!.end;
  const k0 = tokenAt(toks, cs);
  const k1 = tokenAt(toks, ce);
  const n = k1 - k0;
  f.push(`len:${bucket(n, LEN_EDGES)}`, `len:${bucket(n, LEN_EDGES)}|m:${m}`);
  if (q.parts.length > 1) f.push('parts:many');
  const content = doc.text.slice(cs, ce);
  if (/[“”"]/.test(content)) f.push(`marks|m:${m}`);
  f.push(`cf:${word(toks[k0])}`);
  if (toks[k0]?.cap) f.push(`cfcap|m:${m}`);
  const endCh = doc.text[ce - 1] ?? '';
  f.push(`ce:${/[.!?]/.test(endCh) ? '.' : /[”"]/.test(endCh) ? 'q' : /\p{L}|\p{N}/u.test(endCh) ? 'w' : 'o'}|m:${m}`);
  const sent = sentenceOf(doc.sentences, q.cue?.start ?? cs);
  // what follows the content in its sentence (only its first characters are read: a sentence may be huge)
  const tail = doc.text.slice(ce, Math.min(Math.max(ce, sent.end), ce + TAIL_CHARS));
  f.push(`tail:${sent.end - ce <= TAIL_CHARS && /^[\s.!?”"']*$/.test(tail) ? 'end' : /^\s*,/.test(tail) ? 'comma' : 'more'}|m:${m}`);
  if (cs <= sent.start + 1) f.push(`cstart|m:${m}`);
  if (q.cue) {
    const c0 = tokenAt(toks, q.cue.start);
    let c1 = c0;
    while (c1 + 1 < toks.length && toks[c1 + 1].start < q.cue.end) c1++;
    const cue = toks.slice(c0, c1 + 1).map((t) => t.lower).join(' ');
    f.push(`cue:${cue}`, `cue:${cue}|m:${m}`);
    const prev = toks[c0 - 1];
    const next = toks[c1 + 1];
    const gapPrev = prev ? doc.text.slice(prev.end, toks[c0].start) : '';
    const gapNext = next ? doc.text.slice(toks[c1].end, next.start) : '';
    const pw = prev && prev.start >= sent.start ? word(prev) : '<s>';
    const nw = next && next.start < sent.end ? word(next) : '</s>';
    f.push(`pw:${pw}`, `nw:${nw}`, `pw:${pw}|cue:${cue}`, `nw:${nw}|cue:${cue}`);
    const prev2 = toks[c0 - 2];
    if (prev && prev2 && prev2.start >= sent.start) f.push(`pw2:${word(prev2)} ${word(prev)}`);
    if (/[,;:]/.test(gapPrev)) f.push(`pgap:${gapPrev.trim()}|m:${m}`);
    if (/[,;:]/.test(gapNext)) f.push(`ngap:${gapNext.trim()}|m:${m}`);
    if (toks[c0].cap) f.push(`cuecap|m:${m}`);
    f.push(`cpos:${bucket(c0 - tokenAt(toks, sent.start), POS_EDGES)}|m:${m}`);
    f.push(`side:${q.cue.start < cs ? 'before' : 'after'}|m:${m}`);
    const gap = q.cue.start < cs ? tokenAt(toks, cs) - c1 - 1 : tokenAt(toks, q.cue.start) - k1;
    f.push(`cgap:${bucket(gap, [0, 1, 3, 6])}|m:${m}`);
  } else f.push(`nocue|m:${m}`);
  if (q.speaker) {
    const sk = q.speaker.documentary ? 'doc' : q.speaker.kind;
    f.push(`sk:${sk}`, `sk:${sk}|m:${m}`);
    if (q.speaker.anonymous) f.push('s:anon');
    if (q.speaker.plural) f.push('s:plural');
    const st = toks[tokenAt(toks, q.speaker.start)];
    if (st) f.push(`sw:${word(st)}`);
    if (q.cue) f.push(`sdist:${bucket(Math.abs(tokenAt(toks, q.cue.start) - tokenAt(toks, q.speaker.end)), [0, 1, 3, 6, 12])}|m:${m}`);
  } else f.push(`sk:none`, `sk:none|m:${m}`);
  if (q.toldTo) f.push('told');
  if (q.via) f.push('via');
  // a clause (an auxiliary or modal in it) rather than a bare noun phrase
  let clause = false;
  for (let k = k0; k < k1 && !clause; k++) clause = CLAUSE_WORD.test(toks[k].lower);
  f.push(`clause:${clause}|m:${m}`);
  if (/\?\s*$/.test(doc.text.slice(Math.max(sent.start, sent.end - 4), sent.end))) f.push(`question|m:${m}`);
  // a title-case headline or a paragraph of one sentence
  if (sent.start === 0 || doc.text[sent.start - 1] === '\n') f.push(`parastart|m:${m}`);
  // quotation marks elsewhere in the sentence: the quote sits among quoted speech
  const mk = lowerBound(doc.marks.length, (i) => doc.marks[i].end <= sent.start);
  if (mk < doc.marks.length && doc.marks[mk].start < sent.end) f.push(`sentmarks|m:${m}`);
  return f;
}

/** Whether the model checks quotes found this way. */
export function checks(model: AttributionModel, method: string): boolean {
  return !method.startsWith('quote-marks') && model.families.includes(methodFamily(method));
}

/** Probability that the quote is a right attribution, with the features that weighed most. */
export function attributionScore(model: AttributionModel, feats: string[]): { p: number; top: string[] } {
  let z = model.bias;
  const used: [string, number][] = [];
  for (const f of feats) {
    const w = model.weights[f];
    if (w) (z += w), used.push([f, w]);
  }
  used.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  return { p: 1 / (1 + Math.exp(-z)), top: used.slice(0, 3).map(([f, w]) => `${f} ${w > 0 ? '+' : ''}${w.toFixed(2)}`) };
}
