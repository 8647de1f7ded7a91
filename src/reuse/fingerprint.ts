// The corpus index keys: winnowed hashes of word n-grams (Schleimer, Wilkerson & Aiken 2003).
// Of every `winnow` consecutive n-gram hashes the smallest is kept, so any passage of at least
// shingle + winnow - 1 words shared by two articles shares at least one kept hash, while only
// about 2 / (winnow + 1) of the n-grams are stored. Kept hashes depend only on the words, so both
// copies keep the same ones.

import { ngramHash, type Tokens } from './tokens.ts';

/** Distinct winnowed n-gram hashes of an article, sorted ascending. */
export function fingerprint(tokens: Tokens, n: number, w: number): Int32Array {
  const count = tokens.length - n + 1;
  if (count <= 0) return new Int32Array(0);
  const grams = new Int32Array(count);
  for (let i = 0; i < count; i++) grams[i] = ngramHash(tokens.ids, i, n);
  if (count <= w) return uniqueSorted([Math.min(...grams)]);
  const kept: number[] = [];
  let last = -1;
  for (let s = 0; s + w <= count; s++) {
    // Rightmost minimum of the window, as in the paper, so runs of equal hashes keep one.
    let best = s;
    for (let k = s + 1; k < s + w; k++) if (grams[k] <= grams[best]) best = k;
    if (best !== last) {
      kept.push(grams[best]);
      last = best;
    }
  }
  return uniqueSorted(kept);
}

function uniqueSorted(values: number[]): Int32Array {
  const a = Int32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i];
  return a.slice(0, n);
}
