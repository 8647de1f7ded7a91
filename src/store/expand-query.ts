// Search by entity, not only by spelling: when what the user typed is a known name of an entity
// (through the alias table: "Daesh", "ISIL", "Islamic State" are one entity), every other name of
// that entity is searched as well, so one query finds every article whatever it calls it.

import type { Store } from './store.ts';
import { normaliseAlias } from '../nlp/alias-norm.ts';

export interface QueryExpansion {
  /** The entities the query names. */
  entities: { id: string; name: string }[];
  /** Their other names, to be searched as whole phrases beside the query. */
  orPhrases: string[];
}

/** Longest query taken as a possible entity name; anything longer is a sentence, not a name. */
const MAX_NAME_WORDS = 6;

/**
 * The full-text index ignores case, so a short one-word name is also a common word there ("IS",
 * "US", "UN" match "is", "us", "un…"): such names are left out of the expansion. The user can
 * still type them, quoted or not.
 */
const ambiguous = (name: string) => !/\s/.test(name.trim()) && name.replace(/[^\p{L}\p{N}]/gu, '').length <= 3;

export async function expandQuery(store: Store, query: string): Promise<QueryExpansion> {
  const bare = query.replace(/"/g, ' ').trim();
  if (!bare || bare.split(/\s+/).length > MAX_NAME_WORDS) return { entities: [], orPhrases: [] };
  const entities: QueryExpansion['entities'] = [];
  const names = new Set<string>();
  for (const id of await store.entities.resolve(normaliseAlias(bare))) {
    const e = await store.entities.get(id);
    if (!e) continue;
    entities.push({ id: e.id, name: e.name });
    for (const n of [e.name, ...e.aliases]) names.add(n);
  }
  const typed = normaliseAlias(bare);
  return { entities, orPhrases: [...names].filter((n) => normaliseAlias(n) !== typed && !ambiguous(n)) };
}
