// What every importer returns: the cases it read, and the problems it skipped (file and line).

import type { CaseRecord } from '../../store/repos/cases.ts';

export interface ImportProblem {
  path: string;
  /** 1-based line where the bad record starts; null when the file as a whole is wrong. */
  line: number | null;
  message: string;
  /** "error" (default): a bad record, the import fails. "warning": skipped for a stated reason, not a failure. */
  level?: 'error' | 'warning';
}

export interface ImportResult {
  /** The format that was recognised, e.g. "euvsdisinfo-csv-2017", "checkthat-vclaims". */
  format: string;
  cases: CaseRecord[];
  problems: ImportProblem[];
  /** Records whose id came again later in the same file (merged into one case). */
  duplicates?: number;
}

export interface ImportOptions {
  /** Overrides the source name, which is also the id prefix. */
  source?: string;
}

/** Trimmed string, or null for empty, missing and R's "NA". */
export function str(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return null;
  const s = v.replace(/\s+/g, ' ').trim();
  return s && s !== 'NA' ? s : null;
}

/** Multi-paragraph text: keeps line breaks, trims, null when empty. */
export function body(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  return s && s !== 'NA' ? s : null;
}

/** WordPress-style slug, as EUvsDisinfo builds its case URLs from titles. */
export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘"“”«»]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Makes ids unique within one file the way EUvsDisinfo does: foo, foo-2, foo-3. */
export function uniqueIds(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  };
}

export function makeCase(c: Partial<CaseRecord> & Pick<CaseRecord, 'id' | 'source' | 'claim'>): CaseRecord {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.data ?? {})) if (v !== null && v !== undefined && !(Array.isArray(v) && !v.length)) data[k] = v;
  return { id: c.id, source: c.source, claim: c.claim, title: c.title ?? null, text: c.text ?? null, url: c.url ?? null, date: c.date ?? null, verdict: c.verdict ?? null, data };
}
