// Stable colours per outlet (the same outlet has the same colour in every chart and the graph).

const PALETTE = ['#1f6feb', '#d1495b', '#2a9d8f', '#e9a03b', '#7b5ea7', '#3d8b37', '#c2571a', '#4a6fa5', '#b5446e', '#5c7c8a', '#8c6d1f', '#00798c'];

export function outletColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
