// Quotation-mark spans: where the text opens and closes a quotation, with curly or straight
// marks (and the `` '' of old wire copy). A quotation may run over several paragraphs: news style
// leaves the closing mark off a paragraph and reopens the next one, so an unclosed paragraph
// followed by one that opens with a mark continues the same quotation. Single quotes are left to
// the content (they are apostrophes, or quotes inside quotes).

export interface MarkSpan {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just after the closing mark. */
  end: number;
}

const OPEN = new Set(['“', '„', '«']);
const CLOSE = new Set(['”', '»']);
const MAX_CHARS = 6000;

function paragraphStartsWithOpen(text: string, nl: number): boolean {
  let i = nl;
  while (i < text.length && /\s/.test(text[i])) i++;
  const c = text[i];
  return OPEN.has(c) || c === '"' || (c === '`' && text[i + 1] === '`') || (c === "'" && text[i + 1] === "'");
}

export function findQuoteMarks(text: string): MarkSpan[] {
  const out: MarkSpan[] = [];
  let open = -1;
  let lineStart = true;
  const CAND = /[“„«”»"`'\n]/g;
  let prevEnd = 0;
  for (let m = CAND.exec(text); m; m = CAND.exec(text)) {
    let i = m.index;
    const c = text[i];
    if (lineStart && /\S/.test(text.slice(prevEnd, i))) lineStart = false;
    if (c === '\n') {
      if (open >= 0 && !paragraphStartsWithOpen(text, i + 1)) open = -1; // unclosed and not continued: a stray mark
      lineStart = true;
      prevEnd = i + 1;
      continue;
    }
    let mark: 'open' | 'close' | 'toggle' | null = null;
    let width = 1;
    // “Apparently not,“ he said: an opening mark after a clause's punctuation, with a space after it,
    // while a quotation is open, is a typed closing mark
    if (OPEN.has(c)) mark = open >= 0 && /[,.!?]/.test(text[i - 1] ?? '') && /\s/.test(text[i + 1] ?? '') ? 'close' : 'open';
    else if (CLOSE.has(c)) mark = 'close';
    else if (c === '"') mark = 'toggle';
    else if (c === '`' && text[i + 1] === '`') (mark = 'open'), (width = 2);
    else if (c === "'" && text[i + 1] === "'") (mark = 'toggle'), (width = 2);
    if (mark) {
      const continuation = lineStart && open >= 0; // reopening mark of a continued paragraph
      if (continuation) {
        // keep the quotation open
      } else if (mark === 'open' || (mark === 'toggle' && open < 0)) open = i;
      else if (open >= 0) {
        if (i + width - open <= MAX_CHARS && i > open + 1) out.push({ start: open, end: i + width });
        open = -1;
      }
      i += width - 1;
      CAND.lastIndex = i + 1;
    }
    if (c !== '\n') lineStart = false;
    prevEnd = i + 1;
  }
  return out;
}
