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
const APOSTROPHES = new Set([0x27, 0x2018, 0x2019, 0x2bc]);
const IS_WORD = /[\p{L}\p{N}]/u;

// Non-ASCII characters: whether each is a letter or digit, and its normal form (lower case,
// diacritics removed: "é" → "e", "ß" stays), worked out once per character.
const foldCache = new Map<number, string | null>();
function fold(code: number): string | null {
  let f = foldCache.get(code);
  if (f === undefined) {
    const ch = String.fromCharCode(code);
    f = IS_WORD.test(ch) ? ch.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : null;
    foldCache.set(code, f);
  }
  return f;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * One pass over the characters: a word is a run of letters and digits, with apostrophes inside it
 * skipped; each word's FNV-1a hash is computed over its normal form as it is read. (A regular
 * expression and a hash per word was four times slower, and tokenising is most of the stage.)
 */
export function tokenize(text: string): Tokens {
  const cap = (text.length >> 2) + 16;
  let ids = new Int32Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let n = 0;
  let h = FNV_OFFSET;
  let start = -1;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? text.charCodeAt(i) : 32;
    let word = false;
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        word = true;
        if (start < 0) (start = i), (h = FNV_OFFSET);
        h = Math.imul(h ^ c, FNV_PRIME);
      } else if (c >= 65 && c <= 90) {
        word = true;
        if (start < 0) (start = i), (h = FNV_OFFSET);
        h = Math.imul(h ^ (c | 32), FNV_PRIME);
      }
    } else if (c >= 0x300 && c <= 0x36f) {
      if (start >= 0) continue; // a combining accent inside a word: dropped, as in the normal form
    } else if (!(c >= 0xd800 && c <= 0xdfff)) {
      const f = fold(c);
      if (f !== null) {
        word = true;
        if (start < 0) (start = i), (h = FNV_OFFSET);
        for (let k = 0; k < f.length; k++) h = Math.imul(h ^ f.charCodeAt(k), FNV_PRIME);
      }
    }
    if (word) continue;
    // An apostrophe between two word characters belongs to the word and adds nothing to it.
    if (start >= 0 && APOSTROPHES.has(c) && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if ((d < 128 && ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57))) || (d >= 128 && fold(d) !== null)) continue;
    }
    if (start >= 0) {
      if (n === ids.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        ids = grow(ids);
        starts = grow(starts);
        ends = grow(ends);
      }
      ids[n] = h | 0;
      starts[n] = start;
      ends[n] = i;
      n++;
      start = -1;
    }
  }
  return { ids: ids.slice(0, n), starts: starts.slice(0, n), ends: ends.slice(0, n), length: n };
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
