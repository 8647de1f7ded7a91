// Pages too deep or too large for a DOM. linkedom's parser and Readability both slow down
// much faster than linearly with nesting depth (a few hundred nested <div>s take seconds,
// thousands take minutes) and with element count, and a hostile or broken page can have
// either. Real pages on the trafilatura evaluation set nest at most 84 containers deep and
// hold at most 20,000 tags; past the limits below, the page is flattened without a DOM:
// one linear pass turns block boundaries into paragraphs and drops every other tag.

import { scanTags } from './scan.ts';

/** Containers that pages close explicitly; their open/close balance is the nesting depth. */
const CONTAINER = new Set([
  'div', 'section', 'article', 'span', 'font', 'table', 'blockquote', 'ul', 'ol', 'main', 'aside', 'header',
  'footer', 'nav', 'form', 'center', 'a', 'b', 'i', 'em', 'strong',
]);
const BLOCK = new Set([
  'p', 'div', 'br', 'hr', 'li', 'dd', 'dt', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article',
  'blockquote', 'pre', 'table', 'ul', 'ol', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'figcaption',
  'center', 'form', 'address',
]);
/** Elements whose content is never text of the page. */
const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title', 'textarea', 'xmp']);

export const MAX_NESTING = 200;
export const MAX_TAGS = 200_000;

export interface Shape {
  depth: number;
  tags: number;
}

/** Nesting depth and tag count of markup, in one pass. */
export function markupShape(html: string): Shape {
  let depth = 0;
  let max = 0;
  let tags = 0;
  for (const t of scanTags(html)) {
    tags++;
    if (!CONTAINER.has(t.name)) continue;
    if (t.close) depth = Math.max(0, depth - 1);
    else if (!t.selfClosing && ++depth > max) max = depth;
  }
  return { depth: max, tags };
}

export const tooBigForDom = (s: Shape) => s.depth > MAX_NESTING || s.tags > MAX_TAGS;

/** The markup as a flat run of <p> paragraphs: block tags end a paragraph, other tags go. */
export function flatten(html: string): string {
  const out: string[] = [];
  let current = '';
  let last = 0;
  let dropping: string | null = null;
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) out.push(`<p>${t}</p>`);
    current = '';
  };
  for (const t of scanTags(html)) {
    if (!dropping) current += html.slice(last, t.start).replace(/[<>]/g, ' ');
    last = t.end;
    if (dropping) {
      if (t.close && t.name === dropping) dropping = null;
      continue;
    }
    if (!t.close && !t.selfClosing && DROP.has(t.name)) dropping = t.name;
    else if (BLOCK.has(t.name)) flush();
  }
  if (!dropping) current += html.slice(last).replace(/[<>]/g, ' ');
  flush();
  // Entities stay as they are: the parser that reads these paragraphs decodes them.
  return `<!doctype html><html><head></head><body>${out.join('\n')}</body></html>`;
}
