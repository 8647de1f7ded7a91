// The API as the UI sees it: typed fetch helpers and a hook that loads one URL. Everything shown
// comes from these JSON answers; article text is only ever rendered as text nodes.

import { useEffect, useState } from 'preact/hooks';

export interface OutletRef { id: string; name: string }
export interface ArticleSummary { id: string; title: string; url: string | null; outlet: OutletRef | null; published: string | null; chars: number }
export interface Page<T> { items: T[]; total: number | null; limit: number; offset: number; next: number | null }
export interface TextSpan { start: number; end: number; text: string }
export interface Evidence { method: string; text?: string; note?: string }
export interface Ref extends TextSpan { entity?: string | null }
export interface Quote {
  id: string;
  kind: 'direct' | 'partial' | 'indirect';
  content: TextSpan;
  cue: TextSpan | null;
  speaker: (TextSpan & { name: string | null; entity: string | null; role: string | null; anonymous: boolean }) | null;
  told_to: Ref | null;
  via: Ref[];
  sourcing: string | null;
}
export interface Reuse { other: string; span: TextSpan; other_span: TextSpan; kind: string; credited: boolean; score: number; diff: unknown[] }
export interface Match { case: string; score: number; span: TextSpan | null }
export interface Article {
  id: string;
  source: { path: string; format: string; line: number | null };
  url: string | null;
  title: string;
  text: string;
  outlet: { name: string; entity: string; evidence: Evidence[] } | null;
  published: { date: string; evidence: Evidence[] } | null;
  removed: { text: string; rule: string; reason: string }[];
  sentences: { start: number; end: number }[];
  entities: (TextSpan & { entity: string; type: string })[];
  quotes: Quote[];
  sourcing: Record<string, unknown> | null;
  dates: (TextSpan & { date: string | null })[];
  reuse: Reuse[];
  story: string | null;
  narrative: string | null;
  stance: { label: string; evidence: TextSpan[] } | null;
  matches: Match[];
}
export interface CaseRow { id: string; source: string; claim: string | null; title: string | null; url: string | null; date: string | null; verdict: string | null; text?: string | null }
export interface GroupRef { id: string; label: string; articles: number }
export interface ArticleDetail { article: Article; related: Record<string, ArticleSummary>; cases: Record<string, CaseRow>; groups: { story: GroupRef | null; narrative: GroupRef | null } }
export interface TimelinePoint { period: string; outlet: string | null; stance: string | null; count: number }
export interface Narrative {
  id: string; label: string; claim: string | null; entities: string[]; stories: string[];
  timeline: TimelinePoint[]; cases: string[]; articleCount: number; sample: ArticleSummary[]; entityNames?: Record<string, string>;
  representative?: { article: string; span: TextSpan } | null;
}
export interface Story { id: string; label: string; start?: string | null; end?: string | null; articleCount: number; sample: ArticleSummary[] }
export interface ProvMember { article: string; span: { start: number; end: number; text?: string }; published?: string | null; speaker?: string | null; told_to?: string | null; via?: string[]; credited?: boolean }
export interface Provenance {
  id: string; kind: string; text: string; members: ProvMember[];
  earliest: { article: string | null; confidence: number; evidence: unknown[] } | null;
  drift: { field: string; values: unknown[] }[];
  related: Record<string, ArticleSummary>;
}
export interface ReuseLink { article: ArticleSummary; other: ArticleSummary | null; link: Reuse }
export interface Outlet { id: string; name: string; hosts: string[]; articles: number }
export interface OutletEdge { source: string; target: string; directed: boolean; count: number; credited: number; first: string | null; last: string | null }
export interface OutletGraph { nodes: { id: string; name: string; articles: number; reused: number; reusedBy: number }[]; edges: OutletEdge[]; edgesTotal: number }
export interface Capabilities { entities: boolean; quotes: boolean; sourcing: boolean; reuse: boolean; provenance: boolean; stories: boolean; narratives: boolean; stance: boolean; cases: boolean }
export interface Stats { store: string; articles: number; outlets: number; layers: Record<string, number>; earliest: string | null; latest: string | null; capabilities: Capabilities; writable: boolean }
export interface SearchAnswer extends Page<{ id: string; title: string; snippet: string; score: number; outlet: OutletRef | null; published: string | null }> { also: { id: string; name: string; kind: string }[]; alsoSearched: string[] }

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(r.status, body?.error?.message ?? `${r.status} ${r.statusText}`);
  return body as T;
}

/** Build /api/x?a=1&b=2 from the defined parameters only. */
export function apiUrl(path: string, params: Record<string, string | number | undefined | null> = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/api/${path}${s ? `?${s}` : ''}`;
}

export type Load<T> = { data: T | null; error: ApiError | Error | null; loading: boolean };

/** Load a URL (null: nothing to load); reloads when the URL changes, ignoring stale answers. */
export function useApi<T>(url: string | null): Load<T> {
  const [state, set] = useState<Load<T>>({ data: null, error: null, loading: !!url });
  useEffect(() => {
    if (!url) return set({ data: null, error: null, loading: false });
    let live = true;
    set((s) => ({ data: s.data, error: null, loading: true }));
    getJson<T>(url).then(
      (data) => live && set({ data, error: null, loading: false }),
      (error: Error) => live && set({ data: null, error, loading: false }),
    );
    return () => void (live = false);
  }, [url]);
  return state;
}

/** Stats (with capabilities) are needed by most views: load once per page load. */
let statsPromise: Promise<Stats> | null = null;
export function useStats(): Stats | null {
  const [s, set] = useState<Stats | null>(null);
  useEffect(() => {
    (statsPromise ??= getJson<Stats>('/api/stats')).then(set, () => (statsPromise = null));
  }, []);
  return s;
}
