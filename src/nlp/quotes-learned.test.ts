// Learned cues (data/lexicon/cues-learned.json, from the PolNeAR train split) on real sentences
// from that split: attributed hopes, support and intentions that no speech verb introduces.

import { describe, expect, it } from 'vitest';
import { quotesOf, quoteWith } from './test-helpers.ts';
import { loadLexicon } from './lexicon.ts';
import { buildDoc, rawQuotes } from './quotes.ts';
import { findLearned, indexCues } from './quotes-learned.ts';

describe('learned attribution cues', () => {
  it('takes the hope after "he’s hoping", with the subject as holder', () => {
    const text = 'Rubio is trying to rebound after a disappointing fifth-place finish in New Hampshire — and he’s hoping the popular governor’s endorsement will be a big boost.';
    const q = quoteWith(quotesOf(text), 'endorsement will be a big boost')!;
    expect(q.evidence.method).toBe('learned:hoping');
    expect(q.content.text).toBe('the popular governor’s endorsement will be a big boost');
    expect(q.speaker?.text).toBe('he');
  });

  it('reads a noun cue with its complement: "a fierce supporter of …"', () => {
    const text = 'Israel is, by far, the most important issue to Adelson, a fierce supporter of the nation and close friend of Israeli Prime Minister Benjamin Netanyahu.';
    const q = quoteWith(quotesOf(text), 'close friend of Israeli Prime Minister')!;
    expect(q.evidence.method).toMatch(/^learned:(?:.* )?supporter of$/);
    expect(q.content.text.startsWith('the nation')).toBe(true);
    expect(q.speaker?.text).toBe('Adelson');
  });

  it('skips a time word after "made clear" and keeps the subject description', () => {
    const text = 'However, officials with the Democratic Congressional Campaign Committee made clear Monday they have no plans to spend money to save her.';
    const q = quoteWith(quotesOf(text), 'no plans to spend money')!;
    expect(q.evidence.method).toBe('learned:made clear');
    expect(q.speaker?.text).toContain('officials');
  });

  it('finds nothing inside a quotation or an attribution already found', () => {
    const text = '“We are hoping the governor will help,” Rubio said. Rubio said he is hoping the governor will help.';
    const qs = quotesOf(text);
    expect(qs.filter((q) => q.evidence.method.startsWith('learned:'))).toEqual([]);
  });

  it('stays linear on a long run of cue words', () => {
    const lex = loadLexicon();
    const text = 'Adelson, a supporter of the plan, and '.repeat(20000);
    const doc = buildDoc(text, [], null);
    const base = rawQuotes(doc, { learned: false }).all;
    const t = findLearned(doc, base, indexCues([{ words: ['supporter', 'of'], dir: 'after', speaker: 'subject' }]));
    expect(t.length).toBe(1);
    expect(t[0].speaker?.text).toBe('Adelson');
    expect(lex.learned.size).toBeGreaterThan(0);
  });
});

describe('learned quotation verbs', () => {
  it('reads "“…,” Kelly charged" with a verb learned from train (direct_verbs)', () => {
    expect(loadLexicon().verbs.get('charged')).toBeTruthy();
    const q = quoteWith(quotesOf('“You’ve called women you don’t like fat pigs, dogs, slobs and disgusting animals,” Kelly charged in her now-infamous assault.'), 'fat pigs')!;
    expect(q.kind).toBe('direct');
    expect(q.cue?.text).toBe('charged');
    expect(q.speaker?.text).toBe('Kelly');
  });

  it('keeps a learned quotation verb out of indirect speech without "that"', () => {
    const qs = quotesOf('The prosecutor charged him with fraud in March.');
    expect(qs).toEqual([]);
  });
});
