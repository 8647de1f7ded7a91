// From the passages two articles share to reuse links: the kind of each passage (duplicate,
// quote, text, boilerplate), who copied whom and on what evidence (dates, credit), whether the
// copy credits its source, and the word-level differences.

import type { ReuseLink, ReuseKind } from '../store/repos/reuse.ts';
import { alignPair, anchorHashes, type AnchorIndex, type Gap, type Passage } from './align.ts';
import { findCredits, type Credit, type OutletMatcher } from './credit.ts';
import type { ReuseDoc } from './doc.ts';
import { quoteAt, type QuoteInfo } from './quotes.ts';
import type { ReuseSettings } from './settings.ts';
import { ngramHash } from './tokens.ts';

export interface PairContext {
  s: ReuseSettings;
  outlets: OutletMatcher;
  /** Number of indexed articles holding an index hash (1 when unknown). */
  df(hash: number): number;
  /** Index hashes above this document frequency are boilerplate. */
  maxDf: number;
  /** Work out credit and direction for boilerplate links too (by default they are only counted). */
  keepBoilerplate?: boolean;
}

/** A boilerplate passage, without the credit and direction work (the stage counts these, it does not store them). */
function boilerplateLink(X: ReuseDoc, Y: ReuseDoc, p: Passage, reason: string): ReuseLink {
  const ax = textOf(X, p.a0, p.a1)!;
  const by = textOf(Y, p.b0, p.b1)!;
  return { a: X.id, aStart: ax.start, aEnd: ax.end, b: Y.id, bStart: by.start, bEnd: by.end, kind: 'boilerplate', credited: false, score: 0, directed: false, data: { boilerplate: reason, words: p.matched } };
}

const textOf = (d: ReuseDoc, w0: number, w1: number) =>
  w1 > w0 ? { start: d.tokens.starts[w0], end: d.tokens.ends[w1 - 1], text: d.text.slice(d.tokens.starts[w0], d.tokens.ends[w1 - 1]) } : null;

/**
 * The passages X and Y share, before they are classified (cheap: call this first). With X's
 * anchor index built once, each candidate Y costs one pass over Y's words.
 */
export function sharedPassages(X: ReuseDoc, Y: ReuseDoc, s: ReuseSettings, xIndex?: AnchorIndex): Passage[] {
  if (!xIndex) return alignPair(X.tokens, Y.tokens, s, s.minQuoteTokens);
  Y.anchors ??= anchorHashes(Y.tokens, s.anchor);
  return alignPair(Y.tokens, X.tokens, s, s.minQuoteTokens, { aHashes: Y.anchors, bIndex: xIndex })
    .map((p) => ({ a0: p.b0, a1: p.b1, b0: p.a0, b1: p.a1, matched: p.matched, gaps: p.gaps.map((g) => ({ a0: g.b0, a1: g.b1, b0: g.a0, b1: g.a1 })) }))
    .sort((p, q) => p.a0 - q.a0);
}

/** Every link between X and Y (X the article being processed, Y a candidate), from their shared passages. */
export function linkPair(X: ReuseDoc, Y: ReuseDoc, c: PairContext, passages = sharedPassages(X, Y, c.s)): ReuseLink[] {
  const { s } = c;
  if (!passages.length) return [];

  // A whole-article duplicate: one link over both texts.
  const coverX = passages.reduce((n, p) => n + p.matched, 0);
  const coverY = passages.reduce((n, p) => n + (p.b1 - p.b0) - gapWords(p.gaps, 'b'), 0);
  if (coverX >= s.duplicateCover * X.tokens.length && coverY >= s.duplicateCover * Y.tokens.length) {
    const all: Passage = {
      a0: Math.min(...passages.map((p) => p.a0)),
      a1: Math.max(...passages.map((p) => p.a1)),
      b0: Math.min(...passages.map((p) => p.b0)),
      b1: Math.max(...passages.map((p) => p.b1)),
      matched: coverX,
      gaps: passages.flatMap((p) => p.gaps),
    };
    const exact = X.tokens.length === Y.tokens.length && X.tokens.ids.every((v, i) => v === Y.tokens.ids[i]);
    return [makeLink(X, Y, all, 'duplicate', null, null, c, { exact, words: coverX })];
  }

  const out: ReuseLink[] = [];
  for (const p of passages) {
    const ax = textOf(X, p.a0, p.a1)!;
    const by = textOf(Y, p.b0, p.b1)!;
    const qx = quoteAt(X.quotes ?? [], ax.start, ax.end);
    const qy = quoteAt(Y.quotes ?? [], by.start, by.end);
    const isQuote = !!(qx && qy);
    if (!isQuote && p.matched < s.minTokens) continue;
    const bp = boilerplate(X, Y, p, c);
    if (bp && !c.keepBoilerplate) {
      out.push(boilerplateLink(X, Y, p, bp));
      continue;
    }
    const kind: ReuseKind = bp ? 'boilerplate' : isQuote ? 'quote' : 'text';
    const q = kind === 'quote' ? clipToQuotes(X, Y, p, qx!, qy!) : p;
    out.push(makeLink(X, Y, q, kind, qx, qy, c, { words: q.matched, ...(bp ? { boilerplate: bp } : {}) }));
  }
  return out;
}

/**
 * A quote passage often runs on into the attribution ("…to Iraq,” al-Bayati told"): the shared
 * passage is the quotation, so both sides are cut back to the words inside the quotation marks.
 */
function clipToQuotes(X: ReuseDoc, Y: ReuseDoc, p: Passage, qx: QuoteInfo, qy: QuoteInfo): Passage {
  let { a0, a1, b0, b1 } = p;
  while (a0 < a1 && X.tokens.starts[a0] < qx.start) a0++;
  while (a1 > a0 && X.tokens.ends[a1 - 1] > qx.end) a1--;
  while (b0 < b1 && Y.tokens.starts[b0] < qy.start) b0++;
  while (b1 > b0 && Y.tokens.ends[b1 - 1] > qy.end) b1--;
  if (a1 - a0 < 2 || b1 - b0 < 2) return p;
  const gaps = p.gaps.filter((g) => g.a0 >= a0 && g.a1 <= a1 && g.b0 >= b0 && g.b1 <= b1);
  const dropped = a0 - p.a0 + (p.a1 - a1) - p.gaps.filter((g) => !gaps.includes(g)).reduce((n, g) => n + g.a1 - g.a0, 0);
  return { a0, a1, b0, b1, gaps, matched: Math.max(0, p.matched - Math.max(0, dropped)) };
}

function gapWords(gaps: Gap[], side: 'a' | 'b'): number {
  return gaps.reduce((n, g) => n + (side === 'a' ? g.a1 - g.a0 : g.b1 - g.b0), 0);
}

/**
 * Boilerplate: most of the passage's index hashes recur across a large part of the corpus, or
 * both articles are of one outlet and the passage recurs in several of its articles (a footer,
 * a disclaimer, the outlet's stock sentence). Returns the reason, or null.
 */
function boilerplate(X: ReuseDoc, Y: ReuseDoc, p: Passage, c: PairContext): string | null {
  const n = c.s.shingle;
  const fp = new Set(X.fp);
  const dfs: number[] = [];
  for (let k = p.a0; k + n <= p.a1; k++) {
    const h = ngramHash(X.tokens.ids, k, n);
    if (fp.has(h)) dfs.push(c.df(h));
  }
  if (!dfs.length) return null;
  const high = dfs.filter((d) => d > c.maxDf).length;
  if (high / dfs.length >= 0.5) return `recurs in more than ${c.maxDf} articles`;
  dfs.sort((a, b) => a - b);
  const median = dfs[dfs.length >> 1];
  if (X.outlet && X.outlet === Y.outlet && median >= c.s.sameOutletRecurring) return `recurs in ${median} articles, here both of ${X.outlet}`;
  return null;
}

interface Direction {
  copy: 'x' | 'y' | null;
  evidence: string[];
}

function decideDirection(X: ReuseDoc, Y: ReuseDoc, xCreditsY: Credit[], yCreditsX: Credit[]): Direction {
  const ev: string[] = [];
  const dx = X.published?.slice(0, 10) ?? null;
  const dy = Y.published?.slice(0, 10) ?? null;
  const dateEv = (d: ReuseDoc) => `${d.id} published ${d.published} (${d.publishedEvidence.map((e) => e.method).join(', ') || 'no evidence'})`;
  const creditCopy = xCreditsY.length && !yCreditsX.length ? 'x' : yCreditsX.length && !xCreditsY.length ? 'y' : null;
  const creditEv = creditCopy === 'x' ? `${X.id} credits: "${xCreditsY[0].text}"` : creditCopy === 'y' ? `${Y.id} credits: "${yCreditsX[0].text}"` : null;
  if (dx && dy && dx !== dy) {
    const copy = dx > dy ? 'x' : 'y';
    ev.push(dateEv(X), dateEv(Y));
    if (creditCopy && creditCopy !== copy) ev.push(`credit points the other way: ${creditEv}`);
    else if (creditEv) ev.push(creditEv);
    return { copy, evidence: ev };
  }
  if (dx && dy) ev.push(`same day: ${dx}`);
  else ev.push(`undated: ${[X, Y].filter((d) => !d.published).map((d) => d.id).join(', ')}`);
  if (creditCopy) return { copy: creditCopy, evidence: [...ev, creditEv!] };
  return { copy: null, evidence: ev };
}

/**
 * Credits in `by` near its passage that name `of`'s outlet. When `of`'s outlet is unknown and its
 * copy says the speaker told outlet X ("al-Bayati told Press TV"), `of` is taken to be X's own
 * report, so "according to Press TV" in `by` credits it; when `of`'s outlet is known and is not X,
 * crediting X credits the common origin, not `of`.
 */
function creditsOf(by: ReuseDoc, span: { start: number; end: number }, of: ReuseDoc, ofQuote: QuoteInfo | null, byQuote: QuoteInfo | null, c: PairContext): Credit[] {
  const credits = findCredits(by.text, span.start, span.end, by.outlet, c.outlets, c.s);
  const out = credits.filter((cr) => (of.outlet && cr.outlet === of.outlet) || (!of.outlet && ofQuote?.told_to === cr.outlet && !c.s.toldCues.includes(cr.cue)));
  // The quote layer may name the relaying outlet where the cue lies beyond the window.
  const source = of.outlet ?? ofQuote?.told_to ?? null;
  if (!out.length && source && byQuote?.via.includes(source))
    out.push({ outlet: source, text: `via ${source} (${byQuote.method})`, start: byQuote.start, end: byQuote.end, cue: 'via' });
  return out;
}

const quoteSummary = (q: QuoteInfo | null) => (q ? { speaker: q.speaker, told_to: q.told_to, via: q.via, method: q.method, evidence: q.evidence } : null);

function makeLink(X: ReuseDoc, Y: ReuseDoc, p: Passage, kind: ReuseKind, qx: QuoteInfo | null, qy: QuoteInfo | null, c: PairContext, extra: Record<string, unknown>): ReuseLink {
  const ax = textOf(X, p.a0, p.a1)!;
  const by = textOf(Y, p.b0, p.b1)!;
  const xCreditsY = creditsOf(X, ax, Y, qy, qx, c);
  const yCreditsX = creditsOf(Y, by, X, qx, qy, c);
  const dir = decideDirection(X, Y, xCreditsY, yCreditsX);
  const swap = dir.copy === 'y';
  const [A, B, sa, sb, qa, qb] = swap ? [Y, X, by, ax, qy, qx] : [X, Y, ax, by, qx, qy];
  const aCreditsB = swap ? yCreditsX : xCreditsY;
  const bCreditsA = swap ? xCreditsY : yCreditsX;
  const diff = p.gaps.slice(0, 100).map((g) => {
    const gx = textOf(X, g.a0, g.a1);
    const gy = textOf(Y, g.b0, g.b1);
    return swap ? { a: gy, b: gx } : { a: gx, b: gy };
  });
  const credited = dir.copy ? aCreditsB.length > 0 : aCreditsB.length + bCreditsA.length > 0;
  return {
    a: A.id,
    aStart: sa.start,
    aEnd: sa.end,
    b: B.id,
    bStart: sb.start,
    bEnd: sb.end,
    kind,
    credited,
    score: Math.round((p.matched / Math.max(p.a1 - p.a0, p.b1 - p.b0)) * 1000) / 1000,
    directed: dir.copy !== null,
    data: {
      ...extra,
      direction: { copy: dir.copy ? A.id : null, source: dir.copy ? B.id : null, evidence: dir.evidence },
      credit: {
        a_credits_b: aCreditsB.map((cr) => ({ outlet: cr.outlet, text: cr.text, start: cr.start, end: cr.end })),
        b_credits_a: bCreditsA.map((cr) => ({ outlet: cr.outlet, text: cr.text, start: cr.start, end: cr.end })),
      },
      quote: kind === 'quote' ? { a: quoteSummary(qa), b: quoteSummary(qb) } : null,
      outlets: { a: A.outlet, b: B.outlet },
      published: { a: A.published, b: B.published },
      diff,
    },
  };
}
