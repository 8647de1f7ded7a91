// echotrace match TEXT|ID: ranks the known cases for a sentence, a text (sentence by sentence) or
// a stored article; --queries FILE.tsv runs a batch (query id TAB text [TAB date [TAB speaker]])
// and writes a TREC run for evaluation.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { action, CliError, err, out, printJson, withStore } from '../output.ts';
import { linkArticle, loadMatcher, matchSentences, type CaseMatcher } from '../../cases/index.ts';
import { loadModel } from '../../cases/matcher.ts';
import { splitSentences } from '../../nlp/sentences.ts';
import type { Article, Span } from '../../model.ts';

interface Opts {
  top: string;
  queries?: string;
  format: string;
  model?: string;
  rerank: boolean;
}

/** The id a TREC run carries: the source's own id (`vclaim-sno-…`), which evaluation qrels use. */
const trecId = (id: string) => id.slice(id.indexOf(':') + 1);

export function register(program: Command) {
  program
    .command('match')
    .description('Rank known cases (imported with `cases import`) for a sentence, a text sentence by sentence, or a stored article (by id)')
    .argument('[text-or-id...]', 'a sentence, a longer text, or the id of a stored article')
    .option('-n, --top <n>', 'how many cases to show (per query, or per sentence)', '5')
    .option('--queries <file.tsv>', 'batch: one query a line, "id<TAB>text[<TAB>date[<TAB>speaker]]"')
    .option('--format <fmt>', 'batch output: trec (qid Q0 doc rank score tag) | tsv | json', 'trec')
    .option('--model <file.json>', 're-ranker weights (default data/cases/rerank.json)')
    .option('--no-rerank', 'plain multi-field BM25, without the learned re-ranker')
    .action(
      action(async (words: string[], o: Opts) => {
        const top = Number(o.top);
        if (!Number.isInteger(top) || top < 1) throw new CliError(`--top must be a positive whole number, got ${JSON.stringify(o.top)}`, 2);
        if (!['trec', 'tsv', 'json'].includes(o.format)) throw new CliError(`--format must be trec, tsv or json, got ${JSON.stringify(o.format)}`, 2);
        if (!o.queries && !words.length) throw new CliError('give a sentence, a text or an article id, or --queries FILE.tsv', 2);
        let model;
        try {
          model = o.model ? loadModel(o.model) : undefined;
        } catch (e) {
          throw new CliError((e as Error).message, 2);
        }
        const g = program.opts();
        return withStore(g, async (store) => {
          if (!(await store.cases.count())) throw new CliError(`no cases in ${store.location}: import some first (echotrace cases import FILE)`, 1);
          const matcher = (await loadMatcher(store, { model })).withModel(o.rerank ? (model ?? (await loadMatcher(store)).model) : null);
          if (o.queries) return batch(matcher, o.queries, top, o.format, !!g.json);
          const arg = words.join(' ');
          const article = words.length === 1 ? await store.articles.get(arg) : null;
          if (article) {
            const layers = await store.articles.layers(article.id, ['sentence', 'entity']);
            return showSentences(matcher, article, layers.sentence, top, !!g.json, article.id, layers.entity);
          }
          if (splitSentences(arg).length > 1) return showSentences(matcher, { text: arg, published: null }, undefined, top, !!g.json, null);
          const hits = matcher.match({ text: arg }, { top });
          if (g.json) return printJson(hits.map((h) => ({ case: h.case.id, score: h.score, bm25: h.bm25, claim: h.case.claim, title: h.case.title, url: h.case.url, verdict: h.case.verdict, evidence: h.evidence })));
          if (!hits.length) return out('no case shares a word with this text');
          hits.forEach((h, i) => printHit(i, h.case.id, h.score, h.case.claim, h.case.verdict, h.case.url));
        });
      }),
    );
}

function printHit(i: number, id: string, score: number, claim: string, verdict: string | null, url: string | null, indent = '') {
  out(`${indent}${String(i + 1).padStart(2)}. ${score.toFixed(3)}  ${id}${verdict ? `  [${verdict}]` : ''}`);
  out(`${indent}    ${claim.replace(/\s+/g, ' ').slice(0, 160)}`);
  if (url) out(`${indent}    ${url}`);
}

function showSentences(matcher: CaseMatcher, article: Pick<Article, 'text' | 'published'>, sentences: Span[] | undefined, top: number, json: boolean, id: string | null, entities: Span[] = []) {
  const per = matchSentences(matcher, article, sentences, top, entities);
  const links = linkArticle(matcher, per);
  if (json)
    return printJson({
      article: id,
      cases: links.slice(0, top).map((l) => ({ case: l.caseId, score: l.score, linked: l.linked, span: { start: l.start, end: l.end, text: l.text } })),
      sentences: per.map((s) => ({ start: s.start, end: s.end, text: s.text, cases: s.hits.map((h) => ({ case: h.case.id, score: h.score })) })),
    });
  const byId = new Map(matcher.cases.map((c) => [c.id, c]));
  out(`cases for ${id ?? 'the text'} (best sentence each; * = linked, score ≥ ${matcher.config.linkThreshold}):`);
  links.slice(0, top).forEach((l, i) => {
    const c = byId.get(l.caseId)!;
    printHit(i, `${l.linked ? '*' : ' '} ${l.caseId}`, l.score, c.claim, c.verdict, c.url);
    out(`      sentence ${l.start}–${l.end}: "${l.text.replace(/\s+/g, ' ').slice(0, 160)}"`);
  });
  if (!links.length) out('  (no case shares a word with any sentence)');
}

function batch(matcher: CaseMatcher, file: string, top: number, format: string, json: boolean): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`, 2);
  }
  let bad = 0;
  const results: { query: string; hits: { case: string; score: number }[] }[] = [];
  text.split('\n').forEach((line, k) => {
    if (!line.trim()) return;
    const [qid, qtext, date, speaker] = line.replace(/\r$/, '').split('\t');
    if (!qid || !qtext?.trim()) {
      err(`${file}:${k + 1}: expected "query id<TAB>text", got ${JSON.stringify(line.slice(0, 60))}`);
      bad++;
      return;
    }
    const hits = matcher.match({ text: qtext, date: date || null, speaker: speaker || null }, { top });
    if (format === 'trec' && !json) hits.forEach((h, r) => out(`${qid}\tQ0\t${trecId(h.case.id)}\t${r + 1}\t${h.score.toFixed(6)}\techotrace`));
    else if (format === 'tsv' && !json) hits.forEach((h, r) => out(`${qid}\t${r + 1}\t${h.case.id}\t${h.score.toFixed(4)}`));
    else results.push({ query: qid, hits: hits.map((h) => ({ case: h.case.id, score: h.score })) });
  });
  if (results.length) printJson(results);
  return bad ? 1 : 0;
}
