// Conduits: the outlet a speaker is said to have spoken to (told_to: "told the Arabic-language
// al-Ma’aloumeh news website", "told FNA", "Speaking to Baghdad Today") and the outlets credited
// with relaying the words (via: "according to Press TV", "al-Ma’aloumeh quoted … as saying",
// "was quoted by al-Ma’aloumeh", a paragraph opened by "Fars News Agency reports:").

import { entitySlug } from './alias-norm.ts';
import { firstMentionFrom, type Doc, type Mention } from './speaker.ts';
import { tokenAt } from './tokens.ts';

export interface Ref {
  start: number;
  end: number;
  text: string;
  entity: string | null;
}

const OUTLET_NOUN = /^(?:news|agency|website|site|channel|tv|television|radio|newspaper|daily|paper|broadcaster|network|outlet|magazine|station)$/i;

const ref = (doc: Doc, m: { start: number; end: number; entity: string | null }): Ref => ({ start: m.start, end: m.end, text: doc.text.slice(m.start, m.end), entity: m.entity });

/** The first outlet named within `maxTokens` words after offset `from` (skipping "the", "Arabic-language", ...). */
export function outletAfter(doc: Doc, from: number, limit: number, maxTokens = 7): Ref | null {
  let m: Mention | undefined;
  for (let i = firstMentionFrom(doc, from); i < doc.mentions.length && doc.mentions[i].start < limit && !m; i++) if (doc.mentions[i].type === 'outlet') m = doc.mentions[i];
  const k0 = tokenAt(doc.tokens, from);
  if (m && tokenAt(doc.tokens, m.start) - k0 <= maxTokens && !/[,.;:]/.test(doc.text.slice(from, m.start))) return ref(doc, m);
  // An outlet the tables do not know: capitalised words followed by "news website", "TV", "newspaper".
  let k = k0;
  while (k < doc.tokens.length && doc.tokens[k].start < limit && /^(?:the|a|an)$/i.test(doc.tokens[k].lower)) k++;
  while (k < doc.tokens.length && /-(?:language|based|run|owned|affiliated)$/i.test(doc.tokens[k].lower)) k++;
  let j = k;
  while (j < doc.tokens.length && doc.tokens[j].start < limit && doc.tokens[j].cap && j - k < 5) j++;
  // "Meridian TV", "Baghdad Post": the outlet word is the name's own last word.
  if (j - k >= 2 && /^(?:tv|news|radio|times|post|agency|daily|channel|television|network|herald|tribune|journal|gazette|telegraph|today)$/i.test(doc.tokens[j - 1].lower) && !/[,.;:\n]/.test(doc.text.slice(doc.tokens[k].start, doc.tokens[j - 1].start))) {
    const s = doc.tokens[k].start;
    const e = doc.tokens[j - 1].end;
    return { start: s, end: e, text: doc.text.slice(s, e), entity: entitySlug(doc.text.slice(s, e)) };
  }
  if (j > k && j < doc.tokens.length && OUTLET_NOUN.test(doc.tokens[j].lower) && !/[,.;:]/.test(doc.text.slice(doc.tokens[k].start, doc.tokens[j].start))) {
    const s = doc.tokens[k].start;
    const e = doc.tokens[j - 1].end;
    return { start: s, end: e, text: doc.text.slice(s, e), entity: entitySlug(doc.text.slice(s, e)) };
  }
  return null;
}

/**
 * What a sentence says of its own about conduits, read once per sentence however many quotes it
 * holds (a sentence of thousands of coordinated attributions stays linear): the first
 * "speaking to X" / "in an interview with X" outlet (per sentence), and the outlets it credits
 * (per sentence and paragraph).
 */
const memo = new WeakMap<Doc, Map<string, unknown>>();
function once<T>(doc: Doc, key: string, read: () => T): T {
  let m = memo.get(doc);
  if (!m) memo.set(doc, (m = new Map()));
  if (!m.has(key)) m.set(key, read());
  return m.get(key) as T;
}

function sentenceToldTo(doc: Doc, sent: { start: number; end: number }): Ref | null {
  return once(doc, `told:${sent.start}:${sent.end}`, () => {
    const s = doc.text.slice(sent.start, sent.end);
    for (const m of s.matchAll(TOLD_TO)) {
      const r = outletAfter(doc, sent.start + m.index! + m[0].length, sent.end, 4);
      if (r) return r;
    }
    return null;
  });
}

function sentenceVia(doc: Doc, sent: { start: number; end: number }, para: { start: number; end: number }): Mention[] {
  return once(doc, `via:${sent.start}:${sent.end}:${para.start}`, () => {
    const via: Mention[] = [];
    for (let i = firstMentionFrom(doc, sent.start); i < doc.mentions.length && doc.mentions[i].start < sent.end; i++) {
      const m = doc.mentions[i];
      if (m.type === 'outlet' && m.end <= sent.end && (VIA_BEFORE.test(doc.text.slice(Math.max(sent.start, m.start - 25), m.start)) || VIA_AFTER.test(doc.text.slice(m.end, m.end + 14)))) via.push(m);
    }
    for (let i = firstMentionFrom(doc, para.start); i < doc.mentions.length && doc.mentions[i].start < para.start + 4; i++) {
      const m = doc.mentions[i];
      // "Fars News Agency reports: ..." credits the whole paragraph
      if (m.type === 'outlet' && !(m.start >= sent.start && m.end <= sent.end) && /^\s*(?:reports|reported|quoted|said)\s*:/i.test(doc.text.slice(m.end, m.end + 14))) via.push(m);
    }
    return via.sort((a, b) => a.start - b.start);
  });
}

const TOLD_TO = /\b(?:speaking|talking|spoke|talked|told|said|saying|telling)\s+(?:exclusively\s+)?(?:to|with)\s+|\b(?:in an? (?:interview|conversation|exclusive interview) with)\s+|\btold\s+/gi;

/** told_to: after a "told"/"telling" cue, or any "speaking to X" / "in an interview with X" in the sentence. */
export function findToldTo(doc: Doc, sent: { start: number; end: number }, cue: { start: number; end: number; lemma: string } | null): Ref | null {
  if (cue && (cue.lemma === 'tell' || cue.lemma === 'inform')) {
    const r = outletAfter(doc, cue.end, sent.end);
    if (r) return r;
  }
  return sentenceToldTo(doc, sent);
}

const VIA_BEFORE = /\b(?:according to|quoted by|reported by|cited by|as reported by|as quoted by|carried by|citing)\s+$/i;
const VIA_AFTER = /^\s*(?:quoted|reported|reports|cited|quotes|cites|carried|reporting)\b/i;

/** via: outlets credited for relaying what is said in this sentence (or announced for its paragraph). */
export function findVia(doc: Doc, sent: { start: number; end: number }, para: { start: number; end: number }, toldTo: Ref | null): Ref[] {
  const out: Ref[] = [];
  for (const m of sentenceVia(doc, sent, para)) {
    if (toldTo && toldTo.entity === m.entity) continue;
    if (!out.some((r) => r.entity === m.entity)) out.push(ref(doc, m));
  }
  return out;
}
