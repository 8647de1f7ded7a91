import { describe, expect, it } from 'vitest';
import { findDates } from './dates.ts';

describe('dates', () => {
  const text = 'On Saturday, Hashd al-Sha’abi thwarted an attempt by Daesh militants. In relevant remarks in February, Iraq’s security experts disclosed more. Several policemen claimed last week to have seen a US aircraft. The talks will resume next Monday.';
  it('resolves relative dates against the article date, biased to the past', () => {
    // 2020-05-20 is a Wednesday: "On Saturday" is the 16th, not the 23rd (chrono's nearest guess).
    const ds = findDates(text, '2020-05-20');
    const by = (t: string) => ds.find((d) => d.text.includes(t))?.date;
    expect(by('Saturday')).toBe('2020-05-16');
    expect(by('February')).toBe('2020-02');
    expect(by('last week')).toBe('2020-05-13');
    expect(by('next Monday')).toBe('2020-05-25'); // the sentence looks forward
  });
  it('puts a month later than the article date in the year before', () => {
    expect(findDates('In relevant remarks in October, officials said so.', '2020-05-20')[0]?.date).toBe('2019-10');
  });
  it('keeps the expression with date null when the article has no date', () => {
    const ds = findDates(text, null);
    expect(ds.find((d) => d.text.includes('Saturday'))).toMatchObject({ text: 'On Saturday', date: null });
    expect(findDates('It was signed on 26 February 2019.', null)[0]?.date).toBe('2019-02-26');
  });
});
