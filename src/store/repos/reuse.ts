// Repository for passage reuse links, the n-gram index and provenance groups (src/reuse).
// Implemented by each store (src/store/sqlite, later src/store/postgres) and checked by
// src/store/contract/reuse.contract.ts. Few methods, plain data in and out.

export type ReuseKind = 'quote' | 'text' | 'duplicate' | 'boilerplate';

/**
 * One shared passage between two articles. When the direction is known (`directed`), `a` is the
 * copy and `b` the source; otherwise the order means nothing.
 */
export interface ReuseLink {
  a: string;
  aStart: number;
  aEnd: number;
  b: string;
  bStart: number;
  bEnd: number;
  kind: ReuseKind;
  /** The copy credits the source (undirected: either credits the other). Details in data.credit. */
  credited: boolean;
  score: number;
  directed: boolean;
  data: Record<string, unknown>;
}

export interface ProvenanceMemberRow {
  article: string;
  /** "earliest", "copy" or "member" (order unknown). */
  role: string;
  data: Record<string, unknown>;
}

export interface ProvenanceGroupRow {
  id: string;
  kind: string;
  text: string;
  members: ProvenanceMemberRow[];
  /** earliest, drift and anything else about the group as a whole. */
  data: Record<string, unknown>;
}

/** Outlet → outlet: articles of `from` reused passages of `to` (direction known), or share them (`directed` false). */
export interface OutletEdge {
  from: string;
  to: string;
  directed: boolean;
  links: number;
  credited: number;
  /** Publication dates of the copies (min, max), null when none is dated. */
  first: string | null;
  last: string | null;
}

export interface ReuseRepo {
  /** Replace the index hashes of these articles (an empty list removes an article from the index). */
  setFingerprints(entries: { article: string; hashes: number[] | Int32Array }[]): Promise<void>;
  /** For each hash, the indexed articles holding it (hashes held by none are left out). */
  postings(hashes: number[]): Promise<{ hash: number; articles: string[] }[]>;
  /** How many articles are in the index. */
  indexed(): Promise<number>;
  /** Remove every link touching these articles, then add these links. */
  replaceLinks(articles: string[], links: ReuseLink[]): Promise<void>;
  /** Links touching one article, or all links. */
  links(filter?: { article?: string }): Promise<ReuseLink[]>;
  /**
   * Replace provenance groups: all of them, or (with `articles`) only the groups having any of
   * these articles as a member, leaving the others as they are.
   */
  replaceProvenance(groups: ProvenanceGroupRow[], scope?: { articles: string[] }): Promise<void>;
  /** Provenance groups, all or those with this article as a member. */
  provenance(filter?: { article?: string }): Promise<ProvenanceGroupRow[]>;
  /** Which outlets reuse which: counts, credit and dates, from the links and the articles' outlets. */
  outletGraph(): Promise<OutletEdge[]>;
  /** Forget the index, links and provenance (before a full recompute). */
  clear(): Promise<void>;
}

/** A stored reuse link as both stores read it back (SQLite gives 0/1, PostgreSQL booleans). */
export interface LinkRow {
  a_id: string;
  a_start: number;
  a_end: number;
  b_id: string;
  b_start: number;
  b_end: number;
  kind: string;
  credited: number | boolean;
  score: number;
  directed: number | boolean;
  data: string;
}

export const linkFromRow = (r: LinkRow): ReuseLink => ({
  a: r.a_id,
  aStart: r.a_start,
  aEnd: r.a_end,
  b: r.b_id,
  bStart: r.b_start,
  bEnd: r.b_end,
  kind: r.kind as ReuseKind,
  credited: !!r.credited,
  score: r.score,
  directed: !!r.directed,
  data: JSON.parse(r.data),
});
