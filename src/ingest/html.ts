// Saved web pages. The page's own metadata (Open Graph, article:*, JSON-LD, <time>) is kept for
// the outlet and date calls; the main text comes from Mozilla Readability over linkedom. When
// Readability finds no article, the page says so and its body, minus navigation, stands in.

import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
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

const NON_CONTENT = 'script, style, noscript, nav, header, footer, aside, form, iframe, svg, template';

export interface MainContent {
  title?: string;
  html: string;
  meta: Record<string, string>;
  warning?: string;
}

/** The main content of a whole page (or an HTML fragment) as HTML, with the page's metadata. */
export function extractMain(html: string): MainContent {
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const meta = pageMeta(document as unknown as Document);
  const pageTitle = meta['og:title'] ?? document.querySelector('title')?.textContent?.trim() ?? undefined;
  const bodyLength = (document.body?.textContent ?? '').trim().length;
  // Readability mutates the document it is given; the fallback below reads what is left of it.
  let article: ReturnType<Readability['parse']> = null;
  if (bodyLength > 0) {
    try {
      article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    } catch {
      article = null;
    }
  }
  if (article?.content && (article.textContent ?? '').trim().length > 0) {
    return { title: article.title?.trim() || pageTitle, html: article.content, meta };
  }
  const { document: again } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  for (const el of again.querySelectorAll(NON_CONTENT)) el.remove();
  return {
    title: pageTitle,
    html: again.body?.innerHTML ?? '',
    meta,
    warning: 'no main article content found; using the text of the whole page body',
  };
}

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
