import { describe, expect, it } from 'vitest';
import { bisect, splitGroup } from './split.ts';

// Two camps of 5 (0–4, 5–9): strong inside, weak across.
const camps = (inside: number, across: number) => (i: number, j: number) => ((i < 5) === (j < 5) ? inside : across);

describe('normalised-cut split', () => {
  it('cuts two camps apart along the weak links', () => {
    const cut = bisect([...Array(10).keys()], camps(0.5, 0.05), 2)!;
    expect([cut.a.sort((x, y) => x - y), cut.b.sort((x, y) => x - y)].sort((x, y) => x[0] - y[0])).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
    expect(cut.ncut).toBeLessThan(0.3);
  });

  it('keeps a uniform group whole: its best cut is near 1', () => {
    const cut = bisect([...Array(10).keys()], () => 0.3, 2)!;
    expect(cut.ncut).toBeGreaterThan(0.9);
    expect(splitGroup(10, () => 0.3, { maxNcut: 0.8, minPart: 2, maxDepth: 3 })).toHaveLength(1);
  });

  it('does not cut off a lone outlier: both sides need minPart members', () => {
    // Member 9 is unrelated to everyone; the rest are one story.
    const sim = (i: number, j: number) => (i === 9 || j === 9 ? 0 : 0.4);
    const groups = splitGroup(10, sim, { maxNcut: 0.8, minPart: 2, maxDepth: 3 });
    expect(groups).toHaveLength(1);
  });

  it('splits three camps in two levels', () => {
    const sim = (i: number, j: number) => (Math.floor(i / 4) === Math.floor(j / 4) ? 0.5 : 0.02);
    const groups = splitGroup(12, sim, { maxNcut: 0.8, minPart: 2, maxDepth: 3 }).map((g) => g.sort((x, y) => x - y)).sort((x, y) => x[0] - y[0]);
    expect(groups).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
  });
});
