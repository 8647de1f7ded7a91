// Per-article pipeline throughput: clean → metadata → sentences, entities, quotes, sourcing,
// dates (every registered article stage), no store, on the BBC and Reuters-21578 collections.
// Inputs are read into memory first so only the pipeline is timed. Reported per stage too, so a
// slow stage shows. Target (DESIGN.md): ≥ 500 articles/s.

import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Layers, RawDoc } from '../src/model.ts';
import { createContext, toArticle } from '../src/pipeline.ts';
import { ARTICLE_STAGES } from '../src/stages.ts';
import { isProblem, readFile } from '../src/ingest/index.ts';
import { requireDataset, writeResults, type Table } from './lib.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) => s.replace(/&(#\d+|\w+);/g, (m, e: string) => (e[0] === '#' ? String.fromCharCode(Number(e.slice(1))) : (ENTITIES[e] ?? m)));

/** Reuters-21578 SGML → raw documents (title, dateline date, body); articles without a body are skipped. */
export function readReuters(dir: string): RawDoc[] {
  const out: RawDoc[] = [];
  for (const f of readdirSync(dir).filter((x) => /^reut2-\d+\.sgm$/.test(x)).sort()) {
    const path = join(dir, f);
    const sgm = readFileSync(path, 'latin1');
    for (const m of sgm.matchAll(/<REUTERS[^>]*NEWID="(\d+)"[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
      const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[2])?.[1];
      if (!body) continue;
      const title = /<TITLE>([\s\S]*?)<\/TITLE>/.exec(m[2])?.[1] ?? '';
      const date = /<DATE>\s*([^<]+?)\s*<\/DATE>/.exec(m[2])?.[1];
      out.push({
        id: `reuters-${m[1]}`,
        source: { path, format: 'txt', line: null },
        title: unescape(title),
        text: unescape(body).replace(/\s*Reuter\s*\x03?\s*$/, ''),
        published: date ? date.slice(0, 11) : undefined,
      });
    }
  }
  return out;
}

function readBbc(dir: string): RawDoc[] {
  const out: RawDoc[] = [];
  for (const topic of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()))
    for (const f of readdirSync(join(dir, topic.name)).filter((x) => x.endsWith('.txt')).sort())
      for (const item of readFile(join(dir, topic.name, f))) if (!isProblem(item)) out.push(item);
  return out;
}

export async function run() {
  const loadAtStart = loadavg()[0].toFixed(1);
  const bbc = readBbc(requireDataset('bbc'));
  const reuters = readReuters(requireDataset('reuters21578'));
  const ctx = createContext({ now: new Date('2026-11-23T00:00:00Z') });
  const rows: (string | number)[][] = [];
  const stageTotals = new Map<string, number>();
  for (const [name, docs] of [
    ['BBC', bbc],
    ['Reuters-21578', reuters],
    ['BBC + Reuters', [...bbc, ...reuters]],
  ] as [string, RawDoc[]][]) {
    // One warm-up pass over a slice, so JIT compilation is not counted.
    for (const d of docs.slice(0, 200)) {
      try {
        const { article } = toArticle(d, ctx);
        const layers: Layers = {};
        for (const s of ARTICLE_STAGES) layers[s.layer] = s.run(article, layers, ctx);
      } catch {
        /* counted below */
      }
    }
    let failed = 0;
    let quotes = 0;
    let chars = 0;
    let clean = 0;
    const perStage = new Map<string, number>();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const d of docs) {
      try {
        const c0 = performance.now();
        const { article } = toArticle(d, ctx);
        clean += performance.now() - c0;
        chars += article.text.length;
        const layers: Layers = {};
        for (const s of ARTICLE_STAGES) {
          const s0 = performance.now();
          layers[s.layer] = s.run(article, layers, ctx);
          perStage.set(s.name, (perStage.get(s.name) ?? 0) + performance.now() - s0);
        }
        quotes += layers.quote?.length ?? 0;
      } catch {
        failed++;
      }
    }
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    rows.push([name, docs.length, failed, Math.round(chars / Math.max(1, docs.length - failed)), quotes, secs, Math.round(docs.length / secs), cpuSecs, Math.round(docs.length / cpuSecs)]);
    if (name === 'BBC + Reuters') {
      stageTotals.set('clean + metadata', clean);
      for (const [k, v] of perStage) stageTotals.set(k, v);
    }
  }
  const all = bbc.length + reuters.length;
  const tables: Table[] = [
    {
      title: 'Per-article pipeline (clean, metadata and every article stage; no store)',
      columns: ['collection', 'articles', 'failed', 'mean chars', 'quotes found', 'seconds (wall)', 'articles/s (wall)', 'CPU seconds', 'articles per CPU second'],
      rows,
      notes: [`Target ≥ 500 articles/s (DESIGN.md). Inputs are read into memory before timing; one warm-up pass over 200 articles. Load average ${loadAtStart} on ${cpus().length} cores at the start: when the machine is shared, wall-clock rates understate the pipeline, and articles per CPU second is the rate one free core would give.`],
    },
    {
      title: 'Where the time goes (BBC + Reuters)',
      columns: ['step', 'ms total', 'µs per article', 'share'],
      rows: [...stageTotals].map(([k, v]) => [k, Math.round(v), Math.round((v * 1000) / all), `${Math.round((100 * v) / [...stageTotals.values()].reduce((a, b) => a + b, 0))}%`]),
    },
  ];
  writeResults('pipeline', tables);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
