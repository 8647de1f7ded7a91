// Ingest formats end to end into a real SQLite file: RSS 2.0 and Atom feeds, HTML with entities,
// re-ingest (no-op, then an update), user boilerplate rules, hostile markup.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from './ingest-helpers.ts';
import { extractMain } from '../src/ingest/html.ts';
import { reshape } from '../src/ingest/dom.ts';

let sb: Sandbox;
beforeEach(() => (sb = sandbox()));
afterEach(() => sb.cleanup());

const get = async (id: string) => {
  const store = await sb.open();
  try {
    return await store.articles.get(id);
  } finally {
    await store.close();
  }
};

describe('feeds', () => {
  it('RSS 2.0: one article per item, outlet from the channel, date from pubDate, id from guid', async () => {
    const feed = sb.file(
      'gazette.rss',
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
  <title>Eastport Gazette</title><link>https://gazette.example/</link>
  <item><title>Harbour reopens</title><link>https://gazette.example/2024/03/11/harbour</link><guid>gz-101</guid>
    <pubDate>Mon, 11 Mar 2024 09:00:00 GMT</pubDate>
    <description><![CDATA[<p>The harbour reopened on Monday.</p><p>Boats left at dawn.</p>]]></description></item>
  <item><title>Council votes</title><guid>gz-102</guid><pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate>
    <content:encoded><![CDATA[<p>The council voted &ldquo;yes&rdquo; on the budget.</p>]]></content:encoded></item>
</channel></rss>`,
    );
    const s = await sb.ingest([feed]);
    expect(s).toMatchObject({ inserted: 2, failed: 0 });
    const a = await get('gz-101');
    expect(a).toMatchObject({ title: 'Harbour reopens', url: 'https://gazette.example/2024/03/11/harbour', source: { format: 'rss', line: 1 } });
    expect(a?.text).toBe('The harbour reopened on Monday.\n\nBoats left at dawn.');
    expect(a?.outlet?.name).toBe('Eastport Gazette');
    expect(a?.outlet?.evidence[0].method).toBe('record');
    expect(a?.published).toMatchObject({ date: '2024-03-11', evidence: [{ method: 'record' }, { method: 'url', note: 'agrees' }] });
    expect((await get('gz-102'))?.text).toBe('The council voted “yes” on the budget.');
  });

  it('Atom: entries with HTML content, link href, published date', async () => {
    const feed = sb.file(
      'wire.atom',
      `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Northern Wire</title>
  <entry><title>Bridge closed</title><id>nw-7</id><link rel="alternate" href="https://wire.example/bridge"/>
    <published>2024-02-02T08:00:00Z</published>
    <content type="html">&lt;p&gt;The bridge closed for repairs.&lt;/p&gt;&lt;p&gt;It reopens in May.&lt;/p&gt;</content></entry>
</feed>`,
    );
    const s = await sb.ingest([feed]);
    expect(s).toMatchObject({ inserted: 1, failed: 0 });
    const a = await get('nw-7');
    expect(a).toMatchObject({ title: 'Bridge closed', url: 'https://wire.example/bridge', source: { format: 'atom' } });
    expect(a?.text).toBe('The bridge closed for repairs.\n\nIt reopens in May.');
    expect(a?.outlet?.name).toBe('Northern Wire');
    expect(a?.published?.date).toBe('2024-02-02');
  });
});

describe('HTML and entities', () => {
  it('decodes named and numeric entities in pages and in scraped "text" records', async () => {
    const page = sb.file(
      'quote.html',
      `<html><head><title>Minister speaks</title></head><body><article><h1>Minister speaks</h1>
       <p>&ldquo;We will rebuild,&rdquo; the minister said. It&rsquo;s the first visit since the storm &#8212; and the last &#x2014; she added.</p>
       <p>${'The visit lasted two hours and covered the harbour, the school and the bridge. '.repeat(6)}</p></article></body></html>`,
    );
    const rec = sb.file('scraped.jsonl', JSON.stringify({ id: 'scraped', title: 'Scraped', text: 'He said &ldquo;no&rdquo; &amp; left.<br>It&#39;s over.' }));
    await sb.ingest([page, rec]);
    const a = await get('quote');
    expect(a?.text).toContain('“We will rebuild,” the minister said. It’s the first visit since the storm — and the last — she added.');
    expect(a?.text).not.toMatch(/&[a-z#0-9]+;|<\/?p>/);
    expect((await get('scraped'))?.text).toBe('He said “no” & left.\n\nIt\'s over.');
  });

  it('reads pages whose markup starts with stray text or hides <body> in comments', () => {
    const html = '<br />\n<b>Warning</b>: mysql_connect() failed<br />\n<!DOCTYPE html><html><head><title>T</title><!-- <body class="old"> --></head>' +
      `<body><div><p>${'Real article text that a reader came for. '.repeat(12)}</p></div></body></html>`;
    expect(reshape(html)).toMatch(/^<!doctype html><html><head>/);
    const main = extractMain(html);
    expect(main.method).toBe('readability');
    expect(main.html).toContain('Real article text');
    expect(main.html).not.toContain('mysql_connect');
  });

  it('deeply nested markup cannot overflow the stack: it is read as flat text with a warning', () => {
    const depth = 50_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>${'Deep text. '.repeat(30)}</p>${'</div>'.repeat(depth)}</body></html>`;
    const main = extractMain(html);
    expect(main.html).toContain('Deep text.');
    expect(main.warning).toMatch(/nested 50000 elements deep/);
  });
});

describe('re-ingest', () => {
  it('the same content again is a no-op; changed content for the same id updates it', async () => {
    const f = sb.file('story.txt', 'Harbour reopens\n\nThe harbour reopened on Monday.\n');
    expect(await sb.ingest([f])).toMatchObject({ inserted: 1, updated: 0, unchanged: 0 });
    const first = await get('story');
    expect(await sb.ingest([f])).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await get('story')).toEqual(first);
    sb.file('story.txt', 'Harbour reopens\n\nThe harbour reopened on Tuesday, a day late.\n');
    expect(await sb.ingest([f])).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const second = await get('story');
    expect(second?.text).toBe('The harbour reopened on Tuesday, a day late.');
    expect(second?.contentHash).not.toBe(first?.contentHash);
  });
});

describe('user boilerplate rules (--rules FILE)', () => {
  it('a user rule removes its lines and is recorded with its own id and reason', async () => {
    const rules = sb.file('house.json', JSON.stringify({ rules: [{ id: 'house-promo', reason: 'house promotion', pattern: '^buy the gazette mug\\b.*$' }] }));
    const f = sb.file('promo.txt', 'Harbour reopens\n\nThe harbour reopened on Monday.\n\nBuy the Gazette mug today!\n\nBoats left at dawn.\n');
    await sb.ingest([f], { rules: [rules] });
    const a = await get('promo');
    expect(a?.text).toBe('The harbour reopened on Monday.\n\nBoats left at dawn.');
    expect(a?.removed).toContainEqual({ text: 'Buy the Gazette mug today!', rule: 'house-promo', reason: 'house promotion' });
  });

  it('a rule file with a bad pattern is refused, naming the file and the rule', async () => {
    const rules = sb.file('bad.json', JSON.stringify({ rules: [{ id: 'broken', pattern: '(unclosed' }] }));
    await expect(sb.ingest([sb.file('x.txt', 'T\n\nBody.\n')], { rules: [rules] })).rejects.toThrow(/bad\.json: rule 1 \(broken\) has a bad pattern/);
  });
});
