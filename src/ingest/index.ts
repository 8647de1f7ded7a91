// Reads the paths a user gave (files or directories, recursively) and yields one RawDoc per
// article, or an IngestProblem for what could not be read. Never throws for bad input: the
// problem names the file (and line) and the batch goes on.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import type { IngestProblem, RawDoc, SourceRef } from '../model.ts';
import { decode, DecodeError } from './decode.ts';
import { readTxt } from './txt.ts';
import { readJson, readJsonl } from './records.ts';
import { readHtml } from './html.ts';
import { isFeed, readFeed } from './feed.ts';

export const EXTENSIONS = ['.txt', '.html', '.htm', '.jsonl', '.json', '.xml', '.rss', '.atom'];

/** Largest file read whole; bigger ones are refused rather than risking memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/**
 * Largest web page read: a page becomes one article, and building a DOM and running Readability
 * over tens of megabytes takes minutes. Real pages are far smaller (trafilatura's evaluation set:
 * 143 MB over 990 pages).
 */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

/**
 * Every readable file under the given paths, or a problem for each path that does not exist.
 * `exclude`: glob patterns (`*` within a name, `**` across folders, `?` one character) for files
 * and folders found inside a directory, matched against their path below it or their name alone
 * (`--exclude '*.json'` leaves BBC's duplicates.json out of `ingest datasets/bbc`).
 */
export function* listFiles(paths: string[], exclude: string[] = []): Generator<string | IngestProblem> {
  const skip = exclude.map(globToRegExp);
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      yield { path: p, level: 'error', message: 'no such file or directory' };
      continue;
    }
    if (st.isDirectory()) yield* walk(p, '', skip);
    else yield p;
  }
}

function* walk(dir: string, rel: string, skip: RegExp[]): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    const below = rel ? `${rel}/${e.name}` : e.name;
    if (skip.some((re) => re.test(below) || re.test(e.name))) continue;
    if (e.isDirectory()) yield* walk(full, below, skip);
    else if (e.isFile() && EXTENSIONS.includes(extname(e.name).toLowerCase())) yield full;
  }
}

/** A glob as a whole-string pattern: `**` any folders, `*` any characters but `/`, `?` one. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export const stemOf = (path: string) => basename(path, extname(path));

/**
 * The id base of each file in a batch: its stem, unless several files share that stem (BBC's
 * business/001.txt and sport/001.txt), in which case its path below their common folder,
 * without the extension ("business/001"). Depends only on the file list, so every worker and
 * every ingest process sharing the list gives each file the same ids.
 */
export function fileIds(files: string[]): Map<string, string> {
  const byStem = new Map<string, string[]>();
  for (const f of files) {
    const s = stemOf(f);
    (byStem.get(s) ?? byStem.set(s, []).get(s)!).push(f);
  }
  const ids = new Map<string, string>();
  for (const [stem, group] of byStem) {
    if (group.length === 1) {
      ids.set(group[0], stem);
      continue;
    }
    const parts = group.map((f) => resolve(f).split(sep));
    let common = 0;
    while (parts.every((p) => common < p.length - 1 && p[common] === parts[0][common])) common++;
    for (let i = 0; i < group.length; i++) {
      const rel = parts[i].slice(common).join('/');
      ids.set(group[i], rel.slice(0, rel.length - extname(rel).length));
    }
  }
  return ids;
}

/** Reads one file into documents and problems. */
export function* readFile(path: string, idBase?: string): Generator<RawDoc | IngestProblem> {
  const ext = extname(path).toLowerCase();
  const stem = idBase ?? stemOf(path);
  let buf: Buffer;
  try {
    const st = statSync(path);
    if (st.size > MAX_FILE_BYTES) {
      yield { path, level: 'error', message: `file is ${(st.size / 1048576).toFixed(0)} MB, larger than the ${MAX_FILE_BYTES / 1048576} MB limit` };
      return;
    }
    if ((ext === '.html' || ext === '.htm') && st.size > MAX_PAGE_BYTES) {
      yield { path, level: 'error', message: `web page is ${(st.size / 1048576).toFixed(0)} MB, larger than the ${MAX_PAGE_BYTES / 1048576} MB a page may have` };
      return;
    }
    buf = readFileSync(path);
  } catch (err) {
    yield { path, level: 'error', message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
    return;
  }
  if (buf.length === 0 || buf.toString('utf8').trim() === '') {
    yield { path, level: 'error', message: 'the file is empty' };
    return;
  }
  let text: string;
  const warnings: string[] = [];
  try {
    const d = decode(buf);
    text = d.text;
    if (d.warning) warnings.push(d.warning);
  } catch (err) {
    if (err instanceof DecodeError) {
      yield { path, level: 'error', message: err.message };
      return;
    }
    throw err;
  }
  for (const w of warnings) yield { path, level: 'warning', message: w };
  const source = (format: SourceRef['format']): SourceRef => ({ path, format, line: null });
  try {
    if (ext === '.jsonl') yield* readJsonl(text, stem, path);
    else if (ext === '.json') yield* readJson(text, stem, path);
    else if (ext === '.xml' || ext === '.rss' || ext === '.atom') yield* readFeed(text, stem, path);
    else if (ext === '.html' || ext === '.htm') {
      const feed = isFeed(text);
      if (feed) yield* readFeed(text, stem, path);
      else yield readHtml(text, stem, source('html'));
    } else yield readTxt(text, stem, source('txt'));
  } catch (err) {
    yield { path, level: 'error', message: (err as Error).message };
  }
}

/** All documents and problems under the given paths, in a stable order. */
export function* readInputs(paths: string[]): Generator<RawDoc | IngestProblem> {
  const files: string[] = [];
  for (const f of listFiles(paths)) typeof f === 'string' ? files.push(f) : yield f;
  const ids = fileIds(files);
  for (const f of files) yield* readFile(f, ids.get(f));
}

export const isProblem = (x: RawDoc | IngestProblem): x is IngestProblem => 'level' in x && 'message' in x && !('source' in x);
