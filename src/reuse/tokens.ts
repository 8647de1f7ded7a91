// Words of a clean text in a normal form that copying does not change, each with its character
// offsets in the original text, so that matches on normal forms map back to exact spans.
//
// Normal form: Unicode compatibility decomposition without diacritics, lower case, apostrophes
// dropped (Ma’aloumeh = Ma'aloumeh = Maaloumeh), and every run of letters or digits one word, so
// punctuation, quotation marks, hyphens and whitespace never matter ("Arabic-language" is two words).

export interface Tokens {
  /** 32-bit hash of each word's normal form. */
  ids: Int32Array;
  /** Offsets of each word in the text (UTF-16, end exclusive). */
  starts: Int32Array;
  ends: Int32Array;
  length: number;
}

const WORD = /[\p{L}\p{N}]+(?:['\u2018\u2019\u02bc][\p{L}\p{N}]+)*/gu;
const cache = new Map<string, number>();

/** FNV-1a over the normal form: cheap, stable across runs and processes. */
function hashWord(w: string): number {
  let id = cache.get(w);
  if (id !== undefined) return id;
  let norm = w.toLowerCase().replace(/['\u2018\u2019\u02bc]/g, '');
  if (/[^\x00-\x7f]/.test(norm)) norm = norm.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let h = 0x811c9dc5;
  for (let i = 0; i < norm.length; i++) h = Math.imul(h ^ norm.charCodeAt(i), 0x01000193);
  id = h | 0;
  if (cache.size > 500_000) cache.clear(); // bounded memory on huge vocabularies
  cache.set(w, id);
  return id;
}

export function tokenize(text: string): Tokens {
  const ids: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(WORD)) {
    ids.push(hashWord(m[0]));
    starts.push(m.index!);
    ends.push(m.index! + m[0].length);
  }
  return { ids: Int32Array.from(ids), starts: Int32Array.from(starts), ends: Int32Array.from(ends), length: ids.length };
}

/** The normal form of a string's words, joined by spaces (for comparing texts a person typed). */
export function normalWords(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) =>
    m[0].toLowerCase().replace(/['\u2018\u2019\u02bc]/g, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, ''),
  );
}

/** Hash of the n words starting at i: order-sensitive mix, then a finaliser so low bits are uniform. */
export function ngramHash(ids: Int32Array, i: number, n: number): number {
  let h = 0x9e3779b1 ^ n;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ ids[i + k], 0x85ebca6b) ^ (h >>> 13);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h | 0;
}
