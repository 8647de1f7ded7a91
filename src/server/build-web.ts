// Builds the web UI (web/ → web/dist/) with Vite when the build is missing or older than its
// sources, so `npm start`, `echotrace serve` and the UI tests work from a clean clone without a
// separate step. Vite is a development dependency: without it, the server runs API-only and says so.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));
const DIST_INDEX = join(WEB_ROOT, 'dist', 'index.html');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether web/dist is missing or older than a source file under web/. */
export function webBuildIsStale(): boolean {
  return !existsSync(DIST_INDEX) || statSync(DIST_INDEX).mtimeMs < newest(WEB_ROOT);
}

/** Build the UI if needed. Returns what happened, for a log line; throws when the build itself fails. */
export async function ensureWebBuilt(opts: { force?: boolean; quiet?: boolean } = {}): Promise<'fresh' | 'built' | 'no-vite'> {
  if (!opts.force && !webBuildIsStale()) return 'fresh';
  const vite = await import('vite').catch(() => null);
  if (!vite) return 'no-vite';
  await vite.build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: opts.quiet ? 'error' : 'warn' });
  return 'built';
}
