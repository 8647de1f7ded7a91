// Turns what a user typed into a safe full-text query: words and "quoted phrases" are kept,
// every operator character is neutralised, so no input can raise a syntax error. Terms are ANDed.
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

export function toFtsQuery(input: string): string {
  return parseQuery(input)
    .phrases.map((p) => `"${p.join(' ')}"`)
    .join(' ');
}
