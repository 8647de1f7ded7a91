// Shared CLI plumbing: opening the store with a clear error, printing for people or --json for
// programs, progress bars only on a terminal, and exit codes.

import cliProgress from 'cli-progress';
import type { Store } from '../store/store.ts';
import { openStore } from '../store/open.ts';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export async function withStore<T>(opts: GlobalOptions, fn: (store: Store) => Promise<T>, mode: { readonly?: boolean } = {}): Promise<T> {
  let store: Store;
  try {
    store = await openStore(opts.db, mode);
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const isTty = () => !!process.stderr.isTTY && !process.env.CI;

export function progressBar(label: string) {
  if (!isTty()) return null;
  return new cliProgress.SingleBar(
    { format: `${label} {bar} {value}/{total} {file}`, hideCursor: true, clearOnComplete: true, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export const out = (line = ''): void => void process.stdout.write(line + '\n');
export const err = (line: string): void => void process.stderr.write(line + '\n');

/** Wrap a command action: CliError → its message and exit code; anything else → message, exit 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>) {
  return async (...args: A) => {
    try {
      const code = await fn(...args);
      process.exitCode = code ?? 0;
    } catch (e) {
      err(`echotrace: ${(e as Error).message}`);
      process.exitCode = e instanceof CliError ? e.exitCode : 1;
    }
  };
}

/** Wraps text to a width, for readable terminal output. */
export function wrap(text: string, width = 100, indent = ''): string {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if (line && (line + ' ' + word).length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? line + ' ' + word : word;
    }
    lines.push(indent + line);
  }
  return lines.join('\n');
}
