// Quotes and their attribution: who said what, to whom, relayed by whom.
//
// 1. Direct quotes: quotation-mark spans (quote-marks.ts) with an attribution right after the
//    closing mark (“…,” al-Hayes warned / said al-Moussavi / al-Ma’aloumeh quoted X as saying) or
//    right before the opening one (al-Moussavi said on Wednesday: “…” / adding, “…”). “A,” he
//    said, “B.” is one quote in two parts. A mark span with no attribution of its own is a
//    fragment: it makes the indirect quote around it "partial" (decried the claims as “absurd”).
// 2. Indirect speech (quotes-indirect.ts): a speech verb with its content after it (said that…,
//    told Y that…, claimed to…) or before it (…, an official revealed.), and "according to X".
//    Stances (quotes-stance.ts) and "Name: claim" labels (quotes-colon.ts) likewise.
// 3. Coordinated attributions (quotes-coordinated.ts): a forward content ends before "and/but +
//    cue" or ", <participle cue>", which starts a quote of its own ("decried A and highlighted B").
// 4. Learned cues (quotes-learned.ts) where nothing was found, split the same way.
// 5. In text order, pronouns and definite descriptions are resolved to earlier speakers
//    (speaker.ts), told_to and via are read off the sentence (conduits.ts), the learned check
//    (quotes-filter.ts) drops the proposals of the ways it checks that score under its threshold,
//    and each quote gets its sourcing (sourcing.ts).

import type { ArticleStage, Span } from '../model.ts';
import { aliasTableFor } from './aliases.ts';
import { findEntities } from './entities.ts';
import { loadLexicon } from './lexicon.ts';
import { findQuoteMarks, type MarkSpan } from './quote-marks.ts';
import { splitSentences } from './sentences.ts';
import { findSpeaker, firstMentionFrom, resolveSpeaker, type Doc, type Mention, type SpeakerEvent, type SpeakerRef } from './speaker.ts';
import { findToldTo, findVia, type Ref } from './conduits.ts';
import { findIndirect } from './quotes-indirect.ts';
import { findStances } from './quotes-stance.ts';
import { findLearned, intervals } from './quotes-learned.ts';
import { findColonAttributions } from './quotes-colon.ts';
import { splitCoordinated } from './quotes-coordinated.ts';
import { classifyQuote } from './sourcing.ts';
import { lowerBound, tokenAt, tokenize } from './tokens.ts';
import { attributionScore, checks, loadAttributionModel, quoteFeatures, type AttributionModel } from './quotes-filter.ts';

export type QuoteKind = 'direct' | 'partial' | 'indirect';

/** A quote as the passes find it, before resolution. */
export interface RawQuote {
  kind: QuoteKind;
  parts: { start: number; end: number }[];
  cue: { start: number; end: number; lemma: string } | null;
  speaker: SpeakerRef | null;
  /** Outlet quoting the speaker, found with the cue ("al-Ma’aloumeh quoted X as saying"). */
  via?: Ref[];
  /** For "according to X": the evidence phrase. */
  method: string;
}

export interface Sentence {
  start: number;
  end: number;
}

export interface QuoteDoc extends Doc {
  sentences: Sentence[];
  marks: MarkSpan[];
}

export function sentenceOf(sents: Sentence[], pos: number): Sentence {
  let lo = 0;
  let hi = sents.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sents[mid].start <= pos) lo = mid;
    else hi = mid - 1;
  }
  const s = sents[lo];
  return s && s.start <= pos && pos < Math.max(s.end, s.start + 1) + 1 ? s : { start: pos, end: pos };
}

/** Line breaks of the last text asked about: paragraphOf is called per quotation mark, and a scan per call would be quadratic in one long paragraph. */
let breaksOf: { text: string; at: number[] } | null = null;

export function paragraphOf(text: string, pos: number): Sentence {
  if (breaksOf?.text !== text) {
    const at: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) at.push(i);
    breaksOf = { text, at };
  }
  const at = breaksOf.at;
  // first break at or after pos, and the last one before pos
  const lo = lowerBound(at.length, (i) => at[i] < pos);
  const e = lo < at.length ? at[lo] : text.length;
  const s = lo > 0 ? at[lo - 1] + 1 : 0;
  return { start: s, end: e };
}

/** Verbs that name or cite a phrase rather than say it ("called “X”", "quoted “X”"). */
const NAMING = /^(?:call|label|brand|name|quote|read|cite|dub|describe)$/;
const VERB_WINDOW = 30; // words of an attribution clause searched for its verb
/** What follows a quotation when it is not its attribution: "… and he reiterated", "… in his comments". */
const NOT_ATTRIBUTION_START = /^\s*[,—–-]?\s*(?:and|but|or|in|on|at|for|to|of|which|that|because|while|when|if|as|about|with|from|by|so|than|then|into|over|after|before)\b/i;

/** The first speech verb among the tokens of [a, b), skipping capitalised words mid-sentence. */
function cueIn(doc: QuoteDoc, a: number, b: number, last = false): { k: number; lemma: string; form: string } | null {
  let k = tokenAt(doc.tokens, a);
  const end = Math.min(tokenAt(doc.tokens, b), k + VERB_WINDOW);
  let found: { k: number; lemma: string; form: string } | null = null;
  for (; k < end; k++) {
    const t = doc.tokens[k];
    const v = doc.lex.verbs.get(t.lower);
    if (!v || (t.cap && k > 0 && !/[.!?"“”:]\s*$/.test(doc.text.slice(Math.max(0, t.start - 3), t.start)))) continue;
    // "the said …", "her claims": a determiner right before makes the word a noun, unless a
    // quotation or a comma lies between (“… trusted her,” said X).
    const joined = k > 0 && !/[,;:.!?”"“]/.test(doc.text.slice(doc.tokens[k - 1].end, t.start));
    if (joined && /^(?:the|a|an|these|those|this|his|her|their|its|amid|of|such|any|no|recent|new|our)$/.test(doc.tokens[k - 1].lower) && !doc.tokens[k - 1].cap) continue;
    if (joined && doc.tokens[k - 1].poss) continue;
    found = { k, lemma: v.lemma, form: v.form };
    if (!last) return found;
  }
  return found;
}

const CLAUSE_BETWEEN = /[,;]\s*(?:but|and|while|yet|although|though|whereas)\s|;/;

/** A participle that names what follows it: the quotation after it is a title or a name. */
const NAMED_BEFORE = /\b(?:titled|entitled|dubbed|nicknamed|headlined|named)\s*$/i;
/** Words after a verb that start its own content ("said his running mate's tweet …", "said the", "said she"). */
const OPENS_CONTENT = /^\s+(?:his|her|their|its|the|a|an|this|that|these|those|he|she|they|it|we|i|there)\s/i;
/**
 * "On this weekend’s broadcast of “Fox News Sunday,” Gov. Mike Pence said his running mate’s tweet …":
 * a short quotation inside the words of a sentence, followed by a verb with content of its own, is a
 * title, and the verb's content is what was said (PolNeAR train and dev).
 */
function titleBeforeForwardCue(doc: QuoteDoc, m: MarkSpan, cueEnd: number, limit: number, lemma: string): boolean {
  const sent = sentenceOf(doc.sentences, m.start);
  const lead = doc.text.slice(sent.start, m.start);
  if (!/\p{L}/u.test(lead)) return false;
  // "The 30-second spot, titled “Arrogant,” features …": a name given, never a quotation with its attribution after it.
  if (NAMED_BEFORE.test(lead)) return true;
  if (!shortAsTitle(doc, m)) return false;
  // "As a reality TV boss on “The Apprentice,” Donald Trump repeatedly demeaned women …, according to show insiders."
  if (lemma === 'according') return true;
  const rest = doc.text.slice(cueEnd, Math.max(limit, sent.end));
  if (!OPENS_CONTENT.test(rest)) return false;
  return (/^[^,.;:!?]*/.exec(rest)?.[0].trim().split(/\s+/).length ?? 0) >= 4;
}

/** Attribution after a closing mark: “…,” X said / said X / OUTLET quoted X as saying / X was quoted by OUTLET as saying. */
function attributionAfter(doc: QuoteDoc, m: MarkSpan, limit: number): RawQuote | null {
  const after = doc.text.slice(m.end, limit);
  const inner = doc.text.slice(m.start, m.end);
  if (!/^\s*[,—–-]?\s*[\p{L}]/u.test(after)) return null;
  // A quotation that does not end its clause ("…,” / “…?”) is a fragment unless a comma follows it.
  if (!/[,?!—–-]\s*['’]?\s*(?:[”"“]|'')$/.test(inner) && !/^\s*[,—–]/.test(after)) return null;
  if (NOT_ATTRIBUTION_START.test(after)) return null;
  const cue = cueIn(doc, m.end, limit);
  if (!cue) return null;
  const t = doc.tokens[cue.k];
  // "“…,” referencing its donations, but multiple reports show otherwise": a verb past a new clause is not this quotation's attribution.
  if (CLAUSE_BETWEEN.test(doc.text.slice(m.end, t.start))) return null;
  // "… a defense of “New York values,” saying the city …": a participle right after the quotation opens the next clause
  if (cue.form === 'participle' && !/\p{L}/u.test(doc.text.slice(m.end, t.start))) return null;
  if (titleBeforeForwardCue(doc, m, t.end, limit, cue.lemma)) return null;
  let speaker: SpeakerRef | null = null;
  const via: Ref[] = [];
  if (cue.lemma === 'quote') {
    const rest = doc.text.slice(t.end, limit);
    const by = /^\s*by\s+/.exec(rest);
    const asSaying = /\bas\s+(?:saying|telling|stating)\b/.exec(rest);
    if (by) {
      // X was quoted by OUTLET as saying
      speaker = findSpeaker(doc, m.end, t.start);
      const o = doc.mentions.find((x) => x.start >= t.end && x.start <= t.end + by[0].length + 2);
      if (o) via.push({ start: o.start, end: o.end, text: doc.text.slice(o.start, o.end), entity: o.entity });
    } else {
      // OUTLET quoted X(, role,) as saying
      const subj = doc.mentions.find((x) => x.start >= m.end && x.end <= t.start);
      if (subj && (subj.type === 'outlet' || subj.type === 'org')) via.push({ start: subj.start, end: subj.end, text: doc.text.slice(subj.start, subj.end), entity: subj.entity });
      speaker = findSpeaker(doc, t.end, asSaying ? t.end + asSaying.index : limit, { after: true });
      if (!subj) speaker = speaker ?? findSpeaker(doc, m.end, t.start);
    }
  } else {
    const before = doc.text.slice(m.end, t.start);
    speaker = /[\p{L}]/u.test(before) ? findSpeaker(doc, m.end, t.start) : null;
    if (!speaker) {
      const comma = doc.text.indexOf(',', t.end);
      speaker = findSpeaker(doc, t.end, comma > 0 && comma < limit ? comma : limit, { after: true });
    }
  }
  return { kind: 'direct', parts: [{ start: m.start, end: m.end }], cue: { start: t.start, end: t.end, lemma: cue.lemma }, speaker, via, method: 'quote-marks:after' };
}

/** Attribution before an opening mark: X said on Wednesday: “…” / adding, “…”. */
function attributionBefore(doc: QuoteDoc, m: MarkSpan, sent: Sentence, prior: RawQuote[]): RawQuote | null {
  const from = Math.max(sent.start, ...prior.filter((q) => q.parts.at(-1)!.end <= m.start && q.parts.at(-1)!.end >= sent.start).map((q) => q.parts.at(-1)!.end));
  const before = doc.text.slice(from, m.start);
  // End-anchored patterns only ever look at the last words; testing them on a bounded tail keeps
  // a paragraph of thousands of quotation marks linear instead of quadratic.
  const tail = before.slice(-200);
  // "X said: “…”", "adding, “…”", and a finite speech verb right before the mark ("The ad claims “…”", "he yelled “…”").
  const lastWord = /([\p{L}]+)\s*$/u.exec(tail)?.[1].toLowerCase() ?? '';
  const verbRight = doc.lex.verbs.get(lastWord);
  // A bare verb takes the quotation only when it closes the clause: "says “the wind is at our backs” despite…" is a fragment.
  const closes = /[.!?,]\s*(?:[”"]|'')$/.test(doc.text.slice(m.start, m.end)) || /^\s*(?:[.!?]|$)/.test(doc.text.slice(m.end, sent.end + 1));
  const bare = closes && !!verbRight && verbRight.form === 'finite' && !doc.lex.needThat.has(verbRight.lemma) && !NAMING.test(verbRight.lemma);
  if (!/[,:]\s*$/.test(tail) && !/\b(?:saying|adding)\s*$/i.test(tail) && !bare) return null;
  const cue = cueIn(doc, from, m.start, true);
  if (!cue) {
    // "Sen. Warren: “…”", "Mr. Christie gloated: “…”", "the line: “…”": the clause before a colon.
    const colon = /:\s*$/.exec(tail);
    if (!colon) return null;
    const c = from + before.length - tail.length + colon.index;
    const who = doc.mentions.find((x) => x.type === 'person' && x.end <= m.start && /^\s*:\s*$/.test(doc.text.slice(x.end, m.start)));
    const sp = who ? findSpeaker(doc, who.start, who.end) : findSpeaker(doc, from, c);
    if (!sp) return null;
    return { kind: 'direct', parts: [{ start: m.start, end: m.end }], cue: { start: c, end: c + 1, lemma: 'colon' }, speaker: sp, via: [], method: 'quote-marks:colon' };
  }
  const t = doc.tokens[cue.k];
  if (tokenAt(doc.tokens, m.start) - cue.k > 8) return null;
  const speaker = cue.form === 'participle' ? participleSubject(doc, from, t.start, prior) : findSpeaker(doc, from, t.start);
  // "said via email that, “Of course Mr. Trump is going to defend himself” against what the campaign sees as …":
  // a quotation that does not close its clause is the start of what was said, which goes on to the sentence's end.
  const tailWords = doc.text.slice(m.end, sent.end);
  if (!/[.,!?;:]\s*['’]?\s*(?:[”"]|'')$/.test(doc.text.slice(m.start, m.end)) && /^\s+\p{Ll}/u.test(tailWords) && !/[“"]|''/.test(tailWords)) {
    let end = sent.end;
    while (end > m.end && /[\s.!?]/.test(doc.text[end - 1])) end--;
    return { kind: 'partial', parts: [{ start: m.start, end }], cue: { start: t.start, end: t.end, lemma: cue.lemma }, speaker, via: [], method: 'quote-marks:before' };
  }
  return { kind: 'direct', parts: [{ start: m.start, end: m.end }], cue: { start: t.start, end: t.end, lemma: cue.lemma }, speaker, via: [], method: 'quote-marks:before' };
}

/** The subject a participle cue ("adding", "reiterating") hangs on: the last finite cue's speaker in the sentence, else its first candidate. */
export function participleSubject(doc: QuoteDoc, from: number, to: number, prior: RawQuote[]): SpeakerRef | null {
  const earlier = prior.filter((q) => q.cue && q.cue.start >= from && q.cue.start < to && q.speaker).at(-1);
  if (earlier) return earlier.speaker;
  const fin = cueIn(doc, from, to);
  if (fin && doc.lex.verbs.get(doc.tokens[fin.k].lower)?.form !== 'participle') return findSpeaker(doc, from, doc.tokens[fin.k].start);
  return findSpeaker(doc, from, to, { leftmost: true });
}

/**
 * A whole sentence in quotation marks with no attribution of its own ("The judge then turned to
 * me. “Mr. D’Souza?”"): still somebody's words. The speaker is the subject of the sentence before
 * it in the same paragraph, when there is one.
 */
function orphanQuote(doc: QuoteDoc, m: MarkSpan, para: Sentence, limit: number, prevEnd: number): RawQuote | null {
  const sent = sentenceOf(doc.sentences, m.start);
  // words of the sentence's own before the mark; a quotation earlier in the sentence counts as words
  // (and keeps the scan linear: no text is read twice)
  const from = Math.max(sent.start, para.start);
  if (prevEnd > from || /\p{L}/u.test(doc.text.slice(from, m.start))) return null;
  const inner = doc.text.slice(m.start, m.end);
  if (!/[.!?…]\s*['’]?\s*(?:[”"]|'')$/.test(inner) || inner.split(/\s+/).length < ORPHAN_MIN_WORDS) return null;
  // “This is fantastic!” beamed Donald Hartley: a name right after the quotation, whatever the verb.
  let speaker: SpeakerRef | null = null;
  let after: Mention | undefined;
  for (let j = firstMentionFrom(doc, m.end); j < doc.mentions.length && doc.mentions[j].start <= Math.min(m.end + 40, limit - 1); j++) if (doc.mentions[j].type === 'person') (after = doc.mentions[j]), (j = doc.mentions.length);
  if (after) return { kind: 'direct', parts: [{ start: m.start, end: m.end }], cue: null, speaker: findSpeaker(doc, after.start, after.end), via: [], method: 'quote-marks:orphan-named' };
  const signed = signOff(doc, m, para);
  if (signed) return { kind: 'direct', parts: [{ start: m.start, end: m.end }], cue: null, speaker: signed, via: [], method: 'quote-marks:signed' };
  if (sent.start > para.start) {
    const prev = sentenceOf(doc.sentences, sent.start - 1);
    if (prev.start >= para.start && !/[“”"]|''/.test(doc.text.slice(prev.start, sent.start))) speaker = findSpeaker(doc, prev.start, prev.end, { leftmost: true });
  }
  return { kind: 'direct', parts: [{ start: m.start, end: m.end }], cue: null, speaker, via: [], method: 'quote-marks:orphan' };
}
const ORPHAN_MIN_WORDS = 3;

/** A short line of its own opened by a dash: "- Bernie Sanders.", "—President Obama, tweeting after …". */
const SIGN_OFF = /^\n*[ \t]*[―—–-]{1,2}[ \t]*(?=\p{Lu})/u;
const SIGN_OFF_CHARS = 120;

/**
 * A quotation that fills its paragraph, signed on the next line with a dash and a name (PolNeAR
 * train: fact-check roundups, "“…”\n\n- Sanders."): the name is the speaker.
 */
function signOff(doc: QuoteDoc, m: MarkSpan, para: Sentence): SpeakerRef | null {
  if (!fillsParagraph(doc, m, para)) return null;
  const rest = doc.text.slice(para.end, para.end + SIGN_OFF_CHARS + 4);
  const dash = SIGN_OFF.exec(rest);
  if (!dash) return null;
  const a = para.end + dash[0].length;
  const line = paragraphOf(doc.text, a);
  if (line.end - a > SIGN_OFF_CHARS) return null;
  // the name ends at the first comma ("-Michelle Marks, Philadelphia.")
  const comma = doc.text.indexOf(',', a);
  return findSpeaker(doc, a, comma > a && comma < line.end ? comma : line.end, { after: true });
}
/** How many quoted titles may stand between two quotations of one speaker (bounded, so it stays linear). */
const MAX_TITLES_BETWEEN = 3;

/** Whether the marks before marks[i] back to `from` are only a few short quoted titles. */
function onlyTitlesBetween(doc: QuoteDoc, i: number, from: number): boolean {
  let seen = 0;
  for (let j = i - 1; j >= 0 && doc.marks[j].start > from; j--) {
    if (++seen > MAX_TITLES_BETWEEN || !shortAsTitle(doc, doc.marks[j])) return false;
  }
  return true;
}

/** After “…?” / “…!”: a pronoun or a lower-case word goes on with the attribution ("He tweeted", "said Smith"). */
const SHORT_ATTRIBUTION = /^[ \t]+(?:\p{Ll}|(?:He|She|They|I|We)\s+\p{Ll})/u;
/** A quoted title ("Meet the Press", "State of the Union") between two quotations does not part them. */
const TITLE_WORDS = 5;
/** Whether a quotation is short enough to be a title ("Meet the Press", "Fox News Sunday"); a longer one is somebody's words. */
export const shortAsTitle = (doc: QuoteDoc, m: MarkSpan) => doc.text.slice(m.start, m.end).split(/\s+/).length <= TITLE_WORDS;
/** An orphan quotation with no speaker of its own takes the last speaker named this close before it. */
const ORPHAN_INHERIT_CHARS = 600;

/**
 * Whether the quotation opening at `to` goes on with the words of the one attributed before
 * `from`: only the rest of the attribution lies between (“A,” said X, a 59-year-old who lives in
 * …, “B.” / “A,” he said outside the building. But “B.”), with no speech verb of its own.
 */
const CONTINUATION_GAP = 250;
function continuesAfter(doc: QuoteDoc, from: number, to: number): boolean {
  const gap = doc.text.slice(from, to);
  if (gap.length > CONTINUATION_GAP || !/^[^“”"\n]*?[.,:;]\s*(?:(?:But|And|Still|Yet|So|Then|Also)\s*,?\s*)?$/.test(gap)) return false;
  for (let k = tokenAt(doc.tokens, from); k < doc.tokens.length && doc.tokens[k].start < to; k++) {
    const v = doc.lex.verbs.get(doc.tokens[k].lower);
    if (v && v.form !== 'base') return false;
  }
  return true;
}

/** How far an attribution after the quotation marks[i] may reach: its sentence (sentEnd), its paragraph, and the next quotation. */
function attributionLimit(doc: QuoteDoc, i: number, sentEnd: number, paraEnd: number): number {
  const m = doc.marks[i];
  const next = doc.marks[i + 1];
  return Math.min(Math.max(sentEnd, m.end), paraEnd, next && next.start >= m.end ? next.start : Infinity);
}

/** Whether the quotation marks[i] is followed by an attribution of its own (“B,” she added.): it is not the one before it going on. */
function hasOwnAttribution(doc: QuoteDoc, i: number): boolean {
  const m = doc.marks[i];
  // A quotation running on over paragraphs (“…\n\n“…,” he told X): what follows it belongs to its last paragraph.
  if (doc.text.slice(m.start, m.end).includes('\n')) return false;
  return attributionAfter(doc, m, attributionLimit(doc, i, sentenceOf(doc.sentences, m.end - 1).end, paragraphOf(doc.text, m.end - 1).end)) !== null;
}

/** A quotation that fills its paragraph: it opens it, and no word follows its closing mark. */
const fillsParagraph = (doc: QuoteDoc, m: MarkSpan, para: Sentence) => m.start === para.start && !/\p{L}/u.test(doc.text.slice(m.end, para.end));

function directQuotes(doc: QuoteDoc): { quotes: RawQuote[]; fragments: MarkSpan[] } {
  const quotes: RawQuote[] = [];
  const fragments: MarkSpan[] = [];
  const marks = doc.marks;
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    const sent = sentenceOf(doc.sentences, m.end - 1);
    const para = paragraphOf(doc.text, m.end - 1);
    // “Too forced?” He tweeted …: a question or exclamation ends the sentence before its own attribution
    const exclaimed = /[?!]\s*['’]?\s*(?:[”"]|'')$/.test(doc.text.slice(m.start, m.end)) && SHORT_ATTRIBUTION.test(doc.text.slice(m.end, m.end + 60));
    const sentEnd = exclaimed ? Math.max(sent.end, sentenceOf(doc.sentences, Math.min(doc.text.length - 1, m.end + 1)).end) : sent.end;
    const limit = attributionLimit(doc, i, sentEnd, para.end);
    const inSent = quotes.filter((q) => q.parts.at(-1)!.end >= sentenceOf(doc.sentences, m.start).start);
    if (!/\p{L}/u.test(doc.text.slice(m.start, m.end))) continue; // "1465401600": markup, not speech
    let q = attributionAfter(doc, m, limit) ?? attributionBefore(doc, m, sentenceOf(doc.sentences, m.start), inSent);
    if (!q && m.start === para.start) {
      // "Cruz continued:" alone in the paragraph before: the attribution introduces the quotation below it.
      const prevEnd = doc.text.slice(0, m.start).trimEnd().length;
      if (doc.text[prevEnd - 1] === ':') {
        const intro = sentenceOf(doc.sentences, prevEnd - 1);
        q = attributionBefore(doc, m, { start: intro.start, end: m.start }, []);
      }
    }
    if (q && q.method === 'quote-marks:after') {
      // “…,” said X after words of the sentence's own ("The tax cut plans are ''profoundly irresponsible,'' said X"):
      // those words are part of what X said, and the quotation is partial.
      const s0 = sentenceOf(doc.sentences, m.start);
      const from = Math.max(s0.start, ...quotes.map((x) => x.parts.at(-1)!.end).filter((e) => e <= m.start));
      const lead = doc.text.slice(from, m.start);
      if (/\p{L}{2,}/u.test(lead) && !/[:]\s*$/.test(lead) && !cueIn(doc, from, m.start)) {
        let st = from;
        while (st < m.start && /[\s,;”"]/.test(doc.text[st])) st++;
        q.parts[0].start = st;
        q.kind = 'partial';
      }
    }
    if (q) {
      // “A,” he said, “B.” and “A,” he said. “B.”: the next quotation in the paragraph continues this
      // one when only the attribution lies between; so do quotations that follow it straight on.
      if (q.method === 'quote-marks:after') {
        let from = q.cue!.end;
        while (i + 1 < marks.length && marks[i + 1].start < para.end && continuesAfter(doc, from, marks[i + 1].start) && !hasOwnAttribution(doc, i + 1)) {
          q.parts.push({ start: marks[i + 1].start, end: marks[i + 1].end });
          from = marks[i + 1].end;
          i++;
          if (!/^\s*$/.test(doc.text.slice(from, marks[i + 1]?.start ?? from))) break;
        }
      }
      quotes.push(q);
      continue;
    }
    // A whole paragraph in quotation marks right after a quoted paragraph continues that speaker;
    // one with words after its closing mark ("“…” ― Carla Sanchez.") has an attribution of its own.
    const prev = quotes.at(-1);
    const words = doc.text.slice(m.start, m.end).split(/\s+/).length;
    // It is the same quotation going on: one quote, one more part.
    if (fillsParagraph(doc, m, para) && words >= 3 && prev && paragraphOf(doc.text, prev.parts.at(-1)!.end - 1).end + 1 >= para.start - 2) {
      prev.parts.push({ start: m.start, end: m.end });
      if (!prev.method.endsWith('+continued')) prev.method += '+continued'; // once: a tag per part would grow with the quotation
      continue;
    }
    const orphan = orphanQuote(doc, m, para, limit, i > 0 ? marks[i - 1].end : 0);
    if (orphan) {
      // “A,” said X, a 59-year-old from …, who … . “B.”: the next sentence of the same paragraph goes on with X's words.
      const last = quotes.at(-1);
      if (!orphan.speaker && last && last.method.startsWith('quote-marks') && last.parts.at(-1)!.end >= para.start && onlyTitlesBetween(doc, i, last.parts.at(-1)!.end)) {
        last.parts.push(orphan.parts[0]);
        if (!last.method.endsWith('+next-sentence')) last.method += '+next-sentence';
        continue;
      }
      quotes.push(orphan);
      continue;
    }
    fragments.push(m);
  }
  return { quotes, fragments };
}

export interface QuoteData {
  id: string;
  kind: QuoteKind;
  content: { start: number; end: number; text: string };
  cue: { start: number; end: number; text: string } | null;
  speaker: { start: number; end: number; text: string; name: string | null; entity: string | null; role: string | null; anonymous: boolean } | null;
  told_to: Ref | null;
  via: Ref[];
  sourcing: 'named' | 'anonymous' | 'hearsay' | 'documentary' | null;
  parts: { start: number; end: number; text: string }[];
  evidence: { method: string; sourcing: string | null; antecedent: { text: string; start: number } | null; filter?: { p: number; top: string[] } };
}

export interface FindOptions {
  learned?: boolean;
  /** The attribution check (quotes-filter.ts): the shipped model by default, false for none. */
  filter?: AttributionModel | false;
  /** Called with every quote proposed and its check features, before the check (for fitting the model). */
  onFeatures?: (q: { method: string; parts: { start: number; end: number }[] }, feats: string[]) => void;
}

export function buildDoc(text: string, mentions: Mention[], sentences: Sentence[] | null, lexFiles: string[] = []): QuoteDoc {
  const lex = loadLexicon(lexFiles);
  return { text, tokens: tokenize(text), mentions: [...mentions].sort((a, b) => a.start - b.start), lex, sentences: sentences ?? splitSentences(text), marks: findQuoteMarks(text) };
}

/**
 * An attribution whose cue lies inside another one's content is part of what the other reports
 * ("Sanders said Clinton’s plan threatens jobs": not also "Clinton’s plan threatens …"); news
 * attribution is read one level deep, so the inner one is dropped. The constructions with a
 * speech verb, a quotation or "according to" are read first; stances and learned cues yield to
 * them, then among themselves. Linear after a sort.
 */
function dropNested(qs: RawQuote[]): RawQuote[] {
  const weak = (q: RawQuote) => q.method.startsWith('stance:') || q.method.startsWith('learned:');
  const strong = notInside(qs.filter((q) => !weak(q)), []);
  return [...strong, ...notInside(qs.filter(weak), strong)];
}

/** The quotes of `qs` whose cue is inside no content of another quote of `qs` or of `kept`. */
function notInside(qs: RawQuote[], kept: RawQuote[]): RawQuote[] {
  const parts = [...qs.flatMap((q, i) => q.parts.map((p) => ({ start: p.start, end: p.end, i }))), ...kept.flatMap((q) => q.parts.map((p) => ({ start: p.start, end: p.end, i: -1 })))].sort((a, b) => a.start - b.start);
  // prefix maximum of part ends (and whose it is), to test "some part covers pos" by binary search
  const maxEnd: number[] = [];
  const maxOwner: number[] = [];
  for (let k = 0; k < parts.length; k++) {
    const better = k === 0 || parts[k].end > maxEnd[k - 1];
    maxEnd.push(better ? parts[k].end : maxEnd[k - 1]);
    maxOwner.push(better ? parts[k].i : maxOwner[k - 1]);
  }
  return qs.filter((q, i) => {
    if (!q.cue || q.kind === 'direct') return true;
    const pos = q.cue.start;
    let lo = 0;
    let hi = parts.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (parts[mid].start < pos) (last = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    return !(last >= 0 && maxEnd[last] > pos + (q.cue.end - q.cue.start) && maxOwner[last] !== i);
  });
}

/** The quotes the passes find, unresolved: direct, indirect, stances, coordinated cues, then learned cues where those found nothing. */
export function rawQuotes(doc: QuoteDoc, opts: { learned?: boolean } = {}): { all: RawQuote[]; direct: RawQuote[]; fragments: MarkSpan[] } {
  const { quotes: direct, fragments } = directQuotes(doc);
  const indirect = findIndirect(doc, direct, fragments);
  const stances = findStances(doc, [...direct, ...indirect]);
  const colon = findColonAttributions(doc, [...direct, ...indirect, ...stances]);
  // "X decried A and highlighted B": each forward content ends before a coordinated cue, which starts its own quote
  const found = splitCoordinated(doc, [...direct, ...indirect, ...stances, ...colon], [], opts.learned !== false);
  const learned = opts.learned === false ? [] : splitCoordinated(doc, findLearned(doc, found, doc.lex.learned), found);
  const all = dropNested([...found, ...learned]).sort((a, b) => (a.cue?.start ?? a.parts[0].start) - (b.cue?.start ?? b.parts[0].start) || a.parts[0].start - b.parts[0].start);
  return { all, direct, fragments };
}

/** Every quote in an article, resolved, in the export shape. */
export function findQuotes(doc: QuoteDoc, opts: FindOptions = {}): QuoteData[] {
  const { all, direct, fragments } = rawQuotes(doc, opts);
  const model = opts.filter === false ? null : (opts.filter ?? loadAttributionModel());
  const quotedRanges = direct.flatMap((q) => q.parts);
  const quotedSet = intervals(quotedRanges);
  const quoted = (pos: number) => quotedSet.has(pos);
  const fragmentSet = intervals(fragments);
  const fragmentEnd = new Map(fragments.map((f) => [f.start, f.end]));
  // fragments never overlap, so the first one starting in [start, end) is inside it if any is
  const hasFragment = (start: number, end: number) => {
    const f = fragmentSet.nextStart(start);
    return f < end && (fragmentEnd.get(f) ?? Infinity) <= end;
  };
  const history: SpeakerEvent[] = [];
  const out: QuoteData[] = [];
  for (const q of all) {
    let sp = q.speaker;
    if (!sp && q.method === 'quote-marks:orphan') {
      const last = history.at(-1);
      if (last && last.at < q.parts[0].start && q.parts[0].start - last.at <= ORPHAN_INHERIT_CHARS && last.speaker.kind !== 'pronoun') sp = last.speaker;
    }
    if (sp) {
      sp = resolveSpeaker(doc, sp, history, quoted);
      if (sp.entity && !sp.role) sp.role = history.findLast((h) => h.speaker.entity && h.speaker.entity === sp!.entity && h.speaker.role)?.speaker.role ?? null;
      if (q.cue || sp.kind !== 'pronoun') history.push({ at: q.cue?.start ?? sp.start, speaker: sp });
    }
    const anchor = q.cue?.start ?? q.parts[0].start;
    const sent = sentenceOf(doc.sentences, anchor);
    const para = paragraphOf(doc.text, anchor);
    const toldTo = findToldTo(doc, sent, q.cue);
    const via = [...(q.via ?? [])];
    for (const v of findVia(doc, sent, para, toldTo)) if (!via.some((x) => x.entity === v.entity)) via.push(v);
    if (sp && sp.entity && via.some((v) => v.entity === sp!.entity)) {
      // "Fars News Agency reports: …" relays the paragraph, so the outlet is no speaker; but with a
      // speech verb of its own ("The Associated Press reported that …", "…, CNN reported.") the claim
      // is the outlet's: it is the speaker, not a relay.
      if (!q.method.startsWith('speech-verb:')) continue;
      via.splice(via.findIndex((v) => v.entity === sp!.entity), 1);
    }
    const start = q.parts[0].start;
    const end = q.parts.at(-1)!.end;
    const contentText = doc.text.slice(start, end);
    const kind: QuoteKind = q.kind === 'indirect' && hasFragment(start, end) ? 'partial' : q.kind;
    // The learned check (quotes-filter.ts): quotes found the ways it checks need its score.
    // Features only where something reads them: most quotes are found ways the model leaves alone.
    let check: { p: number; top: string[] } | undefined;
    const checker = model && checks(model, q.method) ? model : null;
    if (checker || opts.onFeatures) {
      const feats = quoteFeatures(doc, { kind, method: q.method, parts: q.parts, cue: q.cue, speaker: sp, toldTo: !!toldTo, via: via.length > 0 });
      opts.onFeatures?.({ method: q.method, parts: q.parts }, feats);
      if (checker) {
        check = attributionScore(checker, feats);
        if (check.p < checker.threshold) continue;
      }
    }
    const sourcing = classifyQuote(doc, contentText, sp);
    out.push({
      id: `q${out.length + 1}`,
      kind,
      content: { start, end, text: contentText },
      cue: q.cue ? { start: q.cue.start, end: q.cue.end, text: doc.text.slice(q.cue.start, q.cue.end) } : null,
      speaker: sp ? { start: sp.start, end: sp.end, text: sp.text, name: sp.name, entity: sp.entity, role: sp.role, anonymous: sp.anonymous } : null,
      told_to: toldTo,
      via,
      sourcing: sourcing.kind,
      parts: q.parts.map((p) => ({ ...p, text: doc.text.slice(p.start, p.end) })),
      evidence: { method: q.method, sourcing: sourcing.evidence, antecedent: sp?.antecedent ?? null, ...(check ? { filter: check } : {}) },
    });
  }
  return out;
}

export const quoteStage: ArticleStage = {
  name: 'quotes',
  version: 3, // 3: the rules of 2026-12-07 (passives with an agent, titles, transcripts, typed and nested marks; docs/analysis.md)
  layer: 'quote',
  needs: ['sentence', 'entity'],
  run(article, layers, ctx): Span[] {
    const mentions: Mention[] = layers.entity
      ? layers.entity.map((s) => ({ start: s.start, end: s.end, entity: String(s.data.entity), type: String(s.data.type), name: String(s.data.name ?? article.text.slice(s.start, s.end)) }))
      : findEntities(article.text, aliasTableFor(ctx.data), loadLexicon());
    const doc = buildDoc(article.text, mentions, layers.sentence ?? null, (ctx.data.get('extra:lexicon') as string[] | undefined) ?? []);
    return findQuotes(doc).map((q) => ({ start: q.content.start, end: q.content.end, data: q as unknown as Record<string, unknown> }));
  },
};
