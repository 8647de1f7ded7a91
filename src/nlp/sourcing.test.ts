import { describe, expect, it } from 'vitest';
import { unverifiedMarkers } from './sourcing.ts';
import { sourcingStage } from './sourcing.ts';
import { quotesOf } from './test-helpers.ts';

describe('sourcing', () => {
  const text =
    'Al-Bayati’s comments follow the emergence of unauthenticated footage released by Iraqi pro-government militia group Harakat Hezbollah al-Nujaba. The militia claims these persons are IS terrorists.\n\n' +
    'The US government has not commented on the footage or the allegations. The claim could not be independently verified, and the men were allegedly foreign fighters.';
  it('finds the markers that flag a claim as unverified', () => {
    const kinds = unverifiedMarkers(text).map((m) => `${m.kind}:${m.text}`);
    expect(kinds).toEqual(['unauthenticated:unauthenticated', 'claimed:claims', 'no-comment:has not commented', 'not-verified:could not be independently verified', 'alleged:allegedly']);
  });
  it('summarises an article: counts by kind and the markers with their spans', () => {
    const quotes = quotesOf(text).map((q) => ({ start: q.content.start, end: q.content.end, data: q as unknown as Record<string, unknown> }));
    const spans = sourcingStage.run({ text } as never, { quote: quotes }, { data: new Map(), now: new Date() });
    const summary = spans[0].data.summary as { counts: Record<string, number>; unverified: { start: number; end: number; text: string }[] };
    expect(summary.counts.anonymous + summary.counts.named).toBeGreaterThan(0);
    for (const u of summary.unverified) expect(text.slice(u.start, u.end)).toBe(u.text);
    expect(spans.some((s) => s.data.kind === 'no-comment')).toBe(true);
  });
  it('calls a quote from an unnamed group hearsay or anonymous, from a statement documentary', () => {
    const qs = quotesOf('Last week, several Iraqi policemen claimed to have seen a US aircraft dropping weapons and munitions for ISIS.\n\n“With great sadness, we received news of the martyrdom of a group of heroes,” the statement read.');
    expect(qs.map((q) => q.sourcing)).toEqual(['anonymous', 'documentary']);
  });
});
