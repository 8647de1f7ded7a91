// Ingest throughput on the BBC (2,225 .txt files) and Reuters-21578 collections (≈19,000
// stories with a body): articles/s, MB/s and peak memory, through the real `ingestPaths` into a
// real SQLite file.
//
// Reuters comes as SGML; it is converted here into one JSONL file per .sgm in a temp dir
// (id = NEWID, title, text = BODY, published from DATE, outlet "Reuters"; records without a body
// are skipped), streamed record by record so the benchmark never holds the collection.
//
// Two modes, each in its own child process so that its peak RSS is its own:
//   full         every registered per-article stage and the corpus stages (the default ingest)
//   ingest-only  clean + metadata + store: no per-article stages, `corpus: false`
//
//   npm run bench -- ingest
//   node --cpu-prof --import tsx bench/ingest.ts --mode full --db /tmp/x.db DIR...   (profile one mode)

import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, requireDataset, writeResults, type Table } from './lib.ts';

const SELF = fileURLToPath(import.meta.url);

/** SGML entities Reuters uses; &#3; is the teletype end-of-text mark and goes. */
const unescapeSgml = (s: string) =>
  s
    .replace(/&#3;/g, '')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(+n))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

const MONTHS: Record<string, string> = { JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12' };

/** "26-FEB-1987 15:01:01.79" → "1987-02-26T15:01:01Z" (the collection's times are UTC-less; taken as given). */
export function reutersDate(raw: string): string | undefined {
  const m = /(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{2}):(\d{2}):(\d{2})/i.exec(raw);
  if (!m || !MONTHS[m[2].toUpperCase()]) return undefined;
  return `${m[3]}-${MONTHS[m[2].toUpperCase()]}-${m[1].padStart(2, '0')}T${m[4]}:${m[5]}:${m[6]}Z`;
}

/** One .sgm file into JSON records, one at a time. */
export function* reutersRecords(sgml: string): Generator<{ id: string; title?: string; text: string; published?: string; outlet: string }> {
  const record = /<REUTERS\b([^>]*)>([\s\S]*?)<\/REUTERS>/g;
  let m: RegExpExecArray | null;
  while ((m = record.exec(sgml))) {
    const id = /NEWID="(\d+)"/.exec(m[1])?.[1];
    const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[2])?.[1];
    if (!id || !body || !body.trim()) continue;
    const title = /<TITLE>([\s\S]*?)<\/TITLE>/.exec(m[2])?.[1];
    const date = /<DATE>([\s\S]*?)<\/DATE>/.exec(m[2])?.[1];
    yield {
      id: `reuters-${id}`,
      title: title ? unescapeSgml(title).trim() : undefined,
      text: unescapeSgml(body),
      published: date ? reutersDate(date) : undefined,
      outlet: 'Reuters',
    };
  }
}

/** Converts the Reuters SGML files into JSONL files in `dir`; returns the record count. */
export function convertReuters(src: string, dir: string): number {
  let n = 0;
  for (const f of readdirSync(src).filter((x) => /^reut2-\d+\.sgm$/.test(x)).sort()) {
    // The collection is ASCII with a few stray high bytes; Latin-1 reads every byte as something.
    const sgml = readFileSync(join(src, f), 'latin1');
    const fd = openSync(join(dir, f.replace(/\.sgm$/, '.jsonl')), 'w');
    for (const rec of reutersRecords(sgml)) {
      writeSync(fd, JSON.stringify(rec) + '\n');
      n++;
    }
    closeSync(fd);
  }
  return n;
}

function bytesUnder(paths: string[]): number {
  let total = 0;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else if (/\.(txt|jsonl)$/.test(p)) total += st.size;
  };
  paths.forEach(walk);
  return total;
}

interface ModeResult {
  mode: string;
  documents: number;
  stored: number;
  distinct: number;
  replaced: number;
  failed: number;
  warnings: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  stages: string[];
  firstProblems: string[];
}

/** Child process: one mode, one fresh database; prints its result as JSON on the last line. */
async function child(mode: string, db: string, paths: string[]): Promise<void> {
  const { ingestPaths } = await import('../src/pipeline.ts');
  const { ARTICLE_STAGES } = await import('../src/stages.ts');
  const { openStore } = await import('../src/store/open.ts');
  const stages = ARTICLE_STAGES.map((s) => s.name);
  // Ingest-only: the registered stages are taken out for this process only.
  if (mode === 'ingest-only') ARTICLE_STAGES.splice(0, ARTICLE_STAGES.length);
  const store = await openStore(db);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const s = await ingestPaths(store, paths, { corpus: mode !== 'ingest-only' });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const distinct = (await store.stats()).articles;
  const replaced = s.problems.filter((p) => /already used by/.test(p.message)).length;
  await store.close();
  const result: ModeResult = {
    mode,
    documents: s.documents,
    stored: s.inserted + s.updated,
    distinct,
    replaced,
    failed: s.failed,
    warnings: s.warnings,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    stages: mode === 'ingest-only' ? [] : stages,
    firstProblems: s.problems.filter((p) => p.level === 'error').slice(0, 5).map((p) => `${p.path}:${p.line ?? ''} ${p.message}`),
  };
  process.stdout.write('\n' + JSON.stringify(result) + '\n');
}

export async function run(): Promise<void> {
  const bbc = requireDataset('bbc/');
  const reuters = requireDataset('reuters21578/');
  const tmp = mkdtempSync(join(tmpdir(), 'echotrace-bench-ingest-'));
  try {
    const t0 = performance.now();
    const converted = convertReuters(reuters, tmp);
    const convertSeconds = (performance.now() - t0) / 1000;
    // The five topic folders (the collection's root also holds README and duplicates.json).
    const topics = readdirSync(bbc, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(bbc, e.name));
    const inputs = [...topics, tmp];
    const mb = bytesUnder(inputs) / 1048576;
    const results: ModeResult[] = [];
    for (const mode of ['ingest-only', 'full']) {
      const db = join(tmp, `${mode}.db`);
      const out = execFileSync(process.execPath, ['--import', 'tsx', SELF, '--mode', mode, '--db', db, ...inputs], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      results.push(JSON.parse(out.trim().split('\n').pop()!));
    }
    const table: Table = {
      title: `Ingest throughput: BBC (2,225 .txt) + Reuters-21578 (${converted} stories with a body, as JSONL), ${mb.toFixed(1)} MB, into a fresh SQLite file`,
      columns: ['mode', 'stages', 'documents', 'stored', 'distinct ids', 'failed', 'seconds', 'articles/s', 'MB/s', 'CPU s', 'articles per CPU s', 'peak RSS MB'],
      rows: results.map((r) => [
        r.mode,
        r.mode === 'ingest-only' ? 'none, corpus: false' : `${r.stages.join(', ') || 'none'} + corpus`,
        r.documents,
        r.stored,
        r.distinct,
        r.failed,
        Number(r.seconds.toFixed(1)),
        Math.round(r.stored / r.seconds),
        Number((mb / r.seconds).toFixed(2)),
        Number(r.cpuSeconds.toFixed(1)),
        Math.round(r.stored / r.cpuSeconds),
        Math.round(r.peakRssMb),
      ]),
      notes: [
        `The BBC files are named 001.txt … in each of the five topic folders; files sharing a stem get ids qualified by their folder (business/001), so every file is its own article (${results[0]?.replaced ?? 0} replaced an earlier one).`,
        `Reuters SGML → JSONL conversion (not counted above): ${convertSeconds.toFixed(1)} s.`,
        'Each mode runs in its own process (peak RSS is that process\'s maxRSS) into its own new database file.',
        'Target (DESIGN.md): ≥ 1,000 articles/s for ingest + clean + store on the 2-core machine, in bounded memory.',
        `The machine is shared with other work while this runs (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the end): wall-clock articles/s is then bounded by the CPU share this process got; articles per CPU second (user + system time of the ingesting process) is the figure that does not depend on the load.`,
        ...results.flatMap((r) => r.firstProblems.map((p) => `${r.mode} error: ${p}`)),
      ],
    };
    writeResults('ingest', [table]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// Child mode: `--mode M --db FILE PATH...`
const argv = process.argv.slice(2);
if (process.argv[1] === SELF && argv[0] === '--mode') {
  await child(argv[1], argv[3], argv.slice(4));
}
