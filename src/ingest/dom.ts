// A saved page as a DOM that always has a <head> and a <body>. linkedom builds the tree as the
// markup says, not as a browser would: a page that opens with stray text (a PHP warning printed
// before the doctype), with no <html> or <body> tag, or with two <html> tags (old IE
// conditional comments) comes out with an empty or missing body, and Readability then finds
// nothing. So the markup is first reshaped into doctype + html + head + body the way an HTML5
// parser would place it: what precedes <body> (or the first body-only element) is the head.

import { parseHTML } from 'linkedom';
import { scanTags, stripComments, type Tag } from './scan.ts';

/** Tags that only ever live in <head>; anything else before an explicit <body> is body content. */
const HEAD_ONLY = new Set(['meta', 'link', 'title', 'style', 'script', 'base', 'noscript', 'html', 'head']);

const DOC_WRAPPERS = /<!doctype[^<>]*>|<\/?html\b[^<>]*>|<\/?head\b[^<>]*>|<\/?body\b[^<>]*>/gi;

/** Markup reshaped into `<!doctype html><html><head>…</head><body>…</body></html>`. */
export function reshape(html: string): string {
  // Comments first: pages keep old <body> tags in them, and conditional comments for old IE.
  html = stripComments(html);
  const lower = html.toLowerCase();
  // The body starts at the first <body> tag outside script and style text; without one, at the
  // first tag that cannot be in <head>. It ends at the last </body>, or at the end.
  let open: Tag | undefined;
  let firstBodyTag: Tag | undefined;
  for (const t of scanTags(html, lower)) {
    if (t.close) continue;
    if (t.name === 'body') {
      open = t;
      break;
    }
    firstBodyTag ??= HEAD_ONLY.has(t.name) ? undefined : t;
  }
  let head: string;
  let body: string;
  let bodyTag = '<body>';
  if (open) {
    head = html.slice(0, open.start);
    bodyTag = html.slice(open.start, open.end);
    const close = lower.lastIndexOf('</body');
    body = html.slice(open.end, close > open.end ? close : html.length);
  } else {
    const at = firstBodyTag?.start ?? html.length;
    head = html.slice(0, at);
    body = html.slice(at);
  }
  // The <html> tag's attributes (lang) are worth keeping; everything else around head and body goes.
  const htmlTag = /<html\b[^<>]*>/i.exec(head)?.[0] ?? '<html>';
  // Text before the head elements (PHP warnings, BOM remnants) is not part of the page.
  const headOnly = head.replace(DOC_WRAPPERS, '').replace(/^[^<]*/, '');
  return `<!doctype html>${htmlTag}<head>${headOnly}</head>${bodyTag}${body.replace(DOC_WRAPPERS, '')}</body></html>`;
}

/** A page or fragment as a document with a body. */
export function parsePage(html: string): Document {
  const isPage = /<(?:html|head|body|!doctype)[\s>]/i.test(html.slice(0, 65536)) || /^\s*<(?:meta|link|script|style|title)\b/i.test(html);
  const markup = isPage ? reshape(html) : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(markup).document as unknown as Document;
}
