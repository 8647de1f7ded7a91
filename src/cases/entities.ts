// Entity names for article linking: a fact-check names a group once ("ISIS"), outlets many ways
// ("Daesh", "IS", "Islamic State"). The shared alias table (data/aliases.json, src/nlp/aliases.ts)
// gives the canonical names of the entities a text mentions, so that the name check of linking
// (index.ts) sees the same entity under whatever name each side used.

import { aliasTableFor, type AliasTable } from '../nlp/aliases.ts';
import { findEntities } from '../nlp/entities.ts';
import { loadLexicon, type Lexicon } from '../nlp/lexicon.ts';
import { fold } from './text.ts';

let shared: { table: AliasTable; lex: Lexicon } | null = null;

/** The canonical names of aliased entities in a text that the text does not already spell out. */
export function canonicalNames(text: string): string[] {
  shared ??= { table: aliasTableFor(), lex: loadLexicon() };
  const folded = fold(text);
  const names = new Set<string>();
  for (const m of findEntities(text, shared.table, shared.lex)) {
    if (m.method !== 'alias' || m.type === 'outlet') continue;
    if (!folded.includes(fold(m.name))) names.add(m.name);
  }
  return [...names];
}
