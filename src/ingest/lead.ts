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
//   6. named         no description to go by: the last element before the main text whose class
//                    or id names a standfirst (lead, intro, chapo, teaser…), worn by no other
//                    element, not in a list, and sharing a container with the main text that
//                    is not much larger than the two (a teaser box elsewhere on the page is not)

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

/** Elements whose text is not page text (a script's JSON can repeat the whole article). */
const HIDDEN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE']);

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
      if (HIDDEN.has(child.tagName.toUpperCase())) continue;
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

/** Class or id words that name a standfirst, as whole tokens or hyphen/underscore parts. */
const LEAD_NAMES = /(?:^|[\s_-])(?:lead|leader|intro|standfirst|chapo|abstract|summary|excerpt|deck|dek|bajada|teaser)(?:$|[\s_-])/i;
const MIN_LEAD = 40;
const MAX_LEAD = 800;
const MAX_LEAD_LINKS = 0.3;
/** The named standfirst and the main text share a container not much larger than the two. */
const MAX_SPREAD = 1.25;
const SPREAD_SLACK = 500;

const linkShare = (el: Element, length: number) => {
  let links = 0;
  for (const a of el.querySelectorAll('a')) links += norm(a.textContent ?? '').length;
  return links / Math.max(1, length);
};

function commonAncestor(a: Element, b: Element): Element | null {
  const seen = new Set<Element>();
  for (let x: Element | null = a; x; x = x.parentElement) seen.add(x);
  for (let x: Element | null = b; x; x = x.parentElement) if (seen.has(x)) return x;
  return null;
}

/** 6. Without a description to go by: the element named as a standfirst just before the main text. */
function namedLead(body: Element, extracted: string, anchor: Element): string | undefined {
  let best: string | undefined;
  const named = [...body.querySelectorAll('[class], [id]')].filter((el) => LEAD_NAMES.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`));
  // A page has one standfirst: a class worn by several elements marks a list of teasers.
  const classCount = new Map<string, number>();
  for (const el of named) {
    const c = el.getAttribute('class') ?? '';
    if (c) classCount.set(c, (classCount.get(c) ?? 0) + 1);
  }
  for (const el of named) {
    if ((classCount.get(el.getAttribute('class') ?? '') ?? 0) > 1 || !precedes(el, anchor)) continue;
    const text = textOf(el);
    if (text.length < MIN_LEAD || text.length > MAX_LEAD || linkShare(el, text.length) > MAX_LEAD_LINKS) continue;
    if (extracted.includes(text.slice(0, PROBE))) continue;
    let furniture = false;
    // Without the description's word for it, a list item is one teaser of many.
    for (let x: Element | null = el; x; x = x.parentElement) if (NOT_LEAD.has(x.tagName.toUpperCase()) || x.tagName.toUpperCase() === 'LI') furniture = true;
    if (furniture) continue;
    const shared = commonAncestor(el, anchor);
    if (!shared || textOf(shared).length > MAX_SPREAD * (extracted.length + text.length) + SPREAD_SLACK) continue;
    best = text;
  }
  return best;
}

/**
 * The standfirst's text when the page has one that `extracted` (the main text found so far,
 * whitespace-normalised) lacks; `firstText` is the opening of the extracted text, to check
 * that the standfirst comes before it on the page.
 */
export function findLead(document: Document, extracted: string, firstText: string): { text: string; evidence: string } | undefined {
  const body = document.body;
  if (!body) return undefined;
  const anchor = firstText ? locate(body, firstText) : undefined;
  const described = describedLead(document, body, extracted, anchor);
  if (described !== undefined) return described ? { text: described, evidence: 'page description' } : undefined;
  const named = anchor ? namedLead(body, extracted, anchor) : undefined;
  return named ? { text: named, evidence: 'element named as a standfirst' } : undefined;
}

/** 1–4: the described standfirst's text; '' when the description is already in the text (nothing to add, nothing more to look for); undefined when the description does not lead anywhere. */
function describedLead(document: Document, body: Element, extracted: string, anchor: Element | undefined): string | undefined {
  const description = pageDescription(document);
  if (!description) return undefined;
  const probe = probeOf(description);
  if (extracted.includes(probe)) return '';
  const el = locate(body, probe);
  if (!el) return undefined;
  const text = textOf(el);
  if (text.length > MAX_GROWTH * description.length + MAX_EXTRA) return undefined;
  for (let x: Element | null = el; x; x = x.parentElement) if (NOT_LEAD.has(x.tagName.toUpperCase())) return undefined;
  if (extracted.includes(text.slice(0, PROBE))) return '';
  // The standfirst precedes the body text; a description found after it is a teaser elsewhere.
  if (anchor && !precedes(el, anchor)) return undefined;
  return text;
}
