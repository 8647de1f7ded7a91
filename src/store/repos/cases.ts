// Repository for known debunks (cases) and article-case matches (src/cases).
// Implemented by each store (src/store/sqlite, later src/store/postgres) and checked by
// src/store/contract/cases.contract.ts. Few methods, plain data: the matching index itself is
// built in memory by src/cases from `list`, and cached against `revision`.

/** One known debunk or fact-check, whatever database it came from. */
export interface CaseRecord {
  /** `<source>:<id in that source>`, e.g. "euvsdisinfo:us-trains-isis-in-syria", "politifact:vclaim-pol-00001". */
  id: string;
  /** The database it came from: "euvsdisinfo", "snopes", "politifact", "claimreview", or the user's --source. */
  source: string;
  /** The claim as the fact-checker states it (what a repeating article would say). */
  claim: string;
  title: string | null;
  /** The fact-check's own text (EUvsDisinfo disproof, PolitiFact article), when the source carries it. */
  text: string | null;
  url: string | null;
  /** ISO date (YYYY-MM-DD) of the claim or the fact-check. */
  date: string | null;
  /** The fact-checker's rating as published ("false", "pants-fire", "disinformation", ...). */
  verdict: string | null;
  /** Everything else the source carries (subtitle, speaker, keywords, outlets, languages, ...). */
  data: Record<string, unknown>;
}

/** An article linked to a case: the sentence (span of the clean text) that repeats the claim. */
export interface CaseMatch {
  articleId: string;
  caseId: string;
  score: number;
  start: number;
  end: number;
}

export interface CaseUpsertReport {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface CaseRepo {
  /**
   * Insert or update cases in one transaction. An incoming null field keeps the stored value and
   * `data` objects are merged key by key, so two exports of one database (one with the claim text,
   * one with the case URL) add up to one case; re-importing the same file changes nothing.
   */
  upsert(cases: CaseRecord[]): Promise<CaseUpsertReport>;
  /** The cases with these ids that exist, in the order asked. */
  get(ids: string[]): Promise<CaseRecord[]>;
  /** Cases in id order, paged by keyset (`after` = the last id of the previous page). */
  list(opts?: { source?: string; after?: string; limit?: number }): Promise<CaseRecord[]>;
  count(opts?: { source?: string }): Promise<number>;
  /** Changes whenever any case is inserted, updated or deleted: the key for cached indexes. */
  revision(): Promise<string>;
  /** Replace every stored match of this article (an empty list removes them). */
  setMatches(articleId: string, matches: Omit<CaseMatch, 'articleId'>[]): Promise<void>;
  /** Stored matches of these articles (all articles when omitted), best score first per article. */
  matches(articleIds?: string[]): Promise<CaseMatch[]>;
}

const MERGED_FIELDS = ['source', 'claim', 'title', 'text', 'url', 'date', 'verdict'] as const;

/** The stored case after an incoming one is applied: null fields keep the stored value, data merges. Every store uses this. */
export function mergeCase(old: CaseRecord | null, next: CaseRecord): CaseRecord {
  if (!old) return next;
  const merged: CaseRecord = { ...old, data: { ...old.data, ...next.data } };
  for (const f of MERGED_FIELDS) if (next[f] !== null && next[f] !== undefined) (merged as unknown as Record<string, unknown>)[f] = next[f];
  return merged;
}

/** The stored row both stores share (data as JSON text), and its mapping to a record. */
export type CaseRow = Omit<CaseRecord, 'data'> & { data: string };

export const caseFromRow = (r: CaseRow): CaseRecord => ({
  id: r.id, source: r.source, claim: r.claim, title: r.title, text: r.text, url: r.url, date: r.date, verdict: r.verdict, data: JSON.parse(r.data),
});
