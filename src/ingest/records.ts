// JSON records, one per line (JSONL) or as an array (JSON):
//   {id?, url?, outlet?, published?, title?, text?, html?}
// The record's id is kept as the article id; without one the file stem and line number stand in.
// A bad line is reported with its line number and the rest of the file goes on.

import type { IngestProblem, RawDoc, SourceRef } from '../model.ts';

const FIELDS = ['id', 'url', 'outlet', 'published', 'title', 'text', 'html'] as const;

function toDoc(rec: unknown, fallbackId: string, source: SourceRef): RawDoc | string {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return 'is not a JSON object';
  const r = rec as Record<string, unknown>;
  const bad = FIELDS.filter((f) => r[f] !== undefined && r[f] !== null && typeof r[f] !== 'string' && !(f === 'id' && typeof r[f] === 'number'));
  if (bad.length) return `field ${bad.map((f) => `"${f}"`).join(', ')} must be a string`;
  const str = (f: string) => (typeof r[f] === 'string' && (r[f] as string).trim() !== '' ? (r[f] as string) : undefined);
  if (!str('text') && !str('html')) return 'has neither "text" nor "html"';
  return {
    id: r.id !== undefined && r.id !== null && String(r.id).trim() !== '' ? String(r.id) : fallbackId,
    source,
    url: str('url'),
    outlet: str('outlet'),
    published: str('published'),
    title: str('title'),
    text: str('text'),
    html: str('html'),
  };
}

export function* readJsonl(text: string, stem: string, path: string): Generator<RawDoc | IngestProblem> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const source: SourceRef = { path, format: 'jsonl', line: i + 1 };
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      yield { path, line: i + 1, level: 'error', message: `malformed JSON (${(err as Error).message})` };
      continue;
    }
    const doc = toDoc(rec, `${stem}-${i + 1}`, source);
    if (typeof doc === 'string') yield { path, line: i + 1, level: 'error', message: `record ${doc}` };
    else yield doc;
  }
}

export function* readJson(text: string, stem: string, path: string): Generator<RawDoc | IngestProblem> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    yield { path, level: 'error', message: `malformed JSON (${(err as Error).message})` };
    return;
  }
  const records = Array.isArray(data) ? data : [data];
  for (let i = 0; i < records.length; i++) {
    const source: SourceRef = { path, format: 'json', line: null };
    const doc = toDoc(records[i], records.length === 1 ? stem : `${stem}-${i + 1}`, { ...source, line: records.length === 1 ? null : i + 1 });
    if (typeof doc === 'string') yield { path, line: i + 1, level: 'error', message: `record ${i + 1} ${doc}` };
    else yield doc;
  }
}
