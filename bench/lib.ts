// Shared benchmark plumbing: where the datasets are, how to time things and how to write a
// results table to bench/results/ with the machine and the date.

import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DATASETS = process.env.ECHOTRACE_DATASETS ?? fileURLToPath(new URL('../../shared/datasets/', import.meta.url));
export const RESULTS = ROOT + 'bench/results/';

export function requireDataset(rel: string): string {
  const p = DATASETS + rel;
  if (!existsSync(p)) throw new Error(`dataset not found: ${p} (benchmarks read ../shared/datasets)`);
  return p;
}

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

export function markdownTable(t: Table): string {
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v);
  return [
    `### ${t.title}`,
    '',
    `| ${t.columns.join(' | ')} |`,
    `| ${t.columns.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(fmt).join(' | ')} |`),
    '',
    ...(t.notes ?? []).map((n) => `- ${n}`),
  ].join('\n');
}

/** Writes bench/results/<name>.md (and .json) and prints the tables. */
export function writeResults(name: string, tables: Table[], extra: Record<string, unknown> = {}): void {
  mkdirSync(RESULTS, { recursive: true });
  const header = `## ${name}\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.\n`;
  const md = [header, ...tables.map(markdownTable)].join('\n\n') + '\n';
  writeFileSync(`${RESULTS}${name}.md`, md);
  writeFileSync(`${RESULTS}${name}.json`, JSON.stringify({ name, machine: machine(), date: new Date().toISOString(), tables, ...extra }, null, 2) + '\n');
  process.stdout.write(md + '\n');
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}
