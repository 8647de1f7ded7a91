// Narratives: the recurring claim across stories, outlets and months, built from claim frames
// (frames.ts). Steps:
//   1. frames of every article (kept with its story features, recomputed for changed articles);
//   2. one spelling per actor: demonym ids folded to a name the corpus uses ("halvardian" → "halvard");
//   3. candidate claims: frame keys (actor · object) found in at least two articles, or matching a
//      seed narrative (data/narratives/seeds.json), or repeated by a known case's claim;
//   4. each article joins the candidate its sentences support most (a frame with that actor and
//      object: 1; a frame with that object whose sentence names that actor elsewhere: 0.5);
//   5. each member gets its stance (stance.ts), written as its `stance` layer.
// Articles about the same region without the claim have no frame of it, so they stay out.

import type { CorpusStage } from '../corpus.ts';
import type { Store } from '../store/store.ts';
import type { NarrativeRecord } from '../store/repos/groups.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FrameFinder, loadFrameLexicon, type Frame } from './frames.ts';
import { decideStance, loadStanceCues, type StanceLabel } from './stance.ts';

const STANCE_STAGE = { layer: 'stance', stage: 'stance', version: 1 };
const MIN_ARTICLES = 2;
/** A claim found from frames alone must recur across this many outlets and stories. */
const MIN_OUTLETS = 2;
const MIN_STORIES = 2;
const DEMONYM_SUFFIXES = ['ian', 'ean', 'ese', 'an', 'i'];

interface Seed {
  id: string;
  actor: string;
  object: string;
  label: string;
  claim: string;
}

let FINDER: FrameFinder | null = null;
const finder = () => (FINDER ??= new FrameFinder(loadFrameLexicon()));
let CUES: ReturnType<typeof loadStanceCues> | null = null;
const cues = () => (CUES ??= loadStanceCues());
const SEEDS = (JSON.parse(readFileSync(fileURLToPath(new URL('../../data/narratives/seeds.json', import.meta.url)), 'utf8')) as { narratives: Seed[] }).narratives;

interface Member {
  id: string;
  frames: Frame[];
}

/** Frames for these articles, computed from text and layers and kept next to their story features. */
async function computeFrames(store: Store, ids: string[]): Promise<Map<string, Frame[]>> {
  const out = new Map<string, Frame[]>();
  const rows = new Map((await store.groups.features(ids)).map((r) => [r.articleId, r.data]));
  const updates: { articleId: string; data: Record<string, unknown> }[] = [];
  for (const id of ids) {
    const a = await store.articles.get(id);
    if (!a) continue;
    const frames = finder().frames(a.text, await store.articles.layers(id, ['sentence', 'entity']));
    out.set(id, frames);
    updates.push({ articleId: id, data: { ...(rows.get(id) ?? {}), frames } });
  }
  await store.groups.putFeatures(updates);
  return out;
}

async function storedFrames(store: Store): Promise<Map<string, Frame[]>> {
  return new Map((await store.groups.features()).map((r) => [r.articleId, (r.data.frames as Frame[] | undefined) ?? []]));
}

/** Step 2: "halvardian" → "halvard" when the corpus also says "halvard". */
function foldDemonyms(all: Map<string, Frame[]>): void {
  const ids = new Set<string>();
  for (const fs of all.values()) for (const f of fs) ids.add(f.actor).add(f.object);
  const fold = new Map<string, string>();
  for (const id of ids)
    for (const suf of DEMONYM_SUFFIXES) {
      if (!id.endsWith(suf) || id.length - suf.length < 3) continue;
      const stem = id.slice(0, -suf.length);
      const hit = [stem, stem + 'a', stem + 'ia'].find((c) => c !== id && ids.has(c));
      if (hit) {
        fold.set(id, hit);
        break;
      }
    }
  for (const fs of all.values())
    for (const f of fs) {
      f.actor = fold.get(f.actor) ?? f.actor;
      f.object = fold.get(f.object) ?? f.object;
      f.otherActors = (f.otherActors ?? []).map((x) => fold.get(x) ?? x);
      f.key = `${f.actor}|${f.object}`;
    }
}

/** Known cases whose claim carries a frame: key → case ids (narratives list the cases they repeat). */
async function caseKeys(store: Store): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  try {
    let after: string | undefined;
    for (;;) {
      const page = await store.cases.list({ after, limit: 2000 });
      if (!page.length) break;
      for (const c of page)
        for (const f of finder().frames([c.claim, c.title].filter(Boolean).join('\n')))
          (out.get(f.key) ?? out.set(f.key, []).get(f.key)!).push(c.id);
      after = page.at(-1)!.id;
    }
  } catch {
    // No case store (or an older one): narratives go on without known cases.
  }
  return out;
}

function support(frames: Frame[], key: string): number {
  const [actor, object] = key.split('|');
  let n = 0;
  for (const f of frames) {
    if (f.key === key) n += 1;
    else if (f.object === object && f.otherActors?.includes(actor)) n += 0.5;
  }
  return n;
}

/** Steps 3–4: candidate claims and the members of each. */
export function groupNarratives(all: Map<string, Frame[]>, extraKeys: Set<string>): Map<string, Member[]> {
  foldDemonyms(all);
  const articlesByKey = new Map<string, Set<string>>();
  for (const [id, fs] of all) for (const f of fs) (articlesByKey.get(f.key) ?? articlesByKey.set(f.key, new Set()).get(f.key)!).add(id);
  const seedKeys = new Set(SEEDS.map((s) => `${s.actor}|${s.object}`));
  const candidates = [...articlesByKey].filter(([k, ids]) => ids.size >= MIN_ARTICLES || seedKeys.has(k) || extraKeys.has(k)).map(([k]) => k);
  const members = new Map<string, Member[]>();
  for (const [id, fs] of all) {
    if (!fs.length) continue;
    let best: { key: string; score: number } | null = null;
    for (const k of candidates) {
      const score = support(fs, k);
      if (score > 0 && (!best || score > best.score || (score === best.score && articlesByKey.get(k)!.size > articlesByKey.get(best.key)!.size))) best = { key: k, score };
    }
    if (!best) continue;
    (members.get(best.key) ?? members.set(best.key, []).get(best.key)!).push({ id, frames: fs.filter((f) => f.key === best.key || f.object === best.key.split('|')[1]) });
  }
  for (const [k, ms] of members) if (ms.length < MIN_ARTICLES && !seedKeys.has(k) && !extraKeys.has(k)) members.delete(k);
  return members;
}

/**
 * A narrative is a claim that recurs: one found only from frames (not a seed narrative, not a
 * known case's claim) must be carried by at least two outlets and across at least two stories.
 * Two articles of one outlet about one event repeating "X backs Y" is a story, not a narrative;
 * this keeps single-outlet collections (a wire archive) from sprouting narratives of ordinary
 * verbs.
 */
async function keepRecurring(store: Store, groups: Map<string, Member[]>, caseKeySet: Set<string>): Promise<void> {
  const seedKeys = new Set(SEEDS.map((s) => `${s.actor}|${s.object}`));
  for (const [key, ms] of groups) {
    if (seedKeys.has(key) || caseKeySet.has(key)) continue;
    const ids = ms.map((m) => m.id);
    const outlets = new Set((await store.articles.list({ ids })).map((a) => a.outlet?.id).filter(Boolean));
    const stories = new Set((await store.groups.stories({ articleIds: ids })).map((st) => st.id));
    if (outlets.size < MIN_OUTLETS || stories.size < MIN_STORIES) groups.delete(key);
  }
}

async function nameOf(store: Store, id: string): Promise<string> {
  const e = await store.entities.get(id).catch(() => null);
  return e?.name ?? id.replace(/-/g, ' ').replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

const ACTION_WORDS: Record<string, string> = { aid: 'supports or moves', stage: 'stages' };

async function rebuild(store: Store, changed: string[] | null): Promise<{ summary: string; counts: Record<string, number> }> {
  const before = new Set((await store.groups.narratives()).flatMap((n) => n.articles));
  const all = changed === null ? await computeFrames(store, await store.articles.ids()) : await storedFrames(store);
  if (changed !== null) for (const [id, fs] of await computeFrames(store, changed)) all.set(id, fs);
  const byCase = await caseKeys(store);
  const groups = groupNarratives(all, new Set(byCase.keys()));
  await keepRecurring(store, groups, new Set(byCase.keys()));
  const order = new Map((await store.articles.ids()).map((id, i) => [id, i]));
  const keys = [...groups.keys()].sort((a, b) => Math.min(...groups.get(a)!.map((m) => order.get(m.id) ?? 0)) - Math.min(...groups.get(b)!.map((m) => order.get(m.id) ?? 0)));

  const records: NarrativeRecord[] = [];
  const stanceCount: Record<string, number> = { promotes: 0, reports: 0, debunks: 0 };
  const inNarrative = new Set<string>();
  for (const [i, key] of keys.entries()) {
    const [actor, object] = key.split('|');
    const seed = SEEDS.find((s) => s.actor === actor && s.object === object);
    const ms = groups.get(key)!.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const stances = new Map<string, StanceLabel>();
    let representative: NarrativeRecord['representative'] = null;
    let repScore = -Infinity;
    const cueCount = new Map<string, number>();
    for (const m of ms) for (const f of m.frames) cueCount.set(f.cue.toLowerCase(), (cueCount.get(f.cue.toLowerCase()) ?? 0) + 1);
    for (const m of ms) {
      const a = await store.articles.get(m.id);
      if (!a) continue;
      const layers = await store.articles.layers(m.id, ['sentence', 'quote']);
      const st = decideStance({ title: a.title, text: a.text, layers, frames: m.frames }, cues());
      stances.set(m.id, st.label);
      stanceCount[st.label]++;
      inNarrative.add(m.id);
      await store.articles.putLayer(m.id, {
        ...STANCE_STAGE,
        spans: [{ start: 0, end: a.text.length, data: { label: st.label, evidence: st.evidence, narrative: `n${i + 1}`, scores: st.scores, cues: st.cues } }],
      });
      // The representative sentence: a promoter's own frame sentence, with the claim's commonest
      // action word, as short as possible.
      if (st.label === 'promotes')
        for (const f of m.frames.filter((f) => f.key === key)) {
          const score = (cueCount.get(f.cue.toLowerCase()) ?? 0) * 100 - (f.end - f.start) / 10;
          if (score > repScore) ((repScore = score), (representative = { article: m.id, start: f.start, end: f.end }));
        }
    }
    const actorName = await nameOf(store, actor);
    const objectName = await nameOf(store, object);
    const action = ACTION_WORDS[ms[0]?.frames.find((f) => f.key === key)?.action ?? 'aid'] ?? 'acts on';
    records.push({
      id: `n${i + 1}`,
      label: seed?.label ?? `${actorName} ${action} ${objectName}`,
      claim: seed?.claim ?? `${actorName} ${action} ${objectName}`,
      entities: [actor, object],
      representative,
      articles: ms.map((m) => m.id),
      data: { key, seed: seed?.id ?? null, stances: Object.fromEntries(stances), caseClaims: byCase.get(key) ?? [] },
    });
  }
  await store.groups.saveNarratives(records);
  // Articles that left every narrative lose their stance.
  for (const id of before) if (!inNarrative.has(id)) await store.articles.putLayer(id, { ...STANCE_STAGE, spans: [] });
  return {
    summary: `narratives: ${records.length} (${records.map((r) => `${r.label}: ${r.articles.length}`).join('; ') || 'none'}); stance ${stanceCount.promotes} promotes, ${stanceCount.reports} reports, ${stanceCount.debunks} debunks`,
    counts: { narratives: records.length, ...stanceCount },
  };
}

export const narrativesStage: CorpusStage = {
  name: 'narratives',
  update: (store, changed) => rebuild(store, changed),
  recompute: (store) => rebuild(store, null),

  async fillArticle(store, article, fields) {
    fields.narrative = (await store.groups.narratives({ articleIds: [article.id] }))[0]?.id ?? null;
  },

  async fillSections(store, sections) {
    for (const n of await store.groups.narratives()) {
      const stories = (await store.groups.stories({ articleIds: n.articles })).map((s) => s.id);
      const summaries = new Map((await store.articles.list({ ids: n.articles })).map((s) => [s.id, s]));
      const stances = (n.data.stances ?? {}) as Record<string, string>;
      const timeline = new Map<string, { period: string; outlet: string | null; stance: string | null; count: number }>();
      for (const id of n.articles) {
        const s = summaries.get(id);
        const period = s?.published?.slice(0, 7) ?? 'undated';
        const outlet = s?.outlet?.id ?? null;
        const stance = stances[id] ?? null;
        const k = `${period}\u0000${outlet}\u0000${stance}`;
        const row = timeline.get(k) ?? { period, outlet, stance, count: 0 };
        row.count++;
        timeline.set(k, row);
      }
      const matched = await store.cases.matches(n.articles).catch(() => []);
      const cases = [...new Set([...matched.map((m) => m.caseId), ...((n.data.caseClaims as string[] | undefined) ?? [])])];
      let representative: Record<string, unknown> | null = null;
      if (n.representative) {
        const a = await store.articles.get(n.representative.article);
        representative = { article: n.representative.article, span: { start: n.representative.start, end: n.representative.end, text: a?.text.slice(n.representative.start, n.representative.end) ?? '' } };
      }
      sections.narratives.push({
        id: n.id,
        label: n.label,
        claim: n.claim,
        entities: n.entities,
        representative,
        stories,
        articles: n.articles,
        timeline: [...timeline.values()].sort((a, b) => a.period.localeCompare(b.period) || String(a.outlet).localeCompare(String(b.outlet))),
        cases,
      });
    }
  },
};
