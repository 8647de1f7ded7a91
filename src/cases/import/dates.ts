// Dates as the fact-checking databases write them, to ISO YYYY-MM-DD: "03.10.2017" (EUvsDisinfo
// 2017), "9/28/2016" (PolitiFact JSONL, M/D/Y), "January 11, 2026", "26 May 2015", "stated on
// October 22, 2019 in a campaign mailer.:", ISO timestamps. Unreadable dates give null, never a guess.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const iso = (y: number, m: number, d: number): string | null => {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

const month = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

export function parseCaseDate(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!s || s === 'NA') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(s);
  if (m) return iso(+m[3], +m[2], +m[1]);
  m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(s);
  if (m) return iso(+m[3], +m[1], +m[2]);
  m = /\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b/.exec(s);
  if (m && month(m[1])) return iso(+m[3], month(m[1]), +m[2]);
  m = /\b(\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})\b/.exec(s);
  if (m && month(m[2])) return iso(+m[3], month(m[2]), +m[1]);
  return null;
}
