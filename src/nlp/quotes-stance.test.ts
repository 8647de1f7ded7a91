// Attribution constructions beyond speech verbs (PolNeAR style): raising ("is expected to"),
// stance nouns ("his claim that"), questions ("Asked whether …"), headlines, attributions set in
// a paragraph of their own before the quotation. Sentences written for these tests in the
// style of the news the benchmark uses.

import { describe, expect, it } from 'vitest';
import { quotesOf, quoteWith } from './test-helpers.ts';

describe('stances and other attribution constructions', () => {
  it('takes "X is expected to …" as an attribution with no named holder', () => {
    const qs = quotesOf('The governor is expected to sign the budget bill before the end of the month.');
    const q = quoteWith(qs, 'sign the budget bill')!;
    expect(q.content.text).toContain('The governor');
    expect(q.cue?.text).toBe('is expected to');
    expect(q.speaker).toBeNull();
    expect(q.evidence.method).toBe('stance:raising');
  });

  it('takes a stance noun with its complement, the possessor as speaker', () => {
    const qs = quotesOf('Senator Maria Delgado repeated on Monday her claim that the tax plan would hurt small farms.');
    const q = quoteWith(qs, 'the tax plan would hurt small farms')!;
    expect(q.evidence.method).toBe('stance:nominal');
    expect(q.speaker?.name).toBe('Maria Delgado');
  });

  it('does not read "speaking on condition of anonymity" or "committed to maintaining" as cues', () => {
    const qs = quotesOf('The spokesman, speaking on condition of anonymity, said the council is committed to maintaining the ceasefire along the river.');
    expect(qs.some((q) => q.cue?.text === 'speaking' || q.cue?.text === 'maintaining')).toBe(false);
    expect(quoteWith(qs, 'the council is committed')?.cue?.text).toBe('said');
  });

  it('reads "said on Friday he met …" and does not take "that" after an auxiliary as the complementizer', () => {
    const qs = quotesOf('The donor said on Friday he met the candidate earlier this week.\n\nIn a note to staff, the editor said the coverage would resemble that of the parent network.');
    expect(quoteWith(qs, 'he met the candidate')?.speaker?.text).toBe('The donor');
    expect(quoteWith(qs, 'the coverage would resemble')?.content.text.startsWith('the coverage')).toBe(true);
  });

  it('finds a speech verb in a title-case headline', () => {
    const qs = quotesOf('Governor Says He Will Veto The Water Bill\n\nThe governor spoke to reporters in the capital.');
    expect(quoteWith(qs, 'He Will Veto')?.cue?.text).toBe('Says');
  });

  it('takes "Asked whether …" as an attribution of the question', () => {
    const qs = quotesOf('Asked whether the mayor would run again, the aide shrugged.');
    expect(quoteWith(qs, 'the mayor would run again')?.cue?.text).toBe('Asked');
  });

  it('attributes a quotation paragraph to the attribution paragraph ending in a colon before it', () => {
    const qs = quotesOf('Senator Maria Delgado continued:\n\n“We will not give up on these farms. Nobody in this room should.”');
    const q = quoteWith(qs, 'We will not give up')!;
    expect(q.kind).toBe('direct');
    expect(q.speaker?.name).toBe('Maria Delgado');
  });

  it('takes a quotation right after a speech verb when it closes the sentence, a fragment otherwise', () => {
    const qs = quotesOf('The crowd chanted “Four more years!”\n\nThe mayor says “the water is safe” despite the tests.');
    expect(quoteWith(qs, 'Four more years')?.kind).toBe('direct');
    expect(quoteWith(qs, 'the water is safe')?.kind).toBe('partial');
  });
});

// Noun readings of cue words, as they come in the PolNeAR train split ("former Ohio state Sen.",
// "received support from six in 10 Democrats", "Clinton is likely to clinch the nomination"):
// each was a false attribution more often than a true one there.
describe('noun and forecast readings that are not attributions', () => {
  it('does not read "state" as a speech verb before a title or a noun', () => {
    const qs = quotesOf('The senator convened top surrogates, including former Ohio state Sen. Nina Turner, in Philadelphia on Monday. Rubio won support from state Rep. Jeff Hoover and other Kentucky lawmakers.');
    expect(qs.some((q) => /^states?$/i.test(q.cue?.text ?? ''))).toBe(false);
  });

  it('still reads "states that" as an attribution', () => {
    const qs = quotesOf('The party rule states that every delegate must vote for the winner of the primary.');
    expect(quoteWith(qs, 'every delegate must vote')?.cue?.text).toBe('states');
  });

  it('does not read "support for / from / among" or "48 percent support" as an attribution', () => {
    const qs = quotesOf('Clinton received support from roughly six in 10 Democrats on Long Island. Sanders support among union members has grown. The businessman enjoys 48 percent support in the state.');
    expect(qs.some((q) => q.cue?.text === 'support')).toBe(false);
  });

  it('does not read a forecast ("is likely to", "is poised to") as somebody\'s stance', () => {
    const qs = quotesOf('Clinton is likely to clinch the nomination on the evening of June 7. The race is poised to wrap up in June, when California votes.');
    expect(qs.some((q) => q.evidence.method === 'stance:raising')).toBe(false);
  });
});

describe('nouns that name an effort or backing, not a held claim', () => {
  it('does not read "efforts to", "the threat of", "his bid for" or "the support of" as stances', () => {
    const qs = quotesOf('Republican leaders stepped up their efforts to stop the nominee. The threat of a contested convention hung over the race. He abandoned his bid for the nomination in March. She won the support of the party’s governors.');
    expect(qs.some((q) => q.evidence.method === 'stance:nominal')).toBe(false);
  });

  it('does not read "name recognition" or "the relentless push toward" as speech', () => {
    const qs = quotesOf('Clinton had far more name recognition than her rivals. In the relentless push toward consolidation, Twitter changed its product.');
    expect(qs.some((q) => q.cue?.text === 'name' || q.cue?.text === 'push')).toBe(false);
  });

  it('keeps "support for" as a stance', () => {
    const qs = quotesOf('Sanders repeated his support for a single-payer health care system at the rally.');
    expect(quoteWith(qs, 'a single-payer health care system')?.evidence.method).toBe('stance:nominal');
  });
});
