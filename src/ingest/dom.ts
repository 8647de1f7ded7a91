// A saved page as a DOM that always has a <head> and a <body>. linkedom builds the tree as the
// markup says, not as a browser would: a page that opens with stray text (a PHP warning printed
// before the doctype), with no <html> or <body> tag, or with two <html> tags (old IE
// conditional comments) comes out with an empty or missing body, and Readability then finds
// nothing. So the markup is first reshaped into doctype + html + head + body the way an HTML5
// parser would place it: what precedes <body> (or the first body-only element) is the head.

import { parseHTML } from 'linkedom';

/** Tags that only ever live in <head>; anything else before an explicit <body> is body content. */
const HEAD_ONLY = /^(?:meta|link|title|style|script|base|noscript)$/i;

/** A <body> tag, or a script or style element to step over (their text may write "<body>"). */
const OPEN_BODY = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<body\b[^>]*>/gi;
const CLOSE_BODY = /<\/body\s*>/gi;
const DOC_WRAPPERS = /<!doctype[^>]*>|<\/?html\b[^>]*>|<\/?head\b[^>]*>|<\/?body\b[^>]*>/gi;

/** Where the body starts in markup that has no <body> tag: the first tag that cannot be in <head>. */
function bodyStart(html: string): number {
  const tag = /<([a-zA-Z][\w:-]*)[^>]*>/g;
  let m: RegExpExecArray | null;
  let skipUntil = 0;
  while ((m = tag.exec(html))) {
    if (m.index < skipUntil) continue;
    const name = m[1].toLowerCase();
    if (name === 'html' || name === 'head') continue;
    if (name === 'script' || name === 'style' || name === 'title' || name === 'noscript') {
      // Skip the element's raw content: a "<div>" inside a script is not markup.
      const close = html.toLowerCase().indexOf(`</${name}`, tag.lastIndex);
      skipUntil = close < 0 ? html.length : close;
      tag.lastIndex = skipUntil;
      continue;
    }
    if (!HEAD_ONLY.test(name)) return m.index;
  }
  return html.length;
}

/** Markup reshaped into `<!doctype html><html><head>…</head><body>…</body></html>`. */
export function reshape(html: string): string {
  // Comments first: pages keep old <body> tags in them, and conditional comments for old IE.
  html = html.replace(/<!--[\s\S]*?-->/g, '');
  let open: RegExpExecArray | null = null;
  for (const m of html.matchAll(OPEN_BODY)) {
    if (!m[1]) {
      open = m;
      break;
    }
  }
  let head: string;
  let body: string;
  let bodyTag = '<body>';
  if (open) {
    head = html.slice(0, open.index);
    bodyTag = open[0];
    let end = html.length;
    for (const m of html.matchAll(CLOSE_BODY)) end = m.index!;
    body = html.slice(open.index + open[0].length, end);
  } else {
    const at = bodyStart(html);
    head = html.slice(0, at);
    body = html.slice(at);
  }
  // The <html> tag's attributes (lang) are worth keeping; everything else around head and body goes.
  const htmlTag = /<html\b[^>]*>/i.exec(head)?.[0] ?? '<html>';
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
