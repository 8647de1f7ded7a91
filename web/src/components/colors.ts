// Stable colours per outlet (the same outlet has the same colour in every chart and the graph).

const PALETTE = ['#1f6feb', '#d1495b', '#2a9d8f', '#e9a03b', '#7b5ea7', '#3d8b37', '#c2571a', '#4a6fa5', '#b5446e', '#5c7c8a', '#8c6d1f', '#00798c'];

export function outletColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/** Distinct colours for the few series of one chart (Tableau 10), by position. */
const SERIES = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#5c6b7a'];
export const chartColor = (i: number) => SERIES[i % SERIES.length]!;
