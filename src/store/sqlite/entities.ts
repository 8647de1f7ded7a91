// SQLite repositories for entities (with their aliases) and outlets.

import type Database from 'better-sqlite3';
import type { EntityRecord, EntityRepo, OutletRepo, OutletRecord } from '../store.ts';
import { normaliseAlias } from '../../nlp/alias-norm.ts';

export function sqliteEntities(db: Database.Database): EntityRepo {
  const upsert = db.prepare(
    `INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, data = excluded.data`,
  );
  const alias = db.prepare('INSERT OR IGNORE INTO aliases (alias_norm, entity_id, source) VALUES (?, ?, ?)');
  const aliasesOf = db.prepare('SELECT DISTINCT alias_norm FROM aliases WHERE entity_id = ? ORDER BY alias_norm').pluck();
  const row2rec = (r: { id: string; name: string; type: string; data: string }): EntityRecord => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const surface = Array.isArray(data.aliases) ? (data.aliases as string[]) : (aliasesOf.all(r.id) as string[]);
    return { id: r.id, name: r.name, type: r.type, aliases: surface, data };
  };
  return {
    async upsert(entities, source) {
      db.transaction(() => {
        for (const e of entities) {
          upsert.run(e.id, e.name, e.type, JSON.stringify({ ...(e.data ?? {}), aliases: e.aliases }));
          for (const a of [e.name, ...e.aliases]) alias.run(normaliseAlias(a), e.id, source);
        }
      })();
    },
    async get(id) {
      const r = db.prepare('SELECT * FROM entities WHERE id = ?').get(id) as never;
      return r ? row2rec(r) : null;
    },
    async list(opts = {}) {
      const rows = db
        .prepare(`SELECT * FROM entities ${opts.type ? 'WHERE type = ?' : ''} ORDER BY id LIMIT ? OFFSET ?`)
        .all(...(opts.type ? [opts.type] : []), opts.limit ?? -1, opts.offset ?? 0) as never[];
      return rows.map(row2rec);
    },
    async resolve(aliasNorm) {
      return db.prepare('SELECT DISTINCT entity_id FROM aliases WHERE alias_norm = ?').pluck().all(aliasNorm) as string[];
    },
  };
}

export function sqliteOutlets(db: Database.Database): OutletRepo {
  return {
    async upsert(o) {
      db.prepare(
        `INSERT INTO outlets (id, name, entity_id, hosts) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, entity_id = excluded.entity_id, hosts = excluded.hosts`,
      ).run(o.id, o.name, o.entityId ?? o.id, JSON.stringify(o.hosts ?? []));
    },
    async list() {
      const rows = db
        .prepare(
          `SELECT a.outlet_id AS id, coalesce(o.name, max(a.outlet_name)) AS name, coalesce(o.hosts, '[]') AS hosts, count(*) AS articles
           FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
           WHERE a.outlet_id IS NOT NULL GROUP BY a.outlet_id ORDER BY articles DESC, a.outlet_id`,
        )
        .all() as { id: string; name: string; hosts: string; articles: number }[];
      return rows.map((r): OutletRecord => ({ id: r.id, name: r.name, hosts: JSON.parse(r.hosts), articles: r.articles }));
    },
  };
}
