// Importers, each on a small slice of the real export read from ../shared at test time (sliced
// into a temp dir, never copied into the repository), plus bad rows and idempotent re-import.

import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importCasesFile } from './import/index.ts';
import { parseCaseDate } from './import/dates.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';

const D = join(import.meta.dirname, '../../../shared/datasets/');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'et-cases-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (rel: string, n: number) => readFileSync(D + rel, 'utf8').split('\n').slice(0, n).join('\n') + '\n';
const put = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('EUvsDisinfo', () => {
  it('reads the 2017 ;-CSV (multi-line quoted fields), title as claim, summary and disproof kept', () => {
    // The first records of the file, up to a record boundary (fields span lines).
    const all = readFileSync(D + 'cases/euvsdisinfo/kalkun-scrape-2017/full_dataset.csv', 'utf8');
    const cut = all.indexOf('\n"82";"29.09.2017"');
    const r = importCasesFile(put('kalkun.csv', cut > 0 ? all.slice(0, cut + 1) : lines('cases/euvsdisinfo/kalkun-scrape-2017/full_dataset.csv', 40)));
    expect(r.format).toBe('euvsdisinfo-csv-2017');
    expect(r.problems).toEqual([]);
    const c = r.cases.find((x) => x.title === 'Explosions in Vinnitsa were organized by Ukrainian soldiers')!;
    expect(c.id).toBe('euvsdisinfo:explosions-in-vinnitsa-were-organized-by-ukrainian-soldiers');
    expect(c.date).toBe('2017-10-03');
    expect(c.data.summary).toMatch(/^The recent explosions in the munitions depot in Vinnitsa/);
    expect(c.text).toMatch(/TV Zvezda is a regular mouthpiece/);
    expect(c.data.outlets).toEqual(['TV Zvezda']);
  });

  it('reads the 2021 ,-CSV keyed by case URL, and reports a bad row with its line', () => {
    const text = lines('cases/euvsdisinfo/cknabs-scrape-2021/posts.csv', 6) + '2021-02-17,not-a-case-url,Some title,,,,\n' + lines('cases/euvsdisinfo/cknabs-scrape-2021/posts.csv', 9).split('\n').slice(6).join('\n');
    const p = put('posts.csv', text);
    const r = importCasesFile(p);
    expect(r.format).toBe('euvsdisinfo-csv-2021');
    expect(r.cases.map((c) => c.id)).toContain('euvsdisinfo:german-special-services-helped-navalny');
    expect(r.cases).toHaveLength(8);
    expect(r.problems).toEqual([{ path: p, line: 7, message: expect.stringMatching(/no EUvsDisinfo case URL/) }]);
    const c = r.cases[0];
    expect(c.data.outlets).toEqual(['TASS - Russian']);
    expect(c.data.keywords).toEqual(['Alexei Navalny', 'Vladimir Putin']);
  });

  it('reads JSON-LD Claim nodes of the API export, text and names from the lookup tables beside them', () => {
    const sub = mkdtempSync(join(dir, 'api-'));
    for (const f of ['all_news_articles.csv', 'all_keywords.csv', 'all_organisations.csv', 'all_countries.csv', 'all_languages.csv'])
      symlinkSync(D + 'cases/euvsdisinfo/official-api-2020/' + f, join(sub, f));
    const claims = JSON.parse(readFileSync(D + 'cases/euvsdisinfo/official-api-2020/claims.json', 'utf8')) as Record<string, unknown>[];
    writeFileSync(join(sub, 'claims.json'), JSON.stringify(claims.slice(0, 40)));
    const r = importCasesFile(join(sub, 'claims.json'));
    expect(r.format).toBe('euvsdisinfo-jsonld');
    expect(r.problems.every((p) => p.level === 'warning')).toBe(true);
    const c = r.cases.find((x) => x.id === 'euvsdisinfo:claims/20')!;
    expect(c.claim).toMatch(/^Eesti võimude tegevuse taga Sputniku/);
    expect(c.data.outlets).toEqual(expect.arrayContaining([expect.stringMatching(/Sputnik/)]));
  });
});

describe('CheckThat! vclaims and PolitiFact', () => {
  it('reads Snopes vclaims (2A) with subtitle and date', () => {
    const r = importCasesFile(put('sno.jsonl', lines('claims/checkthat2022-2a/vclaims.jsonl', 5)));
    expect(r.format).toBe('checkthat-vclaims');
    expect(r.cases[1]).toMatchObject({ id: 'snopes:vclaim-sno-10-meter-anaconda', source: 'snopes', date: '2021-03-06', data: { subtitle: 'The anaconda is one of the largest snakes in the world.' } });
  });

  it('reads gzipped PolitiFact vclaims (2B) with speaker, verdict and absolute URL', () => {
    const r = importCasesFile(put('pol.jsonl.gz', gzipSync(lines('claims/checkthat2022-2b/vclaims-notext.jsonl', 3))));
    expect(r.cases[0]).toMatchObject({ id: 'politifact:vclaim-pol-00000', verdict: 'false', date: '2019-10-22', data: { speaker: 'GayDonna Vandergriff' } });
    expect(r.cases[0].url).toMatch(/^https:\/\/www\.politifact\.com\/factchecks\/2019\/oct\/30\//);
  });

  it('reads PolitiFact records as JSONL (M/D/Y dates) and as a pretty-printed array', () => {
    const a = importCasesFile(put('pf.jsonl', lines('cases/politifact/kaggle-misra-test-split/test.jsonl', 4)));
    expect(a.format).toBe('politifact');
    expect(a.cases).toHaveLength(4);
    expect(a.cases[0].id).toMatch(/^politifact:\d{4}\/[a-z]{3}\/\d{2}\//);
    const arr = JSON.parse(readFileSync(D + 'cases/politifact/sebinechita-topics-2026/politifact-crime.json', 'utf8')).slice(0, 3);
    arr[1].statement = '';
    const p = put('pf.json', JSON.stringify(arr, null, 4));
    const b = importCasesFile(p);
    expect(b.cases).toHaveLength(2);
    expect(b.cases[0].data.tags).toEqual(expect.any(Array));
    // The bad record is reported on the line its object starts.
    const line = JSON.stringify(arr, null, 4).split('\n').findIndex((l, i, all) => l === '    {' && all.slice(0, i).filter((x) => x === '    {').length === 1) + 1;
    expect(b.problems).toEqual([{ path: p, line, message: expect.stringMatching(/empty statement/) }]);
  });
});

describe('ClaimReview', () => {
  it('reads Fact Check Tools results (one review answering several claims gives several cases)', () => {
    const arr = JSON.parse(readFileSync(D + 'cases/claimreview/google-factcheck-api-arabic/claim_reviews.json', 'utf8')).slice(0, 6);
    const r = importCasesFile(put('cr.json', JSON.stringify(arr, null, 2)));
    expect(r.format).toBe('claimreview-factcheck-api');
    expect(r.cases[0]).toMatchObject({ source: 'claimreview', verdict: arr[0].claimReview[0].textualRating, date: '2025-04-28', data: { publisher: 'مسبار', site: 'misbar.com' } });
    expect(r.cases[0].id).toMatch(/^claimreview:misbar\.com\/factcheck\/2025\/04\/28\/.+#[0-9a-f]{8}$/);
  });

  it('reads schema.org ClaimReview JSON-LD, alone, in @graph, or embedded in a page', () => {
    const review = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://factcheck.example/2024/flat-earth',
      claimReviewed: 'The world is flat',
      datePublished: '2024-02-01',
      author: { '@type': 'Organization', name: 'Example Checks' },
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, alternateName: 'False' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'A. Person' }, datePublished: '2024-01-20', appearance: { '@type': 'CreativeWork', url: 'https://blog.example/flat' } },
    };
    const one = importCasesFile(put('cr1.jsonld', JSON.stringify(review)));
    expect(one.cases[0]).toMatchObject({ id: 'claimreview:factcheck.example/2024/flat-earth', claim: 'The world is flat', verdict: 'False', date: '2024-01-20', data: { publisher: 'Example Checks', claimant: 'A. Person', appearances: ['https://blog.example/flat'] } });
    const graph = importCasesFile(put('cr2.json', JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', name: 'x' }, review] })));
    expect(graph.cases.map((c) => c.id)).toEqual(['claimreview:factcheck.example/2024/flat-earth']);
    expect(graph.problems).toEqual([]);
    const page = importCasesFile(put('cr.html', `<html><head>\n<script type="application/ld+json">${JSON.stringify(review)}</script></head><body></body></html>`));
    expect(page.cases).toHaveLength(1);
  });
});

describe('plain records, formats, store', () => {
  it('reads plain JSONL and CSV, with --source as id prefix, and reports bad lines', () => {
    const p = put('plain.jsonl', '{"id":"a1","claim":"Bridge closed by saboteurs","verdict":"false","date":"2024-01-02","lang":"en"}\n{oops\n{"id":"a2","claim":""}\n');
    const r = importCasesFile(p, { source: 'desk' });
    expect(r.cases).toEqual([{ id: 'desk:a1', source: 'desk', claim: 'Bridge closed by saboteurs', title: null, text: null, url: null, date: '2024-01-02', verdict: 'false', data: { lang: 'en' } }]);
    expect(r.problems.map((x) => [x.line, x.message.slice(0, 14)])).toEqual([
      [2, 'not valid JSON'],
      [3, 'a2: empty clai'],
    ]);
    const c = importCasesFile(put('plain.csv', 'id,claim,title,url\nx:1,"Claim, with comma",T,https://x.example/1\n'));
    expect(c.format).toBe('plain-csv');
    expect(c.cases[0]).toMatchObject({ id: 'x:1', source: 'x', claim: 'Claim, with comma', title: 'T' });
  });

  it('names unknown shapes and empty files', () => {
    expect(importCasesFile(put('u.csv', 'foo,bar\n1,2\n')).problems[0].message).toMatch(/unrecognised header/);
    expect(importCasesFile(put('e.json', '')).problems[0].message).toMatch(/empty/);
    expect(importCasesFile(join(dir, 'missing.json')).problems[0].message).toMatch(/ENOENT/);
  });

  it('parses the date shapes the databases use', () => {
    expect(['03.10.2017', '9/28/2016', 'January 11, 2026', '26 May 2015', 'stated on October 22, 2019 in a campaign mailer.:', '2020-01-02T00:00:00+00:00', 'NA', 'soon'].map(parseCaseDate)).toEqual([
      '2017-10-03', '2016-09-28', '2026-01-11', '2015-05-26', '2019-10-22', '2020-01-02', null, null,
    ]);
  });

  it('re-importing into the store changes nothing; two EUvsDisinfo exports meet on one case (later values win where both have one)', async () => {
    const store = openSqliteStore(join(dir, 'cases.db'));
    const k = importCasesFile(put('k2.csv', lines('cases/euvsdisinfo/kalkun-scrape-2017/full_dataset.csv', 1) + '"82";"03.10.2017";"TV Zvezda";"Russian";"Ukraine";"X";"Military";"https://t.example";"US trains ISIS in Syria";"Summary text.";"Disproof text."\n'));
    const n = importCasesFile(put('n2.csv', 'date,id,title,countries,keywords,languages,outlets\n2020-05-19,https://euvsdisinfo.eu/report/us-trains-isis-in-syria/,US trains ISIS in Syria,US+Syria,Daesh,Russian,RIAFAN\n'));
    expect(await store.cases.upsert(k.cases)).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await store.cases.upsert(n.cases)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await store.cases.upsert(n.cases)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const [c] = await store.cases.get(['euvsdisinfo:us-trains-isis-in-syria']);
    expect(c).toMatchObject({ text: 'Disproof text.', url: 'https://euvsdisinfo.eu/report/us-trains-isis-in-syria/', date: '2020-05-19', data: { summary: 'Summary text.', outlets: ['RIAFAN'] } });
    await store.close();
  });
});
