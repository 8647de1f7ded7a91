// Entities: people, organisations, places and outlets, each resolved to a canonical id.
//
// 1. Known names: at each capitalised word, the longest run of words whose normalised form is an
//    alias in the table (aliases.ts) wins; short capitals must match exactly.
// 2. Unknown names: a run of capitalised words (with name particles: al-, bin, Abu, Abdel…)
//    that the table does not know becomes an entity with a slug id. Titles in front ("Prime
//    Minister", "Spokesman") are left out of the name; the run's last word decides the type
//    (Council → org, Province → place, otherwise a person when it has two or more words).
// 3. Surnames: a person named in full once ("Mohammed Mahdi al-Bayati") and later by surname
//    ("al-Bayati", "Bayati") is one entity: the surname mention takes the full name's id. A word
//    the article also writes in lower case is not a surname ("Oil" after "Bryson Oil").

import type { ArticleStage, Span } from '../model.ts';
import { aliasTableFor, normWord, type AliasTable } from './aliases.ts';
import { entitySlug } from './alias-norm.ts';
import { loadLexicon, type Lexicon } from './lexicon.ts';
import { tokenize, type Token } from './tokens.ts';

export interface EntityMention {
  start: number;
  end: number;
  entity: string;
  type: string;
  /** The canonical name (table name, or the full name a surname points to). */
  name: string;
  /** "alias" (from the table), "pattern" (an unknown capitalised name), "surname" (linked to a full name). */
  method: 'alias' | 'pattern' | 'surname';
}

const JOIN = /^[ \t\u00a0]*$/; // words of one name are separated by spaces only

function isParticle(t: Token, lex: Lexicon) {
  return lex.particles.has(t.lower) || /^(?:al|el)-/i.test(t.text);
}
const nameWordCache = new WeakMap<Token, boolean>();

/** A word that can be part of a name: capitalised (not a function word, not all capitals, not "Arabic-language"), or al-X / el-X. */
function isNameWord(t: Token, lex: Lexicon): boolean {
  const c1 = t.lower.charCodeAt(2);
  const particle = c1 === 45 && (t.lower.startsWith('al-') || t.lower.startsWith('el-')); // al-, el-
  if (!t.cap) return particle && t.text.length > 3 && t.text[3] !== t.lower[3];
  let v = nameWordCache.get(t);
  if (v !== undefined) return v;
  const c0 = t.text.charCodeAt(0);
  if (particle) v = true;
  else if ((c0 >= 48 && c0 <= 57) || t.text.length < 2 || t.text === t.text.toUpperCase()) v = false;
  else if (t.text.includes('-') && /-\p{Ll}/u.test(t.text)) v = false; // "Arabic-language", "US-led": adjectives, not names
  else v = !lex.notNames.has(t.lower);
  nameWordCache.set(t, v);
  return v;
}

/** The longest alias starting at token i: [end token (exclusive), entity ids] or null. */
function matchAlias(text: string, tokens: Token[], i: number, table: AliasTable): [number, string[]] | null {
  const first = tokens[i];
  if (!first.cap && !/^(?:al|el)-/i.test(first.text)) return null;
  if (!normWord(first.text)) return null;
  let key = '';
  let best: [number, string[]] | null = null;
  for (let j = i; j < tokens.length && j < i + table.maxTokens; j++) {
    if (j > i && (!JOIN.test(text.slice(tokens[j - 1].end, tokens[j].start)) || tokens[j - 1].poss)) break;
    const w = normWord(tokens[j].text);
    if (!w) continue;
    key = key ? `${key} ${w}` : w;
    const ids = table.byNorm.get(key);
    if (!ids) {
      if (!table.prefixes.has(key)) break;
      continue;
    }
    const exact = table.exact.get(key);
    if (exact) {
      const surface = text.slice(first.start, tokens[j].end);
      if (!exact.has(surface)) continue;
    }
    best = [j + 1, ids];
  }
  return best;
}

/** A run of capitalised name words starting at i (particles allowed inside): end token (exclusive). */
function nameRun(text: string, tokens: Token[], i: number, lex: Lexicon): number {
  if (!isNameWord(tokens[i], lex)) return i;
  let j = i + 1;
  while (j < tokens.length && JOIN.test(text.slice(tokens[j - 1].end, tokens[j].start)) && !tokens[j - 1].poss) {
    const t = tokens[j];
    if (isNameWord(t, lex)) j++;
    else if (isParticle(t, lex) && j + 1 < tokens.length && tokens[j + 1].cap && JOIN.test(text.slice(t.end, tokens[j + 1].start))) j += 2;
    else break;
  }
  return j;
}

function typeOfRun(words: Token[], lex: Lexicon): string | null {
  const last = words.at(-1)!.lower;
  if (words.length < 2) return null;
  if (lex.orgHeads.has(last)) return 'org';
  if (lex.placeHeads.has(last) || lex.placeHeads.has(words[0].lower)) return 'place';
  return 'person';
}

/** Every tail of a full name ("mahdi bayati", "bayati") points back to it, unless another name already claims it. */
function registerSuffixes(surnames: Map<string, EntityMention>, words: Token[], m: EntityMention) {
  const norms = words.map((w) => normWord(w.text)).filter(Boolean);
  for (let k = 1; k < norms.length; k++) {
    const key = norms.slice(k).join(' ');
    const prior = surnames.get(key);
    if (!prior || prior.entity === m.entity) surnames.set(key, m);
  }
}

export function findEntities(text: string, table: AliasTable, lex: Lexicon, tokens = tokenize(text)): EntityMention[] {
  const out: EntityMention[] = [];
  const surnames = new Map<string, EntityMention>(); // normalised surname → the full-name mention
  const pending: { i: number; j: number }[] = []; // single capitalised words that may be surnames
  let i = 0;
  while (i < tokens.length) {
    let run = nameRun(text, tokens, i, lex);
    for (let k = i + 1; k < run; k++) if (matchAlias(text, tokens, k, table)) { run = k; break; }
    const alias = matchAlias(text, tokens, i, table);
    // A run longer than the alias that ends in an org/place head is its own name ("Anbar Salvation Council").
    if (alias && !(run > alias[0] && typeOfRun(tokens.slice(i, run), lex) !== 'person' && run - i >= 2)) {
      const [end, ids] = alias;
      const def = table.entities.get(ids[0])!;
      const m: EntityMention = { start: tokens[i].start, end: tokens[end - 1].end, entity: def.id, type: def.type, name: def.name, method: 'alias' };
      out.push(m);
      if (def.type === 'person') registerSuffixes(surnames, def.name.split(/\s+/).map((w) => ({ text: w }) as Token), m);
      i = end;
      continue;
    }
    if (run > i) {
      // Leave titles out of the name: "Prime Minister-designate Mustafa al-Kadhimi" → "Mustafa al-Kadhimi".
      let s = i;
      while (s < run - 1 && lex.titles.has(tokens[s].lower.replace(/-(?:designate|elect)$/, ''))) s++;
      // …but a body's name keeps its first words: "Oil Ministry", "Health Council" (only people carry titles).
      const whole = typeOfRun(tokens.slice(i, run), lex);
      if (s > i && (whole === 'org' || whole === 'place')) s = i;
      const words = tokens.slice(s, run);
      const type = typeOfRun(words, lex);
      if (type && s < run) {
        const name = text.slice(words[0].start, words.at(-1)!.end);
        const known = table.resolve(name)[0];
        const m: EntityMention = known
          ? { start: words[0].start, end: words.at(-1)!.end, entity: known.id, type: known.type, name: known.name, method: 'alias' }
          : { start: words[0].start, end: words.at(-1)!.end, entity: entitySlug(name), type, name, method: 'pattern' };
        out.push(m);
        if (m.type === 'person' && m.method === 'pattern') {
          const own = words.map((w) => normWord(w.text)).filter(Boolean).join(' ');
          const full = surnames.get(own);
          // A shorter name that is the tail of a full name seen before ("Abdel Hadi" after "Hassan Abdel Hadi").
          if (full && full.end - full.start > m.end - m.start) Object.assign(m, { entity: full.entity, name: full.name, method: 'surname' });
          else registerSuffixes(surnames, words, m);
        } else if (m.type === 'person') registerSuffixes(surnames, words, m);
      } else if (run - i === 1) pending.push({ i, j: run });
      i = run;
      continue;
    }
    i++;
  }
  // Surname mentions, wherever they are in the article (a later full name still claims them).
  // A word the article also writes in lower case is a common word capitalised by its place
  // ("Oil prices rose" after "Bryson Oil"), not a surname.
  const lower = pending.length ? new Set(tokens.filter((t) => t.text === t.lower).map((t) => t.lower)) : null;
  for (const { i } of pending) {
    const t = tokens[i];
    if (lower!.has(t.lower)) continue;
    const full = surnames.get(normWord(t.text));
    if (full) out.push({ start: t.start, end: t.end, entity: full.entity, type: 'person', name: full.name, method: 'surname' });
  }
  return out.sort((a, b) => a.start - b.start);
}

export const entityStage: ArticleStage = {
  name: 'entities',
  version: 2, // 2: countries in the alias table; common words and company names no longer surnames
  layer: 'entity',
  needs: [],
  run(article, _layers, ctx): Span[] {
    const table = aliasTableFor(ctx.data);
    const lex = loadLexicon((ctx.data.get('extra:lexicon') as string[] | undefined) ?? []);
    return findEntities(article.text, table, lex).map((m) => ({
      start: m.start,
      end: m.end,
      data: { entity: m.entity, type: m.type, name: m.name, method: m.method },
    }));
  },
};
