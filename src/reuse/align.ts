// Aligns one pair of articles word by word and returns the passages they share.
//
// Steps: (1) anchors: every `anchor`-word n-gram of A that also occurs in B (n-grams repeated
// more than a few times in either article are skipped: they are the phrases of the language,
// not of this text); (2) chaining: anchors are taken in A's order and each joins the chain it
// continues — same direction in both articles, at most `maxGap` words on from the last anchor,
// and the words skipped on the two sides differing by at most `maxShift` (a word inserted or
// dropped, a sentence split or merged, a name changed); (3) each chain is one passage, its
// matched words counted and the skipped stretches kept as the word-level differences; (4) a
// passage shorter than `minTokens` matched words (or `minQuoteTokens` inside quotation marks in
// both, decided by the caller) or sparser than `minDensity` is noise.
//
// Cost is linear in the two articles' lengths plus the number of anchors.

import { ngramHash, type Tokens } from './tokens.ts';
import type { ReuseSettings } from './settings.ts';

/** A run of words where the two passages differ: A's words [a0, a1) against B's [b0, b1). */
export interface Gap {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** One shared passage, in word indices (end exclusive) of each article. */
export interface Passage {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  /** Words of A covered by anchors. */
  matched: number;
  gaps: Gap[];
}

interface Chain extends Passage {
  li: number;
  lj: number;
  aEnd: number;
  bEnd: number;
}

const MAX_REPEAT = 4;

/** One article's anchor n-grams by hash, built once and reused against every candidate. */
export type AnchorIndex = Map<number, number[]>;

export function anchorHashes(T: Tokens, n: number): Int32Array {
  const out = new Int32Array(Math.max(0, T.length - n + 1));
  for (let i = 0; i < out.length; i++) out[i] = ngramHash(T.ids, i, n);
  return out;
}

export function anchorIndex(hashes: Int32Array): AnchorIndex {
  const index: AnchorIndex = new Map();
  for (let j = 0; j < hashes.length; j++) {
    const list = index.get(hashes[j]);
    if (list) list.push(j);
    else index.set(hashes[j], [j]);
  }
  return index;
}

export function alignPair(
  A: Tokens,
  B: Tokens,
  s: Pick<ReuseSettings, 'anchor' | 'maxGap' | 'maxShift' | 'minDensity'>,
  minMatched: number,
  pre: { aHashes?: Int32Array; bIndex?: AnchorIndex } = {},
): Passage[] {
  const n = s.anchor;
  // (1) Anchors: A's n-grams looked up in B's index.
  const hashesA = pre.aHashes ?? anchorHashes(A, n);
  const inB = pre.bIndex ?? anchorIndex(anchorHashes(B, n));

  // (2) Chaining, in A's order.
  const done: Chain[] = [];
  let active: Chain[] = [];
  for (let i = 0; i < hashesA.length; i++) {
    const js = inB.get(hashesA[i]);
    if (!js || js.length > MAX_REPEAT) continue;
    // Chains that can no longer be continued are finished.
    if (active.length) {
      const still: Chain[] = [];
      for (const c of active) (i - c.li > s.maxGap + n ? done : still).push(c);
      active = still;
    }
    const used = new Set<Chain>();
    for (const j of js) {
      let best: Chain | null = null;
      let bestCost = Infinity;
      for (const c of active) {
        if (used.has(c) || c.li >= i || c.lj >= j) continue;
        const di = i - c.li;
        const dj = j - c.lj;
        if (dj > s.maxGap + n || Math.abs(di - dj) > s.maxShift) continue;
        const cost = Math.abs(di - dj) * 4 + di;
        if (cost < bestCost) {
          bestCost = cost;
          best = c;
        }
      }
      if (best) {
        extend(best, i, j, n);
        used.add(best);
      } else {
        const c: Chain = { a0: i, a1: i + n, b0: j, b1: j + n, matched: n, gaps: [], li: i, lj: j, aEnd: i + n, bEnd: j + n };
        active.push(c);
        used.add(c);
      }
    }
  }
  done.push(...active);

  // (3, 4) Keep the chains that are passages.
  const out: Passage[] = [];
  for (const c of done) {
    if (c.matched < minMatched) continue;
    if (c.matched / (c.a1 - c.a0) < s.minDensity) continue;
    out.push({ a0: c.a0, a1: c.a1, b0: c.b0, b1: c.b1, matched: c.matched, gaps: c.gaps });
  }
  return out.sort((x, y) => x.a0 - y.a0);
}

function extend(c: Chain, i: number, j: number, n: number): void {
  const ga1 = Math.max(c.aEnd, i);
  const gb1 = Math.max(c.bEnd, j);
  if (ga1 > c.aEnd || gb1 > c.bEnd) c.gaps.push({ a0: c.aEnd, a1: ga1, b0: c.bEnd, b1: gb1 });
  c.matched += i + n - Math.max(i, c.aEnd);
  c.aEnd = Math.max(c.aEnd, i + n);
  c.bEnd = Math.max(c.bEnd, j + n);
  c.a1 = c.aEnd;
  c.b1 = c.bEnd;
  c.li = i;
  c.lj = j;
}
