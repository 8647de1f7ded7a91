// The nlp stages through the real pipeline and a real SQLite store: the sample articles are
// ingested, the entity table gets the entities they mention, and the export carries quotes,
// sourcing and dates in the contract's shape.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { ingestPaths } from '../pipeline.ts';
import { exportArticle } from '../export/build.ts';
import { normaliseAlias } from './alias-norm.ts';

const SEEDS = fileURLToPath(new URL('../../../shared/corpus/seeds', import.meta.url));
let store: Store;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'echotrace-nlp-'));
  store = await openStore(join(dir, 'nlp.db'));
  await ingestPaths(store, [SEEDS], { corpus: false });
  const { entityCorpusStage } = await import('./entity-corpus.ts');
  await entityCorpusStage.recompute(store, { data: new Map(), now: new Date() });
}, 60_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('nlp stages in the pipeline', () => {
  it('writes discovered people with the spellings seen, and known entities with their aliases, to the entity table', async () => {
    const bayati = await store.entities.get('mohammed-mahdi-al-bayati');
    expect(bayati?.type).toBe('person');
    expect(bayati?.aliases).toEqual(expect.arrayContaining(['al-Bayati', 'Bayati']));
    expect(await store.entities.resolve(normaliseAlias('Hashd al-Shabi'))).toEqual(['pmf']);
    expect((await store.entities.get('isis'))?.aliases).toEqual(expect.arrayContaining(['Daesh', 'ISIL', 'IS']));
  });

  it('exports quotes, the sourcing summary and dates in the contract shape', async () => {
    const a = (await exportArticle(store, '001_29476ecf59ead59e'))!;
    const q = a.quotes.find((x: Record<string, any>) => x.content.text.includes('Eyewitnesses')) as Record<string, any>;
    expect(q).toMatchObject({ kind: 'direct', told_to: { entity: 'press-tv' }, via: [], speaker: { entity: 'mohammed-mahdi-al-bayati', anonymous: false } });
    expect(a.text.slice(q.content.start, q.content.end)).toBe(q.content.text);
    const s = a.sourcing as { counts: Record<string, number>; unverified: { text: string }[] };
    expect(s.unverified.map((u) => u.text)).toEqual(expect.arrayContaining(['unauthenticated', 'has not commented']));
    expect(a.dates.map((d) => d.text)).toContain('On Monday');
    expect(a.dates.every((d) => d.date === null)).toBe(true); // the sample articles carry no date
  });
});
