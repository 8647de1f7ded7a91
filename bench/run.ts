// npm run bench [-- NAME...]: runs every benchmark (or the named ones), each writing its tables
// to bench/results/. Each benchmark is a module in bench/ exporting `run()`.

const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  reuse: () => import('./reuse.ts'),
  quotes: () => import('./quotes.ts'),
  pipeline: () => import('./pipeline.ts'),
  extraction: () => import('./extraction.ts'),
  ingest: () => import('./ingest.ts'),
  stories: () => import('./stories.ts'),
  claims: () => import('./claims.ts'),
  scale: () => import('./scale.ts'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
let failed = 0;
for (const name of names) {
  const load = BENCHMARKS[name];
  if (!load) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    failed++;
    continue;
  }
  console.log(`\n# ${name}\n`);
  try {
    await (await load()).run();
  } catch (err) {
    console.error(`benchmark ${name} failed: ${(err as Error).stack ?? err}`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
