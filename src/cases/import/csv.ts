// A small RFC 4180 CSV reader: quoted fields with doubled quotes, multi-line fields, CRLF or LF,
// any one-character delimiter. Each record carries the line it starts on, so a bad row can be
// reported as "file:line". R exports write missing values as the bare word NA: callers decide.

export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Guess the delimiter from the header line: the candidate seen most often outside quotes. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    if (n > bestCount) (best = d), (bestCount = n);
  }
  return best;
}

export function* parseCsv(text: string, delimiter = ','): Generator<CsvRecord> {
  let i = 0;
  let line = 1;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let atFieldStart = true;
    let quoted = false;
    for (;;) {
      if (i >= n) {
        fields.push(field);
        break;
      }
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') (field += '"'), (i += 2);
          else (quoted = false), i++;
        } else {
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        continue;
      }
      if (ch === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
        i++;
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
      } else if (ch === '\n' || ch === '\r') {
        fields.push(field);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        break;
      } else {
        field += ch;
        atFieldStart = false;
        i++;
      }
    }
    // A blank line is no record.
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: startLine, fields };
  }
}

/** Records as objects keyed by the header row (names trimmed and lower-cased). */
export function* csvObjects(text: string, delimiter = sniffDelimiter(text)): Generator<{ line: number; row: Record<string, string>; width: number; header: string[] }> {
  let header: string[] | null = null;
  for (const rec of parseCsv(text, delimiter)) {
    if (!header) {
      header = rec.fields.map((h) => h.trim().toLowerCase());
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((h, k) => (row[h] = rec.fields[k] ?? ''));
    yield { line: rec.line, row, width: rec.fields.length, header };
  }
}

export function csvHeader(text: string, delimiter = sniffDelimiter(text)): string[] {
  for (const rec of parseCsv(text.slice(0, 10_000), delimiter)) return rec.fields.map((h) => h.trim().toLowerCase());
  return [];
}
