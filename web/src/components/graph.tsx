// The outlet graph: graphology holds it and lays it out (ForceAtlas2), and it is drawn as SVG so
// that every node is a real link — reachable with Tab, opened with Enter, readable by a screen
// reader — which a WebGL canvas (sigma) would not give. Outlet counts stay in the hundreds even at
// 20,000 articles, well within what SVG draws smoothly.

import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useMemo } from 'preact/hooks';
import type { OutletGraph } from '../api.ts';
import { href } from '../router.ts';
import { outletColor } from './colors.ts';

const W = 760;
const H = 440;
/** Edges drawn, strongest first; the table below the graph counts them all. */
const MAX_DRAWN = 150;
const MX = 110;
const MY = 40;

export function OutletGraphView({ data }: { data: OutletGraph }) {
  const layout = useMemo(() => {
    const g = new Graph({ type: 'directed', multi: false });
    const linked = new Set(data.edges.flatMap((e) => [e.source, e.target]));
    // Outlets that neither copy nor are copied would only scatter the picture; they are listed below.
    const nodes = data.nodes.filter((n) => linked.has(n.id) || data.edges.length === 0);
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, nodes.length);
      g.addNode(n.id, { x: Math.cos(a) * 100, y: Math.sin(a) * 100, size: n.articles });
    });
    for (const e of data.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.mergeEdge(e.source, e.target, { weight: e.count });
    if (g.order > 2) forceAtlas2.assign(g, { iterations: 300, settings: { ...forceAtlas2.inferSettings(g), gravity: 1, scalingRatio: 10, edgeWeightInfluence: 0.5 } });
    const xs = g.mapNodes((_, a) => a.x as number);
    const ys = g.mapNodes((_, a) => a.y as number);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (x: number) => (x1 === x0 ? W / 2 : MX + ((x - x0) / (x1 - x0)) * (W - 2 * MX));
    const sy = (y: number) => (y1 === y0 ? H / 2 : MY + ((y - y0) / (y1 - y0)) * (H - 2 * MY - 14));
    const pos = new Map(g.mapNodes((id, a) => [id, { x: sx(a.x as number), y: sy(a.y as number) }] as const));
    return { nodes, pos };
  }, [data]);

  if (!layout.nodes.length) return null;
  const maxArticles = Math.max(1, ...layout.nodes.map((n) => n.articles));
  // Smaller nodes and labels as the outlets grow in number, so that the picture stays legible.
  const dense = layout.nodes.length > 16;
  const r = (n: number) => (dense ? 4 + 9 : 6 + 18) * Math.sqrt(Math.max(n, 1) / maxArticles);
  const maxCount = Math.max(1, ...data.edges.map((e) => e.count));
  const radius = new Map(layout.nodes.map((n) => [n.id, r(n.articles)]));
  const names = Object.fromEntries(data.nodes.map((n) => [n.id, n.name]));
  return (
    <svg class={`graph${dense ? ' dense' : ''}`} viewBox={`0 0 ${W} ${H}`} width="100%" role="group" aria-label="outlets: who copies whom">
      <defs>
        <marker id="arrow-u" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#c0392b" /></marker>
        <marker id="arrow-c" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#2a9d8f" /></marker>
      </defs>
      {data.edges.slice(0, MAX_DRAWN).map((e) => {
        const a = layout.pos.get(e.source);
        const b = layout.pos.get(e.target);
        if (!a || !b) return null;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = Math.hypot(dx, dy) || 1;
        const ra = radius.get(e.source)! + 2;
        const rb = radius.get(e.target)! + 4;
        // Curve slightly so that A→B and B→A do not sit on top of each other.
        const mx = (a.x + b.x) / 2 - (dy / len) * 18;
        const my = (a.y + b.y) / 2 + (dx / len) * 18;
        const mostlyCredited = e.credited * 2 >= e.count;
        const color = !e.directed ? '#98a2b3' : mostlyCredited ? '#2a9d8f' : '#c0392b';
        const when = e.first ? ` (${e.first.slice(0, 10)}${e.last && e.last !== e.first ? ` to ${e.last.slice(0, 10)}` : ''})` : '';
        return (
          <path
            class="edge"
            d={`M${a.x + (dx / len) * ra},${a.y + (dy / len) * ra} Q${mx},${my} ${b.x - (dx / len) * rb},${b.y - (dy / len) * rb}`}
            stroke={color}
            stroke-width={1 + 4 * (e.count / maxCount)}
            stroke-dasharray={e.directed ? undefined : '5 4'}
            fill="none"
            marker-end={e.directed ? `url(#arrow-${mostlyCredited ? 'c' : 'u'})` : undefined}
          >
            <title>
              {e.directed
                ? `${names[e.target] ?? e.target} reused ${e.count} passage${e.count > 1 ? 's' : ''} of ${names[e.source] ?? e.source}${when}; ${e.credited} credited`
                : `${names[e.source] ?? e.source} and ${names[e.target] ?? e.target} share ${e.count} passage${e.count > 1 ? 's' : ''}${when}; which copied which is not settled`}
            </title>
          </path>
        );
      })}
      {layout.nodes.map((n) => {
        const p = layout.pos.get(n.id)!;
        const rad = radius.get(n.id)!;
        const shape = (
          <>
            <circle cx={p.x} cy={p.y} r={rad} fill={n.articles ? outletColor(n.id) : '#c9ccd1'} />
            <text x={p.x} y={p.y + rad + 13} text-anchor="middle">{n.name}</text>
          </>
        );
        // Articles with no identified outlet have no outlet page to open.
        return n.articles ? (
          <a href={href('outlet', n.id)} class="node" aria-label={`${n.name}, ${n.articles} articles`}>{shape}</a>
        ) : (
          <g class="node unknown">{shape}</g>
        );
      })}
    </svg>
  );
}
