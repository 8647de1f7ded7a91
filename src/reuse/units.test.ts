// The pieces of reuse on small texts: normal forms, alignment across typical copy edits, credit
// phrases and quote attribution from quotation marks.

import { describe, expect, it } from 'vitest';
import { tokenize } from './tokens.ts';
import { alignPair } from './align.ts';
import { findCredits, outletMatcher } from './credit.ts';
import { attributeFromText } from './quotes.ts';
import { defaultSettings } from './settings.ts';
import { loadOutlets } from '../meta/outlets.ts';

const s = defaultSettings();
const words = (t: string) => [...tokenize(t).ids];

describe('normal forms', () => {
  it('ignore case, quotation marks, apostrophes, diacritics, hyphens and spacing', () => {
    expect(words('“Al-Ma’aloumeh’s” CAFÉ   news')).toEqual(words('"al maaloumehs" cafe news'));
    expect(words('Iraq’s')).not.toEqual(words('Iraq'));
  });
  it('keep offsets into the original text', () => {
    const t = '  “Eyewitnesses,” he said';
    const k = tokenize(t);
    expect(t.slice(k.starts[0], k.ends[0])).toBe('Eyewitnesses');
    expect(t.slice(k.starts[2], k.ends[2])).toBe('said');
  });
});

describe('alignment', () => {
  const base = 'the head of the office told the news website on sunday that the forces had moved fighters across the border at night in several helicopters';
  const cases: Record<string, string> = {
    'word inserted': base.replace('told the news', 'told the Arabic-language news'),
    'word dropped': base.replace(' at night', ''),
    'sentence split': base.replace('on sunday that', 'on Sunday. He said'),
    'name changed': base.replace('the forces', 'the Halvardian army'),
  };
  for (const [name, variant] of Object.entries(cases))
    it(`finds one whole passage when a ${name}`, () => {
      const ps = alignPair(tokenize(`Intro words first. ${base}. Closing words.`), tokenize(`Other opening here. ${variant}. The end.`), s, s.minQuoteTokens);
      expect(ps).toHaveLength(1);
      expect(ps[0].a1 - ps[0].a0).toBeGreaterThanOrEqual(tokenize(base).length - 1);
      expect(ps[0].gaps.length).toBeGreaterThan(0);
    });
  it('reports nothing for a shared stock phrase', () => {
    expect(alignPair(tokenize('In relevant remarks in February, experts said the army trained militants.'), tokenize('In relevant remarks in February, a senior official said Washington is the cause.'), s, s.minQuoteTokens)).toEqual([]);
  });
});

describe('credit', () => {
  const m = outletMatcher(loadOutlets());
  const credit = (t: string, own: string | null = null) => findCredits(t, 0, t.length, own, m, s).map((c) => [c.outlet, c.text]);
  it('reads cues before and after the outlet name, codes in capitals only', () => {
    expect(credit('“We have evidence,” the official told FNA at the time.')).toEqual([['fars', 'told FNA']]);
    expect(credit('Fars News Agency reports: He reiterated that forces are collecting documents.')).toEqual([['fars', 'Fars News Agency reports']]);
    expect(credit('he said on Sunday, according to Press TV.')).toEqual([['press-tv', 'according to Press TV']]);
    expect(credit('the fna of the town')).toEqual([]);
  });
  it("does not count the article's own outlet (its dateline)", () => {
    expect(credit('TEHRAN (FNA)- The US forces said, according to FNA sources.', 'fars')).toEqual([]);
  });
});

describe('quote attribution from quotation marks', () => {
  it('reads speaker, the outlet spoken to and the relaying outlet', () => {
    const t = '“Eyewitnesses have informed officials of airborne transfers,” Mohammed Mahdi al-Bayati told al-Maalomah news agency on Sunday, according to Press TV.';
    const q = attributeFromText(t, 1, t.indexOf('”'), outletMatcher(loadOutlets()), s);
    expect([q.speaker, q.told_to, q.via]).toEqual(['Mohammed Mahdi al-Bayati', 'al-maaloumeh', ['press-tv']]);
  });
});
