// Coordinated attributions (quotes-coordinated.ts) on real sentences from the PolNeAR train split:
// one subject, two cues joined by "and" / "but" or a participle after a comma, two contents.

import { describe, expect, it } from 'vitest';
import { quotesOf, quoteWith } from './test-helpers.ts';

describe('coordinated attributions', () => {
  it('splits "says A and says B" into two quotes of one speaker', () => {
    const qs = quotesOf('He says the obvious response was to break up fraudulent operators and says he introduced legislation to accomplish that.');
    const first = quoteWith(qs, 'obvious response')!;
    const second = quoteWith(qs, 'introduced legislation')!;
    expect(first.content.text).toBe('the obvious response was to break up fraudulent operators');
    expect(second.content.text).toBe('he introduced legislation to accomplish that');
    expect(second.cue?.text).toBe('says');
    expect(second.speaker?.text).toBe('He');
  });

  it('gives the second cue the first one’s named speaker ("Graham called … and said …")', () => {
    const qs = quotesOf('Graham called both Trump and Democratic front-runner Hillary Clinton “crazy” and said the Republican party is bound to lose to Clinton if an alternative to Trump is not found.');
    const said = quoteWith(qs, 'bound to lose')!;
    expect(said.content.text.startsWith('the Republican party is bound to lose')).toBe(true);
    expect(said.speaker?.text).toBe('Graham');
    expect(qs.filter((q) => q.content.text.includes('bound to lose')).length).toBe(1);
  });

  it('ends a content before ", calling …" and gives the participle its own quote', () => {
    const qs = quotesOf('Carson said he saw no need to change anything about his campaign, telling Stephanopolous that “we tell the truth, we deal with the issues” and that he’d seen continued support from voters over the past week.');
    expect(quoteWith(qs, 'no need to change')!.content.text).toBe('he saw no need to change anything about his campaign');
    const telling = quoteWith(qs, 'we tell the truth')!;
    expect(telling.evidence.method).toBe('participle:telling');
    expect(telling.speaker?.text).toBe('Carson');
  });

  it('does not split gerunds joined by "and" or a learned cue that is no verb ("and himself")', () => {
    const a = quotesOf('Current and former officials said the organization has become a shell of itself, too focused on defending and promoting the chair.');
    expect(a.some((q) => /^(?:coordinated|participle)/.test(q.evidence.method))).toBe(false);
    expect(quoteWith(a, 'shell of itself')!.content.text.endsWith('promoting the chair')).toBe(true);
    const b = quotesOf('He said he recognizes his family and himself in many of Trump’s supporters.');
    expect(b.length).toBe(1);
    expect(b[0].content.text).toBe('he recognizes his family and himself in many of Trump’s supporters');
  });

  it('does not take a negated auxiliary for a subject of its own ("…, but hasn’t decided …")', () => {
    const qs = quotesOf('Conway said that she recruited Bossie for his role at the super-PAC, but hasn’t decided what she’ll be doing next.');
    expect(qs.every((q) => q.speaker?.text === 'Conway')).toBe(true);
  });

  it('ends a content before "but multiple reports show …" without making "reports" a cue (a plural noun before its verb)', () => {
    const qs = quotesOf('Hillary Clinton said The Clinton Foundation had “overwhelming disclosure,” referencing its donations on Wednesday, but multiple reports show otherwise.');
    expect(qs.some((q) => q.cue?.text === 'reports')).toBe(false);
    expect(quoteWith(qs, 'Clinton Foundation')!.content.text.endsWith('on Wednesday')).toBe(true);
  });

  it('leaves "and" inside a quotation alone (a constructed guard)', () => {
    const qs = quotesOf('Sanders said the system is “rigged and says nothing about voters,” the aide recalled.');
    expect(qs.some((q) => q.evidence.method.startsWith('coordinated:'))).toBe(false);
  });
});
