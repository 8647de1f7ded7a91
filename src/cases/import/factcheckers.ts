// Fact-checker records that come one JSON object per claim:
//  - CheckThat! 2022 vclaims: Snopes (`vclaim_id, vclaim, title, subtitle, author, date, page_url?`)
//    and PolitiFact (`vclaim_id, vclaim, title, date, speaker, truth_label, url, text`);
//  - PolitiFact scrapes with the Kaggle field names (`statement, statement_originator, verdict,
//    factcheck_analysis_link, ...`);
//  - a plain record `{id, claim, title?, url?, date?, verdict?}` (anything else goes to data).

import { parseCaseDate } from './dates.ts';
import { body, makeCase, str } from './types.ts';
import type { CaseRecord } from '../../store/repos/cases.ts';

export type RecordReader = (o: Record<string, unknown>, source?: string) => CaseRecord | string;

export const isVclaim = (o: Record<string, unknown>) => typeof o.vclaim_id === 'string' && 'vclaim' in o;
export const isPolitifact = (o: Record<string, unknown>) => 'statement' in o && 'factcheck_analysis_link' in o;
export const isPlain = (o: Record<string, unknown>) => 'id' in o && 'claim' in o;

export const readVclaim: RecordReader = (o, source) => {
  const id = String(o.vclaim_id);
  const claim = str(o.vclaim);
  if (!claim) return `vclaim ${id}: empty claim`;
  const politifact = id.startsWith('vclaim-pol') || 'truth_label' in o;
  const src = source ?? (politifact ? 'politifact' : 'snopes');
  const url = str(o.url ?? o.page_url);
  return makeCase({
    id: `${src}:${id}`,
    source: src,
    claim,
    title: str(o.title),
    text: body(o.text),
    url: url && url.startsWith('/') ? `https://www.politifact.com${url}` : url,
    date: parseCaseDate(o.date),
    verdict: str(o.truth_label),
    data: { subtitle: str(o.subtitle), author: str(o.author), speaker: str(o.speaker), stated: politifact ? str(o.date) : null },
  });
};

export const readPolitifact: RecordReader = (o, source = 'politifact') => {
  const link = str(o.factcheck_analysis_link);
  const claim = str(o.statement);
  if (!link) return 'no factcheck_analysis_link (the id)';
  if (!claim) return `${link}: empty statement`;
  // The URL path after /factchecks/ is PolitiFact's own id: 2014/apr/04/chain-email/slug.
  const path = /\/factchecks\/(.+?)\/?$/.exec(link)?.[1] ?? link.replace(/^https?:\/\//, '');
  const tags = str(o.tags);
  return makeCase({
    id: `${source}:${path}`,
    source,
    claim,
    url: link,
    date: parseCaseDate(o.statement_date) ?? parseCaseDate(o.factcheck_date),
    verdict: str(o.verdict),
    data: {
      speaker: str(o.statement_originator),
      medium: str(o.statement_source),
      factchecker: str(o.factchecker),
      factcheckDate: parseCaseDate(o.factcheck_date),
      tags: tags ? tags.split(';').map((t) => t.trim()).filter(Boolean) : [],
    },
  });
};

const PLAIN_FIELDS = new Set(['id', 'claim', 'title', 'url', 'date', 'verdict', 'text', 'source']);

export const readPlain: RecordReader = (o, source) => {
  const rawId = str(o.id);
  const claim = str(o.claim);
  if (!rawId) return 'empty id';
  if (!claim) return `${rawId}: empty claim`;
  // An id that already names its source ("euvsdisinfo:123") is kept as it is.
  const m = /^([a-z][\w.-]*):(.+)$/.exec(rawId);
  const src = source ?? str(o.source) ?? m?.[1] ?? 'cases';
  const id = m && !source ? rawId : `${src}:${m && m[1] === src ? m[2] : rawId}`;
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!PLAIN_FIELDS.has(k) && v !== '' && v !== null) data[k] = v;
  return makeCase({ id, source: src, claim, title: str(o.title), text: body(o.text), url: str(o.url), date: parseCaseDate(o.date) ?? str(o.date), verdict: str(o.verdict), data });
};
