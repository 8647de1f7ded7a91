// Tokens for case matching: Unicode words, lower-cased and without diacritics, English function
// words dropped (data/cases/stopwords.json), and a light suffix stemmer so that "evacuated",
// "evacuates" and "evacuating" meet. The stemmer is deliberately small (plural, -ed, -ing, -ly):
// aggressive stemming merges words an analyst would keep apart.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const STOPWORDS_FILE = fileURLToPath(new URL('../../data/cases/stopwords.json', import.meta.url));

export function loadStopwords(extraFile?: string): Set<string> {
  const words = new Set<string>((JSON.parse(readFileSync(STOPWORDS_FILE, 'utf8')) as { words: string[] }).words);
  if (extraFile) for (const w of (JSON.parse(readFileSync(extraFile, 'utf8')) as { words: string[] }).words) words.add(w.toLowerCase());
  return words;
}

let defaultStopwords: Set<string> | null = null;
export const stopwords = () => (defaultStopwords ??= loadStopwords());

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, no diacritics, curly quotes straightened. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function stem(w: string): string {
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return w.length > 3 && w[w.length - 1] === w[w.length - 2] && !/[lsz]/.test(w[w.length - 1]) ? w.slice(0, -1) : w;
}

/** Content tokens of a text, in order (stop words dropped, stemmed). */
export function tokens(s: string, stop: Set<string> = stopwords()): string[] {
  const out: string[] = [];
  for (const m of fold(s).matchAll(WORD)) {
    const w = m[0];
    if (stop.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Numbers written in a text (digits only; "1,000" → "1000"), for number-overlap evidence. */
export function numbers(s: string): Set<string> {
  const out = new Set<string>();
  for (const m of s.matchAll(/\d[\d,.]*\d|\d/g)) {
    const n = m[0].replace(/,(?=\d{3})/g, '').replace(/\.$/, '');
    out.add(n);
  }
  return out;
}

/** Capitalised words not at a sentence start: a cheap stand-in for names. Folded. */
export function names(s: string): Set<string> {
  const out = new Set<string>();
  for (const m of s.matchAll(/(?<![.!?]\s|^)\b\p{Lu}[\p{L}'’-]+/gmu)) out.add(fold(m[0]).replace(/['’]s$/, ''));
  return out;
}
