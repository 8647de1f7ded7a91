// The Store: everything echotrace keeps, behind one interface so that SQLite (embedded, the
// default) and PostgreSQL (shared, for teams) are interchangeable. Every implementation must pass
// the contract suites in ./contract. Methods are async because PostgreSQL is.
//
// The store is split into repositories along the architecture's rooms: `articles` (ingest and
// per-article layers) here, and one repository per corpus stage in ./repos, each with its own
// migration and contract suite.

import type { Article, LayerResult, Removed, Span } from '../model.ts';
import type { ReuseRepo } from './repos/reuse.ts';
import type { GroupRepo } from './repos/groups.ts';
import type { CaseRepo } from './repos/cases.ts';

export interface ArticleFilter {
  outlet?: string;
  /** Inclusive ISO date bounds on `published`. */
  from?: string;
  to?: string;
  /** Article ids restricted to these (used by narrative/story/entity filters). */
  ids?: string[];
  /** Only articles mentioning this entity id (entity layer). */
  entity?: string;
  limit?: number;
  offset?: number;
}

export interface ArticleSummary {
  id: string;
  title: string;
  url: string | null;
  outlet: { id: string; name: string } | null;
  published: string | null;
  chars: number;
}

export interface SearchHit {
  id: string;
  title: string;
  /** A passage around the best match, with matched terms wrapped in [ and ]. */
  snippet: string;
  score: number;
}

export interface EntityRecord {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  data?: Record<string, unknown>;
}

export interface OutletRecord {
  id: string;
  name: string;
  hosts: string[];
  articles: number;
}

export interface StoreStats {
  articles: number;
  outlets: number;
  layers: Record<string, number>;
  removed: number;
  earliest: string | null;
  latest: string | null;
  /** Row counts of the corpus-stage tables, by name. */
  corpus: Record<string, number>;
}

export type PutOutcome = 'inserted' | 'updated' | 'unchanged';

export interface ArticleRepo {
  /**
   * Write an article and all its layers in one transaction. Same id and same content hash with
   * every layer at its current stage version: nothing is written ("unchanged").
   */
  put(article: Article, layers: LayerResult[]): Promise<PutOutcome>;
  /** The stored content hash and layer versions, to decide whether work is needed. */
  fingerprint(id: string): Promise<{ contentHash: string; versions: Record<string, number> } | null>;
  get(id: string): Promise<Article | null>;
  /** All layers of an article, or only the named ones. */
  layers(id: string, names?: string[]): Promise<Record<string, Span[]>>;
  /** Replace one layer of one article (corpus stages write `stance` this way). */
  putLayer(id: string, result: LayerResult): Promise<void>;
  list(filter?: ArticleFilter): Promise<ArticleSummary[]>;
  count(filter?: ArticleFilter): Promise<number>;
  /** Every article id, in ingest order. */
  ids(): Promise<string[]>;
  removed(id: string): Promise<Removed[]>;
  /**
   * Ranked full-text search. `orPhrases`: phrases any of which may match instead of the query
   * (an entity's other names, so "Daesh" also finds "ISIS"; see src/store/expand-query.ts).
   */
  search(query: string, opts?: { limit?: number; offset?: number; orPhrases?: string[] }): Promise<SearchHit[]>;
  delete(id: string): Promise<boolean>;
}

export interface EntityRepo {
  /** Insert or replace entities with their aliases (alias table from data files, plus discovered ones). */
  upsert(entities: EntityRecord[], source: string): Promise<void>;
  get(id: string): Promise<EntityRecord | null>;
  list(opts?: { type?: string; limit?: number; offset?: number }): Promise<EntityRecord[]>;
  /** Entity ids whose normalised alias equals this one. */
  resolve(aliasNorm: string): Promise<string[]>;
}

export interface OutletRepo {
  upsert(outlet: { id: string; name: string; hosts?: string[]; entityId?: string }): Promise<void>;
  list(): Promise<OutletRecord[]>;
}

export interface Store {
  /** "sqlite" or "postgres": for messages and for the few places SQL differs. */
  readonly kind: string;
  /** Where it lives (file path, or a connection string without the password). */
  readonly location: string;
  articles: ArticleRepo;
  entities: EntityRepo;
  outlets: OutletRepo;
  reuse: ReuseRepo;
  groups: GroupRepo;
  cases: CaseRepo;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
  /**
   * Optional: group the per-article transactions that follow into one commit, until
   * commitBatch(). Each put still lands whole or not at all (a savepoint inside the batch);
   * batching only saves the per-commit cost (the FTS5 segment flush). Bulk ingest uses it.
   */
  beginBatch?(): void;
  commitBatch?(): void;
  /** Optional: how many puts may be in flight at once (a store with a connection pool); one when absent. */
  readonly concurrentPuts?: number;
  /**
   * Optional: a value that changes whenever another connection (another process) committed to
   * the store since the last call, and only then. Readers that cache what they built from the
   * store (the server's corpus sections) use it instead of guessing with a time limit.
   */
  changeToken?(): string;
}
