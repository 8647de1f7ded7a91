// echotrace migrate --from A --to B: copy a whole store (SQLite file or postgres:// URL) into an
// empty one of either kind. Everything goes through the Store interface, so any pair of stores
// works and the copy exports byte-identical JSON (apart from `generated`): articles in their
// ingest order with every layer and its version, removed lines, entities and aliases, outlets,
// reuse links and provenance, story features, stories, narratives, cases and matches.
//
// Not carried over, because the interface does not expose it: the reuse n-gram index (rebuilt
// here from the copied texts, so later ingests link new articles against the old ones), the
// source of each alias, and the name of the stage behind each layer (its version is kept).

import type { Command } from 'commander';
import type { LayerResult } from '../../model.ts';
import type { Store } from '../../store/store.ts';
import { openStore } from '../../store/open.ts';
import { ARTICLE_STAGES } from '../../stages.ts';
import { action, CliError, err, out, printJson } from '../output.ts';
import { makeDoc } from '../../reuse/doc.ts';
import { outletMatcher } from '../../reuse/credit.ts';
import { defaultSettings } from '../../reuse/settings.ts';
import { loadOutlets } from '../../meta/outlets.ts';

export interface CopyReport {
  articles: number;
  entities: number;
  outlets: number;
  links: number;
  provenance: number;
  stories: number;
  narratives: number;
  cases: number;
  matches: number;
  indexed: number;
  seconds: number;
}

const PAGE = 1000;

export async function copyStore(from: Store, to: Store, onProgress?: (what: string, n: number) => void): Promise<CopyReport> {
  const t0 = performance.now();
  const r: CopyReport = { articles: 0, entities: 0, outlets: 0, links: 0, provenance: 0, stories: 0, narratives: 0, cases: 0, matches: 0, indexed: 0, seconds: 0 };
  if ((await to.articles.count()) > 0 || (await to.cases.count()) > 0)
    throw new CliError(`${to.location}: the target store is not empty; migrate copies into an empty store only`, 2);
  const stageOf = new Map(ARTICLE_STAGES.map((s) => [s.layer, s.name]));

  // Articles first, in ingest order (the order export follows), each with every layer it has a
  // version for — a layer that found nothing still records that it ran.
  const ids = await from.articles.ids();
  for (const id of ids) {
    const a = await from.articles.get(id);
    const fp = await from.articles.fingerprint(id);
    if (!a || !fp) continue;
    const spans = await from.articles.layers(id);
    const layers: LayerResult[] = Object.entries(fp.versions).map(([layer, version]) => ({ layer, stage: stageOf.get(layer) ?? layer, version, spans: spans[layer] ?? [] }));
    for (const [layer, s] of Object.entries(spans)) if (!(layer in fp.versions)) layers.push({ layer, stage: stageOf.get(layer) ?? layer, version: 0, spans: s });
    await to.articles.put(a, layers);
    if (++r.articles % 500 === 0) onProgress?.('articles', r.articles);
  }

  const entities = await from.entities.list();
  for (let i = 0; i < entities.length; i += PAGE) await to.entities.upsert(entities.slice(i, i + PAGE), 'migrate');
  r.entities = entities.length;
  for (const o of await from.outlets.list()) (await to.outlets.upsert({ id: o.id, name: o.name, hosts: o.hosts }), r.outlets++);

  const links = await from.reuse.links();
  await to.reuse.replaceLinks([], links);
  r.links = links.length;
  const groups = await from.reuse.provenance();
  await to.reuse.replaceProvenance(groups);
  r.provenance = groups.length;
  // The n-gram index, rebuilt from the copied texts with the default reuse settings.
  if ((await from.reuse.indexed()) > 0) {
    const matcher = outletMatcher(loadOutlets());
    const s = defaultSettings();
    for (let i = 0; i < ids.length; i += PAGE) {
      const entries = [];
      for (const id of ids.slice(i, i + PAGE)) {
        const a = await to.articles.get(id);
        if (a) entries.push({ article: id, hashes: Array.from(makeDoc(a, null, matcher, s).fp) });
      }
      await to.reuse.setFingerprints(entries);
      r.indexed += entries.length;
    }
  }

  await to.groups.putFeatures(await from.groups.features());
  const stories = await from.groups.stories();
  await to.groups.saveStories(stories, { replaceAll: true });
  r.stories = stories.length;
  const narratives = await from.groups.narratives();
  await to.groups.saveNarratives(narratives);
  r.narratives = narratives.length;

  for (let after: string | undefined; ; ) {
    const page = await from.cases.list({ after, limit: PAGE });
    if (!page.length) break;
    await to.cases.upsert(page);
    r.cases += page.length;
    after = page.at(-1)!.id;
  }
  const matches = await from.cases.matches();
  const byArticle = new Map<string, typeof matches>();
  for (const m of matches) (byArticle.get(m.articleId) ?? byArticle.set(m.articleId, []).get(m.articleId)!).push(m);
  for (const [id, ms] of byArticle) await to.cases.setMatches(id, ms.map(({ caseId, score, start, end }) => ({ caseId, score, start, end })));
  r.matches = matches.length;

  r.seconds = (performance.now() - t0) / 1000;
  return r;
}

export function register(program: Command) {
  program
    .command('migrate')
    .description('Copy a whole store into an empty one: SQLite → PostgreSQL or back (e.g. --from echotrace.db --to postgres://host/db)')
    .requiredOption('--from <file|url>', 'the store to copy (an SQLite file or a postgres:// URL); only read')
    .requiredOption('--to <file|url>', 'the empty store to copy into (created and migrated if needed)')
    .addHelpText('after', '\nExit status: 0 when copied, 2 when either store cannot be opened or the target is not empty.')
    .action(
      action(async (o: { from: string; to: string }) => {
        const g = program.opts();
        let from: Store, to: Store;
        try {
          from = await openStore(o.from, { readonly: true });
        } catch (e) {
          throw new CliError((e as Error).message, 2);
        }
        try {
          to = await openStore(o.to);
        } catch (e) {
          await from.close();
          throw new CliError((e as Error).message, 2);
        }
        try {
          const r = await copyStore(from, to, (what, n) => !g.json && err(`migrate: ${n} ${what}…`));
          if (g.json) printJson(r);
          else
            out(
              `copied ${r.articles} articles, ${r.entities} entities, ${r.outlets} outlets, ${r.links} reuse links, ${r.provenance} provenance groups, ` +
                `${r.stories} stories, ${r.narratives} narratives, ${r.cases} cases, ${r.matches} matches from ${from.location} to ${to.location} in ${r.seconds.toFixed(1)} s`,
            );
        } finally {
          await from.close();
          await to.close();
        }
      }),
    );
}
