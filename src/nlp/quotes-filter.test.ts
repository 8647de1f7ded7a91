// The learned attribution check (quotes-filter.ts, data/quotes/attribution-model.json, fitted on
// the PolNeAR train split) on real sentences from that split.

import { describe, expect, it } from 'vitest';
import { quotesOf, quoteWith } from './test-helpers.ts';
import { aliasTableFor } from './aliases.ts';
import { findEntities } from './entities.ts';
import { loadLexicon } from './lexicon.ts';
import { buildDoc, findQuotes } from './quotes.ts';
import { loadAttributionModel } from './quotes-filter.ts';

const unchecked = (text: string) => findQuotes(buildDoc(text, findEntities(text, aliasTableFor(), loadLexicon()), null), { filter: false });

describe('attribution check', () => {
  it('ships a model that checks the learned cues', () => {
    const m = loadAttributionModel()!;
    expect(m.families).toContain('learned');
    expect(m.threshold).toBeGreaterThan(0);
    expect(m.threshold).toBeLessThan(1);
  });

  it('drops a learned cue that is a plain noun ("news and talk Dave Gorab")', () => {
    const text = 'Sirius XM Vice President for news and talk Dave Gorab called the show “the conservative news show of record.”';
    expect(unchecked(text).some((q) => q.evidence.method === 'learned:talk')).toBe(true);
    expect(quotesOf(text).some((q) => q.evidence.method === 'learned:talk')).toBe(false);
  });

  it('drops a headline with a cue word and no one speaking ("10 Things to Know for Today.")', () => {
    const text = '10 Things to Know for Today.';
    expect(unchecked(text).length).toBe(1);
    expect(quotesOf(text)).toEqual([]);
  });

  it('keeps a learned cue with a pronoun subject and says why', () => {
    const q = quoteWith(quotesOf('He also mentioned the violence in his Chicago hometown.'), 'violence in his Chicago hometown')!;
    expect(q.evidence.method).toMatch(/^learned:(?:.* )?mentioned$/);
    expect(q.evidence.filter!.p).toBeGreaterThan(loadAttributionModel()!.threshold);
    expect(q.evidence.filter!.top.length).toBeGreaterThan(0);
  });

  it('never drops a quotation found by its marks', () => {
    const text = '“It’s a reflection of frustration and anger that people feel,” McCain said, citing low economic growth, unemployment and growing economic inequality.';
    expect(quoteWith(quotesOf(text), 'frustration and anger')?.kind).toBe('direct');
  });
});
