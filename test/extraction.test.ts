// Main-text extraction steps beyond plain Readability, on small made-up pages: the standfirst
// (src/ingest/lead.ts) is brought back when Readability's container leaves it out, and only
// then; figure captions (src/ingest/furniture.ts) do not count as article text.

import { describe, expect, it } from 'vitest';
import { extractMain } from '../src/ingest/html.ts';
import { decode } from '../src/ingest/decode.ts';
import { cleanDoc } from '../src/clean/index.ts';
import { loadRules, removeBoilerplate } from '../src/clean/boilerplate.ts';

const rules = loadRules();
const LEAD = 'The harbour authority reopened the eastern quay on Monday after six weeks of repairs to the sea wall.';
const BODY = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the report: dockers returned to work, ferries resumed their timetable and the fish market reopened its doors to traders from the whole coast.</p>`).join('');

const page = (opts: { description?: string; header?: string; sidebar?: string }) => `<!doctype html><html><head><title>Harbour reopens</title>
${opts.description ? `<meta property="og:description" content="${opts.description}">` : ''}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><header><h1>Harbour reopens</h1>${opts.header ?? ''}<span class="date">11 March 2024</span></header>
<div class="story-text">${BODY}</div></article>${opts.sidebar ?? ''}</main></body></html>`;

const text = (html: string) => {
  const main = extractMain(html);
  return cleanDoc({ id: 'x', source: { path: 'x', format: 'html', line: null }, html: main.html, title: main.title }, rules).text;
};

describe('standfirst', () => {
  it('a standfirst in the header, named by the description, comes first in the text', () => {
    const out = text(page({ description: LEAD, header: `<p class="intro">${LEAD}</p>` }));
    expect(out.startsWith(LEAD)).toBe(true);
    expect(out).toContain('Paragraph 1 of the report');
    expect(out.split(LEAD)).toHaveLength(2);
  });

  it('a description cut short with an ellipsis still finds the full paragraph', () => {
    const out = text(page({ description: LEAD.slice(0, 70) + '…', header: `<p class="standfirst">${LEAD}</p>` }));
    expect(out.startsWith(LEAD)).toBe(true);
  });

  it('a description that is not on the page adds nothing: the text is always the page text', () => {
    const out = text(page({ description: 'Read the latest news from the Eastport Gazette, every day, on every device you own.' }));
    expect(out.startsWith('Paragraph 1 of the report')).toBe(true);
  });

  it('a matching teaser after the article (a related-story box) is not taken for the standfirst', () => {
    const out = text(page({ description: LEAD, sidebar: `<div class="more"><p>${LEAD}</p></div>` }));
    expect(out).not.toContain('The harbour authority reopened');
  });

  it('a description that the text already holds is not repeated', () => {
    const first = 'Paragraph 1 of the report: dockers returned to work, ferries resumed their timetable';
    const out = text(page({ description: first }));
    expect(out.split(first)).toHaveLength(2);
  });
});

describe('standfirst named by its class', () => {
  it('without a description, an element named as the intro just before the text comes first', () => {
    const out = text(page({ header: `<div class="article-intro"><p>${LEAD}</p></div>` }));
    expect(out.startsWith(LEAD)).toBe(true);
  });

  it('a teaser elsewhere on the page (a list of other stories before the article) is not taken', () => {
    const others = Array.from({ length: 8 }, (_, i) => `<li><div class="teaser"><p>Other story ${i + 1}: a long teaser paragraph about something else that happened in another town this week.</p></div></li>`).join('');
    const html = page({}).replace('<main>', `<div class="top-stories"><ul>${others}</ul></div><main>`);
    const out = text(html);
    expect(out).not.toContain('Other story');
    expect(out.startsWith('Paragraph 1 of the report')).toBe(true);
  });
});

describe('figure captions', () => {
  it('a photo caption and credit inside the article are not article text', () => {
    const figure = '<figure class="wp-caption"><img src="quay.jpg"><figcaption>Dockers on the eastern quay. Photo: Eastport Gazette</figcaption></figure>';
    const credit = '<div class="image-caption">Ferries at dawn (archive picture)</div>';
    const html = page({}).replace('<div class="story-text">', `<div class="story-text">${figure}${credit}`);
    const out = text(html);
    expect(out).toContain('Paragraph 1 of the report');
    expect(out).not.toContain('Dockers on the eastern quay');
    expect(out).not.toContain('Ferries at dawn');
  });
});

describe('furniture names', () => {
  it('a camelCase furniture name (authorBio) counts like a hyphenated one (author-bio)', () => {
    const box = '<div class="authorBio"><p>More from the harbour desk: Jane Doe has covered the port, its ferries and its dockers for the Gazette since 2009.</p></div>';
    const out = text(page({}).replace('</div></article>', `</div>${box}</article>`));
    expect(out).toContain('Paragraph 6 of the report');
    expect(out).not.toContain('More from the harbour desk');
  });
});

describe('boilerplate lines added for news pages', () => {
  const { kept, removed } = removeBoilerplate(
    [
      'Follow The Eastport Gazette on Twitter and Instagram @EastportGazette and on Facebook.',
      'For the latest stories and breaking news updates download the Gazette apps for iOS and Android.',
      'To view the full story, please subscribe to The Eastport Gazette.',
      'Submit your letter to the editor via this form.',
      'opublikowano: 2021-04-29 17:13:04.031886+02:00',
      '16 marca 2021',
      'Kontakt:',
      'Mehr zu Klima und Konsum',
      '© 2024, Eastport Gazette. This article is the copyrighted property of the Eastport Gazette. Written permission must be obtained before reprint in online or print media.',
      'Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE.',
      // Article text that mentions the same words stays.
      'The mayor said she would follow the council on Twitter and in person until the vote.',
      'Kontakt zu den Behörden hatte die Familie seit März nicht mehr.',
      'The harbour reopened on 16 March 2021 after six weeks of repairs.',
    ],
    rules,
  );
  it('prompts, paywall notices, labels, dates, licences go, each with its rule', () => {
    expect(removed.map((r) => r.rule)).toEqual([
      'newsletter-prompt', 'newsletter-prompt', 'paywall', 'letters-prompt', 'timestamp', 'timestamp', 'label', 'read-more', 'copyright', 'license',
    ]);
  });
  it('article sentences using the same words stay', () => {
    expect(kept).toHaveLength(3);
  });
});

describe('page bytes to text (src/ingest/decode.ts)', () => {
  it('a page declaring UTF-8 with one stray byte stays UTF-8: its accents survive, with a warning', () => {
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="utf-8"></head><body><p>Zażółć gęślą jaźń, said the café owner.</p><p>Price: 5', 'utf8'), Buffer.from([0xa3]), Buffer.from('</p></body></html>', 'utf8')]);
    const d = decode(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('Zażółć gęślą jaźń');
    expect(d.warning).toMatch(/1 invalid byte sequence/);
  });

  it('a charset declared after a long head (past 2 KB) is honoured', () => {
    const head = `<html><head><title>T</title>${'<meta name="keywords" content="harbour, quay, ferries, dockers">'.repeat(32)}<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">`;
    const bytes = Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from([0x9c, 0x6c, 0xb9, 0x73, 0x6b]), Buffer.from('</head><body></body></html>', 'latin1')]);
    expect(head.length).toBeGreaterThan(2048);
    const d = decode(bytes);
    expect(d.encoding).toBe('windows-1250');
    expect(d.text).toContain('śląsk');
  });

  it('text with many invalid sequences is still read as Windows-1252', () => {
    const bytes = Buffer.from(`<meta charset="utf-8"><p>${'caf\xe9 '.repeat(20)}</p>`, 'latin1');
    expect(decode(bytes).encoding).toBe('windows-1252');
  });
});
