import { describe, expect, it } from 'vitest';
import { FrameFinder, loadFrameLexicon } from './frames.ts';
import { normaliseAlias } from '../nlp/alias-norm.ts';

// Names the entity layer did not resolve are keyed by their normal form (doubled letters folded).
const RB = normaliseAlias('Red Banner').replace(/ /g, '-');

const finder = new FrameFinder(loadFrameLexicon());
const keys = (text: string) => finder.frames(text).map((f) => f.key);

describe('claim frames', () => {
  it('finds actor, aid action and beneficiary, folding demonyms and families', () => {
    expect(keys('Officials said that Norland and its allies keep supplying Red Banner with weapons.')).toContain(`norland|${RB}`);
    expect(keys('The Norland army has been training Red Banner recruits, a deputy said. He said Norlandian troops were flying Red Banner fighters across the border.')).toEqual([
      `norland|${RB}`,
      `norland|${RB}`,
    ]);
    expect(keys('Sources said American forces airlifted Daesh commanders out of the town.')).toEqual(['united-states|isis']);
  });

  it('reads the passive and "with the help of"', () => {
    expect(keys('Weapons were airdropped by the Norland air force for Red Banner units near the river.')).toContain(`norland|${RB}`);
    expect(keys('A deputy warned that Red Banner is regrouping with the help of Norlandian troops, as Norland denies it.')).toContain(`norland|${RB}`);
  });

  it('does not read fighting a group as helping it', () => {
    expect(keys('Norland is supporting the Vale Army in its offensive against Red Banner.')).not.toContain(`norland|${RB}`);
    expect(keys('Norland troops killed five Red Banner fighters near Tell Amar on Monday.')).toEqual([]);
    expect(keys('The bridge over the Sarn reopened on Monday, Mayor Ann Hollis said.')).toEqual([]);
  });

  it('takes a concept as the object of a compound ("X-funded labs")', () => {
    expect(keys('A lawmaker said a Norland-funded water laboratory in Port Vey tests pathogens on residents.')).toEqual(['norland|biolabs']);
  });
});
