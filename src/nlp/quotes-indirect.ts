// Indirect speech: a speech verb and its content, inside one sentence.
//   forward:   X said (on Sunday) that CONTENT / X told Y that CONTENT / X claimed to CONTENT /
//              Kadhimi said a strategic agreement … / X reported on CONTENT
//   backward:  CONTENT, a senior official with Iraq’s Badr Organization said.
//   participle: …, adding that CONTENT (the subject is the sentence's speaker)
//   according: According to X, CONTENT / CONTENT, according to X.
// Verbs already used by a direct quote are skipped; content is cut before a direct quote and
// before a ", adding that" that starts the next one.

import type { MarkSpan } from './quote-marks.ts';
import { clauseSubject, findSpeaker, type SpeakerRef } from './speaker.ts';
import { participleSubject, sentenceOf, shortAsTitle, type QuoteDoc, type RawQuote, type Sentence } from './quotes.ts';
import { tokenAt } from './tokens.ts';

const NOUN_BEFORE = /^(?:over|about|against|amid|the|a|an|these|those|this|his|her|their|its|amid|of|such|any|no|recent|new|our|whose|my|your|media|press|news|in|on|following|after|by|for|with|despite)$/;
const MODAL_BEFORE = /^(?:to|will|would|can|could|may|might|did|does|do|not|must|should|shall|never|also)$/;
const CLAUSE_START = /^(?:he|she|they|it|we|i|you|there|the|a|an|this|that|these|those|his|her|their|its|our|some|all|no|any|every|each|one|two|many|most|several|if|when|while|iraq|us|washington)$/i;
const ADVERBIAL = /^(?:on|in|at|last|this|earlier|later|late|early|yesterday|today|recently|previously|also|again|repeatedly|further|in|a|an|the|statement|interview|press|conference|news|briefing|week|month|year|sunday|monday|tuesday|wednesday|thursday|friday|saturday|time|weekend|morning|evening|night|separately|publicly|privately|openly|out|up|clearly|once|reporters|journalists|told|to|television|radio|twitter|tweet|post|speech|meeting|session)$/i;
const THAT_WINDOW = 10;
/** Words that open an adverbial phrase or clause rather than a statement. */
const ADVERBIAL_LEAD = /^(?:as|with|without|because|after|before|while|when|whenever|if|although|though|since|in|at|for|during|despite|following|amid|by|on|from|until|once|unless|whether|upon|under|over|through|among|like|unlike|a (?:week|day|month|year) after)\b/i;
const TIME_WORD = /^(?:on|last|this|early|late|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|month|year|morning|afternoon|evening|night|recently|previously|again|also|repeatedly|publicly|privately|now)$/;
/** Words before a noun-or-verb that make it the noun ("the states", "swing states", "came back"). */
const NOUN_CONTEXT = /^(?:the|a|an|of|in|on|for|at|by|with|from|other|some|many|all|these|those|both|two|three|four|five|six|seven|eight|nine|ten|several|key|swing|battleground|early|smaller|larger|big|small|more|most|few|red|blue|southern|northern|eastern|western|primary|member|united|come|came|coming|comes|get|got|gets|go|went|going|way|right|fight|bounce|bounced|looking|look|looked|sent|send|brought|bring|hold|held|pull|pulled|step|stepped|pushed|public|popular|financial|their|his|her|its|our|your|my|federal|local|national|party|gop|campaign)$/;
/** Participles that close a clause as an adjective ("as expected", "is well known"), not as a backward attribution. */
const BACKWARD_WEAK = /^(?:known|expected)$/;
const EVIDENCE_VERB = /^(?:show)$/;
/** Bare forms that are mostly nouns or particles in political news (under 0.4 precision as cues on train). */
const BARE_NOUNISH = /^(?:name|push|back)$/;
/** Words after "support" that make it the noun ("support for him", "support among women", "support overall"). */
const SUPPORT_NOUN_NEXT = /^(?:for|from|among|in|of|to|with|overall|by|and|on|is|was|has|had|gives|gave|would|will)$/;
const PARTICLE = /^(?:to|in|on|up|down|out|off|by|from|into|away|at|over|of)$/;
const AUX = /^(?:would|will|can|could|may|might|must|should|shall|is|are|was|were|has|have|had|does|did|do|wo|ca)$/;
export const NOUNISH = /^(?:attack|plan|demand|question|challenge|back|name|rule|welcome|signal|label|push|support|praise|thank|report|comment|note|state|answer|reply|show|call|claim|warn|want|quote|blast|brand|champion|tout|highlight)$/;
const NOT_AFTER_VERB = /^(?:about|follow|followed|come|came|are|were|have|had|has|is|was|will|would|could|may|might|on|in|by|of|against|for|from|at|and|or|but|which|who|released|carried|published|issued)$/;
/** Words after a speech verb that do not open its content ("said on", "told to", "said nothing"). */
const NOT_CLAUSE = /^(?:to|on|in|at|for|with|about|of|by|from|as|after|before|during|while|when|and|or|but|so|nothing|little|much|yes|no|goodbye|hello|thanks|sorry|earlier|later|again|only|just|repeatedly|often|recently|publicly|privately|last|next|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|today|yesterday)$/i;

function sentenceText(doc: QuoteDoc, s: Sentence) {
  return doc.text.slice(s.start, s.end);
}

const QUOTE_OF_ITS_OWN = /[,:;.—–(]\s*$|^\s*$/;

/** ", Mr. McKinley said that …": a named subject and a speech verb after a comma. */
const NAMED_ATTRIBUTION = /,\s*(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'.-]+){0,2}\s+(?:said|says|told|added|argued|noted)\s+(?:that\s)?/u;

/** End of a forward content: the sentence end, or before a direct quote / ", adding that" / ", he added". */
function contentEnd(doc: QuoteDoc, from: number, sent: Sentence, directStarts: number[]): number {
  let end = sent.end;
  // A quotation opening after punctuation is a quote of its own; one opening straight after a word
  // ("had “overwhelming disclosure,” referencing …") is a fragment inside this content, which goes on.
  for (const s of directStarts) if (s > from && s < end && QUOTE_OF_ITS_OWN.test(doc.text.slice(Math.max(from, s - 3), s))) end = s;
  const rest = doc.text.slice(from, end);
  const cut = /,\s*(?:(?:and|while|but)\s+)?(?:adding|saying|noting|stressing|warning|explaining|reiterating|insisting|claiming|stating)\b|,\s*(?:he|she|they|it|the \w+)\s+(?:said|added|noted|stressed|warned|explained)\b|,\s*(?:also\s+)?(?:said|says|told|added)\s/i.exec(rest);
  if (cut) end = from + cut.index;
  // "Back when he wrote his book, Mr. McKinley said that …": a named subject and a speech verb after a comma start an attribution of their own.
  const named = NAMED_ATTRIBUTION.exec(doc.text.slice(from, end));
  if (named) end = from + named.index;
  while (end > from && /[\s,;:.!?“"(—–-]/.test(doc.text[end - 1])) end--;
  // keep a closing quotation mark that belongs to a fragment inside the content
  const inner = doc.text.slice(from, end);
  if (/[”"]/.test(doc.text[end] ?? '') && (inner.includes('“') || (inner.match(/"/g)?.length ?? 0) % 2 === 1)) end++;
  return end;
}

/**
 * The subject of a forward cue: findSpeaker over the clause, unless what it picks lies before the
 * last chunk of the clause ("If Bloomberg ran, a Morning Consult Poll found …", "Among Democrats
 * in Alabama, 56 percent would vote …"), where the chunk right before the verb is the subject.
 */
const CHUNK_BREAK = /[,;:—–]|\b(?:that|because|if|when|while|but|and|although|though|since|as|after|before|whether)\s/gi;
export function nearestSubject(doc: QuoteDoc, from: number, cue: number): SpeakerRef | null {
  const sp = findSpeaker(doc, from, cue);
  if (!sp) return sp;
  const seg = doc.text.slice(from, cue);
  let chunk = -1;
  for (const m of seg.matchAll(CHUNK_BREAK)) chunk = from + m.index! + m[0].length;
  if (chunk <= sp.start) return sp;
  const words = doc.text.slice(chunk, cue).trim().split(/\s+/).filter((w) => w && !/^(?:also|has|have|had|was|were|is|are|would|will|could|may|might|did|does|do|not|never|still|just|now|then|repeatedly|recently|reportedly|previously|later|earlier)$/i.test(w));
  if (!words.length) return sp;
  return findSpeaker(doc, chunk, cue) ?? sp;
}

/** "according to FEC records", "according to a new poll by …": a short noun phrase that names no one is the source all the same. */
const DOCUMENT_SOURCE_WORDS = 14;
function documentSource(doc: QuoteDoc, a: number, b: number): SpeakerRef | null {
  while (a < b && /\s/.test(doc.text[a])) a++;
  while (b > a && /[\s.,;:]/.test(doc.text[b - 1])) b--;
  const k0 = tokenAt(doc.tokens, a);
  const k1 = tokenAt(doc.tokens, b);
  if (k1 <= k0 || k1 - k0 > DOCUMENT_SOURCE_WORDS) return null;
  const text = doc.text.slice(a, b);
  return { start: a, end: b, text, kind: 'description', name: null, entity: null, role: null, anonymous: false, plural: false, documentary: true };
}

/** For backward attribution, the start of the subject: the comma before a named person (looking back over appositions). */
function backwardSubject(doc: QuoteDoc, sent: Sentence, clauseStart: number, verbStart: number): { commaAt: number; speaker: SpeakerRef } | null {
  const seg = doc.text.slice(clauseStart, verbStart);
  const commas: number[] = [];
  for (let i = seg.length - 1; i >= 0; i--) if (seg[i] === ',') commas.push(clauseStart + i);
  let fallback: { commaAt: number; speaker: SpeakerRef } | null = null;
  for (const c of commas.slice(0, 5)) {
    const startTok = doc.tokens[tokenAt(doc.tokens, c + 1)];
    if (!startTok || startTok.start >= verbStart) continue;
    if (tokenAt(doc.tokens, verbStart) - tokenAt(doc.tokens, c) > 45) break;
    const person = doc.mentions.find((m) => m.start === startTok.start && m.type === 'person');
    if (person) {
      const sp = findSpeaker(doc, c + 1, verbStart);
      if (sp) return { commaAt: c, speaker: sp };
    }
    if (!fallback) {
      const sp = findSpeaker(doc, c + 1, verbStart);
      if (sp && (sp.start - (c + 1) <= 2 || (sp.kind === 'person' && sp.start - (c + 1) <= 80))) fallback = { commaAt: c, speaker: sp };
    }
  }
  void sent;
  return fallback;
}

function lowerCue(qs: RawQuote[], pos: number): number {
  let lo = 0;
  let hi = qs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (qs[mid].cue!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Quotation parts this far outside a sentence still matter to it (a quote just before its attribution). */
const NEAR_PART = 400;
/** A sentence longer than this is read in windows of this size. */
const MAX_SENTENCE = 2000;
function* sentenceWindows(sents: Sentence[]): Generator<Sentence> {
  for (const s of sents) {
    if (s.end - s.start <= MAX_SENTENCE) {
      yield s;
      continue;
    }
    for (let a = s.start; a < s.end; a += MAX_SENTENCE) yield { start: a, end: Math.min(s.end, a + MAX_SENTENCE) };
  }
}

/** What the steps below share while they read one sentence. */
interface SentenceScan {
  doc: QuoteDoc;
  fragments: MarkSpan[];
  /** Quotes found so far in the article; this sentence's from outStart on. */
  out: RawQuote[];
  outStart: number;
  /** Cue words already used (by a direct quote or an earlier attribution). */
  usedCue: Set<number>;
  sent: Sentence;
  /** The sentence's tokens: [k0, k1). */
  k0: number;
  k1: number;
  /** Direct quotations near the sentence, and where they start. */
  directParts: { start: number; end: number }[];
  directStarts: number[];
  /** Direct quotes whose cue lies in this sentence. */
  prior: RawQuote[];
  /** A title-case headline ("Trump Says He Never Pledged …") capitalises its verbs too. */
  headline: boolean;
}

const inDirect = (s: SentenceScan, pos: number) => s.directParts.some((p) => pos > p.start && pos < p.end);

// Each step is its own function rather than one long loop body: the engine optimises small
// functions quickly, where the one 230-line body cost a quarter of a second to compile, a dozen
// times over as new paths turned up on new articles, in every worker thread.
export function findIndirect(doc: QuoteDoc, direct: RawQuote[], fragments: MarkSpan[]): RawQuote[] {
  const out: RawQuote[] = [];
  const usedCue = new Set(direct.filter((q) => q.cue).map((q) => q.cue!.start));
  const allParts = direct.flatMap((q) => q.parts).sort((a, b) => a.start - b.start);
  const cued = direct.filter((q) => q.cue).sort((a, b) => a.cue!.start - b.cue!.start);
  const toks = doc.tokens;
  // Each sentence sees only the quotations near it, and an endless "sentence" (hostile input)
  // is read in windows, so the scans below stay linear in the article.
  let from = 0;
  for (const sent of sentenceWindows(doc.sentences)) {
    while (from < allParts.length && allParts[from].end < sent.start - NEAR_PART) from++;
    const directParts: { start: number; end: number }[] = [];
    for (let j = from; j < allParts.length && allParts[j].start < sent.end + NEAR_PART; j++) directParts.push(allParts[j]);
    const k0 = tokenAt(toks, sent.start);
    const k1 = tokenAt(toks, sent.end);
    const prior: RawQuote[] = [];
    for (let j = lowerCue(cued, sent.start); j < cued.length && cued[j].cue!.start < sent.end; j++) prior.push(cued[j]);
    let caps = 0;
    for (let k = k0; k < k1; k++) if (toks[k].cap) caps++;
    const scan: SentenceScan = {
      doc,
      fragments,
      out,
      outStart: out.length,
      usedCue,
      sent,
      k0,
      k1,
      directParts,
      directStarts: directParts.map((p) => p.start),
      prior,
      headline: k1 - k0 >= 4 && caps >= 0.75 * (k1 - k0),
    };
    for (const m of sentenceText(doc, sent).matchAll(/\b[Aa]ccording to\s+/g)) accordingTo(scan, m);
    for (let k = k0; k < k1; k++) speechVerbAt(scan, k);
  }
  return out;
}

/** Whether the sentence has words of somebody's besides the "according to" phrase [a, srcEnd): a quotation or a speech verb. */
function someoneElseSpeaks(s: SentenceScan, a: number, srcEnd: number): boolean {
  const { doc, sent, directParts } = s;
  if (directParts.some((p) => p.end > sent.start && p.start < sent.end)) return true;
  for (let k = s.k0; k < s.k1; k++) {
    const t = doc.tokens[k];
    if (t.start >= a && t.start < srcEnd) continue;
    const v = doc.lex.verbs.get(t.lower);
    const prev = doc.tokens[k - 1];
    // "1,500 votes", "the reports": a noun, not somebody speaking
    if (v && v.form !== 'base' && !t.cap && !(prev && /^(?:\d.*|a|an|the|his|her|their|its|of|these|those)$/.test(prev.lower))) return true;
  }
  return false;
}

const SUBORDINATE_LEAD = /^(?:While|Although|Though|Whereas|If|Because|Unless)\b/;

/** "According to X, CONTENT" / "CONTENT, according to X" / "That’s according to X." */
function accordingTo(s: SentenceScan, m: RegExpMatchArray): void {
  const { doc, sent, directParts, directStarts, out } = s;
  const a = sent.start + m.index!;
  const srcStart = a + m[0].length;
  const comma = doc.text.indexOf(',', srcStart);
  const srcEnd = comma > 0 && comma < sent.end ? comma : sent.end;
  const src = findSpeaker(doc, srcStart, srcEnd, { after: true }) ?? documentSource(doc, srcStart, srcEnd);
  if (!src || inDirect(s, a)) return;
  // An outlet credited for somebody's words is a relay (via, read with the quote it credits); with
  // nobody else speaking in the sentence, the outlet itself stands behind the claim.
  if (doc.mentions.some((x) => x.start === src.start && x.type === 'outlet') && someoneElseSpeaks(s, a, srcEnd)) return;
  const before = doc.text.slice(sent.start, a);
  let cs: number;
  let ce: number;
  if (/^\s*(?:that|this|it)(?:\s+is|’s|'s)\s*$/i.test(before)) {
    // "That’s according to exit polls.": the sentence before is the content.
    const prev = sentenceOf(doc.sentences, sent.start - 1);
    if (prev.start >= sent.start || prev.end - prev.start < 12) return;
    out.push({ kind: 'indirect', parts: [{ start: prev.start, end: contentEnd(doc, prev.start, prev, directStarts) }], cue: { start: a, end: a + 'according to'.length, lemma: 'according' }, speaker: src, method: 'according-to:previous' });
    return;
  }
  let rest: { start: number; end: number } | null = null;
  if (/[\p{L}]{3,}[^,]*,\s*$/u.test(before) && !/\bthat\s*$/.test(before) && a - sent.start > 20) {
    cs = sent.start;
    ce = a;
    // "Since last November, according to Human Rights Watch, state security forces have killed …":
    // a parenthetical source; what it says goes on after it.
    if (srcEnd < sent.end) {
      let rs = srcEnd + 1;
      while (rs < sent.end && /[\s,]/.test(doc.text[rs])) rs++;
      const re = contentEnd(doc, rs, sent, directStarts);
      if (doc.text.slice(rs, re).split(/\s+/).length >= 3) rest = { start: rs, end: re };
    }
  } else {
    cs = srcEnd + 1;
    ce = sent.end;
  }
  while (cs < ce && /[\s,]/.test(doc.text[cs])) cs++;
  ce = contentEnd(doc, cs, { start: sent.start, end: ce }, directStarts);
  const parts = [{ start: cs, end: ce }];
  // "While most of those were …, according to X, two in the most recent batch were …": a subordinate lead is not what X says.
  if (rest && SUBORDINATE_LEAD.test(doc.text.slice(cs, ce))) parts.splice(0, 1, rest);
  else if (rest) parts.push(rest);
  if (parts[0].end - parts[0].start < 12 && !rest) return;
  if (directParts.some((p) => p.start <= cs && p.end >= ce) && !rest) return;
  out.push({ kind: 'indirect', parts, cue: { start: a, end: a + 'according to'.length, lemma: 'according' }, speaker: src, method: 'according-to' });
}

/** Where the clause holding `at` starts: after the last quotation that ends before it in the sentence, else at the sentence start. */
function afterQuotations(s: SentenceScan, at: number): number {
  const { sent, directParts } = s;
  return Math.max(sent.start, ...directParts.filter((p) => p.end <= at && p.end > sent.start).map((p) => p.end));
}

/** Words between the subject of a passive and its participle ("was first", "has been", "is also"). */
const BE_FORM = /^(?:is|are|was|were|be|been|being|’s|'s)$/;
const PASSIVE_BETWEEN = /^(?:is|are|was|were|be|been|being|has|have|had|will|would|could|may|might|also|first|not|never|widely|repeatedly|recently|previously|since|later|often|already|now|just|even|reportedly|’s|'s)$/;
/**
 * The subject of "X (was first) reported by Y": the clause from `from` to the words before the
 * verb at k, when a form of "be" is among those words (a passive); null otherwise or when too short.
 */
function passiveSubject(doc: QuoteDoc, from: number, k: number, sent: Sentence): { start: number; end: number } | null {
  let j = k - 1;
  let be = false;
  for (; j >= 0 && doc.tokens[j].start >= from && PASSIVE_BETWEEN.test(doc.tokens[j].lower); j--) if (BE_FORM.test(doc.tokens[j].lower)) be = true;
  if (!be || j < 0 || doc.tokens[j].start < Math.max(from, sent.start)) return null;
  let a = Math.max(from, sent.start);
  const b = doc.tokens[j].end;
  while (a < b && /[\s,;:“"(—–-]/.test(doc.text[a])) a++;
  return b - a >= 3 ? { start: a, end: b } : null;
}

/**
 * "The registration issue was first reported by The Washington Post.", "Clinton has been endorsed by
 * dozens of papers": with the agent named after "by", what was reported or endorsed is the subject
 * of the passive, and the agent is the speaker. Whether it made a quote.
 */
function passiveAgent(s: SentenceScan, k: number, lemma: string): boolean {
  const { doc, sent, out, usedCue } = s;
  const t = doc.tokens[k];
  if (!/(?:ed|said|told|known|shown|written)$/.test(t.lower)) return false;
  const from = afterQuotations(s, t.start);
  const subject = passiveSubject(doc, from, k, sent);
  if (!subject || /^(?:it|this|that|there)$/i.test(doc.text.slice(subject.start, subject.end))) return false;
  const a = doc.tokens[k + 1].end;
  const stop = doc.text.slice(a, sent.end).search(/[,.;:!?]|\s(?:that|to|as|for|about|in|on|after|before|because|when|while)\s/);
  const agent = findSpeaker(doc, a, stop >= 0 ? a + stop : sent.end, { after: true });
  if (!agent) return false;
  // "It was reported by Reuters that …": the content follows; read forward as before.
  if (/^[^,.;]*?\b(?:that|as saying)\b/.test(doc.text.slice(agent.end, sent.end))) return false;
  out.push({ kind: 'indirect', parts: [subject], cue: { start: t.start, end: t.end, lemma }, speaker: agent, method: 'speech-verb:passive-agent' });
  usedCue.add(t.start);
  return true;
}

/** A speech verb at token k that heads an attribution: its content forward ("said that …") or backward ("…, he said."). */
function speechVerbAt(s: SentenceScan, k: number): void {
  const { doc, sent, k0, out, outStart, usedCue, headline } = s;
  const toks = doc.tokens;
  const t = toks[k];
  const v = doc.lex.verbs.get(t.lower);
  if (!v || usedCue.has(t.start) || inDirect(s, t.start)) return;
  if (t.cap && k > k0 && !headline) return;
  const prev = k > k0 ? toks[k - 1] : null;
  if (prev && (NOUN_BEFORE.test(prev.lower) || prev.poss) && !prev.cap) return;
  if (prev?.poss) return;
  if (v.form === 'base' && prev && (/^(?:a|an|the)$/.test(prev.lower) || (prev.lower === 'to' && !doc.lex.forward.has(v.lemma)))) return; // "a report", "appearing to show"; but "likely to say that""
  // Plural nouns that look like verbs: "the Army and PMF attacks follow", "US plans for".
  const nextTok = toks[k + 1];
  // Passive and phrasal uses: "asked about his claims", "when asked by Ingraham", "called off projects".
  if (nextTok && ((v.lemma === 'ask' && /^(?:about|by|for)$/.test(nextTok.lower)) || (v.lemma === 'call' && /^(?:off|up|out|in|back)$/.test(nextTok.lower)))) return;
  if (NOUNISH.test(v.lemma) && /s$/.test(t.lower) && v.form === 'finite' && nextTok && NOT_AFTER_VERB.test(nextTok.lower)) return;
  // "the tax plan would hurt": a cue word followed by an auxiliary is the subject's noun.
  if (nextTok && AUX.test(nextTok.lower) && !/[,;:“"]/.test(doc.text.slice(t.end, nextTok.start))) return;
  // A verb inside the content of an attribution found before it in this sentence is part of that content.
  if (out.slice(outStart).some((q) => q.parts[0].start <= t.start && q.parts.at(-1)!.end > t.start && q.cue && q.cue.start >= sent.start)) return;
  if (v.lemma === 'quote' || v.lemma === 'read') return;
  // "committed to maintaining the relationship": a gerund after a preposition is not an attribution.
  if (v.form === 'participle' && prev && /^(?:to|of|about|toward|towards|into)$/.test(prev.lower) && !/^(?:say|tell)$/.test(v.lemma)) return;
  const preps = doc.lex.objectPreposition.get(v.lemma);
  if (preps && !(nextTok && preps.has(nextTok.lower))) return;
  // "the states voting Tuesday", "came back in 2012": a noun-or-particle verb needs a subject or auxiliary right before it.
  if (doc.lex.ambiguous.has(v.lemma) && (!prev || NOUN_CONTEXT.test(prev.lower) || (nextTok && PARTICLE.test(nextTok.lower)))) return;
  // "state"/"states" is a noun far more often than a verb in political news ("Ohio state Sen.", "the 13 states where"): as a verb it needs "that" right after it.
  if ((t.lower === 'state' || t.lower === 'states') && nextTok?.lower !== 'that') return;
  // "name recognition", "the relentless push toward", "came back home": these bare forms are nouns or particles unless a pronoun or auxiliary comes right before.
  if (BARE_NOUNISH.test(t.lower) && !(prev && (MODAL_BEFORE.test(prev.lower) || /^(?:i|we|you|they|who)$/.test(prev.lower)))) return;
  // "support for/from/among …", "48 percent support": the noun, not someone's backing of a claim.
  if (t.lower === 'support' && ((nextTok && SUPPORT_NOUN_NEXT.test(nextTok.lower)) || (prev && /^\d/.test(prev.lower)))) return;
  const lemma = v.lemma;
  const next = toks[k + 1];
  // "Asked whether Clinton …": the question is the content; the asker often goes unnamed.
  const question = lemma === 'ask' && next && /^(?:if|whether|why|what|how|when)$/.test(next.lower);
  if (next?.lower === 'by' && passiveAgent(s, k, lemma)) return;
  const contentStart = forwardStart(s, k, lemma, !!question);
  if (contentStart >= 0) forwardQuote(s, k, v, contentStart, !!question);
  else backwardQuote(s, k, v);
}

/** Where the content after a forward cue starts ("that …", a clause, a quoted fragment, the object), or -1. */
function forwardStart(s: SentenceScan, k: number, lemma: string, question: boolean): number {
  const { doc, sent, k0, k1, fragments } = s;
  const toks = doc.tokens;
  const t = toks[k];
  const prev = k > k0 ? toks[k - 1] : null;
  const next = toks[k + 1];
  // Forward: look for "that" a few words on; else a clause (or any object for report/decry/slam...).
  let contentStart = -1;
  let j = k + 1;
  let sawComma = false;
  let titleEnd = -1;
  for (; j < k1 && j <= k + THAT_WINDOW; j++) {
    const gap = doc.text.slice(toks[j - 1].end, toks[j].start);
    if (/[,;:.]/.test(gap)) sawComma = true;
    if (/[“"]/.test(gap) && toks[j - 1].end >= titleEnd) {
      // "told MSNBC's “Morning Joe” that …": a quoted title of a few words on the way to "that"
      const title = doc.marks.find((m) => m.start >= toks[j - 1].end && m.start < toks[j].start);
      if (!title || !shortAsTitle(doc, title) || sawComma) break;
      titleEnd = title.end;
      continue;
    }
    // an auxiliary first means the clause has begun without "that" ("said HLN’s coverage would resemble that of…")
    if (AUX.test(toks[j].lower)) break;
    if (toks[j].lower === 'that' && !sawComma) {
      contentStart = toks[j].end;
      break;
    }
    if (doc.lex.verbs.has(toks[j].lower) && toks[j].lower !== 'told' && !toks[j].cap) break; // "The Washington Post" is a name
    if (/^(?:and|but|because|while|which|who|whom|whose|if|when|so|or|than)$/.test(toks[j].lower)) break;
    if (sawComma && !ADVERBIAL.test(toks[j].lower) && !toks[j].cap) break;
  }
  const gapNext = next ? doc.text.slice(t.end, next.start) : '';
  if (contentStart < 0 && next && next.start < sent.end && /^\s*:\s*$/.test(gapNext) && doc.lex.forward.has(lemma) && lemma !== "report") contentStart = next.start; // said: content ("X reports:" is a relay)
  if (contentStart < 0 && doc.lex.objectFirst.has(lemma) && next && next.start < sent.end && !/[,.;:“"]/.test(gapNext)) {
    // "told POLITICO she was leaning …", "told reporters the plan …": skip the addressee.
    let o = k + 1;
    const outlet = doc.mentions.find((m) => m.start === next.start);
    if (outlet) o = tokenAt(toks, outlet.end);
    else if (/^(?:him|her|them|us|me|you|reporters|journalists|lawmakers|supporters|voters|the|a|an|an?|crowds?|audiences?)$/.test(next.lower)) {
      o++;
      while (o < k1 && o < k + 5 && !CLAUSE_START.test(toks[o].lower) && !/[,.;:]/.test(doc.text.slice(toks[o - 1].end, toks[o].start))) o++;
    }
    const c = toks[o];
    if (o > k + 1 && c && c.start < sent.end && (CLAUSE_START.test(c.lower) || c.cap) && !/[,.;:“"]/.test(doc.text.slice(toks[o - 1].end, c.start))) contentStart = c.start;
  }
  // "says “the water is safe” despite …": a quoted fragment opens the content.
  if (contentStart < 0 && next && doc.lex.forward.has(lemma) && !doc.lex.needThat.has(lemma) && /^\s*[“"]\s*$/.test(gapNext)) {
    const f = fragments.find((x) => x.start >= t.end && x.start < next.start);
    if (f) contentStart = f.start;
  }
  // "said on Friday he met …", "said Thursday the plan …": a time phrase, then the clause.
  if (contentStart < 0 && doc.lex.forward.has(lemma) && !doc.lex.needThat.has(lemma)) {
    let o = k + 1;
    while (o < k1 && o <= k + 5 && TIME_WORD.test(toks[o].lower) && !/[,.;:“"]/.test(doc.text.slice(toks[o - 1].end, toks[o].start))) o++;
    const c = toks[o];
    if (o > k + 1 && c && c.start < sent.end && !/[,.;:“"]/.test(doc.text.slice(toks[o - 1].end, c.start)) && CLAUSE_START.test(c.lower) && !/^(?:the|a|an|that)$/.test(c.lower)) contentStart = c.start;
  }
  if (contentStart < 0 && question) contentStart = next.start;
  if (contentStart < 0 && next && next.start < sent.end && !/[,.;:“"]/.test(gapNext)) {
    if (next.lower === 'to' && /^(?:claim|promise|vow|threaten|pledge|deny|admit)$/.test(lemma)) contentStart = next.start;
    // "reported from Midway Atoll", "Reporting by Valerie Volcovici": where and by whom, not what.
    else if (doc.lex.anyObject.has(lemma) && !doc.lex.needThat.has(lemma) && !/^(?:from|by)$/.test(next.lower)) contentStart = next.start;
    else if (doc.lex.forward.has(lemma) && !doc.lex.needThat.has(lemma) && (CLAUSE_START.test(next.lower) || (next.cap && !doc.lex.objectFirst.has(lemma)) || (!NOT_CLAUSE.test(next.lower) && !doc.lex.objectFirst.has(lemma)))) contentStart = next.start;
  }
  // "…, top black lawmakers said Friday afternoon, as they …": a time phrase closing the attribution
  // clause; what was said lies before the verb (read below, backward).
  if (contentStart >= 0 && contentStart < sent.end) {
    let o = k + 1;
    while (o < k1 && o <= k + 4 && TIME_WORD.test(toks[o].lower) && !/[,.;:“"]/.test(doc.text.slice(toks[o - 1].end, toks[o].start))) o++;
    if (o > k + 1 && /^\s*,/.test(doc.text.slice(toks[o - 1].end, toks[o - 1].end + 2)) && contentStart <= toks[o - 1].start) contentStart = -1;
  }
  // "…, said Mark Jones, a political scientist": an inverted attribution; the name after the verb is the
  // speaker, not the content, and the content lies before it (read below, backward).
  if (contentStart >= 0 && prev && /,\s*$/.test(doc.text.slice(prev.end, t.start)) && next?.cap && !/^(?:i|he|she|they|we|it|the|a|an)$/.test(next.lower)) {
    let o = k + 1;
    while (o + 1 < k1 && toks[o + 1].cap && /^[\s.]*$/.test(doc.text.slice(toks[o].end, toks[o + 1].start))) o++;
    if (/^\s*(?:[,.;]|$)/.test(doc.text.slice(toks[o].end, toks[o].end + 2))) contentStart = -1;
  }
  return contentStart;
}

/** The quote of a forward cue: the content from contentStart to the clause's end, the subject before the verb. */
function forwardQuote(s: SentenceScan, k: number, v: { lemma: string; form: string }, contentStart: number, question: boolean): void {
  const { doc, sent, fragments, directStarts, prior, out, outStart, usedCue } = s;
  const t = doc.tokens[k];
  const lemma = v.lemma;
  let cs = contentStart;
  while (cs < sent.end && /\s/.test(doc.text[cs])) cs++;
  const ce = contentEnd(doc, cs, sent, directStarts);
  if (ce - cs < 10 || (directStarts.includes(cs) && !fragments.some((f) => f.start === cs))) return;
  let speaker: SpeakerRef | null;
  let speakerless = false;
  if (v.form === 'participle') speaker = participleSubject(doc, sent.start, t.start, [...prior, ...out.slice(outStart).filter((q) => q.cue && q.cue.start >= sent.start)]);
  else {
    // the subject starts after any earlier attribution clause in this sentence ("He noted that X said …")
    const lastThat = [...doc.text.slice(sent.start, t.start).matchAll(/\bthat\b/g)].at(-1);
    const from = lastThat ? sent.start + lastThat.index! + 4 : sent.start;
    const head = doc.text.slice(sent.start, t.start);
    const colon = sent.start + Math.max(head.lastIndexOf(':'), head.lastIndexOf(';'));
    const fromQ = Math.max(from, colon >= sent.start ? colon + 1 : from, afterQuotations(s, t.start));
    const special = clauseSubject(doc, fromQ, t.start, t.end);
    // "Barkley, who said he typically votes democratic, said …": the subject stands before the relative clause.
    const rel = /,\s*$/.test(head) ? head.lastIndexOf(', who ') : -1;
    const subjectEnd = rel >= 0 && sent.start + rel > fromQ ? sent.start + rel : t.start;
    speaker = special ? special.speaker : nearestSubject(doc, fromQ, subjectEnd);
    if (special && !speaker) speakerless = true;
  }
  if (!speaker && !question && !speakerless) return;
  out.push({ kind: 'indirect', parts: [{ start: cs, end: ce }], cue: { start: t.start, end: t.end, lemma }, speaker, method: speakerless ? 'speech-verb:passive' : 'speech-verb:forward' });
  usedCue.add(t.start);
  return;
}

/** The quote of a backward cue: the content is the clause before the subject and its verb. */
function backwardQuote(s: SentenceScan, k: number, v: { lemma: string; form: string }): void {
  const { doc, sent, directStarts, out, usedCue } = s;
  const t = doc.tokens[k];
  const lemma = v.lemma;
  // Backward: the verb closes the sentence (or its clause): "…, an official revealed."
  if (v.form === 'participle' || doc.lex.needThat.has(lemma) || doc.lex.ambiguous.has(lemma)) return; // "… home state." is a noun
  // "… in a tweet.", "… the report.", "… as expected.": a noun-like form or a bare participle closing a clause is seldom an attribution (under 0.35 on train).
  // "…, a poll shows.": an evidence verb that closes the sentence, not after a possessive ("one of his shows.")
  const closing = () => /^\W*$/.test(doc.text.slice(t.end, sent.end + 1)) && !/^(?:his|her|their|its|our|my|your|this|these|those)$/.test(doc.tokens[k - 1]?.lower ?? '');
  if (BACKWARD_WEAK.test(t.lower) || (!/ed$/.test(t.lower) && !(EVIDENCE_VERB.test(lemma) && closing()) && (NOUNISH.test(lemma) || /^(?:tweet|fear|plan|question)$/.test(lemma)))) return;
  const tail = doc.text.slice(t.end, sent.end);
  const tailCut = /,\s*(?:adding|saying|noting|stressing|reiterating|according)\b/i.exec(tail);
  let tailMain = tailCut ? tail.slice(0, tailCut.index) : tail;
  // "…, Sanders said, a policy that could…": an apposition after the attribution is not its content.
  const comma = /,\s*(?:a|an|which|who|whose|as|when|after|before|because|while|but|in|at|on|during)\b/i.exec(tailMain);
  if (comma) tailMain = tailMain.slice(0, comma.index);
  // "Many of the closures, he said, have involved …": a parenthetical attribution; the content goes on after it.
  const parenthetical = /^\s*,\s*\p{Ll}/u.test(tail) && !tailCut?.index;
  if (!parenthetical && (/\bthat\b/i.test(tailMain) || tailMain.split(/\s+/).filter(Boolean).length > 12)) return;
  const clauseStart = afterQuotations(s, t.start);
  let subj = backwardSubject(doc, sent, clauseStart, t.start);
  if (!subj && /,\s*$/.test(doc.text.slice(clauseStart, t.start))) {
    // "…, said Wilcox, an Orlando Republican": the speaker follows the verb.
    const comma = doc.text.lastIndexOf(',', t.start);
    const stop = doc.text.indexOf(',', t.end);
    const sp = findSpeaker(doc, t.end, stop > 0 && stop < sent.end ? stop : sent.end, { after: true });
    if (sp && sp.start - t.end <= 2) subj = { commaAt: comma, speaker: sp };
  }
  if (!subj) return;
  // "…, Democratic sources said, Axelrod still has respect …": the content goes on after the attribution.
  const rest = /^\s*(?:on \w+|last \w+|in a statement|in an interview)?\s*,\s*(?!adding|saying|noting|stressing|reiterating|according|who|which|a |an )(\S[^]*)$/i.exec(doc.text.slice(t.end, sent.end));
  let cs = clauseStart;
  while (cs < subj.commaAt && /[\s,]/.test(doc.text[cs])) cs++;
  let ce = subj.commaAt;
  while (ce > cs && /[\s,]/.test(doc.text[ce - 1])) ce--;
  // "Still, he said, officials have to decide …": a short lead is an adverb; the content is what follows.
  // "With 38 delegates at stake, Sanders …", "As an immigrant, she felt …": an adverbial phrase
  // before the subject is not what was said; nor is markup ("<tweet id=…>").
  // With a parenthetical attribution ("In any case, Mr. DiPietro said, the golf industry …") the
  // lead belongs to the content that goes on after it.
  const adverbialLead = ADVERBIAL_LEAD.test(doc.text.slice(cs, ce)) && !doc.text.slice(cs, ce).includes(',');
  if (adverbialLead && !parenthetical) return;
  if (doc.text[cs] === '<') return;
  const leadOnly = ce - cs < 15;
  if (leadOnly && !parenthetical) return;
  // "This campaign, he says, is different.": a short subject before a parenthetical attribution is part of what was said.
  const subjectLead = leadOnly && parenthetical && !adverbialLead && ce - cs >= 3 && /^(?:the|this|that|these|those|his|her|their|its|our|my|\p{Lu})/iu.test(doc.text.slice(cs, ce)) && !/[,;]/.test(doc.text.slice(cs, ce)) && (/\s/.test(doc.text.slice(cs, ce)) || doc.mentions.some((x) => x.start === cs));
  const parts = leadOnly && !subjectLead ? [] : [{ start: cs, end: ce }];
  if (rest && subj.speaker.start < t.start && rest[1].split(/\s+/).length >= (subjectLead ? 2 : 3)) {
    const s2 = sent.end - rest[1].length;
    const e2 = contentEnd(doc, s2, sent, directStarts);
    if (e2 > s2) parts.push({ start: s2, end: e2 });
  }
  if (!parts.length) return;
  out.push({ kind: 'indirect', parts, cue: { start: t.start, end: t.end, lemma }, speaker: subj.speaker, method: 'speech-verb:backward' });
}
