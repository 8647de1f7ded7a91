// Provenance: groups of articles that share one passage or quote, the earliest source of each
// with the evidence for that call and a confidence, and attribution drift across the copies.
//
// Steps: (1) passages: within each article, the spans of its links that overlap are one passage;
// (2) groups: passages joined by a link are one group (union-find), so a quote copied from A to B
// and from B to C is one group of three; (3) earliest: by publication date when every member is
// dated and one is strictly first, else by credit (a member credited by the others that credits
// none of them), else no call and the reason why; (4) drift: the speaker, the outlet spoken to
// and the relaying outlets compared across the members' copies of a quote.
// Derived entirely from the stored links, so it is recomputed whole after each reuse update;
// its cost is linear in the number of links.

import type { CorpusStage } from '../corpus.ts';
import type { ProvenanceGroupRow, ReuseLink } from '../store/repos/reuse.ts';
import type { Store } from '../store/store.ts';
import { speakerKey } from './quotes.ts';

interface Node {
  article: string;
  start: number;
  end: number;
  parent: number;
}

interface QuoteSide {
  speaker: string | null;
  told_to: string | null;
  via: string[];
  evidence?: string | null;
}

export async function computeProvenance(store: Store, only?: ReuseLink[]): Promise<ProvenanceGroupRow[]> {
  const links = (only ?? (await store.reuse.links())).filter((l) => l.kind !== 'boilerplate');
  // (1) Passages per article: sweep the link spans, merging overlaps.
  const spans = new Map<string, { start: number; end: number; ref: [number, 'a' | 'b'] }[]>();
  links.forEach((l, i) => {
    for (const side of ['a', 'b'] as const) {
      const id = side === 'a' ? l.a : l.b;
      const list = spans.get(id) ?? (spans.set(id, []), spans.get(id)!);
      list.push({ start: side === 'a' ? l.aStart : l.bStart, end: side === 'a' ? l.aEnd : l.bEnd, ref: [i, side] });
    }
  });
  const nodes: Node[] = [];
  const nodeOf = new Map<string, number>(); // `${link}:${side}` → node
  for (const [article, list] of spans) {
    list.sort((x, y) => x.start - y.start);
    let cur = -1;
    for (const sp of list) {
      if (cur < 0 || sp.start >= nodes[cur].end) {
        nodes.push({ article, start: sp.start, end: sp.end, parent: nodes.length });
        cur = nodes.length - 1;
      } else nodes[cur].end = Math.max(nodes[cur].end, sp.end);
      nodeOf.set(`${sp.ref[0]}:${sp.ref[1]}`, cur);
    }
  }
  // (2) Union-find over passages.
  const find = (x: number): number => (nodes[x].parent === x ? x : (nodes[x].parent = find(nodes[x].parent)));
  links.forEach((_, i) => {
    const a = find(nodeOf.get(`${i}:a`)!);
    const b = find(nodeOf.get(`${i}:b`)!);
    if (a !== b) nodes[a].parent = b;
  });
  const groups = new Map<number, { nodes: number[]; links: ReuseLink[] }>();
  nodes.forEach((_, i) => {
    const r = find(i);
    (groups.get(r) ?? (groups.set(r, { nodes: [], links: [] }), groups.get(r)!)).nodes.push(i);
  });
  links.forEach((l, i) => groups.get(find(nodeOf.get(`${i}:a`)!))!.links.push(l));

  const out: ProvenanceGroupRow[] = [];
  const texts = new Map<string, string>();
  const textOf = async (id: string) => texts.get(id) ?? (await store.articles.get(id))?.text ?? '';
  for (const g of groups.values()) {
    const members = [];
    for (const i of g.nodes) {
      const nd = nodes[i];
      const a = await store.articles.get(nd.article);
      if (!a) continue;
      texts.set(a.id, a.text);
      // This member's quote attribution and credit, from the links touching this passage.
      let quote: QuoteSide | null = null;
      let credited = false;
      const credits: { outlet: string; text: string }[] = [];
      for (const l of g.links) {
        const side = l.a === nd.article && l.aStart < nd.end && l.aEnd > nd.start ? 'a' : l.b === nd.article && l.bStart < nd.end && l.bEnd > nd.start ? 'b' : null;
        if (!side) continue;
        const q = (l.data.quote as Record<string, QuoteSide | null> | null)?.[side];
        if (q && !quote) quote = q;
        const cr = (l.data.credit as Record<string, { outlet: string; text: string }[]> | undefined)?.[side === 'a' ? 'a_credits_b' : 'b_credits_a'] ?? [];
        if (cr.length) {
          credited = true;
          for (const c of cr) if (!credits.some((x) => x.text === c.text)) credits.push({ outlet: c.outlet, text: c.text });
        }
      }
      members.push({
        article: a.id,
        outlet: a.outlet?.id ?? null,
        span: { start: nd.start, end: nd.end },
        published: a.published?.date ?? null,
        publishedEvidence: a.published?.evidence.map((e) => `${e.method}${e.text ? `: ${e.text.slice(0, 60)}` : ''}`) ?? [],
        speaker: quote?.speaker ?? null,
        told_to: quote?.told_to ?? null,
        via: quote?.via ?? [],
        credited,
        credits,
      });
    }
    if (members.length < 2) continue;
    const kinds = g.links.map((l) => l.kind);
    const kind = kinds.every((k) => k === 'duplicate') ? 'duplicate' : kinds.some((k) => k === 'quote') ? 'quote' : 'text';
    const earliest = decideEarliest(members, g.links);
    const drift = kind === 'quote' ? findDrift(members) : [];
    const first = members.find((m) => m.article === earliest.article) ?? members[0];
    const text = (await textOf(first.article)).slice(first.span.start, first.span.end);
    // A stable id from the members and their spans, so groups made by incremental updates never collide.
    const id = `p${groupId(members.map((m) => `${m.article}:${m.span.start}`).sort().join('|'))}`;
    out.push({
      id,
      kind,
      text,
      members: members.map((m) => ({
        article: m.article,
        role: earliest.article === null ? 'member' : m.article === earliest.article ? 'earliest' : 'copy',
        data: m,
      })),
      data: { earliest: earliest.article === null ? null : earliest, undecided: earliest.article === null ? earliest.evidence : undefined, drift, links: g.links.length },
    });
  }
  return out;
}

interface Member {
  article: string;
  published: string | null;
  publishedEvidence: string[];
  speaker: string | null;
  told_to: string | null;
  via: string[];
}

function decideEarliest(members: Member[], links: ReuseLink[]): { article: string | null; confidence: number; evidence: string[] } {
  const ev: string[] = [];
  const dated = members.filter((m) => m.published);
  // Credit direction inside the group: copy → source.
  const credits = links.filter((l) => l.directed && l.credited);
  const creditedBy = new Map<string, number>();
  const crediting = new Set<string>();
  for (const l of credits) {
    creditedBy.set(l.b, (creditedBy.get(l.b) ?? 0) + 1);
    crediting.add(l.a);
  }
  const creditRoots = [...creditedBy.keys()].filter((id) => !crediting.has(id));
  const creditEv = credits.map((l) => {
    const c = (l.data.credit as { a_credits_b: { text: string }[] }).a_credits_b[0];
    return `${l.a} credits ${l.b}${c ? `: "${c.text}"` : ''}`;
  });

  if (dated.length === members.length) {
    const day = (m: Member) => m.published!.slice(0, 10);
    const min = dated.map(day).sort()[0];
    const firsts = dated.filter((m) => day(m) === min);
    for (const m of members) ev.push(`${m.article} published ${m.published} (${m.publishedEvidence.join('; ') || 'no evidence'})`);
    if (firsts.length === 1) {
      const agrees = creditRoots.length === 0 || creditRoots.includes(firsts[0].article);
      return { article: firsts[0].article, confidence: agrees ? (creditRoots.length ? 0.9 : 0.8) : 0.6, evidence: [...ev, ...creditEv, ...(agrees ? [] : ['credit points elsewhere'])] };
    }
    ev.push(`same-day tie on ${min}: ${firsts.map((m) => m.article).join(', ')}`);
    const tieBreak = creditRoots.filter((id) => firsts.some((m) => m.article === id));
    if (tieBreak.length === 1) return { article: tieBreak[0], confidence: 0.6, evidence: [...ev, ...creditEv] };
    return { article: null, confidence: 0, evidence: [...ev, 'no credit breaks the tie: not guessing'] };
  }
  const undated = members.filter((m) => !m.published).map((m) => m.article);
  ev.push(`undated: ${undated.join(', ')}`);
  if (creditRoots.length === 1) {
    const root = creditRoots[0];
    const datedBefore = dated.filter((m) => m.article !== root);
    return { article: root, confidence: datedBefore.length ? 0.4 : 0.5, evidence: [...ev, ...creditEv, 'earliest by credit direction only'] };
  }
  if (dated.length >= 1 && creditRoots.length === 0)
    return { article: null, confidence: 0, evidence: [...ev, 'some members are undated and no credit orders them: not guessing'] };
  return { article: null, confidence: 0, evidence: [...ev, creditRoots.length ? `credit points to several sources: ${creditRoots.join(', ')}` : 'no dates and no credit: not guessing'] };
}

function findDrift(members: Member[]): { field: string; values: string[]; articles: Record<string, string[]> }[] {
  const out: { field: string; values: string[]; articles: Record<string, string[]> }[] = [];
  const fields: [string, (m: Member) => string | null, (m: Member) => string | null][] = [
    ['speaker', (m) => speakerKey(m.speaker), (m) => m.speaker],
    ['told_to', (m) => m.told_to, (m) => m.told_to],
    ['via', (m) => (m.via.length ? [...m.via].sort().join(',') : null), (m) => (m.via.length ? [...m.via].sort().join(',') : null)],
  ];
  for (const [field, key, show] of fields) {
    const byKey = new Map<string, { shown: string; articles: string[] }>();
    for (const m of members) {
      const k = key(m);
      if (!k) continue;
      const e = byKey.get(k) ?? (byKey.set(k, { shown: show(m)!, articles: [] }), byKey.get(k)!);
      e.articles.push(m.article);
    }
    if (byKey.size > 1) out.push({ field, values: [...byKey.values()].map((v) => v.shown), articles: Object.fromEntries([...byKey.values()].map((v) => [v.shown, v.articles])) });
  }
  return out;
}

function groupId(key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    h1 = Math.imul(h1 ^ key.charCodeAt(i), 0x01000193);
    h2 = Math.imul(h2 ^ key.charCodeAt(i), 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0').slice(0, 4);
}

/** Past this many articles reached from the changed ones, rebuilding everything is cheaper. */
const LOCAL_LIMIT = 2000;

/**
 * The links of the connected part of the reuse graph around the changed articles: their links,
 * the links of the articles those reach, and so on; plus the members of the groups they were in
 * before (a link that vanished may have split a group). Null when the part grows past the limit.
 */
async function neighbourhood(store: Store, changed: string[]): Promise<{ articles: string[]; links: ReuseLink[] } | null> {
  const seen = new Set<string>(changed);
  const queue = [...changed];
  for (const id of changed) for (const g of await store.reuse.provenance({ article: id })) for (const m of g.members) if (!seen.has(m.article)) seen.add(m.article), queue.push(m.article);
  const links = new Map<string, ReuseLink>();
  while (queue.length) {
    const id = queue.pop()!;
    for (const l of await store.reuse.links({ article: id })) {
      links.set(`${l.a}:${l.aStart}:${l.b}:${l.bStart}`, l);
      for (const other of [l.a, l.b]) if (!seen.has(other)) seen.add(other), queue.push(other);
    }
    if (seen.size > LOCAL_LIMIT) return null;
  }
  return { articles: [...seen], links: [...links.values()] };
}

const report = (groups: ProvenanceGroupRow[], scope: string) => {
  const drift = groups.filter((g) => (g.data.drift as unknown[]).length).length;
  return { summary: `provenance: ${groups.length} groups${scope}, ${drift} with attribution drift`, counts: { groups: groups.length, drift } };
};

export const provenanceStage: CorpusStage = {
  name: 'provenance',
  /** Only the groups around the changed articles are rebuilt; everything when that part is large. */
  async update(store, changed, ctx) {
    const part = changed.length <= LOCAL_LIMIT ? await neighbourhood(store, changed) : null;
    if (!part) return this.recompute(store, ctx);
    const groups = await computeProvenance(store, part.links);
    await store.reuse.replaceProvenance(groups, { articles: part.articles });
    return report(groups, ` rebuilt around ${changed.length} changed articles`);
  },
  async recompute(store) {
    const groups = await computeProvenance(store);
    await store.reuse.replaceProvenance(groups);
    return report(groups, '');
  },
};
