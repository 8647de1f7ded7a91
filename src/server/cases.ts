// Known debunks (cases) and their matches to articles, read through the store's cases repository.
// The repository pages by keyset and has no text search, so the server keeps a light list of the
// cases (id, source, claim, title, date, verdict) cached against the repository's `revision`, and
// pages and filters that; full records come from `get`.

import type { Store } from '../store/store.ts';
import type { CaseRecord } from '../store/repos/cases.ts';

export interface CaseRow {
  id: string;
  source: string;
  claim: string | null;
  title: string | null;
  url: string | null;
  date: string | null;
  verdict: string | null;
  text?: string | null;
  data?: Record<string, unknown>;
}

export interface MatchRow {
  article: string;
  case: string;
  score: number;
  span: { start: number; end: number; text: string } | null;
}

const PAGE = 1000;
const cache = new WeakMap<Store, { revision: string; rows: CaseRow[] }>();

const light = (c: CaseRecord): CaseRow => ({ id: c.id, source: c.source, claim: c.claim, title: c.title, url: c.url, date: c.date, verdict: c.verdict });

async function allCases(store: Store): Promise<CaseRow[]> {
  const revision = await store.cases.revision();
  const hit = cache.get(store);
  if (hit && hit.revision === revision) return hit.rows;
  const rows: CaseRow[] = [];
  for (let after: string | undefined; ; ) {
    const page = await store.cases.list({ after, limit: PAGE });
    rows.push(...page.map(light));
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  cache.set(store, { revision, rows });
  return rows;
}

/** A page of cases, optionally only those whose claim, title or id contains every word of `q`. */
export async function listCases(store: Store, q: string | undefined, limit: number, offset: number): Promise<{ items: CaseRow[]; total: number }> {
  const all = await allCases(store);
  const words = (q ?? '').toLowerCase().replace(/"/g, '').split(/\s+/).filter(Boolean);
  const hits = words.length ? all.filter((c) => words.every((w) => `${c.id} ${c.claim ?? ''} ${c.title ?? ''}`.toLowerCase().includes(w))) : all;
  return { items: hits.slice(offset, offset + limit), total: hits.length };
}

export async function getCase(store: Store, id: string): Promise<CaseRow | null> {
  const [c] = await store.cases.get([id]);
  return c ? { ...c } : null;
}

/** Matches of one case to stored articles, best first, with the matched text. */
export async function matchesOfCase(store: Store, id: string): Promise<MatchRow[]> {
  const ms = (await store.cases.matches()).filter((m) => m.caseId === id).sort((a, b) => b.score - a.score);
  const out: MatchRow[] = [];
  for (const m of ms) {
    const a = await store.articles.get(m.articleId);
    out.push({ article: m.articleId, case: m.caseId, score: m.score, span: a ? { start: m.start, end: m.end, text: a.text.slice(m.start, m.end) } : null });
  }
  return out;
}

/** Titles of these cases, for labelling an article's matches. */
export async function caseLabels(store: Store, ids: string[]): Promise<Record<string, CaseRow>> {
  if (!ids.length) return {};
  return Object.fromEntries((await store.cases.get(ids)).map((c) => [c.id, light(c)]));
}
