// Sourcing: how well a claim is sourced, per quote and per article.
//   per quote: documentary (a statement, report, footage), hearsay (the speaker passes on what
//   others told them: "eyewitnesses … have informed security officials"), anonymous (an unnamed
//   official, "sources", "speaking on condition of anonymity"), named (a named person or body).
//   per article (layer `sourcing`): the unverified markers the article itself raises
//   ("unauthenticated footage", "has not commented", "could not be independently verified",
//   "allegedly", "claimed"), the anonymity cues, and one summary span with counts by kind.
// Cue lists are data: data/lexicon/sourcing.json.

import type { ArticleStage, Span } from '../model.ts';
import { loadLexicon } from './lexicon.ts';
import type { Doc, SpeakerRef } from './speaker.ts';

export type SourcingKind = 'named' | 'anonymous' | 'hearsay' | 'documentary';

export function classifyQuote(doc: Doc, content: string, sp: SpeakerRef | null): { kind: SourcingKind | null; evidence: string | null } {
  if (!sp) return { kind: null, evidence: null };
  if (sp.documentary) return { kind: 'documentary', evidence: `speaker is a document: "${sp.text}"` };
  const hearsay = doc.lex.hearsay.find((re) => re.test(content) || re.test(sp.text));
  if (hearsay) return { kind: 'hearsay', evidence: `passes on others' account: "${(hearsay.exec(content) ?? hearsay.exec(sp.text))![0]}"` };
  if (sp.anonymous) return { kind: 'anonymous', evidence: `unnamed speaker: "${sp.text}"` };
  if (sp.entity || sp.name) return { kind: 'named', evidence: `named: "${sp.name ?? sp.text}"` };
  if (sp.kind === 'pronoun') return { kind: null, evidence: `unresolved pronoun "${sp.text}"` };
  return { kind: 'anonymous', evidence: `unnamed speaker: "${sp.text}"` };
}

export interface Marker {
  start: number;
  end: number;
  kind: string;
  text: string;
}

export function unverifiedMarkers(text: string, lexFiles: string[] = []): Marker[] {
  const lex = loadLexicon(lexFiles);
  const out: Marker[] = [];
  for (const { kind, re } of lex.unverified) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (out.some((o) => m.index! < o.end && m.index! + m[0].length > o.start)) continue;
      out.push({ start: m.index!, end: m.index! + m[0].length, kind, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function anonymityCues(text: string, lexFiles: string[] = []): Marker[] {
  const lex = loadLexicon(lexFiles);
  const out: Marker[] = [];
  for (const re of lex.anonymous) {
    const g = new RegExp(re.source, 'gi');
    for (const m of text.matchAll(g)) {
      if (out.some((o) => m.index! < o.end && m.index! + m[0].length > o.start)) continue;
      out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'anonymity', text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export const sourcingStage: ArticleStage = {
  name: 'sourcing',
  version: 1,
  layer: 'sourcing',
  needs: ['quote'],
  run(article, layers, ctx): Span[] {
    const files = (ctx.data.get('extra:lexicon') as string[] | undefined) ?? [];
    const counts: Record<string, number> = { named: 0, anonymous: 0, hearsay: 0, documentary: 0, unknown: 0 };
    for (const q of layers.quote ?? []) counts[(q.data.sourcing as string | null) ?? 'unknown']++;
    const unverified = unverifiedMarkers(article.text, files);
    const anonymity = anonymityCues(article.text, files);
    const spans: Span[] = [
      ...unverified.map((m) => ({ start: m.start, end: m.end, data: { marker: 'unverified', kind: m.kind, text: m.text } })),
      ...anonymity.map((m) => ({ start: m.start, end: m.end, data: { marker: 'anonymity', kind: m.kind, text: m.text } })),
    ];
    const summary = {
      quotes: (layers.quote ?? []).length,
      counts,
      unverified: unverified.map((m) => ({ start: m.start, end: m.end, text: m.text, kind: m.kind })),
      anonymity: anonymity.map((m) => ({ start: m.start, end: m.end, text: m.text })),
    };
    spans.sort((a, b) => a.start - b.start);
    spans.unshift({ start: 0, end: 0, data: { summary } });
    return spans;
  },
};
