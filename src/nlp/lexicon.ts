// The word lists the analysis runs on, loaded once from data/lexicon/*.json (plus any user file
// of the same shape) and compiled into lookup sets. Code holds the mechanisms; these files hold
// the words.

import { existsSync, readFileSync } from 'node:fs';
import { indexCues, type LearnedCue } from './quotes-learned.ts';
import { fileURLToPath } from 'node:url';

const dir = (f: string) => fileURLToPath(new URL(`../../data/lexicon/${f}`, import.meta.url));

interface SpeechFile {
  verbs: Record<string, string[]>;
  forward: string[];
  any_object: string[];
  object_first: string[];
  belief: string[];
  need_that: string[];
  stance_passive?: string[];
  stance_verbs?: string[];
  stance_nouns?: string[];
  colon_labels?: string[];
  ambiguous?: string[];
  object_preposition?: Record<string, string[]>;
}
/** data/lexicon/cues-learned.json, written by bench/learn-cues.ts. */
interface LearnedFile {
  cues: { cue: string; dir: 'after' | 'before'; speaker: 'subject' | 'none' }[];
  /** Words that attribute quotations ("charged", "chanted"): verbs for quotations only. */
  direct_verbs?: { word: string }[];
}
interface RolesFile {
  speakers: string[];
  documents: string[];
  plural: string[];
  titles: string[];
  pronouns: Record<string, string>;
  org_heads: string[];
  place_heads: string[];
  name_particles: string[];
  not_names: string[];
}
interface SourcingFile {
  anonymous: string[];
  hearsay: string[];
  unverified: { kind: string; pattern: string }[];
}

export type VerbForm = 'finite' | 'participle' | 'base' | 'past-participle';

export interface Lexicon {
  /** Lower-case word form → its lemma and form. */
  verbs: Map<string, { lemma: string; form: VerbForm }>;
  forward: Set<string>;
  anyObject: Set<string>;
  objectFirst: Set<string>;
  needThat: Set<string>;
  /** Stance constructions (quotes-stance.ts): "is expected to", "appears to", "his claim that". */
  stancePassive: string[];
  stanceVerbs: string[];
  stanceNouns: string[];
  /** Words of a paragraph's opening label that is not a speaker ("UPDATE:", "Name:"). */
  colonLabels: Set<string>;
  /** Verb lemmas that are mostly nouns or adverbs in news text ("states", "back"). */
  ambiguous: Set<string>;
  /** Verbs whose content comes only after one of these words ("spoke about …"). */
  objectPreposition: Map<string, Set<string>>;
  /** Learned attribution cues (quotes-learned.ts), indexed by their last word. */
  learned: Map<string, LearnedCue[]>;
  speakers: Set<string>;
  documents: Set<string>;
  plural: Set<string>;
  titles: Set<string>;
  pronouns: Map<string, string>;
  orgHeads: Set<string>;
  placeHeads: Set<string>;
  particles: Set<string>;
  notNames: Set<string>;
  anonymous: RegExp[];
  hearsay: RegExp[];
  unverified: { kind: string; re: RegExp }[];
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new Error(`${file}: cannot read the lexicon (${(err as Error).message})`);
  }
}

/** Regular English forms of a verb lemma: say → says, sayed, saying (irregulars come from the file). */
function regularForms(lemma: string): { form: string; kind: VerbForm }[] {
  const out: { form: string; kind: VerbForm }[] = [{ form: lemma, kind: 'base' }];
  const cvc = /[^aeiou][aeiou][bdgklmnprt]$/.test(lemma) && lemma.length <= 4;
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : cvc ? lemma + lemma.at(-1) : lemma;
  const ys = /[^aeiou]y$/.test(lemma);
  out.push({ form: ys ? lemma.slice(0, -1) + 'ies' : /(s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : lemma + 's', kind: 'finite' });
  out.push({ form: ys ? lemma.slice(0, -1) + 'ied' : stem + 'ed', kind: 'finite' });
  out.push({ form: stem + 'ing', kind: 'participle' });
  return out;
}

let cached: Lexicon | null = null;
const cachedExtra = new Map<string, Lexicon>();

/** The lexicon: shipped files, then each extra file (same shapes, keyed by file name) merged in. */
export function loadLexicon(extra: string[] = []): Lexicon {
  const key = extra.join('\n');
  if (!extra.length && cached) return cached;
  if (extra.length && cachedExtra.has(key)) return cachedExtra.get(key)!;
  const speech = readJson<SpeechFile>(dir('speech.json'));
  const roles = readJson<RolesFile>(dir('roles.json'));
  const sourcing = readJson<SourcingFile>(dir('sourcing.json'));
  const learnedFile: LearnedFile = existsSync(dir('cues-learned.json')) ? readJson<LearnedFile>(dir('cues-learned.json')) : { cues: [] };
  const learned = learnedFile.cues;
  for (const f of extra) {
    const x = readJson<Partial<SpeechFile & RolesFile & SourcingFile>>(f);
    if (x.verbs) Object.assign(speech.verbs, x.verbs);
    if (x.object_preposition) speech.object_preposition = { ...speech.object_preposition, ...x.object_preposition };
    for (const k of ['forward', 'any_object', 'object_first', 'belief', 'need_that'] as const) if (x[k]) speech[k].push(...x[k]);
    for (const k of ['stance_passive', 'stance_verbs', 'stance_nouns', 'colon_labels', 'ambiguous'] as const) if (x[k]) speech[k] = [...(speech[k] ?? []), ...x[k]];
    for (const k of ['speakers', 'documents', 'plural', 'titles', 'org_heads', 'place_heads', 'name_particles', 'not_names'] as const) if (x[k]) roles[k].push(...x[k]);
    const xl = (x as Partial<LearnedFile>).cues;
    if (xl) learned.push(...xl);
    if (x.anonymous) sourcing.anonymous.push(...x.anonymous);
    if (x.hearsay) sourcing.hearsay.push(...x.hearsay);
    if (x.unverified) sourcing.unverified.push(...x.unverified);
  }
  const verbs = new Map<string, { lemma: string; form: VerbForm }>();
  for (const [lemma, irregular] of Object.entries(speech.verbs)) {
    for (const { form, kind } of regularForms(lemma)) if (!verbs.has(form)) verbs.set(form, { lemma, form: kind });
    for (const form of irregular) {
      const kind: VerbForm = form.endsWith('ing') ? 'participle' : 'finite';
      verbs.set(form, { lemma, form: kind });
    }
  }
  // learned quotation verbs: they attribute a quotation; for indirect speech they need "that"
  const needThat = new Set(speech.need_that);
  for (const { word } of learnedFile.direct_verbs ?? []) {
    if (verbs.has(word)) continue;
    verbs.set(word, { lemma: word, form: word.endsWith('ing') ? 'participle' : 'finite' });
    needThat.add(word);
  }
  const lex: Lexicon = {
    verbs,
    forward: new Set(speech.forward),
    anyObject: new Set(speech.any_object),
    objectFirst: new Set(speech.object_first),
    needThat,
    stancePassive: speech.stance_passive ?? [],
    stanceVerbs: speech.stance_verbs ?? [],
    stanceNouns: speech.stance_nouns ?? [],
    colonLabels: new Set(speech.colon_labels ?? []),
    ambiguous: new Set(speech.ambiguous ?? []),
    objectPreposition: new Map(Object.entries(speech.object_preposition ?? {}).map(([k, v]) => [k, new Set(v)])),
    learned: indexCues(learned.map((c) => ({ words: c.cue.toLowerCase().split(/\s+/).filter(Boolean), dir: c.dir, speaker: c.speaker }))),
    speakers: new Set(roles.speakers),
    documents: new Set(roles.documents),
    plural: new Set(roles.plural),
    titles: new Set(roles.titles),
    pronouns: new Map(Object.entries(roles.pronouns)),
    orgHeads: new Set(roles.org_heads),
    placeHeads: new Set(roles.place_heads),
    particles: new Set(roles.name_particles),
    notNames: new Set(roles.not_names),
    anonymous: sourcing.anonymous.map((p) => new RegExp(p, 'i')),
    hearsay: sourcing.hearsay.map((p) => new RegExp(p, 'i')),
    unverified: sourcing.unverified.map((u) => ({ kind: u.kind, re: new RegExp(u.pattern, 'gi') })),
  };
  if (extra.length) cachedExtra.set(key, lex);
  else cached = lex;
  return lex;
}
