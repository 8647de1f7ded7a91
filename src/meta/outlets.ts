// The outlet table (data/outlets.json plus any user file): resolves a name, a code ("FNA") or a
// web host to a canonical outlet.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseAlias } from '../nlp/alias-norm.ts';

export interface OutletEntry {
  id: string;
  name: string;
  aliases: string[];
  hosts: string[];
}

export interface OutletTable {
  entries: OutletEntry[];
  byName(name: string): OutletEntry | undefined;
  byHost(host: string): OutletEntry | undefined;
}

const SHIPPED = fileURLToPath(new URL('../../data/outlets.json', import.meta.url));

export function slug(name: string): string {
  return normaliseAlias(name).replace(/\s+/g, '-').slice(0, 60) || 'unknown';
}

export function loadOutlets(extra: string[] = []): OutletTable {
  const entries: OutletEntry[] = [];
  for (const file of [SHIPPED, ...extra]) {
    let parsed: { outlets?: Partial<OutletEntry>[] };
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: cannot read the outlet table (${(err as Error).message})`);
    }
    for (const [i, o] of (parsed.outlets ?? []).entries()) {
      if (!o?.id || !o.name) throw new Error(`${file}: outlet ${i + 1} needs an "id" and a "name"`);
      entries.push({ id: o.id, name: o.name, aliases: o.aliases ?? [], hosts: o.hosts ?? [] });
    }
  }
  const names = new Map<string, OutletEntry>();
  const hosts = new Map<string, OutletEntry>();
  for (const e of entries) {
    for (const n of [e.name, e.id, ...e.aliases]) names.set(normaliseAlias(n), e);
    for (const h of e.hosts) hosts.set(h.toLowerCase().replace(/^www\./, ''), e);
  }
  return {
    entries,
    byName: (name) => names.get(normaliseAlias(name)),
    byHost(host) {
      let h = host.toLowerCase().replace(/^www\./, '');
      // Try the host and each parent domain: en.farsnews.ir → farsnews.ir.
      while (h.includes('.')) {
        const hit = hosts.get(h);
        if (hit) return hit;
        h = h.slice(h.indexOf('.') + 1);
      }
      return undefined;
    },
  };
}
