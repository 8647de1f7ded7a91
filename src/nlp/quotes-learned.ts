// Learned attribution cues: word sequences ("plans to", "is confident that", "supporter of",
// "in an interview") that, in annotated political news, mostly introduce an attributed claim,
// belief or intention. The list is data (data/lexicon/cues-learned.json), written by
// bench/learn-cues.ts from the PolNeAR train split: each cue keeps the side its content lies on
// and whether its subject is the speaker, and only cues right often enough on their uncovered
// occurrences in train are kept (the rates are in the file's "about"; the list is generous, since
// the attribution check, quotes-filter.ts, weighs each proposal). This pass runs after the hand-written constructions
// and only where they found nothing:
//   1. find every cue occurrence (longest cue first at each position, one token-map lookup per word);
//   2. skip it inside a quotation, inside an attribution already found, or inside a cue;
//   3. content "after": from the cue to the end of its sentence (before a following direct quote);
//      content "before": from the clause start to the subject;
//   4. speaker "subject": the subject before the cue (speaker.ts), else none.

import type { QuoteDoc, RawQuote } from './quotes.ts';
import { sentenceOf } from './quotes.ts';
import { clauseSubject, findSpeaker, type SpeakerRef } from './speaker.ts';
import { lowerBound, tokenAt } from './tokens.ts';
import { nearestSubject } from './quotes-indirect.ts';

export interface LearnedCue {
  /** Lower-case words of the cue, as tokens.ts splits them. */
  words: string[];
  dir: 'after' | 'before';
  speaker: 'subject' | 'none';
}

/** Cues indexed by their last word, longest first. */
export function indexCues(cues: LearnedCue[]): Map<string, LearnedCue[]> {
  const byLast = new Map<string, LearnedCue[]>();
  for (const c of cues) {
    const last = c.words.at(-1)!;
    if (!byLast.has(last)) byLast.set(last, []);
    byLast.get(last)!.push(c);
  }
  for (const list of byLast.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byLast;
}

/** Sorted, merged intervals with a binary-searched membership test: linear in the article. */
export function intervals(spans: { start: number; end: number }[]) {
  const s = [...spans].sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const x of s) {
    const last = merged.at(-1);
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else merged.push({ ...x });
  }
  return {
    has(pos: number) {
      let lo = 0;
      let hi = merged.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (merged[mid].end <= pos) lo = mid + 1;
        else if (merged[mid].start > pos) hi = mid - 1;
        else return true;
      }
      return false;
    },
    /** Start of the first interval at or after pos (Infinity when none). */
    nextStart(pos: number) {
      const lo = lowerBound(merged.length, (i) => merged[i].start < pos);
      return lo < merged.length ? merged[lo].start : Infinity;
    },
  };
}

const SKIP_AFTER = /^[\s,:;—–-]*(?:that\s+)?/;

export interface LearnedQuote extends RawQuote {
  learned: LearnedCue;
}

/**
 * Attributions introduced by learned cues where nothing was found. `independent` (used by the
 * generator to score each cue on its own) lets occurrences overlap earlier learned ones.
 */
export function findLearned(doc: QuoteDoc, found: RawQuote[], byLast: Map<string, LearnedCue[]>, independent = false): LearnedQuote[] {
  const out: LearnedQuote[] = [];
  if (!byLast.size) return out;
  // a cue inside a quotation or inside what was found is not one; a content stops where found text begins
  const quoted = intervals(doc.marks);
  const covered = intervals(found.flatMap((q) => [...q.parts, ...(q.cue ? [q.cue] : [])]));
  const directStarts = found.filter((q) => q.kind === 'direct').flatMap((q) => q.parts.map((p) => p.start)).sort((a, b) => a - b);
  const toks = doc.tokens;
  let until = 0; // end of the last learned attribution: the scan runs left to right
  for (let k = 0; k < toks.length; k++) {
    const cands = byLast.get(toks[k].lower);
    // every cue ending on a word inside what was found, or inside a quotation, is skipped below: skip it once here
    if (!cands || covered.has(toks[k].start) || quoted.has(toks[k].start) || (!independent && toks[k].start < until)) continue;
    for (const c of cands) {
      const n = c.words.length;
      if (k + 1 < n) continue;
      let ok = true;
      for (let i = 1; i < n && ok; i++) ok = toks[k - i].lower === c.words[n - 1 - i] && !/[.;:!?“”"]/.test(doc.text.slice(toks[k - i].end, toks[k - i + 1].start));
      if (!ok) continue;
      const cueStart = toks[k - n + 1].start;
      const cueEnd = toks[k].end;
      if (covered.has(cueStart) || covered.has(cueEnd - 1) || quoted.has(cueStart) || (!independent && cueStart < until)) continue;
      const sent = sentenceOf(doc.sentences, cueStart);
      let cs: number;
      let ce: number;
      let speaker: SpeakerRef | null = null;
      if (c.dir === 'after') {
        cs = cueEnd + SKIP_AFTER.exec(doc.text.slice(cueEnd, cueEnd + 12))![0].length;
        ce = Math.max(sent.end, cs);
        let lo = 0;
        let hi = directStarts.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (directStarts[mid] <= cs) lo = mid + 1;
          else hi = mid;
        }
        if (lo < directStarts.length && directStarts[lo] < ce) ce = directStarts[lo];
      } else {
        const from = clauseStart(doc, sent.start, cueStart);
        const comma = doc.text.lastIndexOf(',', cueStart);
        const subjFrom = comma >= from ? comma + 1 : from;
        if (c.speaker === 'subject') speaker = findSpeaker(doc, subjFrom, cueStart);
        cs = from;
        ce = comma >= from ? comma : speaker ? speaker.start : cueStart;
      }
      while (cs < ce && /[\s,;:]/.test(doc.text[cs])) cs++;
      if (covered.has(cs) || (!independent && cs < until)) continue;
      ce = Math.min(ce, covered.nextStart(cs));
      while (ce > cs && /[\s,;:.!?(—–-]/.test(doc.text[ce - 1])) ce--;
      if (!/[\p{L}\p{N}]/u.test(doc.text.slice(cs, ce))) continue;
      // "reported from Midway Atoll": where from, not what (a learned cue that is a lexicon verb, as in quotes-indirect.ts)
      if (c.dir === 'after' && c.words.length === 1 && doc.lex.anyObject.has(doc.lex.verbs.get(c.words[0])?.lemma ?? '') && /^from\b/i.test(doc.text.slice(cs, ce))) continue;
      if (c.dir === 'after' && c.speaker === 'subject') {
        const from = clauseStart(doc, sent.start, cueStart);
        const special = clauseSubject(doc, from, cueStart, cueEnd);
        speaker = special ? special.speaker : appositionHolder(doc, sent.start, cueStart) ?? nearestSubject(doc, from, cueStart);
      }
      out.push({ kind: 'indirect', parts: [{ start: cs, end: ce }], cue: { start: cueStart, end: cueEnd, lemma: 'learned' }, speaker, method: `learned:${c.words.join(' ')}`, learned: c });
      until = Math.max(until, ce, cueEnd);
      if (!independent) break;
    }
  }
  return out;
}

/** "Adelson, a fierce supporter of …": a cue inside an apposition belongs to the name before its comma. */
function appositionHolder(doc: QuoteDoc, sentStart: number, cueStart: number): SpeakerRef | null {
  const before = doc.text.slice(Math.max(sentStart, cueStart - 80), cueStart);
  const ap = /,\s*(?:a|an|the|one|another)\s[^,;:]*$/i.exec(before);
  if (!ap) return null;
  const comma = cueStart - before.length + ap.index;
  const k = tokenAt(doc.tokens, comma) - 1;
  const t = doc.tokens[k];
  if (!t || !t.cap || t.end !== comma || t.start < sentStart) return null;
  const m = doc.mentions.find((x) => x.end === t.end && x.start >= sentStart);
  if (m) return findSpeaker(doc, m.start, m.end);
  let a = k;
  while (a > 0 && doc.tokens[a - 1].cap && doc.tokens[a - 1].start >= sentStart && /^\s+$/.test(doc.text.slice(doc.tokens[a - 1].end, doc.tokens[a].start))) a--;
  const start = doc.tokens[a].start;
  return { start, end: t.end, text: doc.text.slice(start, t.end), kind: 'person', name: doc.text.slice(start, t.end), entity: null, role: null, anonymous: false, plural: false, documentary: false };
}

/** Where the clause holding a cue starts: after the last ; or : or closing quotation mark before it in its sentence. */
function clauseStart(doc: QuoteDoc, sentStart: number, at: number): number {
  const before = doc.text.slice(sentStart, at);
  const b = Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('”'));
  return b >= 0 ? sentStart + b + 1 : sentStart;
}
