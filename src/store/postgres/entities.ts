// PostgreSQL repositories for entities (with their aliases) and outlets, as src/store/sqlite/entities.ts.

import type { EntityRecord, EntityRepo, OutletRecord, OutletRepo } from '../store.ts';
import { normaliseAlias } from '../../nlp/alias-norm.ts';
import type { Db } from './db.ts';

interface EntityRow {
  id: string;
  name: string;
  type: string;
  data: string;
}

export function pgEntities(db: Db): EntityRepo {
  const toRecords = async (rows: EntityRow[]): Promise<EntityRecord[]> => {
    // Entities written without an alias list fall back to the alias table, fetched in one query.
    const need = rows.filter((r) => !Array.isArray(JSON.parse(r.data).aliases)).map((r) => r.id);
    const fallback = new Map<string, string[]>();
    if (need.length)
      for (const a of await db.query<{ entity_id: string; alias_norm: string }>(
        'SELECT DISTINCT entity_id, alias_norm FROM aliases WHERE entity_id = ANY($1::text[]) ORDER BY entity_id, alias_norm',
        [need],
      ))
        (fallback.get(a.entity_id) ?? fallback.set(a.entity_id, []).get(a.entity_id)!).push(a.alias_norm);
    return rows.map((r) => {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      const aliases = Array.isArray(data.aliases) ? (data.aliases as string[]) : (fallback.get(r.id) ?? []);
      return { id: r.id, name: r.name, type: r.type, aliases, data };
    });
  };
  return {
    async upsert(entities, source) {
      if (!entities.length) return;
      await db.tx(async (c) => {
        // Last one wins within a batch, as with one statement per entity in SQLite.
        const byId = new Map(entities.map((e) => [e.id, e]));
        const list = [...byId.values()];
        await c.query(
          `INSERT INTO entities (id, name, type, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, data = excluded.data`,
          [list.map((e) => e.id), list.map((e) => e.name), list.map((e) => e.type), list.map((e) => JSON.stringify({ ...(e.data ?? {}), aliases: e.aliases }))],
        );
        const norm: string[] = [], ids: string[] = [];
        for (const e of entities) for (const a of [e.name, ...e.aliases]) norm.push(normaliseAlias(a)), ids.push(e.id);
        await c.query(
          `INSERT INTO aliases (alias_norm, entity_id, source) SELECT DISTINCT n, e, $3 FROM unnest($1::text[], $2::text[]) AS u(n, e)
           ON CONFLICT DO NOTHING`,
          [norm, ids, source],
        );
      });
    },
    async get(id) {
      const rows = await db.query<EntityRow>('SELECT id, name, type, data FROM entities WHERE id = $1', [id]);
      return rows.length ? (await toRecords(rows))[0] : null;
    },
    async list(opts = {}) {
      const params: unknown[] = [];
      if (opts.type) params.push(opts.type);
      const rows = await db.query<EntityRow>(
        `SELECT id, name, type, data FROM entities ${opts.type ? 'WHERE type = $1' : ''} ORDER BY id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, opts.limit ?? null, opts.offset ?? 0],
      );
      return toRecords(rows);
    },
    async resolve(aliasNorm) {
      return (await db.query<{ entity_id: string }>('SELECT DISTINCT entity_id FROM aliases WHERE alias_norm = $1 ORDER BY entity_id', [aliasNorm])).map((r) => r.entity_id);
    },
  };
}

export function pgOutlets(db: Db): OutletRepo {
  return {
    async upsert(o) {
      await db.query(
        `INSERT INTO outlets (id, name, entity_id, hosts) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, entity_id = excluded.entity_id, hosts = excluded.hosts`,
        [o.id, o.name, o.entityId ?? o.id, JSON.stringify(o.hosts ?? [])],
      );
    },
    async list() {
      const rows = await db.query<{ id: string; name: string; hosts: string; articles: number }>(
        `SELECT a.outlet_id AS id, coalesce(max(o.name), max(a.outlet_name COLLATE "C")) AS name, coalesce(max(o.hosts), '[]') AS hosts, count(*)::int AS articles
         FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
         WHERE a.outlet_id IS NOT NULL GROUP BY a.outlet_id ORDER BY articles DESC, a.outlet_id`,
      );
      return rows.map((r): OutletRecord => ({ id: r.id, name: r.name, hosts: JSON.parse(r.hosts), articles: r.articles }));
    },
  };
}
