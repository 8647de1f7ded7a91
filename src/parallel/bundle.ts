// Bundles an entry module of echotrace into one plain JavaScript file with esbuild (tsx's own
// compiler), cached in node_modules/.echotrace-bundles until a source file changes. Loading
// TypeScript through tsx costs every worker thread (and every short-lived process) seconds of
// start-up; a bundle loads in a fraction of that.
//
// Modules find their data files with `new URL('../../data/…', import.meta.url)`; in a bundle
// that would point at the bundle, so every `import.meta.url` in our sources is replaced by the
// URL of the source file it was written in. Native and build-tool packages stay external and
// resolve from the project's node_modules (the bundle lives inside it).

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = ROOT + 'node_modules/.echotrace-bundles/';
/** Spelled in two parts so this file's own source is not rewritten. */
const META_URL = 'import.meta' + '.url';
const EXTERNAL = ['better-sqlite3', 'esbuild', 'tsx', 'pg-native', 'fsevents', 'playwright-core', 'vite'];

/** A key that changes whenever any source file or the installed packages change. */
function sourceKey(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mjs|js|json|sql)$/.test(e.name)) {
        const st = statSync(p);
        h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
      }
    }
  };
  walk(ROOT + 'src');
  for (const f of ['package.json', 'package-lock.json']) if (existsSync(ROOT + f)) h.update(`${f}:${statSync(ROOT + f).mtimeMs}\n`);
  return h.digest('hex').slice(0, 16);
}

/** Path of the bundle of `entry` (a path relative to the project root, e.g. "src/cli/main.ts"), built if missing. */
export async function bundle(entry: string, name: string): Promise<string> {
  const out = `${DIR}${name}-${sourceKey()}.mjs`;
  if (existsSync(out)) return out;
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  mkdirSync(DIR, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [ROOT + entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    external: EXTERNAL,
    // CommonJS packages inside an ES module bundle still call require().
    banner: { js: `import { createRequire as __echotraceRequire } from 'node:module'; const require = __echotraceRequire(${META_URL});` },
    plugins: [
      {
        name: 'source-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
            let code = readFileSync(args.path, 'utf8').replaceAll(META_URL, JSON.stringify(pathToFileURL(args.path).href));
            // `const modulePath = './x.ts'; … import(modulePath)` (src/store/open.ts loads the
            // PostgreSQL store lazily this way): give esbuild the literal so it bundles the module.
            const lazy = /const (\w+) = '(\.[^']+\.ts)';/.exec(code);
            if (lazy) code = code.replaceAll(`import(${lazy[1]})`, `import(${JSON.stringify(lazy[2])})`);
            return { contents: code, loader: 'ts' };
          });
        },
      },
    ],
  });
  // Older bundles go once nothing can still be running them (a process started an hour ago may).
  for (const old of readdirSync(DIR))
    if (old.startsWith(`${name}-`) && (old.endsWith('.mjs') || old.endsWith('.tmp')) && Date.now() - statSync(DIR + old).mtimeMs > 3_600_000) rmSync(DIR + old, { force: true });
  renameSync(tmp, out); // atomic: a concurrent process sees the whole file or none
  return out;
}
