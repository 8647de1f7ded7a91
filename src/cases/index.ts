// Known debunks, the room's public face: the matcher built from a store's cases (cached per store
// and revision), matching an article sentence by sentence, and the case ids linked to articles
// (for narratives: `casesForArticles`). See docs/cases.md.

import type { Article, Span } from '../model.ts';
import type { Store } from '../store/store.ts';
import type { CaseRecord } from '../store/repos/cases.ts';
import { splitSentences } from '../nlp/sentences.ts';
import { fold, names, tokens } from './text.ts';
import { canonicalNames as canonicalNamesOf } from './entities.ts';
import { CaseMatcher, loadConfig, loadModel, type CaseHit, type MatcherConfig } from './matcher.ts';
import type { RerankModel } from './rerank.ts';

export { CaseMatcher } from './matcher.ts';
export type { CaseHit } from './matcher.ts';

const PAGE = 2000;
/** Per sentence, how many cases are considered for linking. */
const PER_SENTENCE = 3;
/** Sentences shorter than this (content words) say too little to stand for a claim. */
const MIN_SENTENCE_TOKENS = 4;

const cache = new Map<string, { revision: string; matcher: Promise<CaseMatcher> }>();

export async function allCases(store: Store): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  for (let after: string | undefined; ; ) {
    const page = await store.cases.list({ after, limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1].id;
  }
}

/** The matcher over every case in the store, rebuilt only when the cases changed. */
export async function loadMatcher(store: Store, opts: { config?: MatcherConfig; model?: RerankModel | null } = {}): Promise<CaseMatcher> {
  const revision = await store.cases.revision();
  const key = store.location;
  const hit = cache.get(key);
  if (!opts.config && opts.model === undefined && hit && hit.revision === revision) return hit.matcher;
  const matcher = allCases(store).then((cases) => new CaseMatcher(cases, opts.config ?? loadConfig(), opts.model === undefined ? loadModel() : opts.model));
  if (!opts.config && opts.model === undefined) cache.set(key, { revision, matcher });
  return matcher;
}

export interface SentenceMatch {
  /** The sentence (offsets into the clean text). */
  start: number;
  end: number;
  text: string;
  /** One sentence, or two neighbouring ones. */
  single: boolean;
  hits: CaseHit[];
}

export interface ArticleCaseLink {
  caseId: string;
  score: number;
  start: number;
  end: number;
  text: string;
  /** Whether it passes the link threshold (stored links are those that do). */
  linked: boolean;
}

/**
 * Every sentence of an article ranked against the cases: which sentence matches which case. A
 * claim is often spread over two sentences ("X accused Halvard of ... . The group says the men are
 * ..."), so each pair of neighbouring sentences is also tried, as one span.
 */
export function matchSentences(
  matcher: CaseMatcher,
  article: Pick<Article, 'text' | 'published'>,
  sentences?: { start: number; end: number }[],
  top = PER_SENTENCE,
  entities: Span[] = [],
): SentenceMatch[] {
  const spans = (sentences?.length ? sentences : splitSentences(article.text)).filter((s) => (article.text.slice(s.start, s.end).match(/[\p{L}\p{N}]+/gu) ?? []).length >= MIN_SENTENCE_TOKENS);
  const windows = [...spans.map((s) => ({ start: s.start, end: s.end, single: true })), ...spans.slice(1).map((s, i) => ({ start: spans[i].start, end: s.end, single: false }))];
  return windows.map((w) => {
    const text = article.text.slice(w.start, w.end);
    return { start: w.start, end: w.end, text, single: w.single, hits: matcher.match({ text: text + canonicalNames(article.text, entities, w), date: article.published?.date ?? null }, { top }) };
  });
}

/**
 * The words of the names a text mentions: capitalised words past a sentence start, and the
 * canonical names of the entities the alias table finds. A claim about Russian troops in Ukraine
 * is not repeated by a sentence about US troops in Iraq, however many other words they share.
 */
function nameWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const n of [...names(text), ...canonicalNamesOf(text).flatMap((n) => n.split(/\s+/))]) for (const t of tokens(n)) out.add(t);
  return out;
}

/** Both sides name someone, and not the same one: not a repeat. Either side unnamed: no objection. */
function sharesName(a: Set<string>, b: Set<string>): boolean {
  if (!a.size || !b.size) return true;
  for (const w of a) if (b.has(w)) return true;
  return false;
}

/**
 * The canonical names of the entities mentioned in a span under another name ("Raya Brigades" →
 * "Ansar al-Raya"), from the entity layer's alias resolution: a fact-check names the group once,
 * the outlets under many names.
 */
function canonicalNames(text: string, entities: Span[], w: { start: number; end: number }): string {
  const names = new Set<string>();
  for (const e of entities) {
    const name = e.data.name;
    if (e.start < w.start || e.end > w.end || typeof name !== 'string') continue;
    if (fold(text.slice(e.start, e.end)) !== fold(name)) names.add(name);
  }
  return names.size ? '\n' + [...names].join('\n') : '';
}

/**
 * The cases an article repeats: for each case, its best sentence. A case is linked when the
 * re-ranker's probability reaches `linkThreshold` and the sentence holds at least
 * `linkMinCoverage` of the case claim's weighted words (so a topical neighbour is not a link).
 */
export function linkArticle(matcher: CaseMatcher, sentences: SentenceMatch[]): ArticleCaseLink[] {
  const best = new Map<string, ArticleCaseLink>();
  const { linkThreshold, linkMinCoverage } = matcher.config;
  const caseNames = new Map<string, Set<string>>();
  const namesOfCase = (c: CaseRecord) => caseNames.get(c.id) ?? caseNames.set(c.id, nameWords(`${c.claim}\n${c.title ?? ''}`)).get(c.id)!;
  // A single sentence that links is the better evidence than a pair that scores a little higher.
  const rank = (l: ArticleCaseLink, single: boolean) => l.score + (l.linked ? 1 : 0) + (single ? 0.05 : 0);
  const rankOf = new Map<string, number>();
  for (const s of sentences)
    for (const h of s.hits) {
      const linked = h.score >= linkThreshold && (h.evidence.case_cov ?? 1) >= linkMinCoverage && sharesName(nameWords(s.text), namesOfCase(h.case));
      const link = { caseId: h.case.id, score: h.score, start: s.start, end: s.end, text: s.text, linked };
      const r = rank(link, s.single);
      if (r > (rankOf.get(h.case.id) ?? -1)) (best.set(h.case.id, link), rankOf.set(h.case.id, r));
    }
  return [...best.values()].sort((a, b) => Number(b.linked) - Number(a.linked) || b.score - a.score);
}

/** Matches and stores the links of these articles (all their previous links replaced). */
export async function linkArticles(store: Store, ids: string[], matcher?: CaseMatcher): Promise<{ articles: number; links: number }> {
  const m = matcher ?? (await loadMatcher(store));
  let links = 0;
  let articles = 0;
  for (const id of ids) {
    const a = await store.articles.get(id);
    if (!a) continue;
    const layers = await store.articles.layers(id, ['sentence', 'entity']);
    const found = m.cases.length ? linkArticle(m, matchSentences(m, a, layers.sentence, PER_SENTENCE, layers.entity)).filter((l) => l.linked) : [];
    await store.cases.setMatches(id, found.map((l) => ({ caseId: l.caseId, score: Math.round(l.score * 1e4) / 1e4, start: l.start, end: l.end })));
    links += found.length;
    if (found.length) articles++;
  }
  return { articles, links };
}

/**
 * The case ids linked to any of these articles, best-linked first (for narratives: "the cases
 * this narrative repeats"). Reads the stored links; the cases corpus stage keeps them current.
 */
export async function casesForArticles(store: Store, ids: string[]): Promise<string[]> {
  const best = new Map<string, number>();
  for (const m of await store.cases.matches(ids)) best.set(m.caseId, Math.max(best.get(m.caseId) ?? 0, m.score));
  return [...best.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
}
