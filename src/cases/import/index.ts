// `echotrace cases import FILE`: recognise the format from the content (never from the file
// name), read every record it can, and report the ones it cannot with file and line.
//
// Steps: read (gunzip when gzip) → decide the container (HTML with JSON-LD scripts, one JSON
// document, JSON Lines, or CSV with a sniffed delimiter) → for JSON, pick a reader per record by
// its fields; for CSV, pick a reader by the header row.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { csvHeader, csvObjects, sniffDelimiter } from './csv.ts';
import { importApiClaims, importCaseUrlCsv, importKalkunCsv, isApiClaim, isCaseUrlHeader, isKalkunHeader } from './euvsdisinfo.ts';
import { isPlain, isPolitifact, isVclaim, readPlain, readPolitifact, readVclaim, type RecordReader } from './factcheckers.ts';
import { isGoogleClaim, isSchemaClaimReview, jsonLdNodes, readGoogleClaim, readSchemaClaimReview } from './claimreview.ts';
import type { ImportOptions, ImportProblem, ImportResult } from './types.ts';
import { mergeCase, type CaseRecord } from '../../store/repos/cases.ts';

export type { ImportProblem, ImportResult, ImportOptions } from './types.ts';

type Item = { value: Record<string, unknown>; line: number | null };

/** Record shapes, most specific first: the first whose test passes reads the record. */
const RECORD_READERS: { format: string; test: (o: Record<string, unknown>) => boolean; read: RecordReader }[] = [
  { format: 'checkthat-vclaims', test: isVclaim, read: readVclaim },
  { format: 'politifact', test: isPolitifact, read: readPolitifact },
  { format: 'claimreview-jsonld', test: isSchemaClaimReview, read: readSchemaClaimReview },
  { format: 'claimreview-factcheck-api', test: isGoogleClaim, read: readGoogleClaim },
  { format: 'plain', test: isPlain, read: readPlain },
];

export function importCasesFile(path: string, opts: ImportOptions = {}): ImportResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { format: 'unreadable', cases: [], problems: [{ path, line: null, message: (e as Error).message }] };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      return { format: 'gzip', cases: [], problems: [{ path, line: null, message: `broken gzip data: ${(e as Error).message}` }] };
    }
  }
  return dedupe(importCasesText(bytes.toString('utf8').replace(/^\uFEFF/, ''), path, opts));
}

/** One case per id: a record repeated later in the file is merged into the first (later fields win). */
function dedupe(r: ImportResult): ImportResult {
  const byId = new Map<string, CaseRecord>();
  for (const c of r.cases) byId.set(c.id, mergeCase(byId.get(c.id) ?? null, c));
  return { ...r, cases: [...byId.values()], duplicates: r.cases.length - byId.size };
}

export function importCasesText(text: string, path: string, opts: ImportOptions = {}): ImportResult {
  const head = text.trimStart();
  if (!head) return { format: 'empty', cases: [], problems: [{ path, line: null, message: 'the file is empty' }] };
  if (head.startsWith('<')) return fromItems(htmlJsonLd(text, path), path, opts, []);
  if (head.startsWith('[') || head.startsWith('{')) {
    const problems: ImportProblem[] = [];
    return fromItems(jsonItems(text, path, problems), path, opts, problems);
  }
  return fromCsv(text, path, opts);
}

/** One JSON document (array, object, JSON-LD graph) or, when that fails to parse, JSON Lines. */
function jsonItems(text: string, path: string, problems: ImportProblem[]): Item[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return jsonLines(text, path, problems);
  }
  if (Array.isArray(doc)) {
    const lines = arrayItemLines(text);
    return doc.flatMap((v, k) => jsonLdNodes(v).map((value) => ({ value, line: lines[k] ?? null })));
  }
  return jsonLdNodes(doc).map((value) => ({ value, line: 1 }));
}

function jsonLines(text: string, path: string, problems: ImportProblem[]): Item[] {
  const items: Item[] = [];
  text.split('\n').forEach((raw, k) => {
    const s = raw.trim();
    if (!s) return;
    try {
      const v = JSON.parse(s);
      for (const value of jsonLdNodes(v)) items.push({ value, line: k + 1 });
    } catch (e) {
      problems.push({ path, line: k + 1, message: `not valid JSON: ${(e as Error).message}` });
    }
  });
  return items;
}

/** The line on which each top-level element of a JSON array starts (strings respected). */
function arrayItemLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inStr = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (depth === 1 && expectItem && !/\s/.test(c) && c !== ']') (lines.push(line), (expectItem = false));
    if (c === '"') inStr = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectItem = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectItem = true;
  }
  return lines;
}

/** JSON-LD blocks of an HTML page (fact-check pages carry their ClaimReview this way). */
function htmlJsonLd(text: string, path: string): Item[] {
  const items: Item[] = [];
  for (const m of text.matchAll(/<script[^>]+application\/ld\+json[^>]*>([\s\S]*?)<\/script>/gi)) {
    const line = text.slice(0, m.index).split('\n').length;
    try {
      for (const value of jsonLdNodes(JSON.parse(m[1]))) items.push({ value, line });
    } catch {
      items.push({ value: { '@invalid': m[1].slice(0, 60) }, line });
    }
  }
  if (!items.length) items.push({ value: { '@invalid': `${path}: HTML without JSON-LD` }, line: null });
  return items;
}

function fromItems(items: Item[], path: string, opts: ImportOptions, problems: ImportProblem[]): ImportResult {
  const cases: CaseRecord[] = [];
  const formats = new Set<string>();
  const apiClaims: Item[] = [];
  for (const { value, line } of items) {
    if ('@invalid' in value) {
      problems.push({ path, line, message: `not valid JSON-LD: ${String(value['@invalid'])}` });
      continue;
    }
    if (isApiClaim(value)) {
      apiClaims.push({ value, line });
      continue;
    }
    const reader = RECORD_READERS.find((r) => r.test(value));
    if (!reader) {
      // JSON-LD pages carry other nodes too (WebPage, Organization): not an error, just not a case.
      if ('@type' in value || '@context' in value) continue;
      problems.push({ path, line, message: `unrecognised record (fields: ${Object.keys(value).slice(0, 8).join(', ')}); expected a vclaim, PolitiFact, ClaimReview or {id, claim} record` });
      continue;
    }
    const c = reader.read(value, opts.source);
    if (typeof c === 'string') problems.push({ path, line, message: c });
    else (cases.push(c), formats.add(reader.format));
  }
  if (apiClaims.length) {
    const r = importApiClaims(apiClaims, path, opts.source);
    cases.push(...r.cases);
    problems.push(...r.problems);
    formats.add(r.format);
  }
  if (!cases.length && !problems.length) problems.push({ path, line: null, message: 'no case records found' });
  return { format: [...formats].join('+') || 'json', cases, problems };
}

function fromCsv(text: string, path: string, opts: ImportOptions): ImportResult {
  const delimiter = sniffDelimiter(text);
  const header = csvHeader(text, delimiter);
  if (isKalkunHeader(header)) return importKalkunCsv(text, path, delimiter, opts.source);
  if (header.includes('@id') && header.includes('abstract'))
    return { format: 'euvsdisinfo-lookup', cases: [], problems: [{ path, line: 1, message: 'this is a lookup table of the EUvsDisinfo API export: import claims.json, which reads it from beside itself' }] };
  if (header.includes('claim') && header.includes('id')) return fromCsvRecords(text, path, delimiter, opts, readPlain, 'plain-csv');
  if (header.includes('statement') && header.includes('factcheck_analysis_link')) return fromCsvRecords(text, path, delimiter, opts, readPolitifact, 'politifact-csv');
  if (isCaseUrlHeader(header)) return importCaseUrlCsv(text, path, delimiter, opts.source);
  return {
    format: 'csv',
    cases: [],
    problems: [{ path, line: 1, message: `unrecognised header (${header.slice(0, 10).join(', ')}); expected id,claim[,title,url,date,verdict] or an EUvsDisinfo/PolitiFact export` }],
  };
}

function fromCsvRecords(text: string, path: string, delimiter: string, opts: ImportOptions, read: RecordReader, format: string): ImportResult {
  const cases: CaseRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const { line, row, width, header } of csvObjects(text, delimiter)) {
    if (width !== header.length) {
      problems.push({ path, line, message: `expected ${header.length} fields, found ${width}` });
      continue;
    }
    const c = read(row, opts.source);
    if (typeof c === 'string') problems.push({ path, line, message: c });
    else cases.push(c);
  }
  return { format, cases, problems };
}
