// Outlet and date calls with their evidence: each method on its own, and the order in which
// they decide when several are present.

import { describe, expect, it } from 'vitest';
import { findOutlet } from '../src/meta/outlet.ts';
import { dateFromUrl, findPublished, parseDate } from '../src/meta/date.ts';
import { loadOutlets } from '../src/meta/outlets.ts';
import { readHtml } from '../src/ingest/html.ts';
import type { RawDoc } from '../src/model.ts';

const table = loadOutlets();
const raw = (over: Partial<RawDoc> = {}): RawDoc => ({ id: 'x', source: { path: 'x.txt', format: 'txt', line: null }, ...over });
const NOW = new Date('2026-11-23T12:00:00Z');

describe('outlet evidence', () => {
  it('record: the input names the outlet', () => {
    const o = findOutlet(raw({ outlet: 'Tasnim' }), 'Some text.', table);
    expect(o).toMatchObject({ id: 'tasnim', name: 'Tasnim News Agency', evidence: [{ method: 'record', text: 'Tasnim' }] });
  });

  it('meta: the page metadata (og:site_name) names it', () => {
    const page = readHtml(
      `<html><head><meta property="og:site_name" content="Press TV"><title>T</title></head><body><article><p>${'Text of the page. '.repeat(30)}</p></article></body></html>`,
      'p',
      { path: 'p.html', format: 'html', line: null },
    );
    const o = findOutlet(page, 'Text of the page.', table);
    expect(o).toMatchObject({ id: 'press-tv', evidence: [{ method: 'meta:og:site_name', text: 'Press TV' }] });
  });

  it('dateline: "TEHRAN (FNA)-" opening the text, with its span', () => {
    const text = 'TEHRAN (FNA)- Officials said on Sunday that the talks would resume.';
    const o = findOutlet(raw(), text, table);
    expect(o).toMatchObject({ id: 'fars', evidence: [{ method: 'dateline', start: 0 }] });
    const e = o!.evidence[0];
    expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(e.text).toContain('(FNA)');
  });

  it('credit line: "Tasnim –" opening the text, only for outlets the table knows', () => {
    const o = findOutlet(raw(), 'Tasnim – US forces have transferred fighters, sources said.', table);
    expect(o).toMatchObject({ id: 'tasnim', evidence: [{ method: 'credit-line', text: 'Tasnim –', start: 0, end: 8 }] });
    expect(findOutlet(raw(), 'Meanwhile – nothing happened at the port.', table)).toBeNull();
  });

  it('url host: the article URL on a host the table knows', () => {
    const o = findOutlet(raw({ url: 'https://en.farsnews.ir/newstext.aspx?nn=13990228000512' }), 'Plain text.', table);
    expect(o).toMatchObject({ id: 'fars', evidence: [{ method: 'url-host', text: 'en.farsnews.ir' }] });
  });

  it('the record decides over a dateline that points elsewhere, and the disagreement is noted', () => {
    const o = findOutlet(raw({ outlet: 'Press TV' }), 'TEHRAN (FNA)- A report.', table);
    expect(o?.id).toBe('press-tv');
    expect(o?.evidence[1]).toMatchObject({ method: 'dateline', note: expect.stringMatching(/disagrees/) });
  });
});

describe('date evidence', () => {
  it('record: the input gives the date', () => {
    expect(findPublished(raw({ published: '26-FEB-1987 15:01:01.79' }), NOW).call).toMatchObject({ date: '1987-02-26', evidence: [{ method: 'record' }] });
  });

  it('meta: article:published_time from the page', () => {
    const r = findPublished(raw({ meta: { 'article:published_time': '2020-05-17T08:30:00+04:30' } }), NOW);
    expect(r.call).toMatchObject({ date: '2020-05-17', evidence: [{ method: 'meta:article:published_time', text: '2020-05-17T08:30:00+04:30' }] });
  });

  it('url: a date in the URL path', () => {
    expect(dateFromUrl('https://example.org/news/2020/05/17/story')).toBe('2020-05-17');
    expect(findPublished(raw({ url: 'https://example.org/2020-05-17-story.html' }), NOW).call).toMatchObject({ date: '2020-05-17', evidence: [{ method: 'url' }] });
  });

  it('a later date is refused with a warning and the next signal decides', () => {
    const r = findPublished(raw({ published: '2031-01-01', url: 'https://example.org/2020/05/17/x' }), NOW);
    expect(r.call?.date).toBe('2020-05-17');
    expect(r.warnings).toContainEqual(expect.stringMatching(/refused the date 2031-01-01 from record/));
  });

  it('parses the formats news records use', () => {
    expect(parseDate('Sun, 17 May 2020 10:00:00 GMT')).toBe('2020-05-17');
    expect(parseDate('May 17, 2020')).toBe('2020-05-17');
    expect(parseDate('17 May 2020')).toBe('2020-05-17');
    expect(parseDate('20200517')).toBe('2020-05-17');
    expect(parseDate('2020-02-30')).toBeNull();
  });
});
