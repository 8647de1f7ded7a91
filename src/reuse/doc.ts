// An article as the reuse stage sees it: its text, words, index hashes, quotations, outlet and
// date, loaded from the store once and cached (bounded) while a batch is processed.

import type { Store } from '../store/store.ts';
import type { Evidence } from '../model.ts';
import { tokenize, type Tokens } from './tokens.ts';
import { fingerprint } from './fingerprint.ts';
import { quoteInfos, type QuoteInfo } from './quotes.ts';
import type { OutletMatcher } from './credit.ts';
import type { ReuseSettings } from './settings.ts';

export interface ReuseDoc {
  id: string;
  text: string;
  outlet: string | null;
  published: string | null;
  publishedEvidence: Evidence[];
  tokens: Tokens;
  /** Distinct winnowed n-gram hashes, sorted. */
  fp: Int32Array;
  /** Quotations with their attribution; loaded only when the article shares a passage (see DocCache.withQuotes). */
  quotes?: QuoteInfo[];
  /** Hashes of the alignment anchors (word trigrams), computed on first use. */
  anchors?: Int32Array;
}

export function makeDoc(
  a: { id: string; text: string; outlet: { id: string } | null; published: { date: string; evidence: Evidence[] } | null },
  quoteLayer: Parameters<typeof quoteInfos>[1] | null,
  outlets: OutletMatcher,
  s: ReuseSettings,
): ReuseDoc {
  const tokens = tokenize(a.text);
  return {
    id: a.id,
    text: a.text,
    outlet: a.outlet?.id ?? null,
    published: a.published?.date ?? null,
    publishedEvidence: a.published?.evidence ?? [],
    tokens,
    fp: fingerprint(tokens, s.shingle, s.winnow),
    quotes: quoteLayer === null ? undefined : quoteInfos(a.text, quoteLayer, outlets, s),
  };
}

/** Loads documents through a bounded cache: the batch being processed and its candidates. */
export class DocCache {
  private map = new Map<string, ReuseDoc>();
  constructor(
    private store: Store,
    private outlets: OutletMatcher,
    private s: ReuseSettings,
    private limit = 25000,
  ) {}

  /** Whether a batch of this many articles fits: then it is kept from the first pass to the second. */
  fits(n: number): boolean {
    return n <= this.limit;
  }

  async get(id: string, opts: { keep?: boolean } = {}): Promise<ReuseDoc | null> {
    const hit = this.map.get(id);
    if (hit) {
      // Refresh its place: Map keeps insertion order, so the oldest is first.
      this.map.delete(id);
      this.map.set(id, hit);
      return hit;
    }
    const a = await this.store.articles.get(id);
    if (!a) return null;
    const doc = makeDoc(a, null, this.outlets, this.s);
    // A sequential pass over more articles than the cache holds would evict each one just
    // before it is needed again: such passes read without keeping.
    if (opts.keep === false) return doc;
    this.map.set(id, doc);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
    return doc;
  }

  /** The document with its quotations (the NLP quote layer, or quotation marks when it is absent). */
  async withQuotes(doc: ReuseDoc): Promise<ReuseDoc> {
    if (!doc.quotes) {
      const layers = await this.store.articles.layers(doc.id, ['quote']);
      doc.quotes = quoteInfos(doc.text, layers.quote, this.outlets, this.s);
    }
    return doc;
  }
}
