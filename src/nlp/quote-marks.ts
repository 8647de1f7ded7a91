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

/** Longest inner quotation read as nested, characters. */
const NESTED_MAX = 80;

/**
 * Where an opening mark at `i`, inside an open quotation, closes as a quotation nested in it: its
 * closing mark comes within NESTED_MAX characters and the paragraph still has the outer one's
 * closing mark after it. 0 when it does not (then it is a new quotation: the outer one was left open).
 */
function nestedPair(text: string, i: number, open: number): number {
  // Both searches are bounded (the inner mark within NESTED_MAX, the outer within the longest
  // quotation), so a paragraph of thousands of marks stays linear.
  let inner = -1;
  for (let j = i + 1; j < text.length && j <= i + NESTED_MAX; j++) {
    const c = text[j];
    if (c === '\n' || c === '“') return 0;
    if (c === '”') {
      inner = j;
      break;
    }
  }
  if (inner < 0) return 0;
  for (let j = inner + 1; j < text.length && j < open + MAX_CHARS; j++) {
    const c = text[j];
    if (c === '\n') return 0;
    if (c === '”') return inner + 1;
  }
  return 0;
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
    // ”Mr. Trump embodies …” at the start of a paragraph: a closing mark typed for an opening one
    else if (CLOSE.has(c)) mark = lineStart && open < 0 && /\p{L}/u.test(text[i + 1] ?? '') ? 'open' : 'close';
    else if (c === '"') mark = 'toggle';
    else if (c === '`' && text[i + 1] === '`') (mark = 'open'), (width = 2);
    else if (c === "'" && text[i + 1] === "'") (mark = 'toggle'), (width = 2);
    const nested = mark === 'open' && c !== '`' && open >= 0 && !lineStart ? nestedPair(text, i, open) : 0;
    if (nested) {
      // “… what he calls “hell” than live …”: a quotation inside a quotation in double marks; the outer one goes on
      CAND.lastIndex = nested;
      prevEnd = CAND.lastIndex;
      continue;
    }
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
