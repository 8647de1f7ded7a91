// The article rows both stores read back, and their mapping to Article and ArticleSummary:
// one place for the column-to-field rules, whatever SQL produced the row.

import type { Article, Removed } from '../model.ts';
import type { ArticleSummary } from './store.ts';

export interface ArticleRow {
  id: string;
  content_hash: string;
  url: string | null;
  outlet_id: string | null;
  outlet_name: string | null;
  outlet_evidence: string;
  published: string | null;
  published_evidence: string;
  title: string;
  text: string;
  source: string;
  ingested_at: string;
  updated_at: string;
}

export function rowToArticle(row: ArticleRow, removed: Removed[]): Article {
  return {
    id: row.id,
    contentHash: row.content_hash,
    source: JSON.parse(row.source),
    url: row.url,
    title: row.title,
    text: row.text,
    outlet: row.outlet_id ? { id: row.outlet_id, name: row.outlet_name ?? row.outlet_id, evidence: JSON.parse(row.outlet_evidence) } : null,
    published: row.published ? { date: row.published, evidence: JSON.parse(row.published_evidence) } : null,
    removed,
    ingestedAt: row.ingested_at,
    updatedAt: row.updated_at,
  };
}

/** A list row (article columns plus the text length as `chars`). */
export const summaryFromRow = (r: Pick<ArticleRow, 'id' | 'title' | 'url' | 'outlet_id' | 'outlet_name' | 'published'> & { chars: number }): ArticleSummary => ({
  id: r.id,
  title: r.title,
  url: r.url,
  outlet: r.outlet_id ? { id: r.outlet_id, name: r.outlet_name ?? r.outlet_id } : null,
  published: r.published,
  chars: r.chars,
});
