// Coordinated attributions: one subject, two cues, two contents.
//   "Bush referred to Rubio as “a bright, charismatic leader” but described his leadership skills as …"
//   "Clinton has increasingly decried the issue of “systemic racism” and highlighted her plans to …"
//   "He also expressed concern about the closed primary system in New York and said he hoped …"
//   "Trump defended the incident, calling the protester “a very obnoxious guy …”"
//   "…, but the campaign refused to answer", "… while Sanders suggests …"
// The passes read a forward content to the end of its sentence, so the first attribution swallows
// the second (PolNeAR's gold never nests one attribution in another). This pass cuts a forward
// content before "and / but / while / ;" when a cue follows it (a speech verb of the lexicon, or a
// learned cue, after at most a few adverbs or auxiliaries), before ", <participle cue>" and
// "before/after/by <participle cue>", and before "but/while <short subject> <cue>"; the second
// attribution gets the first one's speaker, or its own subject. Each content is read once.

import type { QuoteDoc, RawQuote } from './quotes.ts';
import { intervals } from './quotes-learned.ts';
import { tokenAt } from './tokens.ts';
import { findSpeaker } from './speaker.ts';
import { NOUNISH } from './quotes-indirect.ts';

const COORDINATOR = /^(?:and|but|while|yet)$/;
/** Words that may stand between the coordinator and the cue ("and has also said", "but then told"). */
const BETWEEN = /^(?:also|has|have|had|is|was|were|are|then|later|now|still|even|again|repeatedly|publicly|privately|previously|recently|quickly|often|regularly|increasingly|frequently|immediately|subsequently|not|never|did|does|do|didn’t|didn't|doesn’t|doesn't|hasn’t|hasn't|haven’t|haven't|hadn’t|hadn't|isn’t|isn't|wasn’t|wasn't|won’t|won't|wouldn’t|wouldn't|can’t|can't|couldn’t|couldn't|has\s+been|been|would|will|could|may|might|should|must|can|went|on|to)$/;
const MAX_BETWEEN = 3;

interface Cue {
  k0: number;
  k1: number; // last token of the cue
  lemma: string;
}

/** A cue starting at token j: a speech verb (finite or participle) or a learned forward cue. */
function cueAt(doc: QuoteDoc, j: number, end: number): Cue | null {
  const toks = doc.tokens;
  const t = toks[j];
  if (!t || t.cap || t.start >= end) return null;
  // a learned cue whose words start here (longest first), when it opens with a verb form ("himself", "how" do not start a predicate)
  if (VERB_FORM.test(t.lower) || doc.lex.verbs.has(t.lower))
  for (let n = 3; n >= 1; n--) {
    const last = toks[j + n - 1];
    if (!last || last.end > end) continue;
    const cands = doc.lex.learned.get(last.lower);
    if (!cands) continue;
    for (const c of cands) {
      if (c.words.length !== n || c.dir !== 'after' || c.speaker !== 'subject') continue;
      let ok = true;
      for (let i = 0; i < n && ok; i++) ok = toks[j + i].lower === c.words[i];
      if (ok) return { k0: j, k1: j + n - 1, lemma: c.words.join(' ') };
    }
  }
  const v = doc.lex.verbs.get(t.lower);
  if (!v || v.form === 'base' || doc.lex.ambiguous.has(v.lemma) || doc.lex.objectPreposition.has(v.lemma)) return null;
  return { k0: j, k1: j, lemma: v.lemma };
}

const VERB_FORM = /^\p{Ll}+(?:ed|s|ing)$/u;
const MAX_SUBJECT = 6;
/** Words that may open a participle attribution inside a content ("before explaining why …"). */
const PARTICIPLE_LEAD = /^(?:before|after|by)$/;
/** A subject of its own after these only: after "and" it is mostly a second object or clause of the content (train). */
const OWN_SUBJECT_AFTER = /^(?:but|while)$/;
/** Words that make what follows a subordinate clause or a phrase, not a subject of its own. */
const NOT_SUBJECT = /^(?:who|whom|whose|which|that|when|where|if|because|to|of|for|than|as|so|then|not|also)$/;

/** "reports show", "claims suggest": a plural noun that looks like a verb, with the clause's own verb right after it. */
function nounBeforeVerb(doc: QuoteDoc, cue: Cue): boolean {
  const t = doc.tokens[cue.k0];
  const v = doc.lex.verbs.get(t.lower);
  const after = doc.tokens[cue.k1 + 1];
  return cue.k0 === cue.k1 && !!v && NOUNISH.test(v.lemma) && /s$/.test(t.lower) && !!after && doc.lex.verbs.has(after.lower) && !/[,;:.“”"]/.test(doc.text.slice(t.end, after.start));
}

/** A short subject (no verb, no comma) starting at token j, then a finite cue: "the campaign refused", "majorities in all five say". */
function ownSubjectCue(doc: QuoteDoc, j: number, limit: number, end: number): { subjectEnd: number; cue: Cue } | null {
  const toks = doc.tokens;
  for (let k = j + 1; k < limit; k++) {
    if (/[,;:.“”"()]/.test(doc.text.slice(toks[k - 1].end, toks[k].start)) || NOT_SUBJECT.test(toks[k - 1].lower)) return null;
    if (doc.lex.verbs.has(toks[k - 1].lower) && k - 1 > j) return null;
    const cue = cueAt(doc, k, end);
    if (!cue) continue;
    const v = doc.lex.verbs.get(toks[k].lower);
    if (v && v.form !== 'finite') return null;
    let e = k - 1;
    while (e > j && BETWEEN.test(toks[e].lower)) e--;
    return { subjectEnd: e, cue };
  }
  return null;
}

/**
 * Splits the forward contents of `qs` at a coordinated cue and adds the attribution it starts.
 * Quotes with a cue already at that place (in `qs` or `others`) only lose the swallowed text.
 */
export function splitCoordinated(doc: QuoteDoc, qs: RawQuote[], others: RawQuote[] = [], learned = true): RawQuote[] {
  const lexDoc = learned ? doc : { ...doc, lex: { ...doc.lex, learned: new Map() } };
  const quoted = intervals(doc.marks);
  const cueStarts = new Set([...qs, ...others].filter((q) => q.cue).map((q) => q.cue!.start));
  const out: RawQuote[] = [];
  for (const q of qs) {
    // a split-off attribution is read again: it may swallow a third
    for (let cur: RawQuote | null = q; cur; cur = splitOne(lexDoc, cur, quoted, cueStarts)) out.push(cur);
  }
  return out;
}

/** Cuts q's content at its first coordinated cue; the attribution that cue starts (null when none, or when one is there already). */
function splitOne(doc: QuoteDoc, q: RawQuote, quoted: { has(pos: number): boolean }, cueStarts: Set<number>): RawQuote | null {
  if (q.kind === 'direct' || !q.cue || q.parts.length !== 1 || q.cue.end > q.parts[0].start) return null;
  const toks = doc.tokens;
  const part = q.parts[0];
  const k0 = tokenAt(toks, part.start);
  const k1 = tokenAt(toks, part.end);
  for (let k = k0 + 1; k < k1; k++) {
    const t = toks[k];
    const gap = doc.text.slice(toks[k - 1].end, t.start);
    const word = COORDINATOR.test(t.lower) && !/[“"]/.test(gap);
    if (quoted.has(t.start)) continue;
    if (!word && !/;/.test(gap)) {
      // "…, calling him a “talented guy”", "… before explaining why she forgave Roof": a participle cue
      const prep = PARTICIPLE_LEAD.test(t.lower);
      if (!prep && !/^[\s]*,\s*$/.test(gap)) continue;
      let j = prep ? k + 1 : k;
      if (j < k1 && /^(?:even|also|then|again|repeatedly)$/.test(toks[j].lower)) j++;
      const cue = /ing$/.test(toks[j]?.lower ?? '') && toks[j].lower !== 'according' ? cueAt(doc, j, part.end) : null;
      if (!cue) continue;
      const split = splitAt(doc, q, cue, prep ? t.start : toks[k - 1].end, q.speaker, 'participle', cueStarts);
      if (split === undefined) continue;
      return split;
    }
    let j = word ? k + 1 : k;
    let n = 0;
    while (j < k1 && n < MAX_BETWEEN && BETWEEN.test(toks[j].lower) && !/[,;:.]/.test(doc.text.slice(toks[j - 1].end, toks[j].start))) (j++, n++);
    let cue = cueAt(doc, j, part.end);
    // "defending and promoting the chair": gerunds joined by "and" are one content (a participle after a comma is read above)
    if (cue && /ing$/.test(toks[cue.k0].lower)) cue = null;
    let speaker = q.speaker;
    let method = 'coordinated';
    if (!cue && n === 0 && word && OWN_SUBJECT_AFTER.test(t.lower)) {
      // "…, but the campaign refused to answer", "… while Sanders suggests …": a subject of its own, then the cue
      const own = ownSubjectCue(doc, j, Math.min(k1, j + MAX_SUBJECT + MAX_BETWEEN + 1), part.end);
      if (!own) continue;
      cue = own.cue;
      if (nounBeforeVerb(doc, cue)) {
        // "…, but multiple reports show otherwise": a clause of someone else's, but no attribution.
        const e1 = endBefore(doc, part.start, t.start);
        if (e1 > part.start) part.end = e1;
        return null;
      }
      speaker = findSpeaker(doc, toks[j].start, toks[own.subjectEnd].end);
      if (!speaker) continue;
      method = 'coordinated-subject';
    }
    if (!cue) continue;
    const split = splitAt(doc, q, cue, word ? t.start : toks[k - 1].end, speaker, method, cueStarts);
    if (split === undefined) continue;
    return split;
  }
  return null;
}

/** Where a content starting at `start` ends when cut at `cut`: before the spaces and punctuation there. */
function endBefore(doc: QuoteDoc, start: number, cut: number): number {
  let e = cut;
  while (e > start && /[\s,;:—–-]/.test(doc.text[e - 1])) e--;
  return e;
}

/**
 * Ends q's content at `cut` and returns the quote `cue` starts (content: after the cue and a "that",
 * to where q's content ended); null when a quote has that cue already, undefined when either
 * content would be empty (nothing is changed then).
 */
function splitAt(doc: QuoteDoc, q: RawQuote, cue: Cue, cut: number, speaker: RawQuote['speaker'], method: string, cueStarts: Set<number>): RawQuote | null | undefined {
  const toks = doc.tokens;
  const part = q.parts[0];
  const cueStart = toks[cue.k0].start;
  const cueEnd = toks[cue.k1].end;
  const skip = /^[\s,:]*(?:that\b)?\s*/.exec(doc.text.slice(cueEnd, cueEnd + 12))!;
  const cs = cueEnd + skip[0].length;
  let ce = part.end;
  while (ce > cs && /[\s,;:.!?(—–-]/.test(doc.text[ce - 1])) ce--;
  const e1 = endBefore(doc, part.start, cut);
  if (e1 <= part.start || ce - cs < 3 || !/[\p{L}\p{N}]/u.test(doc.text.slice(cs, ce))) return undefined;
  part.end = e1;
  if (cueStarts.has(cueStart)) return null;
  cueStarts.add(cueStart);
  return { kind: 'indirect', parts: [{ start: cs, end: ce }], cue: { start: cueStart, end: cueEnd, lemma: cue.lemma }, speaker, via: [], method: `${method}:${cue.lemma}` };
}
