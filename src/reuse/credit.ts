// Credit: does an article name the outlet it took a passage from? Outlet names, aliases and codes
// come from the outlet table (data/outlets.json plus the user's); a mention counts as a credit
// when a credit cue stands before it ("according to Press TV", "told FNA") or after it ("Fars
// News Agency reports"), within `creditWindow` characters of the passage. The article's own outlet
// (its dateline, "TEHRAN (FNA)-") is not a credit.

import type { OutletTable } from '../meta/outlets.ts';
import type { ReuseSettings } from './settings.ts';

export interface OutletMention {
  id: string;
  start: number;
  end: number;
  text: string;
}

export interface OutletMatcher {
  find(text: string): OutletMention[];
}

export interface Credit {
  /** The outlet credited. */
  outlet: string;
  /** The cue and the name as written, e.g. "according to Press TV". */
  text: string;
  start: number;
  end: number;
  cue: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function outletMatcher(table: OutletTable): OutletMatcher {
  const forms: { form: string; id: string }[] = [];
  for (const e of table.entries) for (const f of [e.name, ...e.aliases]) if (f.length >= 2) forms.push({ form: f, id: e.id });
  forms.sort((a, b) => b.form.length - a.form.length);
  // Short all-capital codes (FNA, RT) only match in capitals; names match in any case.
  const byForm = new Map<string, string>();
  const ci: string[] = [];
  const cs: string[] = [];
  for (const { form, id } of forms) {
    const code = form.length <= 4 && form === form.toUpperCase();
    const key = code ? form : form.toLowerCase().replace(/\u2019/g, "'");
    if (byForm.has(key)) continue;
    byForm.set(key, id);
    (code ? cs : ci).push(escape(key).replace(/'/g, "['\u2019]"));
  }
  const reCi = ci.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${ci.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  const reCs = cs.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${cs.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  return {
    find(text) {
      const out: OutletMention[] = [];
      for (const [re, fold] of [[reCi, true], [reCs, false]] as const) {
        if (!re) continue;
        for (const m of text.matchAll(re)) {
          const key = fold ? m[0].toLowerCase().replace(/\u2019/g, "'") : m[0];
          const id = byForm.get(key);
          if (id) out.push({ id, start: m.index!, end: m.index! + m[0].length, text: m[0] });
        }
      }
      return out.sort((a, b) => a.start - b.start);
    },
  };
}

/** Credits within the window around [start, end) of an article's text. */
export function findCredits(text: string, start: number, end: number, ownOutlet: string | null, outlets: OutletMatcher, s: ReuseSettings): Credit[] {
  const w0 = Math.max(0, start - s.creditWindow);
  const w1 = Math.min(text.length, end + s.creditWindow);
  const window = text.slice(w0, w1);
  const out: Credit[] = [];
  for (const m of outlets.find(window)) {
    if (m.id === ownOutlet) continue;
    const before = window.slice(Math.max(0, m.start - 40), m.start);
    const after = window.slice(m.end, m.end + 30);
    const cueBefore = s.creditBefore.find((c) => new RegExp(`\\b${escape(c)}\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,2}$`, 'i').test(before));
    const cueAfter = cueBefore ? undefined : s.creditAfter.find((c) => new RegExp(`^(?:\\s+news agency|\\s+news website|\\s+TV)?\\s*:?\\s*${escape(c)}\\b`, 'i').test(after));
    const cue = cueBefore ?? cueAfter;
    if (!cue) continue;
    const cs = cueBefore ? m.start - (before.length - before.search(new RegExp(`\\b${escape(cueBefore)}\\b`, 'i'))) : m.start;
    const ce = cueAfter ? m.end + after.toLowerCase().indexOf(cueAfter.toLowerCase()) + cueAfter.length : m.end;
    out.push({ outlet: m.id, cue, text: window.slice(cs, ce), start: w0 + cs, end: w0 + ce });
  }
  return out;
}
