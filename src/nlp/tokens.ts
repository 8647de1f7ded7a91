// Word tokens with their offsets: the unit the entity, quote and sourcing stages reason over.
// A trailing possessive ("Iraq’s", "battalions’") is split off the word and remembered, so the
// name "Iraq" is matched and the possessive tells the speaker finder it is a modifier.

export interface Token {
  start: number;
  end: number;
  /** The word as written, without a possessive ending. */
  text: string;
  lower: string;
  /** Starts with a capital letter (or a digit). */
  cap: boolean;
  /** Followed by a possessive ’s / s’. */
  poss: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:[.'’ʼ\-][\p{L}\p{N}]+)*\.?/gu;
const ABBREV_DOT = /^(?:\p{L}\.)+$/u; // U.S. keeps its last dot

let lastText: string | null = null;
let lastTokens: Token[] = [];

/** Tokens of a text; the last result is kept, since several stages tokenise the same article in turn. */
export function tokenize(text: string): Token[] {
  if (text === lastText) return lastTokens;
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let w = m[0];
    const start = m.index!;
    if (w.endsWith('.') && !ABBREV_DOT.test(w)) w = w.slice(0, -1);
    let poss = false;
    if (w.length > 3 && (w.endsWith("'s") || w.endsWith('’s'))) {
      w = w.slice(0, -2);
      poss = true;
    } else if ((text[start + w.length] === '’' || text[start + w.length] === "'") && /s$/.test(w) && !/\p{L}/u.test(text[start + w.length + 1] ?? '')) {
      poss = true; // plural possessive: battalions’
    }
    const c = w.charCodeAt(0);
    const cap = c < 128 ? (c >= 65 && c <= 90) || (c >= 48 && c <= 57) : /^[\p{Lu}\p{N}]/u.test(w);
    out.push({ start, end: start + w.length, text: w, lower: w.toLowerCase(), cap, poss });
  }
  lastText = text;
  lastTokens = out;
  return out;
}

/**
 * Binary search over indexes 0..n-1 ordered so that `before(i)` holds for a prefix: the first
 * index where it does not (n when it always does).
 */
export function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first token whose start is ≥ offset (binary search). */
export function tokenAt(tokens: Token[], offset: number): number {
  return lowerBound(tokens.length, (i) => tokens[i].start < offset);
}
