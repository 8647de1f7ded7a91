// Coordinate search over the BM25 field settings (weight, k1, b per field; text length) on the
// CheckThat! 2022 2A and 2B **train** splits, maximising the mean of their BM25-only MAP@5. Prints
// the best settings for data/cases/matcher.json. Run: npx tsx bench/claims-tune.ts
// (k1, b and weights are applied at query time, so the two indexes are built once.)

import { requireDataset } from './lib.ts';
import { importCasesFile } from '../src/cases/import/index.ts';
import { CaseMatcher, loadConfig } from '../src/cases/matcher.ts';
import { FIELDS } from '../src/cases/bm25.ts';
import { loadQrels, loadQueries, debateMeta, mapAtK, runOf, type Query } from './claims.ts';

const config = loadConfig();
const tasks = [
  { dir: 'claims/checkthat2022-2a', file: 'claims/checkthat2022-2a/vclaims.jsonl', meta: undefined },
  { dir: 'claims/checkthat2022-2b', file: 'claims/checkthat2022-2b/vclaims.jsonl.gz', meta: debateMeta },
].map((t) => {
  const m = new CaseMatcher(importCasesFile(requireDataset(t.file)).cases, config, null);
  return { m, queries: loadQueries(t.dir, 'train', t.meta) as Query[], qrels: loadQrels(t.dir, 'train') };
});

const score = () => tasks.map((t) => mapAtK(runOf(t.m, t.queries, null, 5), t.qrels)).reduce((a, b) => a + b, 0) / tasks.length;
let best = score();
console.log('start', best.toFixed(4), JSON.stringify(config.bm25.fields));
// The search plan: field.param → values tried (one pass, each step keeps the best so far). Small,
// because each step runs both train splits; widen it on an idle machine.
const PLAN: [string, string, number[]][] = [
  ['text', 'weight', [0.15, 0.5, 0.75]],
  ['subtitle', 'weight', [0.5, 1.5]],
  ['title', 'weight', [0.5, 1.5]],
  ['claim', 'k1', [0.9, 1.6]],
  ['claim', 'b', [0.5, 0.9]],
  ['text', 'b', [0.5, 0.9]],
];
for (const [f, param, values] of PLAN) {
  const p = config.bm25.fields[f as (typeof FIELDS)[number]] as unknown as Record<string, number>;
  const keep = p[param];
  let bestV = keep;
  for (const v of values) {
    p[param] = v;
    const s = score();
    console.log(`  ${f}.${param} = ${v}: ${s.toFixed(4)}`);
    if (s > best + 1e-4) (best = s), (bestV = v);
  }
  p[param] = bestV;
  console.log(`${f}.${param} = ${bestV}  mean train MAP@5 ${best.toFixed(4)}`);
}
console.log(JSON.stringify(config.bm25, null, 2));
