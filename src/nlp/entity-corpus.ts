// The entity table: every entity the articles mention, with the names it goes by, written to the
// store so the export's top-level `entities` and `echotrace aliases` list them. Known entities
// carry their table aliases plus the spellings seen; discovered people ("Mohammed Mahdi
// al-Bayati") carry the spellings seen ("al-Bayati", "Bayati"). A corpus stage, because it
// merges what many articles say about one entity.

import type { CorpusStage, CorpusStageReport } from '../corpus.ts';
import type { StageContext } from '../model.ts';
import type { EntityRecord, Store } from '../store/store.ts';
import { aliasTableFor } from './aliases.ts';

async function collect(store: Store, ids: string[], ctx: StageContext): Promise<EntityRecord[]> {
  const table = aliasTableFor(ctx.data);
  const found = new Map<string, EntityRecord>();
  for (const id of ids) {
    const a = await store.articles.get(id);
    if (!a) continue;
    const spans = (await store.articles.layers(id, ['entity'])).entity ?? [];
    for (const s of spans) {
      const eid = String(s.data.entity);
      const surface = a.text.slice(s.start, s.end);
      let rec = found.get(eid);
      if (!rec) {
        const known = table.entities.get(eid);
        const stored = await store.entities.get(eid);
        rec = known
          ? { id: eid, name: known.name, type: known.type, aliases: [...known.aliases], data: { source: known.source === 'outlets' ? 'outlets' : 'aliases' } }
          : { id: eid, name: String(s.data.name ?? surface), type: String(s.data.type ?? 'other'), aliases: [], data: { source: 'discovered' } };
        for (const x of stored?.aliases ?? []) if (!rec.aliases.includes(x)) rec.aliases.push(x);
        found.set(eid, rec);
      }
      if (surface !== rec.name && !rec.aliases.includes(surface)) rec.aliases.push(surface);
    }
  }
  return [...found.values()];
}

async function write(store: Store, ids: string[], ctx: StageContext): Promise<CorpusStageReport> {
  const recs = await collect(store, ids, ctx);
  await store.entities.upsert(recs, 'articles');
  const discovered = recs.filter((r) => r.data?.source === 'discovered').length;
  return { summary: `entities: ${recs.length} mentioned (${discovered} found by name pattern)`, counts: { entities: recs.length, discovered } };
}

export const entityCorpusStage: CorpusStage = {
  name: 'entities',
  update: (store, changed, ctx) => write(store, changed, ctx),
  recompute: async (store, ctx) => write(store, await store.articles.ids(), ctx),
};
