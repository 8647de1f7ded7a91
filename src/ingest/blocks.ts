// A second main-text extractor, for pages where Readability picks the wrong element (a cookie
// notice, an author box, a sidebar) or nothing at all. It works on text blocks rather than on
// one container, in the manner of jusText (Pomikálek 2011): the page is cut into blocks at
// block-level elements, each block is judged by its length and by how much of it is link text,
// and short blocks between good ones are kept for context (subheadings, short paragraphs).
//
//   1. walk          iterative walk (deep nesting cannot overflow the stack) that skips page
//                    furniture: scripts, navigation, forms, and containers whose class, id or
//                    role names furniture (cookie, comment, share, sidebar, ...)
//   2. classify      good (long, few links), bad (short or mostly links), near (in between)
//   3. context       near blocks and headings survive when a good block is next to them
//   4. result        the kept blocks, in page order, as paragraphs

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL', 'CAPTION', 'DETAILS', 'SUMMARY', 'CENTER',
]);
const HEADING = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'HEAD', 'BUTTON', 'SELECT', 'TEXTAREA',
  'NAV', 'FOOTER', 'ASIDE', 'FORM', 'MENU', 'RT', 'RP', 'LABEL', 'INPUT', 'TITLE',
]);
/** Class, id or role words that name page furniture rather than content. */
const FURNITURE =
  /(?:^|[\s_-])(?:cookies?|consent|gdpr|comments?|commentlist|respond|share|sharing|social|socials|related|sidebar|widget|widgets|footer|navbar|nav|navigation|menu|breadcrumbs?|newsletter|promo|advert|advertisement|ads|banner|popup|modal|subscribe|signup|login|teaser|recommended|tags|pagination|author-box|byline)(?:$|[\s_-])/i;
const FURNITURE_ROLE = /^(?:navigation|banner|contentinfo|complementary|dialog|search|menu)$/i;

/** Thresholds as jusText's defaults, in characters. */
const LONG = 70;
const SHORT = 25;
const MAX_LINK_DENSITY = 0.3;
const BAD_LINK_DENSITY = 0.5;

export interface Block {
  text: string;
  links: number;
  heading: boolean;
  cls?: 'good' | 'near' | 'bad';
}

const isFurniture = (el: Element): boolean => {
  const role = el.getAttribute('role');
  if (role && FURNITURE_ROLE.test(role)) return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return names.length > 1 && FURNITURE.test(names);
};

/** 1. The page's text blocks, furniture skipped. */
export function walkBlocks(root: Node, furniture = true): Block[] {
  const blocks: Block[] = [];
  let text = '';
  let links = 0;
  let heading = false;
  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) blocks.push({ text: t, links: Math.min(links, t.length), heading });
    text = '';
    links = 0;
    heading = false;
  };
  // Each entry: a node to enter, or a marker to leave a block (and, for links, an anchor depth).
  const stack: { node: Node; leaving: boolean; inLink: boolean }[] = [{ node: root, leaving: false, inLink: false }];
  while (stack.length) {
    const { node, leaving, inLink } = stack.pop()!;
    if (node.nodeType === 3) {
      const v = node.nodeValue ?? '';
      text += v;
      if (inLink) links += v.trim().length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (leaving) {
      if (BLOCK.has(tag)) flush();
      continue;
    }
    if (SKIP.has(tag) || (furniture && node !== root && isFurniture(el))) continue;
    if (tag === 'BR') {
      text += ' ';
      continue;
    }
    if (BLOCK.has(tag)) {
      flush();
      if (HEADING.has(tag)) heading = true;
    }
    stack.push({ node, leaving: true, inLink });
    const kids = el.childNodes;
    const link = inLink || tag === 'A';
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as Node, leaving: false, inLink: link });
  }
  flush();
  return blocks;
}

/** 2–3. Which blocks are main text. */
function classify(blocks: Block[]): Block[] {
  for (const b of blocks) {
    const density = b.links / b.text.length;
    if (density > BAD_LINK_DENSITY || b.text.length < SHORT) b.cls = 'bad';
    else if (b.text.length >= LONG && density <= MAX_LINK_DENSITY) b.cls = 'good';
    else b.cls = 'near';
  }
  const goodAt = (i: number) => blocks[i]?.cls === 'good';
  return blocks.filter((b, i) => {
    if (b.cls === 'good') return true;
    // A near block, or a short heading, between or beside good blocks belongs to the text.
    const nextGood = goodAt(i + 1) || (blocks[i + 1]?.cls === 'near' && goodAt(i + 2));
    if (b.heading && b.text.length <= 200 && b.links / b.text.length <= BAD_LINK_DENSITY) return nextGood;
    if (b.cls === 'near') return goodAt(i - 1) && nextGood;
    return false;
  });
}

/** 4. The main text of a page body as paragraphs, by text blocks. */
export function blockParagraphs(body: Node): string[] {
  return classify(walkBlocks(body)).map((b) => b.text);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The same as HTML paragraphs, the shape the cleaning step reads. */
export function blockHtml(body: Node): string {
  return blockParagraphs(body)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}
