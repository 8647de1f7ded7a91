// Which outlet published an article, and the evidence for the call. Signals, strongest first:
//   record      the input record names it (JSONL "outlet", a feed's channel title)
//   meta:*      the page's own metadata (og:site_name, JSON-LD publisher, ...)
//   dateline    "TEHRAN (FNA)-" at the start of the text
//   credit-line "Tasnim –" at the start of the text (only for outlets the table knows)
//   url-host    the article URL's host, when the table knows it
// Every signal found is kept as evidence; the first one decides.

import type { Evidence, OutletCall, RawDoc } from '../model.ts';
import { type OutletTable, slug } from './outlets.ts';

const META_KEYS = ['og:site_name', 'jsonld:publisher', 'application-name', 'article:publisher', 'dc.publisher', 'publisher', 'twitter:site'];

/** "TEHRAN (FNA)-", "BAGHDAD (Reuters) -", "LONDON, May 3 (AP) —" */
const DATELINE = /^([A-Z][A-Z .,'’-]{1,40}?(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?)\s*\(([^()\n]{2,40})\)\s*[-–—:]/;
/** "Tasnim –", "Press TV -": a name and a dash opening the text. */
const CREDIT = /^([A-Z][\p{L}.'’ ]{1,40}?)\s+[–—-]\s+/u;

interface Signal {
  name: string;
  evidence: Evidence;
}

function signals(doc: RawDoc, text: string, table: OutletTable): Signal[] {
  const out: Signal[] = [];
  if (doc.outlet?.trim()) out.push({ name: doc.outlet.trim(), evidence: { method: 'record', text: doc.outlet.trim() } });
  for (const key of META_KEYS) {
    const v = doc.meta?.[key]?.trim();
    // article:publisher and twitter:site are often URLs or @handles: keep only those the table knows.
    if (!v) continue;
    if (/^(https?:|@)/.test(v)) {
      const known = /^@/.test(v) ? table.byName(v.slice(1)) : safeHost(v) && table.byHost(safeHost(v)!);
      if (known) out.push({ name: known.name, evidence: { method: `meta:${key}`, text: v } });
    } else out.push({ name: v, evidence: { method: `meta:${key}`, text: v } });
  }
  const d = DATELINE.exec(text);
  if (d) out.push({ name: d[2].trim(), evidence: { method: 'dateline', text: d[0], start: 0, end: d[0].length } });
  const c = CREDIT.exec(text);
  if (c && table.byName(c[1])) out.push({ name: c[1].trim(), evidence: { method: 'credit-line', text: c[0].trim(), start: 0, end: c[0].trimEnd().length } });
  const host = doc.url ? safeHost(doc.url) : undefined;
  if (host) {
    const known = table.byHost(host);
    if (known) out.push({ name: known.name, evidence: { method: 'url-host', text: host } });
  }
  return out;
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

export function findOutlet(doc: RawDoc, text: string, table: OutletTable): OutletCall | null {
  const found = signals(doc, text, table);
  if (!found.length) return null;
  const first = found[0];
  const entry = table.byName(first.name);
  const id = entry?.id ?? slug(first.name);
  // Evidence: the deciding signal first, then the others that agree or disagree, noted as such.
  const evidence = found.map((s, i) => {
    const sid = table.byName(s.name)?.id ?? slug(s.name);
    if (i === 0) return s.evidence;
    return { ...s.evidence, note: sid === id ? 'agrees' : `disagrees: points to ${s.name}` };
  });
  return { id, name: entry?.name ?? first.name, evidence };
}
