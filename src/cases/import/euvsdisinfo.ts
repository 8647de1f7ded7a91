// EUvsDisinfo exports, in the three shapes they circulate in (see ../shared/datasets/cases/euvsdisinfo):
//  - the 2017 scrape: `;`-CSV with title, summary (the claim as published) and disproof, no case URL;
//  - the 2021 scrape: `,`-CSV keyed by case URL (`id` or `case_url`), title only, lists joined by `+`;
//  - the official API export: JSON-LD schema.org Claim nodes whose text and keywords live in the
//    CSV lookup tables beside claims.json (all_news_articles.csv, all_keywords.csv, ...).
// Case ids are `euvsdisinfo:<slug>`, the slug of the case URL; the 2017 scrape has no URL, so its
// slug is built from the title as the site builds it, which lets the two scrapes meet on one case.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { csvObjects } from './csv.ts';
import { parseCaseDate } from './dates.ts';
import { body, makeCase, slugify, str, uniqueIds, type ImportProblem, type ImportResult } from './types.ts';
import type { CaseRecord } from '../../store/repos/cases.ts';

const VERDICT = 'disinformation';
const list = (v: string | undefined, sep: RegExp) => (v ? v.split(sep).map((s) => s.trim()).filter((s) => s && s !== 'NA') : []);

export function isKalkunHeader(h: string[]): boolean {
  return h.includes('summary') && h.includes('disproof') && h.includes('title');
}

export function isCaseUrlHeader(h: string[]): boolean {
  return h.includes('title') && (h.includes('case_url') || h.includes('id'));
}

export function importKalkunCsv(text: string, path: string, delimiter: string, source = 'euvsdisinfo'): ImportResult {
  const cases: CaseRecord[] = [];
  const problems: ImportProblem[] = [];
  const unique = uniqueIds();
  for (const { line, row, width, header } of csvObjects(text, delimiter)) {
    if (width !== header.length) {
      problems.push({ path, line, message: `expected ${header.length} fields, found ${width} (a stray quote or delimiter?)` });
      continue;
    }
    // The case title is EUvsDisinfo's one-line statement of the claim (as in the 2021 scrape, so
    // the two exports agree on it); the summary, the claim as the outlet put it, is kept for matching.
    const title = str(row.title);
    const claim = title;
    if (!claim || !title) {
      problems.push({ path, line, message: 'no title or summary: nothing to match against' });
      continue;
    }
    const slug = slugify(title);
    if (!slug) {
      problems.push({ path, line, message: `title ${JSON.stringify(title)} gives no usable id` });
      continue;
    }
    cases.push(
      makeCase({
        id: `${source}:${unique(slug)}`,
        source,
        claim,
        title,
        text: body(row.disproof),
        date: parseCaseDate(row.date),
        verdict: VERDICT,
        data: {
          summary: body(row.summary),
          outlets: list(row.outlet, /,/),
          languages: list(row.language, /,/),
          countries: list(row.origin, /,/),
          keywords: list(row.keywords, /,/),
          issue: str(row.issue),
          reportedBy: str(row['reported by']),
          appearances: list(row.source, /\s+/),
        },
      }),
    );
  }
  return { format: 'euvsdisinfo-csv-2017', cases, problems };
}

export function importCaseUrlCsv(text: string, path: string, delimiter: string, source = 'euvsdisinfo'): ImportResult {
  const cases: CaseRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const { line, row, width, header } of csvObjects(text, delimiter)) {
    if (width !== header.length) {
      problems.push({ path, line, message: `expected ${header.length} fields, found ${width}` });
      continue;
    }
    const url = str(row.case_url ?? row.id);
    const m = url && /euvsdisinfo\.eu\/report\/([^/?#]+)/.exec(url);
    if (!m) {
      problems.push({ path, line, message: `no EUvsDisinfo case URL (https://euvsdisinfo.eu/report/…) in ${JSON.stringify(url ?? '')}` });
      continue;
    }
    // Titles of older cases are cut by the site with an ellipsis: the claim is what remains.
    const title = str(row.title)?.replace(/\s*(…|\.\.\.)$/, '') ?? null;
    if (!title) {
      problems.push({ path, line, message: 'no title: nothing to match against' });
      continue;
    }
    cases.push(
      makeCase({
        id: `${source}:${decodeURIComponent(m[1]).toLowerCase()}`,
        source,
        claim: title,
        title,
        url: url!,
        date: parseCaseDate(row.date),
        verdict: VERDICT,
        data: {
          countries: list(row.countries, /\+/),
          keywords: list(row.keywords, /[+,]/),
          languages: list(row.languages, /\+/),
          outlets: list(row.outlets, /\+/),
          tier: str(row.tier),
        },
      }),
    );
  }
  return { format: 'euvsdisinfo-csv-2021', cases, problems };
}

/** `@id` → name, from one of the API export's lookup tables (absent file: empty map). */
function lookup(dir: string, file: string, problems: ImportProblem[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const p = join(dir, file);
  if (!existsSync(p)) return out;
  for (const { row } of csvObjects(readFileSync(p, 'utf8'), ',')) if (row['@id']) out.set(row['@id'], row);
  if (!out.size) problems.push({ path: p, line: null, message: 'lookup table is empty' });
  return out;
}

export function isApiClaim(o: Record<string, unknown>): boolean {
  return typeof o['@id'] === 'string' && /^\/claims\/\d+$/.test(o['@id']) && /Claim$/.test(String(o['@type'] ?? ''));
}

export function importApiClaims(items: { value: Record<string, unknown>; line: number | null }[], path: string, source = 'euvsdisinfo'): ImportResult {
  const problems: ImportProblem[] = [];
  const dir = dirname(path);
  const articlesFile = join(dir, 'all_news_articles.csv');
  if (!existsSync(articlesFile))
    return { format: 'euvsdisinfo-jsonld', cases: [], problems: [{ path, line: null, message: `the claims' text is in all_news_articles.csv, which is not beside this file (${articlesFile})` }] };
  const articles = lookup(dir, 'all_news_articles.csv', problems);
  const keywords = lookup(dir, 'all_keywords.csv', problems);
  const orgs = lookup(dir, 'all_organisations.csv', problems);
  const countries = lookup(dir, 'all_countries.csv', problems);
  const languages = lookup(dir, 'all_languages.csv', problems);
  const name = (m: Map<string, Record<string, string>>, ref: unknown) => (typeof ref === 'string' ? str(m.get(ref)?.name) : null);
  const refs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

  const cases: CaseRecord[] = [];
  for (const { value: o, line } of items) {
    const num = /^\/claims\/(\d+)$/.exec(String(o['@id']))![1];
    const appearances = refs(o.appearances);
    const first = articles.get(String(o.firstAppearance)) ?? articles.get(appearances[0]);
    // The API gives the claim as the abstract of the article that carried it, in its own language.
    const claim = str(first?.abstract) ?? str(first?.name);
    if (!claim) {
      // Most claims of this export carry no text at all: skipped with a warning, not a failure.
      problems.push({ path, line, level: 'warning', message: `claim /claims/${num}: skipped, no abstract or name for its appearance ${String(o.firstAppearance ?? appearances[0] ?? '(none)')} in all_news_articles.csv` });
      continue;
    }
    cases.push(
      makeCase({
        id: `${source}:claims/${num}`,
        source,
        claim,
        title: str(first?.name),
        date: parseCaseDate(o.datePublished),
        verdict: VERDICT,
        data: {
          keywords: refs(o.keywords).map((k) => name(keywords, k) ?? k),
          countries: refs(o.contentLocations).map((k) => name(countries, k) ?? k),
          outlets: [...new Set(appearances.map((a) => name(orgs, articles.get(a)?.author)).filter((x): x is string => !!x))],
          languages: [...new Set(appearances.map((a) => name(languages, articles.get(a)?.inlanguage)).filter((x): x is string => !!x))],
          appearances: appearances.map((a) => str(articles.get(a)?.url) ?? a),
          claimReview: str(o.claimReview),
          issue: str(o.isPartOf),
        },
      }),
    );
  }
  return { format: 'euvsdisinfo-jsonld', cases, problems };
}
