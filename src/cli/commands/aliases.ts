// echotrace aliases: the entity alias table. `list` shows the entities (shipped table, outlets,
// user files, or what the store holds); `resolve NAME` says which entity a name is, and by which
// normalised form; `add FILE` checks a user alias file (shape: data/aliases.json) and records its
// entities in the store. To match the names in new articles, pass the same file to
// `echotrace ingest --aliases FILE`.

import type { Command } from 'commander';
import { aliasTableFor, readEntities } from '../../nlp/aliases.ts';
import { normaliseAlias } from '../../nlp/alias-norm.ts';
import { action, CliError, out, printJson, withStore } from '../output.ts';

function tableWith(files: string[] | undefined) {
  const data = new Map<string, unknown>();
  if (files?.length) data.set('extra:aliases', files);
  try {
    return aliasTableFor(data);
  } catch (e) {
    throw new CliError((e as Error).message, 1);
  }
}

export function register(program: Command) {
  const cmd = program.command('aliases').description('Entity alias table: list entities, resolve a name, add a user alias file');
  cmd
    .command('list')
    .description('List entities and their aliases (the data tables, or with --stored what the store holds)')
    .option('--aliases <file...>', 'extra alias files (shape: data/aliases.json)')
    .option('--type <type>', 'only this type: person, org, place, outlet')
    .option('--stored', 'list the entities in the store (mentioned by ingested articles, or added)')
    .action(
      action(async (o: { aliases?: string[]; type?: string; stored?: boolean }) => {
        const g = program.opts();
        let rows: { id: string; name: string; type: string; aliases: string[] }[];
        if (o.stored) rows = await withStore(g, (store) => store.entities.list({ type: o.type }), { readonly: true });
        else rows = [...tableWith(o.aliases).entities.values()].filter((e) => !o.type || e.type === o.type);
        if (g.json) return printJson(rows.map(({ id, name, type, aliases }) => ({ id, name, type, aliases })));
        for (const e of rows) out(`${e.id.padEnd(28)} ${e.type.padEnd(7)} ${e.name}${e.aliases.length ? ` = ${e.aliases.join(' = ')}` : ''}`);
        out(`${rows.length} entities`);
      }),
    );
  cmd
    .command('resolve')
    .description('Which entity a name refers to (transliteration-tolerant: apostrophes, hyphens, al-/el-, doubled letters)')
    .argument('<name...>', 'the name, e.g. "Hashd al-Sha\'abi"')
    .option('--aliases <file...>', 'extra alias files (shape: data/aliases.json)')
    .option('--no-store', 'do not look in the store')
    .addHelpText('after', '\nExit status: 0 when the name resolved, 1 when it did not.')
    .action(
      action(async (words: string[], o: { aliases?: string[]; store: boolean }) => {
        const g = program.opts();
        const name = words.join(' ');
        const norm = normaliseAlias(name);
        const hits = tableWith(o.aliases)
          .resolve(name)
          .map((e) => ({ id: e.id, name: e.name, type: e.type, from: e.source.endsWith('aliases.json') ? 'data/aliases.json' : e.source }));
        if (o.store) {
          const stored = await withStore(g, async (store) => {
            const ids = await store.entities.resolve(norm);
            return Promise.all(ids.map((id) => store.entities.get(id)));
          }, { readonly: true }).catch(() => []);
          for (const e of stored) if (e && !hits.some((h) => h.id === e.id)) hits.push({ id: e.id, name: e.name, type: e.type, from: 'store' });
        }
        if (g.json) printJson({ name, normalised: norm, entities: hits });
        else if (!hits.length) out(`"${name}" (normalised "${norm}"): no entity`);
        else for (const h of hits) out(`"${name}" (normalised "${norm}") → ${h.id} (${h.type}, ${h.name}) from ${h.from}`);
        if (hits.length > 1 && !g.json) out('ambiguous: more than one entity has this name');
        return hits.length ? 0 : 1;
      }),
    );
  cmd
    .command('add')
    .description('Check a user alias file and record its entities (with aliases) in the store')
    .argument('<file>', 'JSON file shaped like data/aliases.json: {"entities": [{"id", "name", "type", "aliases": [...]}]}')
    .action(
      action(async (file: string) => {
        const g = program.opts();
        let defs;
        try {
          defs = readEntities(file);
        } catch (e) {
          throw new CliError((e as Error).message, 1);
        }
        const table = tableWith([file]);
        const clashes: string[] = [];
        for (const d of defs)
          for (const a of [d.name, ...d.aliases]) {
            const other = table.resolve(a).filter((e) => e.id !== d.id);
            if (other.length) clashes.push(`"${a}" (${d.id}) is also a name of ${other.map((e) => e.id).join(', ')}`);
          }
        await withStore(g, async (store) => {
          const recs = [];
          for (const d of defs) {
            const prior = await store.entities.get(d.id); // keep the spellings already recorded
            recs.push({ id: d.id, name: d.name, type: d.type, aliases: [...new Set([...(prior?.aliases ?? []), ...d.aliases])], data: { ...(prior?.data ?? {}), source: 'user', file } });
          }
          await store.entities.upsert(recs, `user:${file}`);
        });
        if (g.json) return printJson({ added: defs.length, clashes });
        for (const c of clashes) out(`warning: ${c}`);
        out(`added ${defs.length} entities from ${file}; pass it to \`echotrace ingest --aliases ${file}\` to match these names in articles`);
      }),
    );
}
