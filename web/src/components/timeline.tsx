// A narrative's timeline as a small SVG chart: one column per period, stacked by outlet (colour),
// and within each outlet by stance — promotes solid, reports hatched, debunks outlined — so who
// pushed the narrative, when, and who pushed back are visible at a glance.

import { chartColor } from './colors.ts';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { TimelinePoint } from '../api.ts';

const STANCES = ['promotes', 'reports', 'debunks', null] as const;
const H = 120;
const PAD = { l: 28, r: 8, t: 8, b: 22 };

const MONTH = /^\d{4}-\d{2}$/;

/** A YYYY-MM period as a from/to date range (its first and last day). */
export function monthRange(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return { from: `${period}-01`, to: `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
}

/**
 * The columns: monthly periods with the empty months between them filled in, so that time reads
 * evenly; then any other periods (other formats, "undated") as given, after a gap.
 */
function periods(points: TimelinePoint[]): { dated: string[]; other: string[] } {
  const given = [...new Set(points.map((p) => p.period))].sort();
  const months = given.filter((p) => MONTH.test(p));
  const other = given.filter((p) => !MONTH.test(p));
  const dated: string[] = [];
  if (months.length) {
    let [y, m] = months[0]!.split('-').map(Number) as [number, number];
    const last = months.at(-1)!;
    for (let guard = 0; guard < 1200; guard++) {
      const p = `${y}-${String(m).padStart(2, '0')}`;
      dated.push(p);
      if (p >= last) break;
      m === 12 ? ((m = 1), y++) : m++;
    }
  }
  return { dated, other };
}

let charts = 0;

/**
 * `link(period, outlet)`, when given, makes each dated cell a link (to those articles), so the
 * chart is a way in, not only a picture.
 */
export function Timeline({ points, outletNames, width = 560, link }: { points: TimelinePoint[]; outletNames: Record<string, string>; width?: number; link?: (period: string, outlet: string | null) => string }) {
  // Pattern ids must be unique in the page: several charts share it.
  const [uid] = useState(() => ++charts);
  if (!points.length) return <p class="muted small">No dated articles to draw.</p>;
  const { dated, other } = periods(points);
  // An empty column separates the undated from the dated.
  const cols = dated.length && other.length ? [...dated, '', ...other] : [...dated, ...other];
  const totals = cols.map((c) => points.filter((p) => p.period === c).reduce((s, p) => s + p.count, 0));
  const max = Math.max(1, ...totals);
  const outlets = [...new Set(points.map((p) => p.outlet ?? '?'))].sort((a, b) => (a === '?' ? 1 : b === '?' ? -1 : a.localeCompare(b)));
  const color = (o: string) => (o === '?' ? '#98a2b3' : chartColor(outlets.indexOf(o)));
  const name = (o: string) => (o === '?' ? 'outlet not identified' : (outletNames[o] ?? o));
  const innerW = width - PAD.l - PAD.r;
  const innerH = H - PAD.t - PAD.b;
  const step = innerW / cols.length;
  const barW = Math.max(3, Math.min(28, step * 0.7));
  const unit = innerH / max;
  const labelEvery = Math.ceil(cols.length / Math.max(1, Math.floor(innerW / 56)));
  const bars = cols.flatMap((c, i) => {
    let y = H - PAD.b;
    const x = PAD.l + i * step + (step - barW) / 2;
    const cells: JSX.Element[] = [];
    if (!c) return cells;
    for (const o of outlets)
      for (const s of STANCES) {
        const n = points.filter((p) => p.period === c && (p.outlet ?? '?') === o && p.stance === s).reduce((t, p) => t + p.count, 0);
        if (!n) continue;
        const h = n * unit;
        y -= h;
        const col = color(o);
        const label = `${c}: ${n} article${n > 1 ? 's' : ''} from ${name(o)}${s ? `, ${s}` : ''}`;
        const rect = (
          <rect x={x} y={y} width={barW} height={Math.max(1, h - 1)} fill={s === 'reports' ? `url(#hatch-${uid}-${outlets.indexOf(o)})` : s === 'debunks' ? '#fff' : col} stroke={col} stroke-width={s === 'debunks' ? 1.5 : 0.5}>
            <title>{label}</title>
          </rect>
        );
        cells.push(link && MONTH.test(c) ? <a href={link(c, o === '?' ? null : o)} aria-label={label}>{rect}</a> : rect);
      }
    return cells;
  });
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${width} ${H}`} width="100%" role="img" aria-label={`articles per outlet and period, ${cols[0]} to ${cols.at(-1)}`}>
        <defs>
          {outlets.map((o, i) => (
            <pattern id={`hatch-${uid}-${i}`} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="4" height="4" fill="#fff" />
              <line x1="0" y1="0" x2="0" y2="4" stroke={color(o)} stroke-width="2.5" />
            </pattern>
          ))}
        </defs>
        <line x1={PAD.l} x2={width - PAD.r} y1={H - PAD.b} y2={H - PAD.b} stroke="#c9ccd1" />
        <text x={PAD.l - 6} y={PAD.t + 8} text-anchor="end" class="axis">{max}</text>
        <text x={PAD.l - 6} y={H - PAD.b} text-anchor="end" class="axis">0</text>
        {bars}
        {cols.map((c, i) => (c && (i % labelEvery === 0 || !MONTH.test(c)) ? <text x={PAD.l + i * step + step / 2} y={H - 6} text-anchor="middle" class="axis">{c}</text> : null))}
      </svg>
      <figcaption class="legend">
        {outlets.map((o) => (
          <span><i class="swatch" style={{ background: color(o) }} />{name(o)}</span>
        ))}
        <span class="sep" />
        <span><i class="swatch" style={{ background: '#555' }} />promotes</span>
        <span><i class="swatch hatch" />reports</span>
        <span><i class="swatch outline" />debunks</span>
      </figcaption>
    </figure>
  );
}
