// Dates: time expressions in the text ("on Sunday", "last week", "in February", "in 2014"),
// resolved against the article's own date. News reports the past, so a weekday or a month that
// chrono-node would place after the article's date is moved back (a week, a year) unless the
// sentence looks forward ("next", "will", "coming"). Without an article date the expression is
// kept with date null.
// Speed: chrono runs only on short windows (within the sentence) around the time words a cheap
// pattern finds.

import * as chrono from 'chrono-node';
import type { ArticleStage, Span } from '../model.ts';
import { splitSentences } from './sentences.ts';

const WINDOW = 30; // characters of context chrono sees on each side of a time word
const CANDIDATE = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|weekend|ago|(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Pp]revious|[Cc]oming) (?:week|month|year|weekend)|\d{1,2}[-/.][A-Za-z0-9]{1,3}[-/.]\d{2,4}|\d{4}-\d{2}-\d{2})\b/g;
const FUTURE = /\b(?:next|coming|upcoming|tomorrow|will|would|plans? to|scheduled|due)\b/i;
const YEAR = /\b(?:in|since|by|during|until|before|after|of|from) ((?:19|20)\d\d)\b/g;

export interface DateMention {
  start: number;
  end: number;
  text: string;
  date: string | null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SIMPLE = new RegExp(
  `\\b(?:([Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\\s+)?(${WEEKDAYS.join('|')})\\b` +
    `|\\b([Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Pp]revious|[Cc]oming)\\s+(week|month|year|weekend)\\b` +
    `|\\b([Yy]esterday|[Tt]omorrow)\\b` +
    `|\\b(?:([Ii]n|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?|[Ss]ince|[Uu]ntil|[Bb]y)\\s+)?(${MONTHS.join('|')})\\b` +
    `|\\b(?:[Tt]he|[Oo]ver the)\\s+(weekend)\\b`,
  'g',
);
const DAY = 864e5;

/**
 * The common relative expressions without digits ("on Saturday", "last week", "in February",
 * "yesterday"), resolved directly: chrono-node is only needed when digits are near. Returns null
 * when the window holds a time word this does not cover, so chrono takes it.
 */
function simpleDates(st: string, base: number, ref: Date | null, future: boolean): DateMention[] | null {
  const out: DateMention[] = [];
  const covered: [number, number][] = [];
  SIMPLE.lastIndex = 0;
  for (let m = SIMPLE.exec(st); m; m = SIMPLE.exec(st)) {
    covered.push([m.index, m.index + m[0].length]);
    let text = m[0];
    let start = base + m.index;
    let date: string | null = null;
    const pre = (m[1] ?? m[3] ?? m[6] ?? '').toLowerCase();
    if (m[2]) {
      const wd = WEEKDAYS.indexOf(m[2]);
      if (ref) {
        const back = (ref.getUTCDay() - wd + 7) % 7;
        let d = new Date(ref.getTime() - back * DAY);
        if (pre === 'last' && back === 0) d = new Date(d.getTime() - 7 * DAY);
        if ((pre === 'next' || pre === 'coming' || (future && pre !== 'last' && pre !== 'past')) && d.getTime() <= ref.getTime()) d = new Date(d.getTime() + 7 * DAY);
        date = iso(d);
      }
    } else if (m[4]) {
      const sign = /^(?:next|coming)$/.test(pre) ? 1 : /^(?:this)$/.test(pre) ? 0 : -1;
      if (ref && m[4] === 'week') date = iso(new Date(ref.getTime() + sign * 7 * DAY));
      else if (ref && m[4] === 'weekend') date = iso(new Date(ref.getTime() - ((ref.getUTCDay() + 1) % 7) * DAY + (sign > 0 ? 7 * DAY : sign < 0 && (ref.getUTCDay() + 1) % 7 < 2 ? -7 * DAY : 0)));
      else if (ref && m[4] === 'month') date = iso(new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + sign, 15))).slice(0, 7);
      else if (ref) date = String(ref.getUTCFullYear() + sign);
    } else if (m[5]) {
      if (ref) date = iso(new Date(ref.getTime() + (/^y/i.test(m[5]) ? -1 : 1) * DAY));
    } else if (m[7]) {
      const month = MONTHS.indexOf(m[7]);
      if (m[7] === 'May' && !pre) continue; // "May" the verb
      if (pre === 'in' || pre === 'since' || pre === 'until' || pre === 'by') {
        start += m[0].length - m[7].length;
        text = m[7];
      }
      if (ref) {
        let y = ref.getUTCFullYear();
        if (pre === 'last' ? month >= ref.getUTCMonth() : pre === 'next' ? false : month > ref.getUTCMonth() && !future) y--;
        if ((pre === 'next' || (future && pre !== 'last')) && month <= ref.getUTCMonth()) y++;
        date = `${y}-${String(month + 1).padStart(2, '0')}`;
      }
    } else if (m[8]) {
      if (ref) date = iso(new Date(ref.getTime() - ((ref.getUTCDay() + 1) % 7) * DAY));
    }
    out.push({ start, end: start + text.length, text, date });
  }
  // Every time word in the window must be one of these, or chrono decides.
  const cand = new RegExp(CANDIDATE.source, 'g');
  for (const c of st.matchAll(cand)) if (!covered.some(([a, b]) => c.index! >= a && c.index! < b) && !/^(?:[Tt]oday|[Tt]onight)$/.test(c[0])) return null;
  return out;
}

export function findDates(text: string, published: string | null, sentences = splitSentences(text)): DateMention[] {
  const ref = published ? new Date(`${published.slice(0, 10)}T12:00:00Z`) : new Date('2000-01-01T12:00:00Z');
  const out: DateMention[] = [];
  // Windows of text around each time word, inside its sentence, merged when they touch.
  const windows: { start: number; end: number; sent: { start: number; end: number } }[] = [];
  let si = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    while (si < sentences.length - 1 && sentences[si].end <= m.index) si++;
    const sent = sentences[si] ?? { start: 0, end: text.length };
    const ws = Math.max(sent.start, m.index - WINDOW);
    const we = Math.min(sent.end, m.index + m[0].length + WINDOW);
    const last = windows.at(-1);
    if (last && last.sent === sent && ws <= last.end) last.end = Math.max(last.end, we);
    else windows.push({ start: ws, end: we, sent });
  }
  for (const w of windows) {
    const st = text.slice(w.start, w.end);
    const sentText = text.slice(w.sent.start, w.sent.end);
    const simple = /\d/.test(st) ? null : simpleDates(st, w.start, published ? ref : null, FUTURE.test(sentText));
    if (simple) {
      out.push(...simple);
      continue;
    }
    const results = chrono.casual.parse(st, { instant: ref, timezone: 0 }, { forwardDate: false });
    for (const r of results) {
      let t = r.text;
      const trimmed = t.replace(/[\s,.;:]+$/, '');
      if (/^(?:now|today|tonight|second|sat|sun|mon|tue|wed|thu|fri|may)$/i.test(trimmed)) continue; // too ambiguous to be worth a date
      t = trimmed;
      const start = w.start + r.index;
      let date: string | null = null;
      if (published) {
        const d = r.start.date();
        const future = d.getTime() > ref.getTime() + 36e5 * 12 && !FUTURE.test(sentText);
        if (future && r.start.isCertain('weekday') && !r.start.isCertain('day')) d.setUTCDate(d.getUTCDate() - 7);
        else if (future && !r.start.isCertain('year')) d.setUTCFullYear(d.getUTCFullYear() - 1);
        date = r.start.isCertain('day') || r.start.isCertain('weekday') ? iso(d) : r.start.isCertain('month') ? iso(d).slice(0, 7) : iso(d).slice(0, 4);
      } else if (/\b\d{4}\b/.test(r.text) && r.start.isCertain('month') && r.start.isCertain('day')) date = iso(r.start.date());
      out.push({ start, end: start + t.length, text: t, date });
    }
  }
  YEAR.lastIndex = 0;
  for (const m of text.matchAll(YEAR)) {
    const start = m.index!;
    if (out.some((o) => o.start < start + m[0].length && o.end > start)) continue;
    out.push({ start, end: start + m[0].length, text: m[0], date: m[1] });
  }
  return out.sort((a, b) => a.start - b.start);
}

export const dateStage: ArticleStage = {
  name: 'dates',
  version: 1,
  layer: 'date',
  needs: ['sentence'],
  run(article, layers): Span[] {
    const sents = layers.sentence?.map((s) => ({ start: s.start, end: s.end }));
    return findDates(article.text, article.published?.date ?? null, sents).map((d) => ({ start: d.start, end: d.end, data: { date: d.date, text: d.text } }));
  },
};
