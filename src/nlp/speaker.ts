// Speakers: who stands behind an attribution. Given the words before a speech verb (the
// subject) or after it ("said al-Moussavi"), pick the speaker mention and its role:
//   - a named person wins ("Head of Badr Organization’s Office in al-Anbar Qusai al-Anbari":
//     the person, with the words before the name as the role; "Hamid al-Hayes, the chairman of
//     Anbar Salvation Council": the apposition as the role);
//   - else a body (org, outlet, place used for its government) that is not a possessive modifier;
//   - else a description headed by a speaker noun ("a senior Iraqi official", "the statement");
//   - else a pronoun.
// Pronouns and definite descriptions are resolved later, in text order (resolveSpeakers).

import type { Lexicon } from './lexicon.ts';
import type { Token } from './tokens.ts';
import { lowerBound, tokenAt } from './tokens.ts';

export interface Mention {
  start: number;
  end: number;
  entity: string;
  type: string;
  name: string;
}

export type SpeakerKind = 'person' | 'body' | 'description' | 'pronoun';

export interface SpeakerRef {
  start: number;
  end: number;
  text: string;
  kind: SpeakerKind;
  name: string | null;
  entity: string | null;
  role: string | null;
  anonymous: boolean;
  plural: boolean;
  documentary: boolean;
  /** How a pronoun or description was resolved: the antecedent's text and offset. */
  antecedent?: { text: string; start: number } | null;
}

export interface Doc {
  text: string;
  tokens: Token[];
  mentions: Mention[];
  lex: Lexicon;
}

const AUX = new Set(['has', 'have', 'had', 'was', 'were', 'is', 'are', 'also', 'further', 'then', 'later', 'earlier', 'repeatedly', 'again', 'previously', 'once', 'reportedly', 'allegedly', 'publicly', 'recently', 'not', 'had', 'been', 'would', 'will', 'could', 'may', 'might', 'did', 'does', 'do', 'should', 'can', 'never', 'even', 'still', 'just', 'clearly', 'firmly', 'strongly', 'already', 'once', 'often', 'frequently', 'formally', 'officially', 'privately', 'openly']);
const INTRO = /^(?:in|on|at|after|before|following|speaking|talking|writing|also|meantime|meanwhile|however|but|and|last|earlier|later|during|over|since|for|with|according|asked|when|while|yet|so|separately|elsewhere|today|yesterday|now|then|moreover|besides|additionally)$/i;
const DET = new Set(['a', 'an', 'the', 'one', 'some', 'several', 'two', 'three', 'many', 'few', 'other', 'another', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'senior', 'top']);

function tokensIn(doc: Doc, a: number, b: number): [number, number] {
  return [tokenAt(doc.tokens, a), tokenAt(doc.tokens, b)];
}

function trimSpan(text: string, a: number, b: number): [number, number] {
  while (a < b && /[\s,;:—–\-(]/.test(text[a])) a++;
  while (b > a && /[\s,;:—–\-)]/.test(text[b - 1])) b--;
  return [a, b];
}

/** Drop a leading adverbial ("In relevant remarks in February,", "On Saturday,") from a subject segment. */
const DATELINE = /^\s*\p{Lu}[\p{L}\s,.]{0,40}?(?:\([^)]{1,30}\))?\s*[-–—]+\s*/u;

function stripIntro(doc: Doc, a: number, b: number): number {
  const dl = DATELINE.exec(doc.text.slice(a, b));
  if (dl && /[-–—]/.test(dl[0]) && (/\(/.test(dl[0]) || /\s[-–—]/.test(dl[0]))) a += dl[0].length; // "TEHRAN (FNA)- ", "Tasnim – "
  const [ti] = tokensIn(doc, a, b);
  const first = doc.tokens[ti];
  if (!first || first.start >= b || !INTRO.test(first.lower)) return a;
  const comma = doc.text.indexOf(',', first.end);
  if (comma < 0 || comma >= b) return a;
  return comma + 1;
}

/** Trailing auxiliaries and adverbs between a subject and its verb ("has", "had also", "further"). */
function dropTrailingAux(doc: Doc, a: number, b: number): number {
  let [ti, tj] = tokensIn(doc, a, b);
  while (tj > ti && AUX.has(doc.tokens[tj - 1].lower) && doc.tokens[tj - 1].end <= b) tj--;
  return tj > ti ? doc.tokens[tj - 1].end : a;
}

/** Index of the first mention starting at or after pos (the mentions are sorted by start). */
export function firstMentionFrom(doc: Doc, pos: number): number {
  return lowerBound(doc.mentions.length, (i) => doc.mentions[i].start < pos);
}

function mentionsIn(doc: Doc, a: number, b: number): Mention[] {
  return doc.mentions.filter((m) => m.start >= a && m.end <= b);
}

const isPossessiveAt = (doc: Doc, end: number) => /^(?:['’]s?)/.test(doc.text.slice(end, end + 2));

/** The role of a named person from the words around the name within the segment. */
function roleOf(doc: Doc, segA: number, segB: number, m: Mention): string | null {
  const [a, b] = trimSpan(doc.text, segA, m.start);
  const before = doc.text.slice(a, b);
  const words = before.split(/\s+/).filter(Boolean);
  if (words.length && words.length <= 14 && !/[.;]/.test(before)) {
    const last = words.at(-1)!.toLowerCase().replace(/[’']s$/, '');
    const cut = before.lastIndexOf(', ');
    const role = cut >= 0 && words.length > 1 ? before.slice(cut + 2) : before;
    if (role.split(/\s+/).some((w) => doc.lex.speakers.has(w.toLowerCase().replace(/[’']s?$/, '')) || doc.lex.titles.has(w.toLowerCase())) || doc.lex.titles.has(last)) return role.trim() || null;
  }
  // Apposition: "Hamid al-Hayes, the chairman of Anbar Salvation Council,"
  const after = doc.text.slice(m.end, segB);
  const ap = /^\s*,\s*([^,]{3,160}?)\s*(?:,|$)/.exec(after);
  if (ap && /^(?:a|an|the|one|who|[\p{L}’']+[’']s)\b/iu.test(ap[1]) && !/^who\b/i.test(ap[1])) return ap[1].trim();
  return null;
}

/** A description headed by a speaker noun: "a senior Iraqi official", "Commanders of the Iraqi volunteer forces". */
function description(doc: Doc, a: number, b: number): SpeakerRef | null {
  const [ti, tj] = tokensIn(doc, a, b);
  let head = -1;
  for (let k = ti; k < tj; k++) {
    const t = doc.tokens[k];
    if (t.end > b) break;
    if (doc.lex.speakers.has(t.lower) && !t.poss && !doc.mentions.some((m) => m.start <= t.start && m.end >= t.end)) {
      head = k;
      break;
    }
  }
  if (head < 0) return null;
  // The description runs from the segment start through the head and its of/with/for phrases,
  // up to a comma, an auxiliary or the verb: "Iraqi officials have on different occasions" → "Iraqi officials".
  let k = head + 1;
  while (k < tj && doc.tokens[k].end <= b && !AUX.has(doc.tokens[k].lower) && !doc.lex.verbs.has(doc.tokens[k].lower) && !/[,;:]/.test(doc.text.slice(doc.tokens[k - 1].end, doc.tokens[k].start))) k++;
  const end = dropTrailingAux(doc, a, doc.tokens[k - 1].end);
  const [s, e] = trimSpan(doc.text, a, end);
  if (e <= s) return null;
  const text = doc.text.slice(s, e);
  const lower = doc.tokens[head].lower;
  const definite = /^(?:the|this|that|these|those)\b/i.test(text);
  return {
    start: s,
    end: e,
    text,
    kind: 'description',
    name: null,
    entity: null,
    role: null,
    anonymous: !definite && !doc.lex.documents.has(lower),
    plural: doc.lex.plural.has(lower),
    documentary: doc.lex.documents.has(lower),
  };
}

function fromMention(doc: Doc, m: Mention, segA: number, segB: number): SpeakerRef {
  const person = m.type === 'person';
  return {
    start: m.start,
    end: m.end,
    text: doc.text.slice(m.start, m.end),
    kind: person ? 'person' : 'body',
    name: m.name,
    entity: m.entity,
    role: person ? roleOf(doc, segA, segB, m) : null,
    anonymous: false,
    plural: !person,
    documentary: false,
  };
}

const BE = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'am', "’s", "'s"]);
const RELATIVE = new Set(['who', 'which', 'that']);

/**
 * What stands right before a cue verb at `cueStart`, past its auxiliaries and adverbs:
 *   - a relative pronoun ("voters, who say …"): the annotated speaker is the pronoun itself;
 *   - a passive ("it was announced that …", "Sanders was asked about …"): the speaker is the
 *     agent after "by" when there is one, else nobody; the subject is what was spoken of.
 * Null when the subject is an ordinary one, for findSpeaker.
 */
export function clauseSubject(doc: Doc, from: number, cueStart: number, cueEnd: number): { speaker: SpeakerRef | null } | null {
  let k = tokenAt(doc.tokens, cueStart) - 1;
  let be = false;
  while (k >= 0 && doc.tokens[k].start >= from && (AUX.has(doc.tokens[k].lower) || /ly$/.test(doc.tokens[k].lower) || doc.tokens[k].lower === "n't")) {
    if (BE.has(doc.tokens[k].lower) && (k === tokenAt(doc.tokens, cueStart) - 1 || /ly$/.test(doc.tokens[k + 1].lower) || BE.has(doc.tokens[k + 1].lower))) be = true;
    k--;
  }
  const t = doc.tokens[k];
  const cue = doc.text.slice(cueStart, cueEnd).toLowerCase();
  if (be && /(?:ed|said|told|known|shown|thought|found|written|spoken|heard|seen)$/.test(cue)) {
    const by = /^\s+by\s+/.exec(doc.text.slice(cueEnd, cueEnd + 8));
    if (by) {
      const a = cueEnd + by[0].length;
      const stop = doc.text.slice(a, a + 120).search(/[,.;:!?]|\s(?:that|to|as|for|about|in|on)\s/);
      return { speaker: findSpeaker(doc, a, stop >= 0 ? a + stop : Math.min(doc.text.length, a + 120), { after: true }) };
    }
    return { speaker: null };
  }
  if (t && t.start >= from && RELATIVE.has(t.lower) && /,\s*$/.test(doc.text.slice(Math.max(0, t.start - 3), t.start)) === (t.lower !== 'that')) {
    return { speaker: { start: t.start, end: t.end, text: t.text, kind: 'description', name: null, entity: null, role: null, anonymous: false, plural: false, documentary: false } };
  }
  return null;
}

/**
 * The speaker named in [a, b): the words of a subject (before the verb) or, with `after`, the
 * words following the verb ("said al-Moussavi"). `leftmost` takes the first candidate of any kind
 * (the subject of a sentence that a participle like "reiterating" hangs on).
 */
export function findSpeaker(doc: Doc, a: number, b: number, opts: { after?: boolean; leftmost?: boolean } = {}): SpeakerRef | null {
  if (b <= a) return null;
  if (!opts.after && !opts.leftmost) a = stripIntro(doc, a, b);
  const ms = mentionsIn(doc, a, b);
  const [ti, tj] = tokensIn(doc, a, b);
  const pronounAt = (): SpeakerRef | null => {
    for (let k = ti; k < tj; k++) {
      const t = doc.tokens[k];
      if (t.end > b) break;
      const p = doc.lex.pronouns.get(t.lower);
      if (p && (k === ti || !/^(?:it)$/.test(t.lower))) {
        return { start: t.start, end: t.end, text: t.text, kind: 'pronoun', name: null, entity: null, role: null, anonymous: false, plural: p === 'group', documentary: false };
      }
    }
    return null;
  };
  if (opts.leftmost) {
    // The earliest candidate of any kind.
    const cands: SpeakerRef[] = [];
    const p = pronounAt();
    if (p) cands.push(p);
    const person = ms.find((m) => m.type === 'person');
    if (person) cands.push(fromMention(doc, person, a, b));
    const body = ms.find((m) => m.type !== 'person' && !isPossessiveAt(doc, m.end));
    if (body) cands.push(fromMention(doc, body, a, b));
    cands.sort((x, y) => (x.kind === 'body' ? 1 : 0) - (y.kind === 'body' ? 1 : 0) || x.start - y.start);
    // Titles come before names ("Spokesman of … Jafar al-Hosseini"): a description only when nothing else is there.
    return cands[0] ?? description(doc, a, b);
  }
  const person = ms.find((m) => m.type === 'person');
  if (person) return fromMention(doc, headPerson(doc, ms, person), a, b);
  // A pronoun right at the start of the subject ("He noted", "They said").
  const first = doc.tokens[ti];
  if (first && first.start < b && doc.lex.pronouns.has(first.lower)) return pronounAt();
  const d = description(doc, a, b);
  const body = ms.find((m) => m.type !== 'person' && !isPossessiveAt(doc, m.end) && !(d && d.start < m.start && doc.text.slice(d.start, m.start).split(/\s+/).length <= 6 && /\b(?:of|with|for|from|in|at)\s*(?:the\s+)?$/i.test(doc.text.slice(d.start, m.start))));
  if (body && (!d || body.start <= d.start || doc.text.slice(d.start, body.start).trim().split(/\s+/).every((w) => DET.has(w.toLowerCase())))) {
    // "PMF official" reads as a description headed by "official", not as the PMF itself.
    const next = doc.tokens[tokenAt(doc.tokens, body.end)];
    if (!(next && next.start < b && doc.lex.speakers.has(next.lower) && !doc.lex.orgHeads.has(next.lower))) return fromMention(doc, body, a, b);
  }
  if (d) return d;
  return pronounAt() ?? genericSubject(doc, a, b);
}

/**
 * "Presumptive Democrat nominee Hillary Clinton", "Trump adviser Kellyanne Conway": a name, then a
 * role noun, then a name. The last name is the head of the subject; what stands before it is the
 * role.
 */
function headPerson(doc: Doc, ms: Mention[], first: Mention): Mention {
  let cur = first;
  for (let i = ms.indexOf(first) + 1; i < ms.length; i++) {
    const next = ms[i];
    if (next.type !== 'person') continue;
    const between = doc.text.slice(cur.end, next.start).trim().replace(/^(?:’s|'s)\s*/, '');
    const words = between.split(/\s+/);
    if (!between || words.length > 3 || !words.every((w) => /^\p{Ll}+$/u.test(w) && doc.lex.speakers.has(w))) break;
    cur = next;
  }
  return cur;
}

const ABBREVIATION = /\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|Sr|Jr|St|Mt|Ft|Pres|Amb|Atty|Supt|Cmdr|Maj)\.|\b\p{Lu}\.|\b(?:\p{L}\.){2,}/gu;

/** Any short noun phrase standing as the subject ("The Arizona Republican", "the results"): unnamed, but the speaker all the same. */
function genericSubject(doc: Doc, a: number, b: number): SpeakerRef | null {
  const comma = doc.text.indexOf(',', a);
  const [s, e0] = trimSpan(doc.text, a, comma >= 0 && comma < b ? comma : b);
  const e = dropTrailingAux(doc, s, e0);
  if (e <= s) return null;
  const [ti, tj] = tokensIn(doc, s, e);
  // the dot of a title or an initial ("Ms. Acosta", "Paul D. Ryan", "U.S. officials") is not a sentence's end
  if (tj - ti < 1 || tj - ti > 8 || /[.;:!?“”"]/.test(doc.text.slice(s, e).replace(ABBREVIATION, ''))) return null;
  const first = doc.tokens[ti];
  if (!first.cap && !DET.has(first.lower) && tj - ti > 4) return null;
  // "When asked", "While the top candidates": a conjunction, not a subject.
  if (/^(?:when|while|if|although|though|because|since|as|after|before|until|once|unless|where|whether)$/.test(first.lower)) return null;
  if (doc.lex.verbs.has(doc.tokens[tj - 1].lower)) return null;
  const text = doc.text.slice(s, e);
  // "Mr. Hedge", "Ms. Acosta": an honorific and a name is a person even when the entity stage did not know the name
  if (/^(?:Mr|Mrs|Ms|Dr)\.?\s+\p{Lu}[\p{L}'’-]+$/u.test(text)) return { start: s, end: e, text, kind: 'person', name: text, entity: null, role: null, anonymous: false, plural: false, documentary: false };
  return { start: s, end: e, text, kind: 'description', name: null, entity: null, role: null, anonymous: /^(?:a|an|some|several|one|many)\b/i.test(text), plural: /s$/.test(doc.tokens[tj - 1].lower), documentary: doc.lex.documents.has(doc.tokens[tj - 1].lower) };
}

export interface SpeakerEvent {
  at: number;
  speaker: SpeakerRef;
}

const PERSON_HEADS = /\b(?:official|politician|minister|commander|spokesman|spokeswoman|spokesperson|leader|expert|analyst|president|chairman|head|member|lawmaker|senator|diplomat|ambassador|envoy|chief|director|secretary|officer|governor|mayor|man|woman|cleric|general|premier|candidate)\b/i;

/**
 * Resolve pronouns ("he added") and definite descriptions ("the official", "the politician") to
 * the speaker they refer to, in text order. A pronoun takes whichever is nearer before it: the
 * last speaker, or the last person named outside a quotation. A description takes the last
 * speaker whose own words or role share its head noun, else the last named person who spoke.
 */
export function resolveSpeaker(doc: Doc, ref: SpeakerRef, history: SpeakerEvent[], quoted: (pos: number) => boolean): SpeakerRef {
  if (ref.kind === 'pronoun') {
    const written = ref.text.toLowerCase();
    // a possessive holder ("her claim that …", quotes-stance.ts) resolves like its subject pronoun
    const lower = ({ his: 'he', her: 'she', their: 'they', its: 'it', our: 'we', my: 'i' } as Record<string, string>)[written] ?? written;
    if (lower === 'i' || lower === 'we') return ref;
    const wantPerson = lower === 'he' || lower === 'she';
    let best: { at: number; s: SpeakerRef } | null = null;
    for (let k = history.length - 1; k >= 0; k--) {
      const h = history[k];
      if (h.at >= ref.start) continue;
      const s = h.speaker;
      if (wantPerson ? s.kind === 'person' || (s.kind === 'description' && !s.plural && !s.documentary) : s.plural || s.kind === 'body' || s.documentary) {
        best = { at: h.at, s };
        break;
      }
    }
    if (wantPerson) {
      for (let k = doc.mentions.length - 1; k >= 0; k--) {
        const m = doc.mentions[k];
        if (m.end > ref.start || m.type !== 'person' || quoted(m.start)) continue;
        if (!best || m.start > best.at) best = { at: m.start, s: fromMention(doc, m, m.start, m.end) };
        break;
      }
    }
    if (!best) return ref;
    const s = best.s;
    return { ...ref, name: s.name ?? s.text, entity: s.entity, role: s.role, anonymous: s.anonymous, plural: s.plural, documentary: s.documentary, antecedent: { text: s.text, start: s.start } };
  }
  if (ref.kind === 'description' && /^(?:the|this|that)\b/i.test(ref.text)) {
    const head = ref.text.split(/\s+/).at(-1)!.toLowerCase().replace(/[^\p{L}]/gu, '');
    for (let k = history.length - 1; k >= 0; k--) {
      const s = history[k].speaker;
      if (history[k].at >= ref.start) continue;
      const words = `${s.text} ${s.role ?? ''}`.toLowerCase();
      if (head && words.split(/[^\p{L}]+/u).some((w) => w === head || w === `${head}s`)) return { ...ref, name: s.name, entity: s.entity, role: s.role ?? (s.kind === 'description' ? s.text : null), anonymous: s.anonymous, documentary: s.documentary || ref.documentary, antecedent: { text: s.text, start: s.start } };
    }
    if (PERSON_HEADS.test(head)) {
      for (let k = history.length - 1; k >= 0; k--) {
        const s = history[k].speaker;
        if (history[k].at < ref.start && s.kind === 'person') return { ...ref, name: s.name, entity: s.entity, role: s.role, anonymous: false, antecedent: { text: s.text, start: s.start } };
      }
    }
  }
  return ref;
}
