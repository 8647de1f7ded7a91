// HTML (a whole page's main content, or a fragment) to text with its paragraphs kept: block
// elements end a paragraph, <br> ends a line, inline elements run on, entities are decoded by
// the parser, scripts and styles are dropped.

import { parseHTML } from 'linkedom';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL', 'CAPTION', 'DETAILS', 'SUMMARY',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'HEAD', 'BUTTON', 'SELECT', 'TEXTAREA']);

/** Paragraphs of an HTML string, in order, each with its inner whitespace collapsed. */
export function htmlToParagraphs(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/[ \t\f\v\u00a0\r\n]+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  // Iterative walk: deeply nested hostile markup must not overflow the call stack.
  const stack: { node: Node; leaving: boolean }[] = [{ node: document.body as unknown as Node, leaving: false }];
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'BR') {
      flush();
      continue;
    }
    const block = BLOCK.has(tag);
    if (leaving) {
      if (block) flush();
      continue;
    }
    if (block) flush();
    stack.push({ node, leaving: true });
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as Node, leaving: false });
  }
  flush();
  return paragraphs;
}

const TAG = /<\/?(?:p|div|br|span|a|strong|em|b|i|u|h[1-6]|ul|ol|li|blockquote|img|figure|figcaption|table|tr|td|section|article)\b[^>]*>/i;
const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/** Whether a "plain text" body actually carries HTML markup or entities (as scraped text often does). */
export const hasMarkup = (text: string) => TAG.test(text) || ENTITY.test(text);
