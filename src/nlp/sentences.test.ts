// Sentence boundaries on real sentences (PolNeAR train, the sample articles).

import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';

const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('does not end a sentence after a title, an initial or an abbreviation inside a name', () => {
    expect(sentencesOf('Head of Badr Organization’s Office Qusai al-Anbari met Gen. Qassem Soleimani. John F. Kennedy was not there.')).toEqual([
      'Head of Badr Organization’s Office Qusai al-Anbari met Gen. Qassem Soleimani.',
      'John F. Kennedy was not there.',
    ]);
    expect(sentencesOf('The U.S. Army denied it.')).toEqual(['The U.S. Army denied it.']);
  });

  it('ends a sentence at "U.S." when the next word only ever opens a sentence ("… in the U.S. He says …")', () => {
    const text = 'Cox says Obama is trying to distract from his lack of a strategy to prevent terrorist attacks in the U.S. He says Americans don’t need any more lectures.';
    expect(sentencesOf(text)).toEqual([
      'Cox says Obama is trying to distract from his lack of a strategy to prevent terrorist attacks in the U.S.',
      'He says Americans don’t need any more lectures.',
    ]);
  });

  it('keeps an open quotation in one sentence', () => {
    expect(sentencesOf('“We will win. We have the votes,” he said. Then he left.')).toEqual(['“We will win. We have the votes,” he said.', 'Then he left.']);
  });
});
