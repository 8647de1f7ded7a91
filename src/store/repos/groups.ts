// Repository for stories, narratives and their membership (src/group).
// Implemented by each store (src/store/sqlite, later src/store/postgres) and checked by
// src/store/contract/groups.contract.ts. Few methods, plain data: the clustering itself runs in
// memory in src/group; the store keeps per-article features, the groups and who belongs where.
// An article belongs to at most one story and at most one narrative.

/** A story: articles about one real-world event. */
export interface StoryRecord {
  id: string;
  label: string;
  /** Member article ids, in the order given. */
  articles: string[];
  /** Earliest and latest member dates (ISO), null when undated. */
  start: string | null;
  end: string | null;
  /** Evidence and extras: the names and words the members share, mean similarity, ... */
  data: Record<string, unknown>;
}

/** A narrative: a recurring claim across stories, outlets and months. */
export interface NarrativeRecord {
  id: string;
  label: string;
  /** The central claim in words ("us-military transfers/supports isis"). */
  claim: string;
  /** Key entity ids of the claim (actor, beneficiary, ...). */
  entities: string[];
  /** The sentence that states the claim best. */
  representative: { article: string; start: number; end: number } | null;
  /** Member article ids (their stories follow from story membership). */
  articles: string[];
  /** Evidence and extras: frames found per article, seed id, ... */
  data: Record<string, unknown>;
}

export interface GroupRepo {
  /** Insert or replace story features of these articles. */
  putFeatures(rows: { articleId: string; data: Record<string, unknown> }[]): Promise<void>;
  /** Stored features of these articles (all when omitted). */
  features(articleIds?: string[]): Promise<{ articleId: string; data: Record<string, unknown> }[]>;
  /**
   * Write stories in one transaction: each given story replaces the stored one with its id
   * (membership included; an article listed here leaves any other story). `deleteIds` are removed.
   * `replaceAll` removes every story first.
   */
  saveStories(stories: StoryRecord[], opts?: { deleteIds?: string[]; replaceAll?: boolean }): Promise<void>;
  /** Stories by id, or those holding any of these articles, or all; members in stored order. */
  stories(opts?: { ids?: string[]; articleIds?: string[] }): Promise<StoryRecord[]>;
  /** Replace every narrative and its membership in one transaction. */
  saveNarratives(narratives: NarrativeRecord[]): Promise<void>;
  /** Narratives by id, or those holding any of these articles, or all. */
  narratives(opts?: { ids?: string[]; articleIds?: string[] }): Promise<NarrativeRecord[]>;
}

/** The stored row shapes both stores share (JSON columns as text), and their mapping to records. */
export interface StoryRow {
  id: string;
  label: string;
  start: string | null;
  end: string | null;
  data: string;
}
export interface NarrativeRow {
  id: string;
  label: string;
  claim: string;
  entities: string;
  representative: string | null;
  data: string;
}

export const storyFromRow = (r: StoryRow, articles: string[]): StoryRecord => ({ id: r.id, label: r.label, start: r.start, end: r.end, articles, data: JSON.parse(r.data) });

export const narrativeFromRow = (r: NarrativeRow, articles: string[]): NarrativeRecord => ({
  id: r.id,
  label: r.label,
  claim: r.claim,
  entities: JSON.parse(r.entities),
  representative: r.representative ? JSON.parse(r.representative) : null,
  articles,
  data: JSON.parse(r.data),
});
