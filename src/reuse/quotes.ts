// Where an article's quotations are, and who each one is attributed to: from the NLP `quote`
// layer when it exists, otherwise from the quotation marks and the words right after them.
// Reuse only needs enough to mark a passage as a quote and to compare attribution between copies
// (speaker, the outlet spoken to, the outlets relaying it).

import type { Span } from '../model.ts';
import type { OutletMatcher } from './credit.ts';
import type { ReuseSettings } from './settings.ts';

export interface QuoteInfo {
  /** The quoted words (without the marks). */
  start: number;
  end: number;
  speaker: string | null;
  told_to: string | null;
  via: string[];
  /** Where the attribution came from: the quote layer, or the text next to the marks. */
  method: 'quote-layer' | 'quotation-marks';
  evidence: string | null;
}

// An opening mark, at least a few words, a closing mark, all inside one paragraph.
const QUOTED = /[\u201c\u201e\u00ab"]([^\u201c\u201d\u00ab\u00bb"\n]{12,}?)[\u201d\u00bb"\u201c]/g;
// A name after the quote: capitalised words with lower-case particles (al-, bin, de), before a speech verb.
const NAME = String.raw`((?:(?:al|el|bin|ibn|de|van|von)[-\s])?[A-Z][\p{L}'\u2019-]+(?:\s+(?:(?:al|el|bin|ibn|de|van|von)[-\s])?[A-Z][\p{L}'\u2019-]+){0,4})`;
const SPEECH = String.raw`(?:told|said|added|says|stated|noted|warned|claimed|explained|stressed|asserted|announced|declared)`;
const AFTER_NAME_VERB = new RegExp(String.raw`^[\s,.]*${NAME}\s*,?(?:\s+[^,.\n]{0,60},)?\s+${SPEECH}\b`, 'u');
const AFTER_VERB_NAME = new RegExp(String.raw`^[\s,.]*${SPEECH}\s+${NAME}`, 'u');

export function quoteInfos(text: string, quoteLayer: Span[] | undefined, outlets: OutletMatcher, s: ReuseSettings): QuoteInfo[] {
  if (quoteLayer?.length) return quoteLayer.map(fromLayer).filter((q): q is QuoteInfo => q !== null);
  const out: QuoteInfo[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const start = m.index! + 1;
    const end = start + m[1].length;
    out.push(attributeFromText(text, start, end, outlets, s));
  }
  return out;
}

function fromLayer(sp: Span): QuoteInfo | null {
  const d = sp.data as Record<string, any>;
  const c = d.content ?? { start: sp.start, end: sp.end };
  if (typeof c.start !== 'number' || typeof c.end !== 'number') return null;
  const ent = (x: any): string | null => (x ? String(x.entity ?? x.name ?? x.text ?? '') || null : null);
  return {
    start: c.start,
    end: c.end,
    speaker: ent(d.speaker),
    told_to: ent(d.told_to),
    via: Array.isArray(d.via) ? d.via.map(ent).filter((v: string | null): v is string => !!v) : [],
    method: 'quote-layer',
    evidence: null,
  };
}

/** Speaker, told_to and via from the words after the closing mark (to the end of the sentence). */
export function attributeFromText(text: string, start: number, end: number, outlets: OutletMatcher, s: ReuseSettings): QuoteInfo {
  const rest = text.slice(end + 1, end + 1 + 240);
  const sentence = rest.split(/(?<=[.!?])\s|\n/)[0] ?? '';
  const name = AFTER_NAME_VERB.exec(sentence)?.[1] ?? AFTER_VERB_NAME.exec(sentence)?.[1] ?? null;
  let told_to: string | null = null;
  const via: string[] = [];
  const base = end + 1;
  for (const o of outlets.find(sentence)) {
    const before = sentence.slice(Math.max(0, o.start - 40), o.start).toLowerCase();
    if (s.toldCues.some((c) => new RegExp(`\\b${c}\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,2}$`).test(before))) told_to ??= o.id;
    else if (s.viaCues.some((c) => new RegExp(`\\b${c}\\s+(?:the\\s+)?$`).test(before))) via.push(o.id);
  }
  return {
    start,
    end,
    speaker: name ? name.trim() : null,
    told_to,
    via,
    method: 'quotation-marks',
    evidence: sentence ? text.slice(base, base + sentence.length).trim() : null,
  };
}

/** The quote containing most of [start, end), if it covers at least `share` of it. */
export function quoteAt(quotes: QuoteInfo[], start: number, end: number, share = 0.7): QuoteInfo | null {
  let best: QuoteInfo | null = null;
  let bestOverlap = 0;
  for (const q of quotes) {
    const overlap = Math.min(end, q.end) - Math.max(start, q.start);
    if (overlap > bestOverlap) {
      best = q;
      bestOverlap = overlap;
    }
  }
  return best && bestOverlap >= share * (end - start) ? best : null;
}

/** Speakers compare by their last name word, so "al-Bayati" and "Mohammed Mahdi al-Bayati" meet. */
export function speakerKey(name: string | null): string | null {
  if (!name) return null;
  const words = name.toLowerCase().replace(/[\u2019']/g, '').split(/[\s-]+/).filter((w) => w && !['al', 'el', 'bin', 'ibn'].includes(w));
  return words.at(-1) ?? null;
}
