// Misses of the quote stage on a PolNeAR split (train by default): every gold attribution no
// prediction matches (the scoring of bench/quotes.ts), grouped by a rough category of its cue,
// printed with its cue and a short slice of its content. For error study only: prints to the
// terminal, writes nothing (the dataset's text stays out of the repository).
//   npx tsx bench/quotes-misses.ts [train|dev] [category] [limit]

import { readFileSync } from 'node:fs';
import { requireDataset } from './lib.ts';
import { predictQuotes, score } from './quotes.ts';
import { loadLexicon } from '../src/nlp/lexicon.ts';

type Spans = [number, number][];
interface Gold { source: Spans; cue: Spans; content: Spans }

const split = process.argv[2] ?? 'train';
const only = process.argv[3];
const limit = Number(process.argv[4] ?? 15);
const file = requireDataset(`quotes/polnear/${split}.jsonl`);
const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; text: string; attributions: Gold[] });

const slice = (t: string, s: Spans) => s.map(([a, b]) => t.slice(a, b)).join(' … ').replace(/\s+/g, ' ');
const lex = loadLexicon();
/** direct / has-marks / according / known:<lemma> (a cue verb the lexicon has) / cue:<last word> (one it lacks). */
function category(text: string, g: Gold): string {
  const c = slice(text, g.content).trim();
  const cue = slice(text, g.cue).toLowerCase().trim();
  if (/^["“]/.test(c) && /["”][.,]?$/.test(c)) return 'direct';
  if (/["“”]/.test(c)) return 'has-marks';
  if (!cue) return 'no-cue';
  if (/according/.test(cue)) return 'according';
  const known = cue.split(/[^\p{L}]+/u).map((w) => lex.verbs.get(w)?.lemma).find(Boolean);
  if (known) return 'known:' + known;
  return 'cue:' + cue.split(/\s+/).slice(-1)[0];
}

const byCat = new Map<string, string[]>();
let total = 0;
for (const r of records) {
  const preds = predictQuotes(r.text);
  for (const g of r.attributions) {
    if (score(r.text, [g], preds).matched) continue;
    total++;
    const cat = category(r.text, g);
    const cs = slice(r.text, g.content);
    const line = `[${slice(r.text, g.source)}] {${slice(r.text, g.cue)}} ${cs.length > 160 ? cs.slice(0, 160) + '…' : cs}`;
    if (!byCat.has(cat)) byCat.set(cat, []);
    byCat.get(cat)!.push(line);
  }
}
const cats = [...byCat].sort((a, b) => b[1].length - a[1].length);
console.log(`${total} missed gold attributions on ${split}`);
for (const [cat, lines] of cats) {
  if (only && cat !== only) continue;
  console.log(`\n== ${cat}: ${lines.length}`);
  if (only || lines.length >= 3) for (const l of lines.slice(0, only ? limit : 3)) console.log('  ' + l);
}
