// Story features: what of an article identifies the real-world event it reports. Four channels,
// each a bag of keys with counts:
//   words     content words (stop words out, a light plural fold),
//   entities  names: entity ids from the entity layer when the NLP stage ran, and always the
//             capitalised name sequences of the text (so places and people count without it),
//   numbers   figures, years, death tolls, magnitudes: what tells two events of a kind apart,
//   quotes    6-word shingles of quoted speech (quote layer, else text between quotation marks),
//             so an article relaying a statement meets the one that first carried it.
// Plain data (no idf yet): they are stored per article and weighed against the corpus later.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Span } from '../model.ts';
import { normaliseAlias } from '../nlp/alias-norm.ts';

export interface StoryFeatures {
  id: string;
  /** ISO date (YYYY-MM-DD) or null when the article has none. */
  date: string | null;
  words: Record<string, number>;
  entities: Record<string, number>;
  numbers: Record<string, number>;
  quotes: string[];
  /** Named speakers of the article's quotes (quote layer), entity id → number of quotes. */
  speakers: Record<string, number>;
}

export interface StorySettings {
  channels: { words: number; entities: number; numbers: number };
  quotes: number;
  reuse: number;
  threshold: number;
  windowDays: number;
  halfLifeDays: number;
  maxTerms: number;
  candidateTerms: number;
  /** The second pass of batch clustering (see cluster.ts); absent = one pass. */
  /** Both articles quote named speakers and share none: they report different statements; similarity × this. */
  disjointSpeakers: number;
  /** Fragments of at most maxSize articles join their nearest story at mean similarity ≥ threshold (cluster.ts). */
  attach?: { maxSize: number; threshold: number };
  refine?: {
    threshold: number;
    minSize: number;
    channels: { words: number; entities: number; numbers: number };
    /** Batch path: split a group by normalised cut below this (split.ts) instead of a second average link. */
    maxNcut?: number;
    minPart?: number;
    maxDepth?: number;
    /** Each pair's similarity is capped at this inside the split, so near-copies do not form camps of their own. */
    cap?: number;
  };
}

const DATA = (name: string) => fileURLToPath(new URL(`../../data/${name}`, import.meta.url));

export function loadStorySettings(file = DATA('stories/weights.json')): StorySettings {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as StorySettings & { version: number };
  return raw;
}

export function loadStopwords(extra: string[] = []): Set<string> {
  const words = new Set((JSON.parse(readFileSync(DATA('stories/stopwords.json'), 'utf8')) as { words: string[] }).words);
  for (const f of extra) for (const w of (JSON.parse(readFileSync(f, 'utf8')) as { words: string[] }).words) words.add(w);
  return words;
}

const STOP = loadStopwords();

/** Light plural fold: "attacks" and "attack" meet; "crisis", "bus", "glass" stay. */
function fold(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is|os)$/.test(w)) return w.slice(0, -1);
  return w;
}

const WORD = /\p{L}[\p{L}\p{M}'’]*/gu;
const NUMBER = /\d[\d,.:]*\d|\d/g;
// A name: capitalised words, optionally joined by the particles names carry inside them.
const NAME = /\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:(?:of|de|del|da|al|el|bin|ibn|van|von|der|la|le)\s+)?\p{Lu}[\p{L}\p{M}'’.-]*)*/gu;

function add(bag: Record<string, number>, key: string, n = 1) {
  bag[key] = (bag[key] ?? 0) + n;
}

/** Whether the character before `i` ends a sentence (so a capital there proves nothing). */
function sentenceInitial(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /[\s"“‘'(\[—–-]/.test(text[j])) j--;
  return j < 0 || /[.!?:;\n]/.test(text[j]) || text[j] === '\n';
}

/** Capitalised name sequences, normalised; a lone sentence-initial word only if it is not a common word. */
export function nameKeys(text: string): Record<string, number> {
  const bag: Record<string, number> = {};
  for (const m of text.matchAll(NAME)) {
    const tokens = m[0].split(/\s+/);
    const initial = sentenceInitial(text, m.index!);
    // Drop a sentence-initial function word glued to a name ("The Pentagon", "But Obama").
    if (initial && STOP.has(tokens[0].toLowerCase())) tokens.shift();
    if (!tokens.length) continue;
    if (tokens.length === 1) {
      const lw = tokens[0].toLowerCase().replace(/['’]s$/, '');
      if (STOP.has(lw) || lw.length < 2) continue;
      if (initial && /^\p{Lu}\p{Ll}+$/u.test(tokens[0])) continue; // "Residents", "Officials" opening a sentence
    }
    const full = normaliseAlias(tokens.join(' ').replace(/['’]s$/, ''));
    if (!full) continue;
    add(bag, full);
    // The parts of a multi-word name stand for it later in the text ("Tara Reid" … "Reid").
    if (tokens.length > 1)
      for (const t of tokens) {
        const n = normaliseAlias(t.replace(/['’]s$/, ''));
        if (n.length > 2 && !STOP.has(n)) add(bag, n, 0.5);
      }
  }
  return bag;
}

/** 6-word shingles of quoted passages (quote layer when present, else quotation marks in the text). */
export function quoteShingles(text: string, quoteSpans: { start: number; end: number }[] | null): string[] {
  const passages: string[] = [];
  if (quoteSpans && quoteSpans.length) for (const q of quoteSpans) passages.push(text.slice(q.start, q.end));
  else for (const m of text.matchAll(/[“"]([^”"\n]{30,}?)[”"]/g)) passages.push(m[1]);
  const out = new Set<string>();
  for (const p of passages) {
    const w = p.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    for (let i = 0; i + 6 <= w.length; i++) out.add(w.slice(i, i + 6).join(' '));
  }
  return [...out];
}

function capTerms(bag: Record<string, number>, max: number): Record<string, number> {
  const entries = Object.entries(bag);
  if (entries.length <= max) return bag;
  entries.sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
  return Object.fromEntries(entries.slice(0, max));
}

export interface FeatureInput {
  id: string;
  title: string;
  text: string;
  date: string | null;
  /** Layers when the article comes from the store; any may be missing. */
  layers?: Record<string, Span[]>;
}

export function extractFeatures(input: FeatureInput, maxTerms = 400): StoryFeatures {
  const full = input.title && !input.text.startsWith(input.title) ? `${input.title}\n${input.text}` : input.text;
  const words: Record<string, number> = {};
  // Lower-case once; strip a possessive only where there is an apostrophe at all.
  for (const m of full.toLowerCase().matchAll(WORD)) {
    const t = m[0];
    const last = t.charCodeAt(t.length - 1);
    const w = last === 39 || last === 0x2019 || t.includes("'") || t.includes('’') ? t.replace(/['’](s)?$/, '') : t;
    if (w.length < 2 || STOP.has(w)) continue;
    add(words, fold(w));
  }
  const numbers: Record<string, number> = {};
  for (const m of full.matchAll(NUMBER)) add(numbers, m[0].replace(/,/g, ''));
  const entities = nameKeys(full);
  for (const s of input.layers?.entity ?? []) if (s.data.entity) add(entities, `=${String(s.data.entity)}`);
  const quoteSpans = input.layers?.quote?.map((q) => (q.data.content as { start: number; end: number } | undefined) ?? q) ?? null;
  const speakers: Record<string, number> = {};
  for (const q of input.layers?.quote ?? []) {
    const sp = q.data.speaker as { entity?: string | null; anonymous?: boolean } | null | undefined;
    // Direct and partial quotes: the statements an article is about, not background attributions.
    if (sp?.entity && !sp.anonymous && (q.data.kind === 'direct' || q.data.kind === 'partial')) add(speakers, sp.entity);
  }
  return {
    id: input.id,
    date: input.date ? input.date.slice(0, 10) : null,
    words: capTerms(words, maxTerms),
    entities: capTerms(entities, maxTerms),
    numbers: capTerms(numbers, Math.ceil(maxTerms / 4)),
    // Quote shingles index the title-less text only when spans came from the layer.
    quotes: quoteShingles(input.text, quoteSpans),
    speakers,
  };
}
