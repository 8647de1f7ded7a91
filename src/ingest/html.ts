// Saved web pages. The page's own metadata (Open Graph, article:*, JSON-LD, <time>) is kept for
// the outlet and date calls; the main text comes from Mozilla Readability over linkedom. When
// Readability finds no article, the page says so and its body, minus navigation, stands in.

import { parseHTML } from 'linkedom';
import { parsePage } from './dom.ts';
import { removeFurniture } from './furniture.ts';
import { blockParagraphs } from './blocks.ts';
import { findLead } from './lead.ts';
import { flatten, markupShape, MAX_NESTING, MAX_TAGS, type Shape, tooBigForDom } from './hostile.ts';
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { RawDoc, SourceRef } from '../model.ts';

const META_NAMES = [
  'og:site_name', 'og:title', 'og:url', 'og:type', 'article:published_time', 'article:modified_time',
  'article:publisher', 'application-name', 'publisher', 'author', 'date', 'pubdate', 'publishdate',
  'dc.date', 'dc.date.issued', 'dc.publisher', 'twitter:site', 'citation_publication_date', 'sailthru.date',
];

/** Page metadata by lower-cased name, including JSON-LD publisher and datePublished. */
export function pageMeta(document: Document): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const el of document.querySelectorAll('meta')) {
    const name = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
    const content = el.getAttribute('content');
    if (name && content && META_NAMES.includes(name) && !(name in meta)) meta[name] = content.trim();
    if (name === 'datepublished' && content && !meta['jsonld:datePublished']) meta['jsonld:datePublished'] = content;
  }
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href');
  if (canonical) meta['canonical'] = canonical;
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const nodes = ([] as unknown[]).concat(JSON.parse(s.textContent ?? ''));
      for (const n of nodes.flatMap((x) => ((x as { '@graph'?: unknown[] })['@graph'] ?? [x]) as Record<string, unknown>[])) {
        if (typeof n?.datePublished === 'string') meta['jsonld:datePublished'] ??= n.datePublished;
        const pub = n?.publisher as { name?: string } | undefined;
        if (typeof pub?.name === 'string') meta['jsonld:publisher'] ??= pub.name;
      }
    } catch {
      // A broken JSON-LD block is common and harmless: the other signals remain.
    }
  }
  const time = document.querySelector('time[datetime]')?.getAttribute('datetime');
  if (time) meta['time'] = time;
  return meta;
}

export interface MainContent {
  title?: string;
  html: string;
  meta: Record<string, string>;
  /** Which extractor gave the text: "readability", "blocks" (text blocks) or "page" (whole body). */
  method: 'readability' | 'blocks' | 'page';
  warning?: string;
}

/** Readability's text shorter than this share of the text-block estimate means it chose wrong. */
const SHORT_SHARE = 0.5;
/** Below this many characters, a result on a page Readability deems not readerable is no article. */
const MIN_ARTICLE = 250;

const textLength = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().length;

/**
 * The main content of a whole page (or an HTML fragment) as HTML, with the page's metadata.
 *
 *   1. parse        parsePage: a document with a head and a body, however broken the markup
 *   2. metadata     pageMeta, before anything is removed
 *   3. furniture    ruby annotations and furniture-named elements out (furniture.ts)
 *   4. readability  Mozilla Readability on what is left
 *   5. check        text blocks (blocks.ts) on a fresh copy of the page; when Readability found
 *                   nothing, or much less than the blocks did, the blocks win
 *   6. fallback     neither found anything: the whole body minus furniture, with a warning
 */
export function extractMain(html: string): MainContent {
  const shape = markupShape(html);
  if (tooBigForDom(shape)) return extractFlat(html, shape);
  const document = parsePage(html);
  const meta = pageMeta(document);
  const pageTitle = meta['og:title'] ?? document.querySelector('title')?.textContent?.trim() ?? undefined;
  for (const el of document.querySelectorAll('rt, rp')) el.remove();
  removeFurniture(document);
  let article: ReturnType<Readability['parse']> = null;
  try {
    article = new Readability(document).parse();
  } catch {
    article = null;
  }
  const found = textLength(article?.textContent);
  // Readability mutates the document it is given; the check reads a fresh copy.
  const fresh = parsePage(html);
  for (const el of fresh.querySelectorAll('rt, rp')) el.remove();
  const blocks = fresh.body ? blockParagraphs(fresh.body) : [];
  const blocksLength = blocks.reduce((n, p) => n + p.length + 1, 0);
  // A short result on a page without any article-like paragraph is the page itself (an index,
  // a login page), not an article: say so rather than pass it off as one.
  const noArticle = found < MIN_ARTICLE && !isProbablyReaderable(fresh);
  if (article?.content && found > 0 && !noArticle && found >= SHORT_SHARE * blocksLength) {
    const content = parseContent(article.content);
    dropLinkLists(content);
    const html = withLead(fresh, content.body.textContent ?? '', firstParagraph(content), content.body.innerHTML);
    return { title: article.title?.trim() || pageTitle, html, meta, method: 'readability' };
  }
  if (blocksLength > 0) {
    return {
      title: article?.title?.trim() || pageTitle,
      html: withLead(fresh, blocks.join(' '), blocks.find((b) => b.length >= FIRST_PARAGRAPH) ?? '', blocks.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')),
      meta,
      method: 'blocks',
      // Readability choosing a short element is routine; finding nothing at all is worth saying.
      warning: found === 0 || noArticle ? 'no main article found by Readability; kept the text blocks of the page that read as article text' : undefined,
    };
  }
  for (const el of fresh.querySelectorAll(NON_CONTENT)) el.remove();
  return {
    title: pageTitle,
    html: fresh.body?.innerHTML ?? '',
    meta,
    method: 'page',
    warning: 'no main article content found; using the text of the whole page body',
  };
}

/** 0. A page too deep or too large for a DOM: text blocks over its flattened markup. */
function extractFlat(html: string, shape: Shape): MainContent {
  const title = /<title[^>]*>([^<]{1,300})<\/title>/i.exec(html)?.[1]?.trim();
  const flat = parsePage(flatten(html));
  const blocks = flat.body ? blockParagraphs(flat.body) : [];
  const why = shape.depth > MAX_NESTING ? `nested ${shape.depth} elements deep (limit ${MAX_NESTING})` : `${shape.tags} tags (limit ${MAX_TAGS})`;
  return {
    title,
    html: blocks.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
    meta: {},
    method: 'blocks',
    warning: `page is ${why}: read as flat text blocks, without Readability or page metadata`,
  };
}

/** A short block that is mostly link text is navigation (related links, tag lists), not text. */
// Headings stay: a linked subheading (an anchor to itself) is common and is text.
const LINK_BLOCKS = 'li, p, dd, dt, td';
const MAX_LINK_SHARE = 0.5;
const SHORT_BLOCK = 100;

const parseContent = (content: string): Document =>
  parseHTML(`<!doctype html><html><head></head><body>${content}</body></html>`).document as unknown as Document;

/** 4b. Readability's content without the link lists it kept. */
function dropLinkLists(document: Document): number {
  let dropped = 0;
  for (const el of document.body.querySelectorAll(LINK_BLOCKS)) {
    const text = (el.textContent ?? '').replace(/\s+/g, '');
    if (!text || text.length >= SHORT_BLOCK) continue;
    let links = 0;
    for (const a of el.querySelectorAll('a')) links += (a.textContent ?? '').replace(/\s+/g, '').length;
    if (links / text.length > MAX_LINK_SHARE) {
      el.remove();
      dropped++;
    }
  }
  return dropped;
}

/** A paragraph at least this long opens the main text (shorter ones are datelines, captions). */
const FIRST_PARAGRAPH = 40;

/** The opening of the content's first real paragraph, to place the content on the page. */
function firstParagraph(document: Document): string {
  for (const p of document.body.querySelectorAll('p')) {
    const t = (p.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t.length >= FIRST_PARAGRAPH) return t.slice(0, 60);
  }
  return '';
}

/** 5b. The standfirst the page describes itself with, when the main text lacks it (lead.ts). */
function withLead(page: Document, text: string, first: string, html: string): string {
  const lead = findLead(page, text.replace(/\s+/g, ' '), first.replace(/\s+/g, ' ').trim());
  return lead ? `<p>${escapeHtml(lead.text)}</p>\n${html}` : html;
}

const NON_CONTENT = 'script, style, noscript, nav, header, footer, aside, form, iframe, svg, template';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function readHtml(html: string, id: string, source: SourceRef): RawDoc {
  const main = extractMain(html);
  return {
    id,
    source,
    title: main.title,
    html: main.html,
    meta: main.meta,
    url: main.meta['canonical'] ?? main.meta['og:url'],
    warnings: main.warning ? [main.warning] : undefined,
  };
}
