// The reuse parts of the export contract: each article's `reuse` list (seen from that article:
// `span` is here, `other_span` there) and the top-level `provenance` groups.

import type { Article } from '../model.ts';
import type { ArticleCorpusFields, CorpusSections } from '../export/build.ts';
import type { ReuseLink, ProvenanceGroupRow } from '../store/repos/reuse.ts';
import type { Store } from '../store/store.ts';

type Diff = { a: { start: number; end: number; text: string } | null; b: { start: number; end: number; text: string } | null };

/** One link as seen from `id`'s side. */
export function linkFrom(id: string, l: ReuseLink, here: string, there: string) {
  const mine = l.a === id;
  const d = l.data as Record<string, any>;
  const credit = d.credit ?? { a_credits_b: [], b_credits_a: [] };
  return {
    other: mine ? l.b : l.a,
    span: mine ? { start: l.aStart, end: l.aEnd, text: here.slice(l.aStart, l.aEnd) } : { start: l.bStart, end: l.bEnd, text: here.slice(l.bStart, l.bEnd) },
    other_span: mine ? { start: l.bStart, end: l.bEnd, text: there.slice(l.bStart, l.bEnd) } : { start: l.aStart, end: l.aEnd, text: there.slice(l.aStart, l.aEnd) },
    kind: l.kind,
    credited: l.credited,
    score: l.score,
    diff: ((d.diff ?? []) as Diff[]).map((x) => ({ here: mine ? x.a : x.b, there: mine ? x.b : x.a })),
    data: {
      role: !l.directed ? 'unknown' : mine ? 'copy' : 'source',
      direction: d.direction,
      credits_other: mine ? credit.a_credits_b : credit.b_credits_a,
      credited_by_other: mine ? credit.b_credits_a : credit.a_credits_b,
      quote: d.quote ? { here: mine ? d.quote.a : d.quote.b, there: mine ? d.quote.b : d.quote.a } : null,
      words: d.words,
      ...(d.exact !== undefined ? { exact: d.exact } : {}),
      ...(d.boilerplate ? { boilerplate: d.boilerplate } : {}),
    },
  };
}

export async function fillReuse(store: Store, article: Article, fields: ArticleCorpusFields): Promise<void> {
  const links = await store.reuse.links({ article: article.id });
  const texts = new Map<string, string>();
  for (const l of links) {
    const other = l.a === article.id ? l.b : l.a;
    if (!texts.has(other)) texts.set(other, (await store.articles.get(other))?.text ?? '');
    fields.reuse.push(linkFrom(article.id, l, article.text, texts.get(other)!));
  }
}

export function provenanceExport(g: ProvenanceGroupRow) {
  return {
    id: g.id,
    kind: g.kind,
    text: g.text,
    members: g.members.map((m) => {
      const d = m.data as Record<string, any>;
      return {
        article: m.article,
        role: m.role,
        outlet: d.outlet ?? null,
        span: d.span,
        published: d.published ?? null,
        published_evidence: d.publishedEvidence ?? [],
        speaker: d.speaker ?? null,
        told_to: d.told_to ?? null,
        via: d.via ?? [],
        credited: !!d.credited,
        credits: d.credits ?? [],
      };
    }),
    earliest: (g.data.earliest as Record<string, unknown> | null) ?? null,
    undecided: (g.data.undecided as string[] | undefined) ?? null,
    drift: (g.data.drift as unknown[]) ?? [],
  };
}

export async function fillProvenance(store: Store, sections: CorpusSections): Promise<void> {
  for (const g of await store.reuse.provenance()) sections.provenance.push(provenanceExport(g));
}
