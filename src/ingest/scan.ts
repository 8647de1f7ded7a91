// One linear pass over markup, tag by tag, for the steps that look at a page before it is
// parsed. Comments and the raw text of script/style elements are stepped over with indexOf, so
// hostile input (an unclosed comment, thousands of unclosed <script> tags, "<a<a<a…") cannot
// turn a scan quadratic the way a lazy regex would.

export interface Tag {
  /** Lower-case tag name. */
  name: string;
  close: boolean;
  selfClosing: boolean;
  /** Offsets of the tag itself in the markup. */
  start: number;
  end: number;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template']);

/** Every tag, in order. Comments yield nothing; a raw-text element yields its open and close tags. */
export function* scanTags(html: string, lower: string = html.toLowerCase()): Generator<Tag> {
  const re = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*>|<!--/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      re.lastIndex = end < 0 ? html.length : end + 3;
      continue;
    }
    const name = m[2].toLowerCase();
    const tag: Tag = { name, close: m[1] === '/', selfClosing: m[0].endsWith('/>'), start: m.index, end: re.lastIndex };
    yield tag;
    if (!tag.close && !tag.selfClosing && RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, re.lastIndex);
      if (close < 0) {
        re.lastIndex = html.length;
        continue;
      }
      const gt = html.indexOf('>', close);
      re.lastIndex = gt < 0 ? html.length : gt + 1;
      yield { name, close: true, selfClosing: false, start: close, end: re.lastIndex };
    }
  }
}

/** The markup without comments (linear; an unclosed comment runs to the end, as in a browser). */
export function stripComments(html: string): string {
  if (!html.includes('<!--')) return html;
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const open = html.indexOf('<!--', at);
    if (open < 0) break;
    parts.push(html.slice(at, open));
    const end = html.indexOf('-->', open + 4);
    if (end < 0) {
      at = html.length;
      break;
    }
    at = end + 3;
  }
  parts.push(html.slice(at));
  return parts.join('');
}
