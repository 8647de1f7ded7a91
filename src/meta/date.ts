// When an article was published, and the evidence for the call. Signals, strongest first: the
// record's own date, the page's metadata (article:published_time, JSON-LD, <time>), a date in
// the URL. A date later than the moment of ingest is refused with a warning.

import type { DateCall, Evidence, RawDoc } from '../model.ts';

const META_KEYS = ['article:published_time', 'jsonld:datePublished', 'citation_publication_date', 'dc.date.issued', 'dc.date', 'pubdate', 'publishdate', 'date', 'sailthru.date', 'time'];

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

const pad = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** Parses the date formats news records use into YYYY-MM-DD, or null. */
export function parseDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  // 26-FEB-1987 15:01:01.79 (Reuters), 17 May 2020
  m = /^(\d{1,2})[- ]([A-Za-z]{3})[a-z]*\.?[- ,]+(\d{4})/.exec(v);
  if (m && MONTHS[m[2].toLowerCase()]) return validYmd(+m[3], MONTHS[m[2].toLowerCase()], +m[1]);
  // May 17, 2020
  m = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})/.exec(v);
  if (m && MONTHS[m[1].toLowerCase()]) return validYmd(+m[3], MONTHS[m[1].toLowerCase()], +m[2]);
  // RFC 822 and whatever else Date understands ("Sun, 17 May 2020 10:00:00 GMT")
  const t = Date.parse(v);
  if (!Number.isNaN(t)) {
    const d = new Date(t);
    return validYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}

/** A date in a URL path: /2020/05/17/, /2020-05-17-, /20200517/. */
export function dateFromUrl(url: string): string | null {
  const m = /[/_-](\d{4})[/_-](\d{2})[/_-](\d{2})(?:[/_.-]|$)/.exec(url) ?? /\/(\d{4})(\d{2})(\d{2})\//.exec(url);
  return m ? validYmd(+m[1], +m[2], +m[3]) : null;
}

export interface DateResult {
  call: DateCall | null;
  warnings: string[];
}

export function findPublished(doc: RawDoc, now: Date): DateResult {
  const found: { date: string; evidence: Evidence }[] = [];
  const warnings: string[] = [];
  const consider = (value: string | undefined | null, method: string) => {
    if (!value) return;
    const date = parseDate(value);
    if (date) found.push({ date, evidence: { method, text: value } });
    else warnings.push(`could not read the date ${JSON.stringify(value.slice(0, 60))} (${method})`);
  };
  consider(doc.published, 'record');
  for (const k of META_KEYS) consider(doc.meta?.[k], `meta:${k}`);
  if (doc.url) {
    const d = dateFromUrl(doc.url);
    if (d) found.push({ date: d, evidence: { method: 'url', text: doc.url } });
  }
  const today = now.toISOString().slice(0, 10);
  const usable = found.filter((f) => {
    if (f.date <= today) return true;
    warnings.push(`refused the date ${f.date} from ${f.evidence.method}: it is later than the time of ingest (${today})`);
    return false;
  });
  if (!usable.length) return { call: null, warnings };
  const date = usable[0].date;
  return {
    call: {
      date,
      evidence: usable.map((f, i) => (i === 0 ? f.evidence : { ...f.evidence, note: f.date === date ? 'agrees' : `disagrees: ${f.date}` })),
    },
    warnings,
  };
}
