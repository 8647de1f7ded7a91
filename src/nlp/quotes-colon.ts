// Attributions by colon at the start of a paragraph: headlines ("Graham: Trump’s ‘Incredibly
// Hateful Rhetoric’ Destroying GOP’s Chance") and transcripts ("FALLIN: Well, I think the whole
// nation needs to work together …"). The words before the colon are a short name or body with
// no verb; the content is the rest of the paragraph. Labels that are not speakers ("UPDATE:",
// "WATCH:", "Name:", "11:50 a.m.:") are listed in data/lexicon/speech.json (`colon_labels`).

import type { QuoteDoc, RawQuote } from './quotes.ts';
import { findSpeaker, type SpeakerRef } from './speaker.ts';
import { tokenAt } from './tokens.ts';
import { intervals } from './quotes-learned.ts';

const MAX_SPEAKER_WORDS = 6;
/** A transcript's speaker label: a name in capitals ("WALLACE", "SEN. RUBIO"). */
const TRANSCRIPT_LABEL = /^[\p{Lu}][\p{Lu}.’'\- ]+$/u;
const MIN_CONTENT_WORDS = 3;
/** Commas that make a paragraph of capitalised words a list of names. */
const LIST_COMMAS = 4;

export function findColonAttributions(doc: QuoteDoc, found: RawQuote[]): RawQuote[] {
  const out: RawQuote[] = [];
  const text = doc.text;
  const taken = intervals(found.flatMap((q) => q.parts));
  let p = 0;
  while (p < text.length) {
    let e = text.indexOf('\n', p);
    if (e < 0) e = text.length;
    const q = colonLine(doc, p, e);
    // a label line that holds something found already is left to that, unless it is a transcript's
    // speaker label: a quotation mark opening each paragraph of a transcript does not make it one quote
    if (q && (TRANSCRIPT_LABEL.test(q.speaker!.text) || (!taken.has(q.parts[0].start) && taken.nextStart(q.parts[0].start) >= q.parts[0].end))) out.push(q);
    p = e + 1;
  }
  return out;
}

function colonLine(doc: QuoteDoc, a: number, b: number): RawQuote | null {
  // the label: at most a few words, then a colon, within the first 60 characters of the paragraph
  const head = doc.text.slice(a, Math.min(b, a + 60));
  const m = /^\s*["“]?([\p{Lu}][\p{L}\p{N}.’'\- ]{0,50}?)\s*:\s+(?=\S)/u.exec(head);
  if (!m) return null;
  const label = m[1];
  const words = label.split(/\s+/).filter(Boolean);
  if (words.length > MAX_SPEAKER_WORDS) return null;
  if (words.some((w) => doc.lex.colonLabels.has(w.toLowerCase().replace(/[.’']+$/, '')))) return null;
  const k0 = tokenAt(doc.tokens, a);
  const k1 = tokenAt(doc.tokens, a + m.index + m[1].length + (m[0].length - m[1].length));
  for (let k = k0; k < k1; k++) if (doc.lex.verbs.has(doc.tokens[k].lower) && !doc.tokens[k].cap) return null;
  let cs = a + m[0].length;
  let ce = b;
  while (ce > cs && /\s/.test(doc.text[ce - 1])) ce--;
  while (cs < ce && /\s/.test(doc.text[cs])) cs++;
  if (doc.text.slice(cs, ce).split(/\s+/).length < MIN_CONTENT_WORDS) return null;
  // "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, …": a list of names under a label, not what anyone said.
  const content = doc.text.slice(cs, ce);
  const cw = content.split(/\s+/);
  if ((content.match(/,/g)?.length ?? 0) >= LIST_COMMAS && cw.filter((w) => /^[\p{Lu}]/u.test(w)).length >= cw.length * 0.6) return null;
  const ls = a + m.index + (m[0].indexOf(label));
  const le = ls + label.length;
  const speaker: SpeakerRef = findSpeaker(doc, ls, le, { leftmost: true }) ?? { start: ls, end: le, text: label, kind: 'description', name: null, entity: null, role: null, anonymous: false, plural: false, documentary: false };
  return { kind: 'indirect', parts: [{ start: cs, end: ce }], cue: { start: le, end: le + 1, lemma: 'colon' }, speaker, via: [], method: 'colon-label' };
}
