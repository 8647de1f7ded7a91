// The standfirst (lead, intro, teaser paragraph) that Readability leaves out. News pages print it
// in the article's header, beside the title, outside the container that holds the body text, so
// Readability's one chosen container misses it. The page names it itself: its description
// metadata (og:description, description) is, on most news and blog pages, that very paragraph.
// The description only finds the paragraph; the text kept is the page's own visible text.
//
//   1. description   og:description, then description, then twitter:description
//   2. probe         its opening words (descriptions are often cut short with an ellipsis)
//   3. locate        the smallest element of the page body whose text holds the probe
//   4. check         a paragraph-sized element, not already in the extracted text, not inside
//                    navigation, a sidebar or a footer, and placed before the extracted text
//   5. result        its text, to go before the main text

const DESCRIPTION_NAMES = ['og:description', 'description', 'twitter:description'];

/** Descriptions shorter than this are slogans or labels, not a paragraph to look for. */
const MIN_DESCRIPTION = 40;
/** The probe: the description's opening, cut at a word end near this many characters. */
const PROBE = 90;
/** The element found may hold the description and a little more (a byline, a date), not a page. */
const MAX_GROWTH = 2;
const MAX_EXTRA = 200;
/** Containers a standfirst never sits in. */
const NOT_LEAD = new Set(['NAV', 'FOOTER', 'ASIDE', 'FORM', 'BUTTON', 'SELECT', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'A']);

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** 1. The page's own description of itself, when it reads like a paragraph. */
export function pageDescription(document: Document): string | undefined {
  const found: Record<string, string> = {};
  for (const el of document.querySelectorAll('meta')) {
    const name = (el.getAttribute('property') ?? el.getAttribute('name') ?? '').toLowerCase();
    const content = el.getAttribute('content');
    if (content && DESCRIPTION_NAMES.includes(name) && !(name in found)) found[name] = content;
  }
  for (const name of DESCRIPTION_NAMES) {
    const d = norm(found[name] ?? '');
    if (d.length >= MIN_DESCRIPTION) return d;
  }
  return undefined;
}

/** 2. The description's opening words, without a trailing ellipsis. */
function probeOf(description: string): string {
  const d = description.replace(/\s*(?:\.{3}|…|\[…\]|\[\.\.\.\])\s*$/u, '');
  if (d.length <= PROBE) return d;
  const cut = d.lastIndexOf(' ', PROBE);
  return d.slice(0, cut > PROBE / 2 ? cut : PROBE);
}

const textOf = (el: Element) => norm(el.textContent ?? '');

/** 3. The deepest element whose text holds the probe, by descent from the body. */
function locate(body: Element, probe: string): Element | undefined {
  if (!textOf(body).includes(probe)) return undefined;
  let at = body;
  for (;;) {
    let next: Element | undefined;
    for (const child of at.children) {
      if (textOf(child).includes(probe)) {
        next = child;
        break;
      }
    }
    if (!next) return at === body ? undefined : at;
    at = next;
  }
}

/** Document order of two elements (linkedom's compareDocumentPosition cannot be relied on). */
function precedes(a: Element, b: Element): boolean {
  const chain = (e: Element) => {
    const out: Element[] = [];
    for (let x: Element | null = e; x; x = x.parentElement) out.unshift(x);
    return out;
  };
  const ca = chain(a);
  const cb = chain(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  if (i === ca.length || i === cb.length) return false; // one holds the other
  const kids = [...ca[i - 1].children];
  return kids.indexOf(ca[i]) < kids.indexOf(cb[i]);
}

/**
 * The standfirst's text when the page has one that `extracted` (the main text found so far,
 * whitespace-normalised) lacks; `firstText` is the opening of the extracted text, to check
 * that the standfirst comes before it on the page.
 */
export function findLead(document: Document, extracted: string, firstText: string): { text: string; description: string } | undefined {
  const body = document.body;
  const description = pageDescription(document);
  if (!body || !description) return undefined;
  const probe = probeOf(description);
  if (extracted.includes(probe)) return undefined;
  const el = locate(body, probe);
  if (!el) return undefined;
  const text = textOf(el);
  if (text.length > MAX_GROWTH * description.length + MAX_EXTRA) return undefined;
  for (let x: Element | null = el; x; x = x.parentElement) if (NOT_LEAD.has(x.tagName.toUpperCase())) return undefined;
  if (extracted.includes(text.slice(0, PROBE))) return undefined;
  // The standfirst precedes the body text; a description found after it is a teaser elsewhere.
  const anchor = firstText ? locate(body, firstText) : undefined;
  if (anchor && !precedes(el, anchor)) return undefined;
  return { text, description };
}
