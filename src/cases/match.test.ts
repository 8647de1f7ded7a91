// Matching: ranking on a slice of CheckThat! 2A (read from ../shared at test time), sentence-level
// linking of stored articles (real SQLite store), the corpus stage's export fields, and the CLI's
// batch TREC output and bad-input handling.

import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCasesText } from './import/index.ts';
import { CaseMatcher } from './matcher.ts';
import { casesForArticles, linkArticles } from './index.ts';
import { casesStage } from './stage.ts';
import { tokens, stem } from './text.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import { makeArticle } from '../store/contract/fixtures.ts';
import { splitSentences } from '../nlp/sentences.ts';
import type { Article, LayerResult } from '../model.ts';
import type { CaseRecord } from '../store/repos/cases.ts';

const ROOT = join(import.meta.dirname, '../../');
const D = join(ROOT, '../shared/datasets/');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'et-match-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('text', () => {
  it('folds, drops function words and stems lightly', () => {
    expect(tokens('The U.S. evacuated ISIS leaders, évacuations continue')).toEqual(['u', 'evacuat', 'isis', 'leader', 'evacuation', 'continu']);
    expect(['helicopters', 'flying', 'relocated', 'stopped', 'bus'].map(stem)).toEqual(['helicopter', 'fly', 'relocat', 'stop', 'bus']);
  });
});

describe('ranking CheckThat! 2A tweets against Snopes vclaims', () => {
  it('puts the fact-checked claim first for most dev tweets of a slice, and shows its evidence', () => {
    const qrels = readFileSync(D + 'claims/checkthat2022-2a/qrels-dev.tsv', 'utf8').trim().split('\n').slice(0, 40).map((l) => l.split('\t'));
    const queries = new Map(readFileSync(D + 'claims/checkthat2022-2a/queries-dev.tsv', 'utf8').trim().split('\n').map((l) => l.split('\t') as [string, string]));
    const wanted = new Set(qrels.map((q) => q[2]));
    // A slice: the relevant vclaims plus the first 1,500 others as distractors.
    const lines = readFileSync(D + 'claims/checkthat2022-2a/vclaims.jsonl', 'utf8').split('\n');
    const slice = lines.filter((l, i) => l && (i < 1500 || wanted.has(JSON.parse(l).vclaim_id)));
    const m = new CaseMatcher(importCasesText(slice.join('\n'), 'vclaims-slice.jsonl').cases);
    let first = 0;
    for (const [qid, , vid] of qrels) if (m.match({ text: queries.get(qid)! }, { top: 1 })[0]?.case.id === `snopes:${vid}`) first++;
    expect(first / qrels.length).toBeGreaterThanOrEqual(0.85);
    const [hit, next] = m.match({ text: queries.get('tweet-sno-1000')! }, { top: 2 });
    expect(hit.case.id).toBe('snopes:vclaim-sno-single-mother-birth-certificate');
    expect(hit.score).toBeGreaterThan(2 * next.score);
    expect(Object.keys(hit.evidence)).toContain('case_cov');
    // Without the re-ranker, the score is BM25's and the order is plain BM25's.
    const plain = m.match({ text: queries.get('tweet-sno-1000')! }, { top: 3, rerank: false });
    expect(plain[0].score).toBe(plain[0].bm25);
  });
});

const CASES: CaseRecord[] = [
  { id: 'desk:bridge', source: 'desk', claim: 'Saboteurs from Eastport blew up the Northport bridge to cut off the city.', title: 'No, saboteurs did not blow up the Northport bridge', text: null, url: 'https://desk.example/bridge', date: '2024-03-01', verdict: 'false', data: {} },
  { id: 'desk:water', source: 'desk', claim: 'The Northport water plant adds sedatives to the city water supply.', title: 'No sedatives in Northport water', text: null, url: null, date: '2024-02-01', verdict: 'false', data: {} },
  { id: 'desk:mayor', source: 'desk', claim: 'The mayor of Northport owns a secret villa on Lake Corva paid by foreign donors.', title: null, text: null, url: null, date: '2024-01-01', verdict: 'false', data: {} },
];

const withSentences = (a: Article): LayerResult => ({ layer: 'sentence', stage: 'sentences', version: 1, spans: splitSentences(a.text).map((s) => ({ ...s, data: {} })) });

describe('linking stored articles to cases', () => {
  it('links the sentence that repeats a claim, not a neighbouring topic, and fills the export field', async () => {
    const store = openSqliteStore(join(dir, 'link.db'));
    await store.cases.upsert(CASES);
    const repeats = makeArticle('rep', {
      text: 'Residents gathered on Monday near the river. Officials now say saboteurs from Eastport blew up the Northport bridge to cut the city off. The police have opened an inquiry.',
      contentHash: 'r1',
    });
    const neutral = makeArticle('neu', { text: 'The Northport bridge will reopen on Monday after repairs, the city said. Traffic will resume at noon.', contentHash: 'n1' });
    // The same words about other places: not a repeat of the case (the names differ).
    const elsewhere = makeArticle('els', { text: 'Officials now say saboteurs from Westholm blew up the Southbay bridge to cut the city off. Repairs will take a year.', contentHash: 'e1' });
    for (const a of [repeats, neutral, elsewhere]) await store.articles.put(a, [withSentences(a)]);
    const report = await casesStage.update(store, ['rep', 'neu', 'els'], { data: new Map(), now: new Date() });
    expect(report.counts?.links).toBe(1);
    const [m] = await store.cases.matches(['rep']);
    expect(m.caseId).toBe('desk:bridge');
    expect(repeats.text.slice(m.start, m.end)).toBe('Officials now say saboteurs from Eastport blew up the Northport bridge to cut the city off.');
    expect(await store.cases.matches(['neu', 'els'])).toEqual([]);
    const fields = { reuse: [], story: null, narrative: null, matches: [] as { case: string; score: number; span: { start: number; end: number; text: string } }[] };
    await casesStage.fillArticle!(store, repeats, fields);
    expect(fields.matches).toEqual([{ case: 'desk:bridge', score: m.score, span: { start: m.start, end: m.end, text: repeats.text.slice(m.start, m.end) } }]);
    expect(await casesForArticles(store, ['neu', 'rep'])).toEqual(['desk:bridge']);
    // Re-linking after the article changed drops the stale link.
    const changed = makeArticle('rep', { text: 'Residents gathered on Monday near the river to fish.', contentHash: 'r2' });
    await store.articles.put(changed, [withSentences(changed)]);
    await linkArticles(store, ['rep']);
    expect(await casesForArticles(store, ['rep'])).toEqual([]);
    await store.close();
  });
});

describe('echotrace match and cases import (CLI)', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/echotrace.js'), '--db', join(dir, 'cli.db'), ...args], { encoding: 'utf8', cwd: ROOT });

  it('imports, reports bad lines with a non-zero exit, and answers a TREC batch', () => {
    const file = join(dir, 'cases.jsonl');
    writeFileSync(file, CASES.map((c) => JSON.stringify({ id: c.id.split(':')[1], claim: c.claim, title: c.title, url: c.url, date: c.date, verdict: c.verdict })).join('\n') + '\n{"id": "broken"\n');
    const imp = cli(['cases', 'import', file, '--source', 'desk']);
    expect(imp.status).toBe(1);
    expect(imp.stderr).toContain(`${file}:4: not valid JSON`);
    expect(imp.stdout).toMatch(/3 cases \(3 new/);
    const q = join(dir, 'q.tsv');
    writeFileSync(q, 'q1\tIs it true the mayor has a villa on Lake Corva paid for by foreigners?\nq2\tsedatives in the water of Northport!\nbad line without tab\n');
    const run = cli(['match', '--queries', q, '--top', '2', '--format', 'trec']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${q}:3: expected "query id<TAB>text"`);
    const lines = run.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(lines[0].slice(0, 4)).toEqual(['q1', 'Q0', 'mayor', '1']);
    expect(lines.find((l) => l[0] === 'q2')!.slice(2, 4)).toEqual(['water', '1']);
    const one = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bin/echotrace.js'), '--db', join(dir, 'cli.db'), '--json', 'match', 'Saboteurs blew up the bridge in Northport'], { encoding: 'utf8', cwd: ROOT }));
    expect(one[0].case).toBe('desk:bridge');
    // Each run starts the CLI (tsx): slow on a loaded machine, hence the long timeout.
  }, 180_000);
});
