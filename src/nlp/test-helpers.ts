// Helpers for the nlp tests: run entities + quotes over a piece of real text.

import { aliasTableFor } from './aliases.ts';
import { findEntities } from './entities.ts';
import { loadLexicon } from './lexicon.ts';
import { buildDoc, findQuotes, type QuoteData } from './quotes.ts';

export function quotesOf(text: string, extraAliases: string[] = []): QuoteData[] {
  const data = new Map<string, unknown>();
  if (extraAliases.length) data.set('extra:aliases', extraAliases);
  const mentions = findEntities(text, aliasTableFor(data), loadLexicon());
  return findQuotes(buildDoc(text, mentions, null));
}

export function entitiesOf(text: string, extraAliases: string[] = []) {
  const data = new Map<string, unknown>();
  if (extraAliases.length) data.set('extra:aliases', extraAliases);
  return findEntities(text, aliasTableFor(data), loadLexicon()).map((m) => ({ ...m, text: text.slice(m.start, m.end) }));
}

export const quoteWith = (qs: QuoteData[], words: string) => qs.find((q) => q.content.text.includes(words));
