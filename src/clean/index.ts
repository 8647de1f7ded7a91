// Cleaning: one RawDoc in, one clean text out, with a log of what was dropped and why.
//
//   1. toParagraphs   HTML (page content, feed item, or a "text" body carrying markup) or plain
//                     text into paragraphs; entities decoded, whitespace normalised.
//   2. removeBoilerplate  comment forms, badges, codes, share prompts (rules in data/rules).
//   3. dropRepeatedTitle  a first paragraph that only repeats the title.
//   4. join           paragraphs separated by a blank line: the clean text every span indexes.

import type { RawDoc, Removed } from '../model.ts';
import { hasMarkup, htmlToParagraphs } from './html-to-text.ts';
import { type CompiledRule, removeBoilerplate } from './boilerplate.ts';

export interface Cleaned {
  title: string;
  text: string;
  removed: Removed[];
}

export const PARAGRAPH_BREAK = '\n\n';

/** Invisible and odd characters that only get in the way of matching. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function normaliseSpace(s: string): string {
  return s.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').trim();
}

/**
 * Plain text into paragraphs. Lines are paragraphs, except where the text is hard-wrapped
 * (a long line without final punctuation runs on into the next, as in wire copy), and an
 * indented line always starts a new paragraph.
 */
export function textToParagraphs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let current = '';
  let prevLen = 0;
  for (const raw of lines) {
    const line = normaliseSpace(raw);
    if (!line) {
      if (current) out.push(current);
      current = '';
      prevLen = 0;
      continue;
    }
    const indented = /^[ \t]{2,}\S/.test(raw);
    const wrapped = current && !indented && prevLen >= 55 && !/[.!?:"”’)]$/.test(current) ;
    // A line opening in lower case after one without final punctuation continues it, however
    // short that line was (wire copy puts the dateline on the first line, so it wraps early).
    const lowerRunOn = /^[a-z]/.test(line) && (prevLen >= 55 || !/[.!?:;"”’)]$/.test(current));
    const continues = current && !indented && (wrapped || lowerRunOn);
    if (continues) current += ' ' + line;
    else {
      if (current) out.push(current);
      current = line;
    }
    prevLen = raw.trimEnd().length;
  }
  if (current) out.push(current);
  return out;
}

export function toParagraphs(doc: RawDoc): string[] {
  if (doc.html) return htmlToParagraphs(doc.html).map(normaliseSpace).filter(Boolean);
  const text = doc.text ?? '';
  // Scraped "plain" text often still carries tags and entities; keep its line structure.
  if (hasMarkup(text)) return htmlToParagraphs(text.replace(/\r?\n/g, '<br>')).map(normaliseSpace).filter(Boolean);
  return textToParagraphs(text);
}

const titleKey = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function cleanDoc(doc: RawDoc, rules: CompiledRule[]): Cleaned {
  const title = normaliseSpace(doc.title ?? '');
  const { kept, removed } = removeBoilerplate(toParagraphs(doc), rules);
  if (title && kept.length && titleKey(kept[0]) === titleKey(title)) {
    removed.unshift({ text: kept.shift()!, rule: 'title-repeat', reason: 'repeats the title' });
  }
  return {
    title: title || (kept[0] ?? '').slice(0, 120),
    text: kept.join(PARAGRAPH_BREAK),
    removed,
  };
}
