// Small articles for the store contract suites: built by hand, not read from disk, so the
// contract checks the store and nothing else.

import type { Article, LayerResult } from '../../model.ts';

export function makeArticle(id: string, over: Partial<Article> = {}): Article {
  const text = over.text ?? `Officials in Northport said on Monday that the bridge ${id} would reopen.\n\nResidents welcomed the news.`;
  return {
    id,
    contentHash: over.contentHash ?? `hash-${id}-${text.length}`,
    source: { path: `fixtures/${id}.txt`, format: 'txt', line: null },
    url: null,
    title: `Bridge ${id} to reopen`,
    text,
    outlet: { id: 'northport-herald', name: 'Northport Herald', evidence: [{ method: 'record', text: 'Northport Herald' }] },
    published: { date: '2024-03-04', evidence: [{ method: 'record', text: '2024-03-04' }] },
    removed: [{ text: 'Leave a Reply', rule: 'comment-form', reason: 'comment form' }],
    ingestedAt: '2024-03-05T00:00:00.000Z',
    updatedAt: '2024-03-05T00:00:00.000Z',
    ...over,
  };
}

export function sentenceLayer(a: Article, version = 1): LayerResult {
  const spans = [...a.text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, data: {} }));
  return { layer: 'sentence', stage: 'sentences', version, spans };
}
