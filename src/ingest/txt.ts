// Plain-text articles: the first non-empty line is the title, the rest is the body (the layout of
// the sample articles and of the BBC collection).

import type { RawDoc, SourceRef } from '../model.ts';

export function readTxt(text: string, id: string, source: SourceRef): RawDoc {
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new Error('the file is empty (no title line, no body)');
  return {
    id,
    source,
    title: lines[first].trim(),
    text: lines.slice(first + 1).join('\n'),
  };
}
