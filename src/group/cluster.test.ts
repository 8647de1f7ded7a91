import { describe, expect, it } from 'vitest';
import { averageLink, assignIncremental, clusterStories } from './cluster.ts';
import { extractFeatures, loadStorySettings, type StoryFeatures } from './features.ts';

const settings = loadStorySettings();
const doc = (id: string, text: string, date: string | null = null): StoryFeatures => extractFeatures({ id, title: '', text, date });

const quakeA = (n: number) =>
  `A magnitude 6.1 earthquake struck near Lorvik on Tuesday, killing ${12 + n} people. Rescue teams in Lorvik searched collapsed houses, Governor Elsa Brandt said. The Lorvik quake was felt across Halden province.`;
const quakeB = (n: number) =>
  `A magnitude 5.4 earthquake hit the port city of Sarnaby, leaving ${3 + n} dead. Mayor Tomas Oyelaran said Sarnaby hospitals were full after the quake. Aftershocks rattled the Sarnaby coast overnight.`;

describe('story clustering', () => {
  it('average link merges while the mean similarity holds, and no further', () => {
    const labels = averageLink(4, [{ i: 0, j: 1, sim: 0.9 }, { i: 2, j: 3, sim: 0.8 }, { i: 1, j: 2, sim: 0.3 }], 0.5);
    expect(labels[0]).toBe(labels[1]);
    expect(labels[2]).toBe(labels[3]);
    expect(labels[0]).not.toBe(labels[2]);
  });

  it('keeps two events of one kind apart by their places, names and figures', () => {
    const feats = [0, 1, 2].flatMap((n) => [doc(`a${n}`, quakeA(n)), doc(`b${n}`, quakeB(n))]);
    const groups = clusterStories(feats, settings).map((g) => g.sort());
    expect(groups).toHaveLength(2);
    expect(groups).toContainEqual(['a0', 'a1', 'a2']);
    expect(groups).toContainEqual(['b0', 'b1', 'b2']);
  });

  it('keeps the same kind of event apart when the dates are far apart', () => {
    const groups = clusterStories([doc('a', quakeA(0), '2024-01-02'), doc('b', quakeA(1), '2024-01-03'), doc('c', quakeA(2), '2024-06-01')], settings);
    expect(groups.map((g) => g.sort())).toContainEqual(['a', 'b']);
    expect(groups.map((g) => g.sort())).toContainEqual(['c']);
  });

  it('incremental assignment puts a new report in its event’s story and a new event in a new one', () => {
    const existing = [doc('a0', quakeA(0)), doc('a1', quakeA(1)), doc('b0', quakeB(0)), doc('b1', quakeB(1))];
    const stories = new Map([
      ['s1', ['a0', 'a1']],
      ['s2', ['b0', 'b1']],
    ]);
    let next = 3;
    const placed = assignIncremental(existing, [doc('a2', quakeA(2)), doc('b2', quakeB(2)), doc('x', 'Parliament passed the harvest budget on Friday after a long debate over grain subsidies.')], stories, settings, () => `s${next++}`);
    expect(placed.get('a2')!.story).toBe('s1');
    expect(placed.get('b2')!.story).toBe('s2');
    expect(placed.get('x')!.story).toBe('s3');
  });
});

describe('incremental story assignment over time', () => {
  it('ends with the same two stories as the batch path when two events of a kind arrive interleaved, one at a time', () => {
    const arrivals = [0, 1, 2, 3].flatMap((n) => [doc(`a${n}`, quakeA(n)), doc(`b${n}`, quakeB(n))]);
    const stories = new Map<string, string[]>();
    let next = 1;
    arrivals.forEach((f, i) => assignIncremental(arrivals.slice(0, i), [f], stories, settings, () => `s${next++}`));
    const groups = [...stories.values()].filter((g) => g.length).map((g) => [...g].sort());
    expect(groups).toHaveLength(2);
    expect(groups).toContainEqual(['a0', 'a1', 'a2', 'a3']);
    expect(groups).toContainEqual(['b0', 'b1', 'b2', 'b3']);
  });
});

describe('incremental merge', () => {
  it('joins two stories when a later report bridges them, as the batch path would', () => {
    const arrivals = [
      doc('x1', 'Parliament passed the harvest budget on Friday after a long debate over grain subsidies.'),
      doc('x2', 'The national football team beat Sarnaby 3-1 in a friendly match at the Oyelaran stadium.'),
      doc('a1', 'Governor Elsa Brandt ordered the Lorvik dam gates opened after the flood warning on Tuesday.'),
      doc('a2', 'Engineers at the Halden reservoir reported cracks in the concrete spillway overnight.'),
      doc('br', 'Governor Elsa Brandt ordered the Lorvik dam gates opened on Tuesday after engineers at the Halden reservoir reported cracks in the concrete spillway.'),
    ];
    const stories = new Map<string, string[]>();
    const reshaped = new Set<string>();
    let next = 1;
    arrivals.forEach((f, i) => assignIncremental(arrivals.slice(0, i), [f], stories, settings, () => `s${next++}`, undefined, reshaped));
    const groups = [...stories.values()].filter((g) => g.length).map((g) => [...g].sort());
    expect(groups).toContainEqual(['a1', 'a2', 'br']);
    expect(groups).toHaveLength(3);
    // The story a2 opened is emptied by the merge and reported, so the store can delete it.
    expect([...reshaped].some((id) => stories.get(id)!.length === 0)).toBe(true);
  });
});
