// The export contract (DESIGN.md, "Export contract"), as types. Every field is always present:
// a stage that has not run gives null or [], never a missing key. export/schema.json is the same
// contract as a JSON Schema, and the tests validate real exports against it.

import type { Evidence, Removed, SourceRef } from '../model.ts';

export const CONTRACT_VERSION = 1;

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface ExportArticle {
  id: string;
  source: SourceRef;
  url: string | null;
  title: string;
  text: string;
  outlet: { name: string; entity: string; evidence: Evidence[] } | null;
  published: { date: string; evidence: Evidence[] } | null;
  removed: Removed[];
  sentences: { start: number; end: number }[];
  entities: { start: number; end: number; text: string; entity: string; type: string }[];
  quotes: Record<string, unknown>[];
  sourcing: Record<string, unknown> | null;
  dates: { start: number; end: number; text: string; date: string | null }[];
  reuse: Record<string, unknown>[];
  story: string | null;
  narrative: string | null;
  stance: { label: string; evidence: TextSpan[] } | null;
  matches: { case: string; score: number; span: TextSpan | null }[];
}

export interface ExportDocument {
  echotrace: number;
  generated: string;
  articles: ExportArticle[];
  entities: { id: string; name: string; type: string; aliases: string[] }[];
  outlets: { id: string; name: string; articles: number }[];
  provenance: Record<string, unknown>[];
  stories: Record<string, unknown>[];
  narratives: Record<string, unknown>[];
}
