// Attributed stances that are not speech verbs: PolNeAR-style attributions of beliefs,
// expectations and intentions, found by two constructions whose words are data
// (data/lexicon/speech.json: `stance_passive`, `stance_verbs`, `stance_nouns`).
//   raising:  "Trump is expected to deliver a victory speech", "a broader swath of voters appears
//             to be moving", "it seems that …": the content is the clause (subject and all);
//             the holder is not named, so the quote has no speaker.
//   nominal:  "his claim that …", "Trump's plan to …", "her call for …", "the belief that …":
//             a stance noun with its complement; the possessor is the speaker.
// A stance whose content repeats an attribution already found is left out.

import type { QuoteDoc, RawQuote, Sentence } from './quotes.ts';
import type { SpeakerRef } from './speaker.ts';
import { tokenAt } from './tokens.ts';
import { nearestSubject } from './quotes-indirect.ts';


const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = new WeakMap<object, { raising: RegExp; nominal: RegExp }>();

function patterns(doc: QuoteDoc) {
  let p = compiled.get(doc.lex);
  if (!p) {
    const passive = doc.lex.stancePassive.map(escape).join('|');
    const verbs = doc.lex.stanceVerbs.map((v) => `${escape(v)}(?:s|ed)?`).join('|');
    const nouns = doc.lex.stanceNouns.map((n) => `${escape(n)}s?`).join('|');
    p = {
      // be + (adverb) + passive participle + to, or seem/appear + to / that
      raising: new RegExp(`\\b(?:(?:is|are|was|were|be|been|being|’s|'s)\\s+(?:\\w+ly\\s+)?(?:${passive})\\s+to|(?:${verbs})\\s+(?:to|that))\\s+(?=\\w)`, 'gi'),
      nominal: new RegExp(`\\b(?:(his|her|their|its|our|my|[\\p{Lu}][\\p{L}.-]*(?:’s|'s|s’|s'))\\s+(?:[\\p{L}-]+\\s+)?|the\\s+)(?:${nouns})\\s+(that|to|for|of)\\s+(?=\\w)`, 'giu'),
    };
    compiled.set(doc.lex, p);
  }
  return p;
}

/** End of a stance's content: the sentence end, before a direct quote or a following attribution clause. */
function clauseEnd(doc: QuoteDoc, from: number, sent: Sentence): number {
  let end = sent.end;
  const rest = doc.text.slice(from, end);
  const cut = /,\s*(?:(?:he|she|they|it)\s+(?:said|added)|according to|adding|saying)\b|[“"]/i.exec(rest);
  if (cut) end = from + cut.index;
  while (end > from && /[\s,;:.!?(—–-]/.test(doc.text[end - 1])) end--;
  return end;
}

/** The clause holding a raising verb: from the last clause boundary before it. */
function clauseStart(doc: QuoteDoc, sent: Sentence, at: number): number {
  const before = doc.text.slice(sent.start, at);
  const b = Math.max(before.lastIndexOf(';'), before.lastIndexOf(':'), before.search(/\b(?:that|because|while|but|and)\s+[^,]*$/));
  let s = b >= 0 ? sent.start + b + 1 : sent.start;
  if (b >= 0 && /^(?:hat|ecause|hile|ut|nd)\b/.test(doc.text.slice(s))) s = doc.text.indexOf(' ', s) + 1;
  while (s < at && /[\s,“"]/.test(doc.text[s])) s++;
  return s;
}

function possessor(doc: QuoteDoc, start: number, word: string): SpeakerRef | null {
  const lower = word.toLowerCase();
  const pron = ({ his: 'he', her: 'she', their: 'they', its: 'it', our: 'we', my: 'i' } as Record<string, string>)[lower];
  const end = start + word.length;
  if (pron) return { start, end, text: word, kind: 'pronoun', name: null, entity: null, role: null, anonymous: false, plural: pron === 'they' || pron === 'we', documentary: false };
  const k = tokenAt(doc.tokens, start);
  const t = doc.tokens[k];
  if (!t) return null;
  const m = doc.mentions.find((x) => x.end === t.end && x.start <= t.start && x.start >= start - 40);
  if (m) return { start: m.start, end: m.end, text: doc.text.slice(m.start, m.end), kind: m.type === 'person' ? 'person' : 'body', name: m.name, entity: m.entity, role: null, anonymous: false, plural: false, documentary: false };
  return { start: t.start, end: t.end, text: t.text, kind: 'description', name: null, entity: null, role: null, anonymous: false, plural: false, documentary: false };
}

export function findStances(doc: QuoteDoc, found: RawQuote[]): RawQuote[] {
  const out: RawQuote[] = [];
  const { raising, nominal } = patterns(doc);
  const taken = found.map((q) => ({ start: q.parts[0].start, end: q.parts.at(-1)!.end }));
  const inside = (pos: number) => found.some((q) => q.kind === 'direct' && q.parts.some((p) => pos > p.start && pos < p.end));
  const repeats = (s: number, e: number) => taken.some((t) => Math.min(e, t.end) - Math.max(s, t.start) > 0.6 * (e - s));
  for (const sent of doc.sentences) {
    const txt = doc.text.slice(sent.start, sent.end);
    // 1. raising: the subject and the infinitive are the content, no speaker
    for (const m of txt.matchAll(raising)) {
      const at = sent.start + m.index!;
      if (inside(at)) continue;
      const cs = /that\s+$/.test(m[0]) ? at + m[0].length : clauseStart(doc, sent, at);
      const ce = clauseEnd(doc, at + m[0].length, sent);
      if (ce - cs < 15 || repeats(cs, ce)) continue;
      const cueEnd = at + m[0].trimEnd().length;
      out.push({ kind: 'indirect', parts: [{ start: cs, end: ce }], cue: { start: at, end: cueEnd, lemma: 'stance' }, speaker: null, method: 'stance:raising' });
      taken.push({ start: cs, end: ce });
    }
    // 2. nominal: "his claim that …", "Trump's plan to …"
    for (const m of txt.matchAll(nominal)) {
      const at = sent.start + m.index!;
      if (inside(at)) continue;
      const cs = at + m[0].length;
      const ce = clauseEnd(doc, cs, sent);
      // "his criticism of Trump": an object may be one name; a clause ("claim that …") is longer.
      if (ce - cs < (m[2].toLowerCase() === 'that' ? 12 : 3) || repeats(cs, ce)) continue;
      // "the support of the party's leaders" names who backs someone, not what they hold (2 of 14 right on train); "support for" stays.
      if (/\bsupports?\s+of\s+$/i.test(m[0])) continue;
      // "Trump has been ratcheting up his critique of …", "X apologized for the claim that …": with a
      // pronoun possessor or none, the holder is the clause's subject when it has one.
      const own = m[1] ? possessor(doc, at, m[1].replace(/(?:’s|'s|’|')$/, '')) : null;
      const subject = (!own || own.kind === 'pronoun') && /\p{L}/u.test(doc.text.slice(clauseStart(doc, sent, at), at)) ? nearestSubject(doc, clauseStart(doc, sent, at), at) : null;
      const speaker = subject ?? own;
      out.push({ kind: 'indirect', parts: [{ start: cs, end: ce }], cue: { start: at, end: cs, lemma: 'stance' }, speaker, method: 'stance:nominal' });
      taken.push({ start: cs, end: ce });
    }
  }
  return out;
}
