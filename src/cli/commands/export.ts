// echotrace export --format json|jsonl: the export contract (DESIGN.md), to stdout or a file.

import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportArticles, exportDocument, exportTables } from '../../export/build.ts';
import { exportJsonSchema } from '../../export/schema.ts';
import { action, CliError, withStore } from '../output.ts';

export function register(program: Command) {
  program
    .command('export')
    .description('Export everything in the store as the echotrace JSON contract (see docs/export.md)')
    .option('-f, --format <format>', 'json (one object) or jsonl (one line per article, then entities, outlets, provenance, stories, narratives)', 'json')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--schema', 'print the JSON Schema of the export contract instead of exporting')
    .action(
      action(async (o: { format: string; out?: string; schema?: boolean }) => {
        if (o.schema) return void process.stdout.write(JSON.stringify(exportJsonSchema(), null, 2) + '\n');
        if (o.format !== 'json' && o.format !== 'jsonl') throw new CliError(`--format must be json or jsonl, got ${JSON.stringify(o.format)}`, 2);
        const g = program.opts();
        return withStore(g, async (store) => {
          const stream = o.out ? createWriteStream(o.out) : process.stdout;
          const write = async (s: string) => {
            if (!stream.write(s)) await once(stream, 'drain');
          };
          if (o.format === 'json') await write(JSON.stringify(await exportDocument(store), null, 2) + '\n');
          else {
            for await (const a of exportArticles(store)) await write(JSON.stringify({ type: 'article', ...a }) + '\n');
            const t = await exportTables(store);
            const kinds = [['entity', t.entities], ['outlet', t.outlets], ['provenance', t.provenance], ['story', t.stories], ['narrative', t.narratives]] as const;
            // The line's tag is `type`; a record's own `type` (an entity's org/person/place) moves to
            // `<tag>_type` so the tag is never overwritten.
            for (const [type, rows] of kinds)
              for (const r of rows as Record<string, unknown>[]) {
                const { type: own, ...rest } = r;
                await write(JSON.stringify(own === undefined ? { type, ...rest } : { type, ...rest, [`${type}_type`]: own }) + '\n');
              }
          }
          if (o.out) {
            (stream as ReturnType<typeof createWriteStream>).end();
            await once(stream, 'finish');
          }
        });
      }),
    );
}
