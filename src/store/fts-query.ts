// Turns what a user typed into a safe full-text query: words and "quoted phrases" are kept,
// every operator character is neutralised, so no input can raise a syntax error. Terms are ANDed;
// alternative phrases (an entity's other names) are ORed with the whole.
// Shared by the SQLite (FTS5) store; the PostgreSQL store maps the same terms to tsquery.

export interface QueryTerms {
  phrases: string[][];
}

export function parseQuery(input: string): QueryTerms {
  const phrases: string[][] = [];
  const re = /"([^"]*)"|([^\s"]+)/g;
  for (const m of input.normalize('NFC').matchAll(re)) {
    const words = (m[1] ?? m[2]).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length) phrases.push(words.map((w) => w.toLowerCase()));
  }
  return { phrases };
}

/** The FTS5 query: every phrase of the input (AND), or any of `orPhrases` as a whole phrase. */
export function toFtsQuery(input: string, orPhrases: string[] = []): string {
  const all = parseQuery(input).phrases.map((p) => `"${p.join(' ')}"`).join(' ');
  const alternatives = orPhrases.map((p) => parseQuery(p).phrases.flat()).filter((w) => w.length).map((w) => `"${w.join(' ')}"`);
  if (!all || !alternatives.length) return all;
  return [`(${all})`, ...alternatives].join(' OR ');
}
