// The alias table: canonical entities (data/aliases.json, the outlet table, user files) and the
// names they go by, indexed by normalised token sequence for matching over text. Short all-caps
// aliases (IS, US, PMF) only match in capitals, so "is" the verb and "us" the pronoun never do.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseAlias } from './alias-norm.ts';
import type { OutletTable } from '../meta/outlets.ts';
import { loadOutlets } from '../meta/outlets.ts';

export interface EntityDef {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  /** Which file it came from (shipped, outlets, or a user file). */
  source: string;
}

export interface AliasTable {
  entities: Map<string, EntityDef>;
  /** Normalised alias → entity ids (more than one means the name is ambiguous). */
  byNorm: Map<string, string[]>;
  /** Normalised aliases that must match exactly as written (short capitals): norm → surface forms. */
  exact: Map<string, Set<string>>;
  /** Every proper prefix of a normalised alias ("hashd" for "hashd shabi"), so matching stops early. */
  prefixes: Set<string>;
  /** Longest alias in tokens. */
  maxTokens: number;
  resolve(name: string): EntityDef[];
}

export const SHIPPED_ALIASES = fileURLToPath(new URL('../../data/aliases.json', import.meta.url));

/** Normalise one word the way normaliseAlias treats it inside a name ("al-Sha’abi" → "shabi"; "al" → ""). */
const wordCache = new Map<string, string>();
export function normWord(w: string): string {
  let n = wordCache.get(w);
  if (n === undefined) {
    n = /^(?:al|el|the)$/i.test(w) ? '' : normaliseAlias(w);
    if (wordCache.size < 200_000) wordCache.set(w, n);
  }
  return n;
}

const isExactForm = (alias: string) => /^[\p{Lu}.]{1,5}$/u.test(alias) && alias.replace(/\./g, '').length <= 4;

function readEntities(file: string): EntityDef[] {
  let parsed: { entities?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read the alias table (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed.entities)) throw new Error(`${file}: expected {"entities": [...]} (shape: data/aliases.json)`);
  return parsed.entities.map((e: Partial<EntityDef>, i: number) => {
    if (!e || typeof e.id !== 'string' || typeof e.name !== 'string') throw new Error(`${file}: entity ${i + 1} needs an "id" and a "name"`);
    if (e.aliases !== undefined && !Array.isArray(e.aliases)) throw new Error(`${file}: entity ${i + 1} ("${e.id}"): "aliases" must be a list of names`);
    return { id: e.id, name: e.name, type: typeof e.type === 'string' ? e.type : 'other', aliases: (e.aliases ?? []).map(String), source: file };
  });
}

export function buildAliasTable(defs: EntityDef[]): AliasTable {
  const entities = new Map<string, EntityDef>();
  for (const d of defs) {
    const prior = entities.get(d.id);
    if (prior) prior.aliases = [...new Set([...prior.aliases, d.name, ...d.aliases])].filter((a) => a !== prior.name);
    else entities.set(d.id, { ...d, aliases: [...new Set(d.aliases)] });
  }
  const byNorm = new Map<string, string[]>();
  const exact = new Map<string, Set<string>>();
  let maxTokens = 1;
  const prefixes = new Set<string>();
  for (const e of entities.values()) {
    for (const alias of [e.name, ...e.aliases]) {
      const norm = alias
        .split(/\s+/)
        .map(normWord)
        .filter(Boolean)
        .join(' ');
      if (!norm) continue;
      maxTokens = Math.max(maxTokens, alias.split(/[\s]+/).length + 1);
      const words = norm.split(' ');
      for (let k = 1; k < words.length; k++) prefixes.add(words.slice(0, k).join(' '));
      const ids = byNorm.get(norm) ?? [];
      if (!ids.includes(e.id)) ids.push(e.id);
      byNorm.set(norm, ids);
      if (isExactForm(alias)) (exact.get(norm) ?? exact.set(norm, new Set()).get(norm)!).add(alias);
    }
  }
  // A name listed both as an exact form and as a longer ordinary spelling ("U.S." vs "us") stays exact.
  return {
    entities,
    byNorm,
    exact,
    prefixes,
    maxTokens,
    resolve(name) {
      const norm = name
        .split(/\s+/)
        .map(normWord)
        .filter(Boolean)
        .join(' ');
      return (byNorm.get(norm) ?? []).map((id) => entities.get(id)!);
    },
  };
}

/** Entities from the outlet table, typed "outlet", with the outlet's names as aliases. */
function outletEntities(outlets: OutletTable): EntityDef[] {
  return outlets.entries.map((o) => ({ id: o.id, name: o.name, type: 'outlet', aliases: [...o.aliases], source: 'outlets' }));
}

const tableCache = new WeakMap<object, AliasTable>();
let defaultTable: AliasTable | null = null;

/** The alias table for a run: outlets, shipped aliases, then user files (ctx.data 'extra:aliases'). */
export function aliasTableFor(data?: Map<string, unknown>): AliasTable {
  if (data) {
    const hit = tableCache.get(data);
    if (hit) return hit;
  }
  const extra = (data?.get('extra:aliases') as string[] | undefined) ?? [];
  const outlets = (data?.get('outlets') as OutletTable | undefined) ?? null;
  let table: AliasTable;
  if (!extra.length && !outlets && defaultTable) table = defaultTable;
  else {
    table = buildAliasTable([...outletEntities(outlets ?? loadOutlets()), ...readEntities(SHIPPED_ALIASES), ...extra.flatMap(readEntities)]);
    if (!extra.length && !outlets) defaultTable = table;
  }
  if (data) tableCache.set(data, table);
  return table;
}

export { readEntities };
