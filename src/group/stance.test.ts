import { describe, expect, it } from 'vitest';
import { FrameFinder, loadFrameLexicon } from './frames.ts';
import { decideStance, loadStanceCues } from './stance.ts';

const finder = new FrameFinder(loadFrameLexicon());
const cues = loadStanceCues();
const stance = (title: string, text: string) => {
  const r = decideStance({ title, text, layers: {}, frames: finder.frames(text) }, cues);
  return { ...r, texts: r.evidence.map((e) => text.slice(e.start, e.end)) };
};

describe('stance', () => {
  it('debunks: the author calls the claim false, with the sentence that says so', () => {
    const text =
      'Claim: Norlandian aircraft fly Red Banner fighters into Vale.\n\nVerdict: False. There is no evidence that Norland has moved Red Banner fighters into Vale. The claim is a recurring disinformation narrative.';
    const r = stance('False: Norland is not flying Red Banner fighters into Vale', text);
    expect(r.label).toBe('debunks');
    expect(r.texts.join(' ')).toMatch(/no evidence/);
  });

  it('reports: attributes the claim, hedges it and quotes the denial', () => {
    const text =
      'A militia leader accused Norlandian forces of flying Red Banner fighters into Vale, an allegation Norland rejected and which could not be independently verified.\n\nHe did not provide evidence. “These allegations are without foundation,” a Norland spokesperson said.';
    const r = stance('Militia accuses Norland; Norland denies', text);
    expect(r.label).toBe('reports');
    expect(r.texts.join(' ')).toMatch(/could not be independently verified/);
  });

  it('promotes: the claim relayed as fact in loaded words; a quoted "no evidence" does not make a debunk', () => {
    const text =
      'Norlandian forces are flying Red Banner terrorists into Vale to spread chaos, a commander revealed.\n\n“There is no evidence that the occupiers will leave,” he said. Norland has been supplying Red Banner terrorists for years.';
    const r = stance('Norland flying terrorists into Vale', text);
    expect(r.label).toBe('promotes');
    expect(r.evidence.length).toBeGreaterThan(0);
  });
});
