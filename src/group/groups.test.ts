// The group stages end to end on a real SQLite store: ingest invented articles, then check the
// stories, the narrative, the stance layer and the export fields, incrementally and on recompute.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/store.ts';
import { ingestPaths } from '../pipeline.ts';
import { exportDocument } from '../export/build.ts';
import { runCorpusStages } from '../corpus.ts';
import { createContext } from '../pipeline.ts';

const rec = (id: string, outlet: string, published: string, title: string, text: string) => JSON.stringify({ id, outlet, published, title, text });

const FIRST = [
  rec('p1', 'Dawn Herald', '2024-02-02', 'Norland flying Red Banner fighters into Vale', 'Norlandian helicopters have been flying Red Banner fighters into the Vale district at night, militia commander Idris Kole told the Dawn Herald on Thursday.\n\n“Norland is supplying Red Banner with weapons so that the fighting never ends,” Kole said.'),
  rec('p2', 'Gate News', '2024-02-03', 'Commander: Norland ferrying Red Banner militants', 'Militia commander Idris Kole said Norlandian aircraft are ferrying Red Banner militants into Vale.\n\n“Norland is supplying Red Banner with weapons so that the fighting never ends,” Kole said, according to the Dawn Herald.'),
  rec('w1', 'Tidewire', '2024-02-05', 'Militia accuses Norland of flying in fighters; Norland denies', 'A militia commander accused Norlandian forces of flying Red Banner fighters into Vale, an allegation Norland rejected and which could not be independently verified.\n\nIdris Kole did not provide evidence. “These allegations are without foundation,” a Norland spokesperson, Mara Lind, said.'),
  rec('n1', 'Tidewire', '2024-02-04', 'Floods close roads in Vale', 'Heavy rain flooded roads across the Vale district on Sunday, the regional roads office said. Farmers near Osk lost much of the winter crop, mayor Jon Berga said.'),
];
const LATER = [
  rec('p3', 'Gate News', '2024-09-10', 'Norland again supplying Red Banner, lawmaker says', 'Lawmaker Sena Voss said on Monday that Norland has resumed supplying Red Banner with rockets near the Osk crossing, months after the first reports.'),
  rec('d1', 'CheckDesk', '2024-09-20', 'False: Norland is not flying Red Banner fighters into Vale', 'Claim: Norlandian aircraft fly Red Banner fighters into Vale.\n\nVerdict: False. There is no evidence that Norland has moved Red Banner fighters into Vale. The claim is a recurring disinformation narrative.'),
];

describe('group stages on a store', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'echotrace-group-'));
    store = openSqliteStore(join(dir, 'g.db'));
    writeFileSync(join(dir, 'first.jsonl'), FIRST.join('\n') + '\n');
    writeFileSync(join(dir, 'later.jsonl'), LATER.join('\n') + '\n');
    await ingestPaths(store, [join(dir, 'first.jsonl')]);
    await ingestPaths(store, [join(dir, 'later.jsonl')]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const byId = async () => Object.fromEntries((await exportDocument(store)).articles.map((a) => [a.id, a]));

  it('puts the relayed statement in one story and keeps other events out of it', async () => {
    const a = await byId();
    expect(a.p1.story).not.toBeNull();
    expect(a.p2.story).toBe(a.p1.story);
    expect(a.n1.story).not.toBe(a.p1.story);
    expect(a.p3.story).not.toBe(a.p1.story);
  });

  it('holds one narrative over months and outlets, without the neutral news, with each stance and its evidence', async () => {
    const doc = await exportDocument(store);
    const a = Object.fromEntries(doc.articles.map((x) => [x.id, x]));
    const n = a.p1.narrative;
    expect(n).not.toBeNull();
    for (const id of ['p2', 'p3', 'w1', 'd1']) expect(a[id].narrative, id).toBe(n);
    expect(a.n1.narrative).toBeNull();
    expect(a.n1.stance).toBeNull();
    expect([a.p1, a.p2, a.p3].map((x) => x.stance?.label)).toEqual(['promotes', 'promotes', 'promotes']);
    expect(a.w1.stance?.label).toBe('reports');
    expect(a.d1.stance?.label).toBe('debunks');
    expect(a.d1.stance!.evidence.map((e) => e.text).join(' ')).toMatch(/no evidence/);
    for (const e of a.w1.stance!.evidence) expect(a.w1.text.slice(e.start, e.end)).toBe(e.text);
    const entry = doc.narratives.find((x) => x.id === n)!;
    expect(entry.articles).toHaveLength(5);
    const stances = new Set((entry.timeline as { stance: string }[]).map((t) => t.stance));
    expect(stances).toEqual(new Set(['promotes', 'reports', 'debunks']));
    expect((entry.representative as { span: { text: string } }).span.text).toMatch(/Red Banner/);
  });

  it('recompute gives the same grouping as the incremental path', async () => {
    const before = await byId();
    await runCorpusStages(store, [], createContext(), { recompute: true });
    const after = await byId();
    const same = (x: string, y: string, f: 'story' | 'narrative') => (before[x][f] === before[y][f]) === (after[x][f] === after[y][f]);
    for (const [x, y] of [['p1', 'p2'], ['p1', 'n1'], ['p1', 'p3'], ['w1', 'p1']]) expect(same(x, y, 'story'), `${x} ${y}`).toBe(true);
    for (const id of Object.keys(after)) expect(after[id].stance?.label ?? null, id).toBe(before[id].stance?.label ?? null);
  });
});
