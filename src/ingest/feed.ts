// RSS 2.0 and Atom feeds saved to disk: one article per item or entry. Item content may be HTML
// (description, content:encoded, Atom content type="html"); cleaning turns it into text.
// Entity expansion is off: a feed cannot blow up memory with nested entity definitions.

import { XMLParser } from 'fast-xml-parser';
import type { IngestProblem, RawDoc, SourceRef } from '../model.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  cdataPropName: '__cdata',
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

/**
 * The five XML entities and character references, decoded once. Entity expansion in the parser
 * is off (no DOCTYPE entity can blow up memory), so escaped text ("&lt;p&gt;" in an Atom
 * type="html" content, "Tom &amp; Jerry" in a title) is decoded here; CDATA is taken as it is.
 */
const XML_ENTITY = /&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi;
const XML_NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeXml(s: string): string {
  return s.replace(XML_ENTITY, (m, e: string) => {
    if (e[0] !== '#') return XML_NAMED[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Text of an XML node that may be a string, a {#text} object or a CDATA holder. */
function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string' || typeof node === 'number') return decodeXml(String(node));
  if (Array.isArray(node)) return text(node[0]);
  const o = node as Record<string, unknown>;
  const cdata = o['__cdata'];
  const plain = text(o['#text']);
  const raw = cdata === undefined ? undefined : ([] as unknown[]).concat(cdata).map(String).join('');
  return plain !== undefined && raw !== undefined ? plain + raw : (plain ?? raw);
}

export function isFeed(xml: string): 'rss' | 'atom' | null {
  const head = xml.slice(0, 4096);
  if (/<rss[\s>]/i.test(head) || /<rdf:RDF[\s>]/i.test(head)) return 'rss';
  if (/<feed[\s>][^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/i.test(head) || /<feed[\s>]/i.test(head)) return 'atom';
  return null;
}

export function* readFeed(xml: string, stem: string, path: string): Generator<RawDoc | IngestProblem> {
  const kind = isFeed(xml);
  if (!kind) {
    yield { path, level: 'error', message: 'not an RSS or Atom feed (no <rss> or <feed> root element)' };
    return;
  }
  let doc: Record<string, any>;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    const e = err as { message: string; line?: number };
    // The parser's message may end in ":<line>:undefined" when it knows no column; say only what it knows.
    const why = e.message.split('\n')[0].replace(/:\d+:undefined$/, '').replace(/\.$/, '');
    yield { path, line: e.line ?? null, level: 'error', message: `malformed XML (${why})` };
    return;
  }
  const channel = kind === 'rss' ? (doc.rss?.channel ?? doc['rdf:RDF']?.channel) : doc.feed;
  const items: Record<string, any>[] = (kind === 'rss' ? (doc.rss?.channel?.item ?? doc['rdf:RDF']?.item) : doc.feed?.entry) ?? [];
  const outlet = text(channel?.title);
  if (items.length === 0) yield { path, level: 'error', message: `the ${kind === 'rss' ? 'RSS' : 'Atom'} feed has no items` };
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const source: SourceRef = { path, format: kind, line: i + 1 };
    const link =
      kind === 'rss'
        ? text(it.link)
        : ((it.link ?? []) as Record<string, string>[]).find((l) => !l['@rel'] || l['@rel'] === 'alternate')?.['@href'];
    const body =
      kind === 'rss'
        ? (text(it['content:encoded']) ?? text(it.description))
        : (text(it.content) ?? text(it.summary));
    const guid = text(it.guid) ?? text(it.id);
    if (!body || !body.trim()) {
      yield { path, line: i + 1, level: 'error', message: `item ${i + 1} has no content` };
      continue;
    }
    yield {
      id: guid && /^[\w.:-]{1,80}$/.test(guid) ? guid : `${stem}-${i + 1}`,
      source,
      url: link,
      title: text(it.title),
      html: body,
      outlet,
      published: text(it.pubDate) ?? text(it['dc:date']) ?? text(it.published) ?? text(it.updated),
    };
  }
}
