// Quotes on real sentences: the sample articles (../shared/corpus/seeds) and the demo corpus
// (examples/). Each construction the issue names has a case here.

import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { quotesOf, quoteWith } from './test-helpers.ts';

const DEMO_ALIASES = fileURLToPath(new URL('../../examples/aliases.json', import.meta.url));

describe('direct quotes', () => {
  const text =
    'TEHRAN (FNA)- The US forces in Western Iraq are relocating ISIL ringleaders from Syria to Wadi Houran region in Western al-Anbar province after the area was cleansed by Hashd al-Shaabi (Iraqi popular forces), an official revealed.\n\n' +
    '“After the US forces prevented Iraqi forces from approaching Wadi Houran and the Western desert of al-Anbar, finally, Hashd al-Shaabi could remove the existing obstacles and defeat the ISIL terrorists in the region and cleanse Wadi Houran completely,” Head of Badr Organization’s Office in al-Anbar Qusai al-Anbari told the Arabic-language al-Ma’aloumeh news website on Sunday.\n\n' +
    '“But after the cleansing operations, the US forces stationed near the region facilitated the trafficking of the ISIL terrorists and their transfer to Wadi Houran and the Western desert by reopening a number of roads and heliborne operations,” he added.\n\n' +
    '“The US Army troops are preparing and training the ISIL militants in al-Qadaf and Wadi al-Houran regions of Al-Anbar province with the aim of carrying out terrorist attacks and restarting insecurity in Iraq,” al-Ma’aloumeh quoted Kazim al-Haaj, an Iraqi security expert, as saying.';
  const qs = quotesOf(text);

  it('takes the speaker and the role from a title before the name, and told_to from "told the Arabic-language … news website"', () => {
    const q = quoteWith(qs, 'finally, Hashd al-Shaabi could remove')!;
    expect(q.kind).toBe('direct');
    expect(q.content.text.startsWith('“After the US forces')).toBe(true);
    expect(text.slice(q.content.start, q.content.end)).toBe(q.content.text);
    expect(q.speaker).toMatchObject({ text: 'Qusai al-Anbari', entity: 'qusai-al-anbari', role: 'Head of Badr Organization’s Office in al-Anbar', anonymous: false });
    expect(q.cue?.text).toBe('told');
    expect(q.told_to).toMatchObject({ text: 'al-Ma’aloumeh', entity: 'al-maaloumeh' });
    expect(q.sourcing).toBe('named');
  });

  it('resolves "he added" to the previous speaker', () => {
    const q = quoteWith(qs, 'facilitated the trafficking')!;
    expect(q.speaker).toMatchObject({ text: 'he', name: 'Qusai al-Anbari', entity: 'qusai-al-anbari' });
    expect(q.evidence.antecedent?.text).toBe('Qusai al-Anbari');
  });

  it('reads "X quoted Y, role, as saying" as Y speaking via X', () => {
    const q = quoteWith(qs, 'preparing and training the ISIL militants')!;
    expect(q.speaker).toMatchObject({ name: 'Kazim al-Haaj', role: 'an Iraqi security expert' });
    expect(q.via.map((v) => v.entity)).toEqual(['al-maaloumeh']);
    expect(q.told_to).toBeNull();
  });

  it('finds indirect speech whose attribution closes the sentence ("…, an official revealed.")', () => {
    const q = quoteWith(qs, 'relocating ISIL ringleaders')!;
    expect(q.kind).toBe('indirect');
    expect(q.speaker).toMatchObject({ text: 'an official', anonymous: true });
    expect(q.sourcing).toBe('anonymous');
  });

  it('reads "was quoted by X as saying" as a relay', () => {
    const t = '“The Americans and the ISIL terrorists are repeating the same scenario they played during the collapse of Mosul in 2014,” Qasim al-Ma’amouri, the commander of Hashd al-Shaabi’s Division 26, was quoted by al-Ma’aloumeh as saying.';
    const [q] = quotesOf(t);
    expect(q.speaker).toMatchObject({ name: 'Qasim al-Ma’amouri', role: 'the commander of Hashd al-Shaabi’s Division 26' });
    expect(q.via[0]?.entity).toBe('al-maaloumeh');
  });

  it('keeps an interrupted quote as one quote in two parts (“A,” he said, “B.”)', () => {
    const t =
      'Qasim al-Nouri, head of the Saraya al-Difa\' office in al-Hadra province, said on Sunday that Halvardian troops were bringing commanders back.\n\n' +
      '“Yet only days later the Halvardian units camped on the ridge reopened the old smuggling tracks and began landing helicopters at night near the dry riverbed,” he said, “and they are not delivering flour.”';
    const q = quoteWith(quotesOf(t, [DEMO_ALIASES]), 'Yet only days later')!;
    expect(q.parts).toHaveLength(2);
    expect(q.parts[1].text).toBe('“and they are not delivering flour.”');
    expect(q.speaker?.name).toMatch(/Nouri/);
  });

  it('joins “A,” he said. “B.” in one paragraph, and reads a quote inside a quote as part of the content', () => {
    const t =
      'Yasir al-Kharrat, a member of the local council, spoke to reporters.\n\n“One of the shepherds told our people, ‘The helicopters come without lights, and they leave empty,’ and that is what we are telling the world,” he said. “Nobody listens.”';
    const q = quoteWith(quotesOf(t), 'One of the shepherds')!;
    expect(q.content.text).toContain('‘The helicopters come without lights, and they leave empty,’');
    expect(q.parts.map((p) => p.text)).toEqual([expect.stringContaining('what we are telling the world'), '“Nobody listens.”']);
    expect(q.speaker?.name).toBe('Yasir al-Kharrat');
  });

  it('continues a quotation over paragraphs when the next paragraph reopens it', () => {
    const t = '“We will not leave,” the minister said on Monday, “until the job is done.\n\n“And the job is far from done,” he told the Arabic-language al-Ma’aloumeh news website.';
    const qs2 = quotesOf(t);
    expect(qs2).toHaveLength(2);
    expect(qs2[0].parts).toHaveLength(2);
    expect(qs2[1].told_to?.entity).toBe('al-maaloumeh');
  });
});

describe('partial and indirect quotes', () => {
  it('makes "decried these claims as “absurd.”" a partial quote of the body that said it', () => {
    const [q] = quotesOf('The White House has decried these claims as “absurd.”');
    expect(q.kind).toBe('partial');
    expect(q.content.text).toContain('absurd');
    expect(q.speaker).toMatchObject({ entity: 'white-house' });
  });

  it('finds "said that", "told Y that", and "according to X"', () => {
    const t =
      'Nadia al-Sa\'di, a member of parliament\'s health committee, told Valor that the Senna Water Institute was "a laboratory for experiments on our people disguised as a water project".\n\n' +
      'According to a letter the lawmaker said she had sent to the health ministry, at least 40 residents had been tested by the institute since the autumn. Valor could not see the letter.';
    const qs = quotesOf(t, [DEMO_ALIASES]);
    const told = quoteWith(qs, 'Senna Water Institute')!;
    expect(told.kind).toBe('partial');
    expect(told.speaker?.name).toBe("Nadia al-Sa'di");
    expect(told.speaker?.role).toBe("a member of parliament's health committee");
    const letter = quoteWith(qs, 'at least 40 residents')!;
    expect(letter.cue?.text).toBe('According to');
    expect(letter.sourcing).toBe('documentary');
  });

  it('resolves "the politician" and "the official" to the earlier speaker they describe', () => {
    const t =
      'US forces have transferred the Islamic State (IS) terrorists out of Syria and into Iraq, Mohammed Mahdi al-Bayati, a key member of the Badr Organization, a powerful Iraqi Shia political and militia group, has claimed.\n\n' +
      'The politician clarified that the terrorists were being transferred into Iraq’s northwest.\n\n' +
      'In relevant remarks in February, a senior Iraqi official, speaking on condition of anonymity, disclosed that Washington is the main cause of ISIL’s survival in his country.\n\n' +
      '“We have compelling evidence that a US helicopter landed in Albu Arim palms of Fallujah city to take out the ISIL leaders,” the official told FNA at the time.';
    const qs = quotesOf(t);
    expect(quoteWith(qs, 'out of Syria and into Iraq')!.speaker).toMatchObject({ name: 'Mohammed Mahdi al-Bayati', role: 'a key member of the Badr Organization' });
    expect(quoteWith(qs, 'transferred into Iraq’s northwest')!.speaker).toMatchObject({ text: 'The politician', entity: 'mohammed-mahdi-al-bayati' });
    const anon = quoteWith(qs, 'main cause of ISIL')!;
    expect(anon.speaker).toMatchObject({ text: 'a senior Iraqi official', anonymous: true });
    const direct = quoteWith(qs, 'compelling evidence')!;
    expect(direct.speaker).toMatchObject({ text: 'the official', anonymous: true, role: 'a senior Iraqi official' });
    expect(direct.told_to?.entity).toBe('fars');
    expect(direct.sourcing).toBe('anonymous');
  });

  it('tells "told Press TV" from "told al-Maalomah …, according to Press TV" (who spoke to whom)', () => {
    const q001 = quotesOf('“Eyewitnesses living along the border with Syria have informed security officials that American forces are conducting extensive airborne transfers of Daesh terrorists from Syria to Iraq,” al-Bayati told Press TV, using the Arabic acronym of the group.')[0];
    const q003 = quotesOf('“Eyewitnesses living along the border with Syria have informed security officials that American forces are conducting extensive airborne transfers of Daesh terrorists from Syria to Iraq,” Mohammed Mahdi al-Bayati told al-Maalomah news agency on Sunday, according to Press TV.')[0];
    expect(q001.told_to?.entity).toBe('press-tv');
    expect(q001.via).toEqual([]);
    expect(q003.told_to?.entity).toBe('al-maaloumeh');
    expect(q003.via.map((v) => v.entity)).toEqual(['press-tv']);
    expect(q003.sourcing).toBe('hearsay'); // the speaker passes on what eyewitnesses told officials
  });

  it('takes the subject of the sentence for a participle cue ("…, reiterating that …")', () => {
    const t = 'The presence of US forces presents a serious quandary for new Iraqi prime minister Mustafa al-Kadhimi.\nOn Saturday, he met US Ambassador Matthew Tueller in Baghdad, reiterating that Iraq would not be a ground for settling accounts.';
    const q = quoteWith(quotesOf(t), 'Iraq would not be a ground')!;
    expect(q.speaker).toMatchObject({ text: 'he', entity: 'mustafa-al-kadhimi' });
  });

  it('does not take "Fars News Agency reports:" as the speaker: it is the relay', () => {
    const t = 'Spokesman for Iraq’s Ansarullah al-Nujaba Movement, Hashem al-Moussavi said on Wednesday: “Washington is still continuing its military supports for the terrorists in Iraq”\nFars News Agency reports: He reiterated that al-Nujaba Movement forces are collecting documents, photos and videos of supplies airdropped by the US-led coalition forces.';
    const qs = quotesOf(t);
    expect(quoteWith(qs, 'Washington is still')!.speaker).toMatchObject({ name: 'Hashem al-Moussavi', role: 'Spokesman for Iraq’s Ansarullah al-Nujaba Movement' });
    const q = quoteWith(qs, 'collecting documents')!;
    expect(q.speaker?.entity).toBe('hashem-al-moussavi');
    expect(q.via.map((v) => v.entity)).toEqual(['fars']);
  });

  it('leaves text with quotation marks but no speech alone (titles, scare quotes)', () => {
    expect(quotesOf('He watched “Fox News Sunday” at home.')).toEqual([]);
  });
});

describe('conduits the tables do not know', () => {
  it('takes "told Meridian TV" as told_to even when Meridian TV is not in the outlet table', () => {
    const [q] = quotesOf('“Four shepherds from Umm Tarfa have told our people that they watched aircraft set down fighters,” Yasir al-Kharrat, a member of the militia’s political bureau, told Meridian TV.');
    expect(q.told_to).toMatchObject({ text: 'Meridian TV', entity: 'meridian-tv' });
    expect(q.speaker?.role).toBe('a member of the militia’s political bureau');
    expect(q.sourcing).toBe('hearsay');
  });
});

describe('quotations the attribution passes do not reach (PolNeAR train sentences)', () => {
  it('reads “…,” said X when the quotation ends in a word like "her", and joins X’s next quoted sentence to it', () => {
    const qs = quotesOf('“I was going to bite my tongue and vote for Hillary, but I never really trusted her,” said Robert Stone, a 59-year-old from Hilton Head, South Carolina, who already cast an absentee ballot for Sanders. “Every time she opens her mouth, I can’t help but think she’s lying about something.”');
    const q = quoteWith(qs, 'never really trusted her')!;
    expect(q.kind).toBe('direct');
    expect(q.speaker?.text).toBe('Robert Stone');
    expect(q.parts).toHaveLength(2);
    expect(q.parts[1].text.startsWith('“Every time she opens her mouth')).toBe(true);
  });

  it('takes a name right after a whole quoted sentence as its speaker, whatever the verb (“…!” beamed X)', () => {
    const q = quoteWith(quotesOf('“This is fantastic!” beamed Donald Hartley of Madison, Alabama, who snuck onto the floor from the guest seats to be closer to the action.'), 'fantastic')!;
    expect(q.kind).toBe('direct');
    expect(q.speaker?.text).toBe('Donald Hartley');
  });

  it('keeps a quoted sentence with no attribution, spoken by the subject of the sentence before it', () => {
    const q = quoteWith(quotesOf('When I began to speak I saw Brafman’s surprise, and the judge interrupted me. “Explain to me why you are here and why you did what you did.”'), 'Explain to me')!;
    expect(q.kind).toBe('direct');
    expect(q.evidence.method).toBe('quote-marks:orphan');
  });
});

describe('indirect speech the earlier passes missed (PolNeAR train sentences)', () => {
  it('takes "Ms. Acosta" as the subject: the dot of a title does not end the subject', () => {
    const q = quoteWith(quotesOf('Ms. Acosta said the enormous financial quagmire facing the bank was inextricably tied to its history as a unique institution on United States-controlled soil.'), 'financial quagmire')!;
    expect(q.speaker?.text).toBe('Ms. Acosta');
    expect(q.content.text.startsWith('the enormous financial quagmire')).toBe(true);
  });

  it('reads a parenthetical attribution after an adverbial lead ("In any case, Mr. DiPietro said, the golf industry …")', () => {
    const q = quoteWith(quotesOf('In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses.'), 'the golf industry')!;
    expect(q.parts.map((p) => p.text).join(' … ')).toContain('the golf industry was vastly over-supplied with courses');
    expect(q.speaker?.text).toContain('DiPietro');
    const r = quoteWith(quotesOf('In his state, Christie said, nonviolent first-time drug offenders are sent to mandatory drug treatment.'), 'nonviolent first-time')!;
    expect(r.parts.at(-1)!.text).toBe('nonviolent first-time drug offenders are sent to mandatory drug treatment');
    expect(r.speaker?.text).toBe('Christie');
  });

  it('reads a parenthetical attribution with the content on both sides ("Many of the closures, he said, have involved …")', () => {
    const q = quoteWith(quotesOf('Many of the closures, he said, have involved public and semi-private courses, the latter a reference to clubs that have an active membership program.'), 'Many of the closures')!;
    expect(q.parts.map((p) => p.text)).toEqual(['Many of the closures', 'have involved public and semi-private courses, the latter a reference to clubs that have an active membership program']);
    expect(q.speaker?.text).toBe('he');
  });

  it('drops a lone adverb before the attribution ("Still, he said, officials have to decide …")', () => {
    const q = quoteWith(quotesOf('Still, he said, officials have to decide who gets extra scrutiny.'), 'officials have to decide')!;
    expect(q.content.text).toBe('officials have to decide who gets extra scrutiny');
  });

  it('takes records and counts as sources of "according to", and the sentence before for "That’s according to …"', () => {
    const a = quoteWith(quotesOf('According to FEC records, Trump International Golf Club in West Palm Beach was paid $29,715.'), 'West Palm Beach')!;
    expect(a.speaker?.text).toBe('FEC records');
    expect(a.sourcing).toBe('documentary');
    const b = quoteWith(quotesOf('Clinton now has a total of at least 723 delegates. That’s according to a count by state party officials.'), '723 delegates')!;
    expect(b.speaker?.text).toBe('a count by state party officials');
    expect(b.content.text).toBe('Clinton now has a total of at least 723 delegates');
  });
});

describe('colon labels (PolNeAR train headlines and transcripts)', () => {
  it('reads "Name: claim" at the start of a paragraph as the name saying the claim', () => {
    const q = quoteWith(quotesOf('Elizabeth Warren: Donald Trump Is a ‘Proven Failure’ in Business\n\nThe senator spoke on Monday.'), 'Proven Failure')!;
    expect(q.speaker?.text).toBe('Elizabeth Warren');
    expect(q.content.text).toBe('Donald Trump Is a ‘Proven Failure’ in Business');
    expect(q.evidence.method).toBe('colon-label');
  });

  it('reads a transcript turn, and leaves labels such as "UPDATE:" and "Name:" alone', () => {
    const qs = quotesOf('TRUMP: The deaths of Alton Sterling in Louisiana and Philando Castile in Minnesota also make clear how much more work we have to do.\n\nUPDATE: The story has been corrected.\n\nName: Gabrielle Hatcher Age: 27');
    expect(qs.map((q) => q.speaker?.text)).toEqual(['TRUMP']);
  });
});

describe('the subject of an indirect attribution (PolNeAR train sentences)', () => {
  it('takes the chunk right before the verb, not a name earlier in the clause', () => {
    const q = quoteWith(quotesOf('If former New York City Mayor Michael Bloomberg runs as an Independent, a Morning Consult Poll found that he would draw from Clinton’s support in a three-candidate matchup among Bloomberg, Clinton and Trump.'), 'would draw from Clinton')!;
    expect(q.speaker?.text).toBe('Morning Consult Poll');
  });

  it('takes the relative pronoun as the speaker of "…, who say …"', () => {
    const q = quoteWith(quotesOf('Speaking to “CBS This Morning” Monday, Rubio refrained from attacking his rivals, particularly Govs. Jeb Bush and Chris Christie, who say the freshman senator doesn’t have the experience needed to be president.'), 'freshman senator')!;
    expect(q.speaker?.text).toBe('who');
  });

  it('gives a passive cue no speaker, or the agent after "by"', () => {
    const a = quoteWith(quotesOf('It was announced that the concert will take place in Los Angeles on Feb. 5.'), 'concert will take place')!;
    expect(a.speaker).toBeNull();
    const b = quoteWith(quotesOf('It was reported by The Washington Post that the campaign had spent $2 million on the ads.'), 'spent $2 million')!;
    expect(b.speaker?.text).toBe('Washington Post');
  });

  it('reads an attribution inside another one’s content as part of it', () => {
    const qs = quotesOf('Sanders said that Clinton claimed the trade deal would create jobs in Ohio.');
    expect(qs).toHaveLength(1);
    expect(qs[0].speaker?.text).toBe('Sanders');
  });
});

describe('a quotation going on after the rest of its attribution (PolNeAR train)', () => {
  it('joins “A,” he said outside the building. But “B.” into one quote', () => {
    const q = quoteWith(quotesOf('“I don’t think it’s do or die, any endorsement in particular,” he said outside the building. But “Donald Trump’s candidacy is strengthened with an endorsement from the most powerful person, top-ranking Republican in the country. It helps.”'), 'do or die')!;
    expect(q.parts).toHaveLength(2);
    expect(q.parts[1].text.startsWith('“Donald Trump’s candidacy')).toBe(true);
  });

  it('reads a forward content on through a quotation that opens straight after a word (“…” as a fragment of the clause)', () => {
    const qs = quotesOf('Presumptive Democrat nominee Hillary Clinton said The Clinton Foundation had “overwhelming disclosure,” referencing its donations on Wednesday.');
    expect(qs.find((q) => q.cue?.text === 'said')!.content.text).toBe('The Clinton Foundation had “overwhelming disclosure,” referencing its donations on Wednesday');
  });

  it('does not take a verb past a new clause as the attribution of a quotation (“…,” …, but multiple reports show …)', () => {
    const qs = quotesOf('Hillary Clinton said The Clinton Foundation had “overwhelming disclosure,” referencing its donations on Wednesday, but multiple reports show otherwise.');
    expect(qs.some((q) => q.content.text === '“overwhelming disclosure,”' && q.cue?.text === 'reports')).toBe(false);
  });

  it('does not join a quotation that another verb attributes', () => {
    const qs = quotesOf('“We will win,” he said at the rally, where his rival argued later. “No, we will,” she replied.');
    expect(quoteWith(qs, 'We will win')!.parts).toHaveLength(1);
  });

  it('does not join a quotation followed by an attribution of its own (“A,” X said. “B,” Y added.)', () => {
    const qs = quotesOf('“We will win this state,” the senator said at the rally. “We have the votes,” his campaign manager added.');
    expect(quoteWith(qs, 'We will win')!.parts).toHaveLength(1);
    expect(quoteWith(qs, 'We have the votes')!.speaker?.text).toBe('his campaign manager');
  });

  it('takes the name on a dash-opened line right after a quoted paragraph as its speaker ("- Bernie Sanders.")', () => {
    // A PolNeAR train fact-check roundup: each claim quoted in its own paragraph, signed below.
    const qs = quotesOf('"[Americans are] worried about the future of their kids, and yet almost all new income and wealth is going to the top 1 percent."\n\n- Bernie Sanders.\n\nThe senator is relying on a statistic.\n\n"The whole idea of a \'Crooked Hillary\' is something that we hear about all the time, and it needs to stop."\n\n-Michelle Marks, Philadelphia.');
    expect(quoteWith(qs, 'worried about the future')!.speaker?.text).toBe('Bernie Sanders');
    expect(quoteWith(qs, 'Crooked Hillary')!.speaker?.text).toBe('Michelle Marks');
  });

  it('does not continue a quoted paragraph into the next one when that one names its own speaker (“…” ― Name)', () => {
    // The reader-reaction roundup layout of a HuffPost article in PolNeAR (one line per reader).
    const qs = quotesOf('“Donald Trump scares me. Hearing his words makes me afraid for the future.” ― Krystal Correa\n“He can’t even answer a question without scaring people about something else first.” ― Esther Tapia');
    expect(quoteWith(qs, 'scares me')).toMatchObject({ parts: [expect.anything()], speaker: { text: 'Krystal Correa' } });
    expect(quoteWith(qs, 'answer a question')!.speaker?.text).toBe('Esther Tapia');
  });
});

describe('a name, a role noun, then the speaker’s name', () => {
  it('takes the last name as the speaker ("Trump adviser Kellyanne Conway said", "Presumptive Democrat nominee Hillary Clinton said")', () => {
    expect(quotesOf('Trump adviser Kellyanne Conway said the campaign would win Ohio.')[0].speaker?.text).toBe('Kellyanne Conway');
    expect(quotesOf('Presumptive Democrat nominee Hillary Clinton said the foundation had full disclosure.')[0].speaker?.text).toBe('Hillary Clinton');
  });
});

describe('what is not reported speech (PolNeAR train sentences)', () => {
  it('does not take an adverbial lead as the content of a backward attribution', () => {
    const qs = quotesOf('As an immigrant, she felt.');
    expect(qs).toEqual([]);
    const q = quoteWith(quotesOf('In 2016, Cruz is going to peel away those Democratic lies, Viguerie says.'), 'peel away')!;
    expect(q.speaker?.text).toBe('Viguerie');
  });

  it('gives "his critique of" the subject of its clause', () => {
    const q = quoteWith(quotesOf('Trump has been ratcheting up his critique of Clinton’s foreign policy record in recent days.'), 'foreign policy record')!;
    expect(q.speaker?.text).toBe('Trump');
  });
});

describe('quotation marks as typed (PolNeAR train)', () => {
  it('does not take a participle right after a quotation as its attribution (“…,” saying …)', () => {
    const qs = quotesOf('Donald Trump has delivered an impassioned defense of “New York values,” saying the city embodied the “bravery, heart and soul of America.”');
    expect(qs.some((q) => q.kind === 'direct' && q.cue?.text === 'saying' && q.content.text.includes('New York values'))).toBe(false);
  });

  it('reads the attribution in the sentence after a quoted question (“Too forced?” He tweeted …)', () => {
    const q = quoteWith(quotesOf('“Too forced?” He tweeted when Clinton ended a Democratic debate last December with a reference to the blockbuster.'), 'Too forced')!;
    expect(q.kind).toBe('direct');
    expect(q.cue?.text).toBe('tweeted');
    expect(q.speaker?.text).toBe('He');
  });

  it('reads an opening mark typed after a comma as the closing one (“Apparently not,“ he said)', () => {
    const q = quoteWith(quotesOf('“Apparently not,“ he said. “A leopard doesn’t change its spots.”'), 'Apparently not')!;
    expect(q.kind).toBe('direct');
    expect(q.parts.map((p) => p.text)).toEqual(['“Apparently not,“', '“A leopard doesn’t change its spots.”']);
  });
});

describe('hostile input for the quotation passes', () => {
  it('reads thousands of quoted sentences in one paragraph as one running quotation, and an endless sentence of "X said," in windows', () => {
    const qs = quotesOf('“This is a whole sentence here.” '.repeat(12000));
    expect(qs).toHaveLength(1);
    expect(qs[0].parts.length).toBe(12000);
    expect(qs[0].evidence.method).toBe('quote-marks:orphan+next-sentence');
    expect(quotesOf('X said, Y said, '.repeat(8000)).length).toBeLessThan(200);
  });
});

describe('an outlet as the speaker of its own report (PolNeAR train construction)', () => {
  it('keeps "The Associated Press reported that …" with the outlet as speaker, not as a relay', () => {
    const q = quoteWith(quotesOf('The Associated Press reported that she had reached the 2,383 delegates needed to secure the nomination on Monday evening.'), 'she had reached')!;
    expect(q.speaker?.text).toBe('Associated Press');
    expect(q.via.some((v) => v.entity === q.speaker?.entity)).toBe(false);
  });
});

describe('paragraph labels that are not speakers (PolNeAR train constructions)', () => {
  it('does not read a label over a list of names, or a credit line, as somebody speaking', () => {
    const text = 'The insiders, by state:\n\nIowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink, Bonnie Campbell, Dave Caris, Sam Clovis.\n\nContributing: Brittney Bennett and Greg Toppo, USA TODAY.\n\nStill to come: results in Ohio, Missouri and Illinois.';
    expect(quotesOf(text).filter((q) => q.evidence.method === 'colon-label')).toEqual([]);
  });
});

describe('clause-final nouns and adjectives that are not backward attributions (PolNeAR train constructions)', () => {
  it('does not read "… in a tweet.", "… the report." or "… as expected." as attributions', () => {
    const qs = quotesOf('Trump attacked the judge again on Sunday in a tweet. The findings were spelled out in the report. Turnout in the state was lower than expected. The outcome of the vote was already widely known.');
    expect(qs.filter((q) => q.evidence.method === 'speech-verb:backward')).toEqual([]);
  });

  it('still reads "…, the official said." backward', () => {
    const q = quoteWith(quotesOf('The ceasefire will hold through the weekend, the official said.'), 'The ceasefire will hold')!;
    expect(q.evidence.method).toBe('speech-verb:backward');
  });
});

describe('inverted attribution with the speaker after the verb (PolNeAR train construction)', () => {
  it('reads "…, said Mark Jones, a political scientist …" backward, with the name as speaker, not as content', () => {
    const qs = quotesOf('The state has little room to maneuver, said Mark Jones, a political scientist at Rice University in Houston.');
    const q = quoteWith(qs, 'little room to maneuver')!;
    expect(q.speaker?.text).toBe('Mark Jones');
    expect(qs.some((x) => x.content.text.startsWith('Mark Jones'))).toBe(false);
  });
});

describe('evidence verbs closing a sentence (PolNeAR train constructions)', () => {
  it('reads "…, a Quinnipiac University poll shows." backward, with the poll as the source', () => {
    const q = quoteWith(quotesOf('Battleground Senate races in Ohio, Pennsylvania and Florida are all close, a Quinnipiac University poll shows.'), 'Battleground Senate races')!;
    expect(q.evidence.method).toBe('speech-verb:backward');
    expect(q.cue?.text).toBe('shows');
    expect(q.speaker?.text).toContain('poll');
  });

  it('does not read "shows" as a verb after a possessive ("in one of his shows.")', () => {
    expect(quotesOf('Trump took a swipe at his rivals in one of his shows.').filter((q) => q.cue?.text === 'shows')).toEqual([]);
  });
});

describe('a quotation after the sentence that attributed the one before (PolNeAR train construction, \'\'-style marks)', () => {
  it('continues the quotation of “A,” X said, speaking on … . “B.” instead of reading a name in the attribution as a new speaker', () => {
    const text =
      "''This is not a combat mission,'' one senior administration official said, speaking on the condition of anonymity to discuss internal directives to the Pentagon. ''This is to enable partners.''";
    const qs = quotesOf(text);
    const q = quoteWith(qs, 'not a combat mission')!;
    expect(q.parts.map((p) => p.text)).toEqual(["''This is not a combat mission,''", "''This is to enable partners.''"]);
    expect(q.speaker?.text).toBe('one senior administration official');
    expect(qs.filter((x) => x.speaker?.text === 'Pentagon')).toEqual([]);
  });
});

describe('a relative clause with a speech verb of its own (PolNeAR train construction)', () => {
  it('ends the content of "who said …" at ", said" and gives the main verb its own quote and subject', () => {
    const qs = quotesOf('Barkley, who said he typically votes democratic, said one candidate he likes so far is Ohio Governor John Kasich.');
    expect(quoteWith(qs, 'typically votes democratic')!.content.text).toBe('he typically votes democratic');
    const main = quoteWith(qs, 'one candidate he likes')!;
    expect(main.content.text).toBe('one candidate he likes so far is Ohio Governor John Kasich');
    expect(main.speaker?.text).toBe('Barkley');
  });
});

describe('a quoted title inside a sentence whose verb has content of its own (PolNeAR dev construction)', () => {
  const text =
    'On this weekend’s broadcast of “Fox News Sunday,” Republican vice-presidential nominee Gov. Mike Pence (R-IN) said his running mate presidential nominee Donald Trump’s tweet to invite Gennifer Flowers to Monday night’s debate was only “to mock” Hillary Clinton for inviting Trump critic Mark Cuban.';
  it('takes what follows "said" as the content, not the title before it', () => {
    const qs = quotesOf(text);
    expect(qs.some((q) => q.content.text.includes('Fox News Sunday'))).toBe(false);
    const q = quoteWith(qs, 'his running mate')!;
    expect(q.speaker?.text).toBe('Mike Pence');
    expect(q.content.text.endsWith('for inviting Trump critic Mark Cuban')).toBe(true);
  });

  it('still reads “…,” X said Friday in an interview with … as the attribution of the quotation', () => {
    const q = quoteWith(quotesOf('“I won’t just talk like a conservative during the election season,” Espinoza said Friday in an interview with the Associated Press.'), 'talk like a conservative')!;
    expect(q.evidence.method).toBe('quote-marks:after');
    expect(q.speaker?.text).toBe('Espinoza');
  });
});

describe('a quotation that opens what was said and does not close its clause (PolNeAR dev construction)', () => {
  it('goes on to the end of the sentence: said via email that, “…” against what …', () => {
    const q = quoteWith(
      quotesOf('Spokeswoman Jessica Ditto said via email that, “Of course Mr. Trump is going to defend himself” against what the campaign sees as a coordinated attack effort by the media and rival Hillary Clinton’s campaign.'),
      'Of course Mr. Trump',
    )!;
    expect(q.kind).toBe('partial');
    expect(q.content.text).toBe('“Of course Mr. Trump is going to defend himself” against what the campaign sees as a coordinated attack effort by the media and rival Hillary Clinton’s campaign');
    expect(q.speaker?.text).toBe('Jessica Ditto');
  });
});

describe('a transcript whose paragraphs each open with a quotation mark (PolNeAR dev construction)', () => {
  it('reads each "NAME: …" paragraph as that speaker\'s words', () => {
    const text =
      'On Sunday, Pence spoke to Fox News.\n\n' +
      '"WALLACE: Let’s start with breaking news on the debate story. Two questions: Why would Trump do that? And will Gennifer Flowers actually be there tomorrow night?\n\n' +
      '"PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of “Shark Tank.” But this is America, Chris. It’s serious business.\n\n' +
      '"WALLACE: Do you really see those two as equivalent?';
    const qs = quotesOf(text);
    const pence = quoteWith(qs, 'Well, look, Hillary Clinton')!;
    expect(pence.speaker?.text).toBe('PENCE');
    expect(pence.content.text.startsWith('Well, look, Hillary Clinton')).toBe(true);
    expect(quoteWith(qs, 'Do you really see those two')!.speaker?.text).toBe('WALLACE');
  });
});

describe('a time phrase closing the attribution clause (PolNeAR dev construction)', () => {
  it('reads "…, top black lawmakers said Friday afternoon, as they …" backward', () => {
    const q = quoteWith(
      quotesOf('Donald Trump’s yearslong obsession with President Barack Obama’s birth is an insult to all African-Americans, top black lawmakers said Friday afternoon, as they bristled at the continued questions about the legitimacy of the first black president.'),
      'is an insult to all African-Americans',
    )!;
    expect(q.evidence.method).toBe('speech-verb:backward');
    expect(q.speaker?.text).toBe('top black lawmakers');
  });

  it('still reads "said Friday he would …" forward', () => {
    expect(quoteWith(quotesOf('The senator said Friday he would vote against the bill.'), 'he would vote')!.content.text).toBe('he would vote against the bill');
  });
});

describe('titles and names in quotation marks before a verb (PolNeAR dev constructions)', () => {
  it('does not attribute a name given by "titled" or a show title to a verb after it', () => {
    const qs = [
      ...quotesOf('The 30-second spot, titled “Arrogant,” features a New York Times report from over the weekend that nearly $1 billion in Trump company losses may have enabled him to pay zero in federal income tax.'),
      ...quotesOf('As a reality TV boss on “The Apprentice,” Donald Trump repeatedly demeaned women with sexist language, according to show insiders.'),
    ];
    expect(qs.filter((q) => q.evidence.method === 'quote-marks:after')).toEqual([]);
    expect(quoteWith(qs, 'repeatedly demeaned women')!.speaker?.text).toBe('show insiders');
  });
});

describe('reader quotations signed with a dash on the same line (PolNeAR dev construction)', () => {
  const text =
    'Readers wrote to us.\n\n' +
    '”Mr. Trump embodies the lasting legacy of racism in the United States. He has empowered white racists to be open with their prejudice. He represents our greatest shame.” ― Sonya Herridge\n\n' +
    '“As a young, Hispanic woman....I’d rather live in what he calls “hell” than live in a world where he is president.” ― Adriana Rodarte';
  const qs = quotesOf(text);

  it('reads a closing mark typed at the start of a paragraph as the opening one', () => {
    const q = quoteWith(qs, 'lasting legacy of racism')!;
    expect(q.content.text.startsWith('”Mr. Trump embodies')).toBe(true);
    expect(q.speaker?.text).toBe('Sonya Herridge');
  });

  it('keeps a quotation in double marks inside another as part of it', () => {
    const q = quoteWith(qs, 'Hispanic woman')!;
    expect(q.content.text.endsWith('where he is president.”')).toBe(true);
    expect(q.speaker?.text).toBe('Adriana Rodarte');
    expect(qs.filter((x) => x.content.text === '“hell”')).toEqual([]);
  });
});

describe('a named attribution after a comma inside forward content (PolNeAR dev construction)', () => {
  it('ends the content before ", Mr. McKinley said that …", which is a quote of its own', () => {
    const qs = quotesOf('Back when he wrote his book, Mr. McKinley said that he considered debt a last resort.');
    const q = quoteWith(qs, 'considered debt a last resort')!;
    expect(q.speaker?.text).toBe('Mr. McKinley');
    expect(q.content.text).toBe('he considered debt a last resort');
    expect(qs.filter((x) => x.content.text.includes('considered debt') && x !== q)).toEqual([]);
  });
});

describe('credit lines are not attributions (PolNeAR dev constructions)', () => {
  it('does not read "reported from <place>" or "Reporting by <name>" as somebody saying something', () => {
    const qs = quotesOf(
      'Julie Hirschfeld Davis reported from Midway Atoll, and Mark Landler and Coral Davenport from Kaneohe Bay, Hawaii.\n\n(Reporting by Valerie Volcovici; Additional reporting by Lawrence Hurley; Editing by Will Dunham.)',
    );
    expect(qs.filter((q) => /^(?:from|by)\b/.test(q.content.text))).toEqual([]);
  });

  it('still reads "The Associated Press reported that …"', () => {
    expect(quoteWith(quotesOf('The Associated Press reported that she had reached the delegates needed.'), 'she had reached')).toBeDefined();
  });
});

describe('a passive with its agent after "by" (PolNeAR dev constructions)', () => {
  it('takes the subject as what was reported and the agent as the source', () => {
    const q = quoteWith(quotesOf('The registration issue was first reported by The Washington Post. The newspaper has also detailed foundation spending.'), 'The registration issue')!;
    expect(q.content.text).toBe('The registration issue');
    expect(q.speaker?.text).toContain('Washington Post');
    expect(q.evidence.method).toBe('speech-verb:passive-agent');
  });

  it('still reads "It was reported by Reuters that …" forward, and leaves "was joined by" alone', () => {
    expect(quoteWith(quotesOf('It was reported by Reuters that the talks had failed.'), 'the talks had failed')!.speaker?.text).toBe('Reuters');
    expect(quotesOf('He was joined by his wife.')).toEqual([]);
  });
});

describe('a quoted show title between the verb and "that" (PolNeAR dev construction)', () => {
  it('reads "Sanders told MSNBC\'s “Morning Joe” that …" forward, past the title', () => {
    const q = quoteWith(quotesOf('Heading into the first debate in 10 days, Sanders told MSNBC\'s "Morning Joe" that nobody would question her intelligence or knowledge of the issues.'), 'nobody would question')!;
    expect(q.content.text).toBe('nobody would question her intelligence or knowledge of the issues');
    expect(q.speaker?.text).toBe('Sanders');
  });
});

describe('"according to" in the middle of a sentence and with an outlet as the source (PolNeAR train constructions)', () => {
  it('takes both sides of a parenthetical "…, according to X, …" as the content', () => {
    const q = quoteWith(quotesOf('Since last November, according to Human Rights Watch, state security forces have killed more than 400 protesters in the Oromia region.'), 'state security forces')!;
    expect(q.parts.map((p) => p.text)).toEqual(['Since last November', 'state security forces have killed more than 400 protesters in the Oromia region']);
    expect(q.speaker?.text).toBe('Human Rights Watch');
  });

  it('leaves a subordinate lead out ("While …, according to X, …")', () => {
    const q = quoteWith(quotesOf('While most of those were elevated to the “confidential” level, according to a State Department official, two in the most recent batch were upgraded to the “Secret” level.'), 'two in the most recent batch')!;
    expect(q.parts.map((p) => p.text)).toEqual(['two in the most recent batch were upgraded to the “Secret” level']);
  });

  it('makes the outlet the source when nobody else speaks in the sentence, and keeps it a relay when somebody does', () => {
    const own = quoteWith(quotesOf('Clinton led by about 1,500 votes out of nearly 620,000 cast in unofficial returns, according to the Associated Press.'), 'Clinton led by about')!;
    expect(own.speaker?.text).toContain('Associated Press');
    const relayed = quotesOf('“American forces are conducting extensive airborne transfers of Daesh terrorists from Syria to Iraq,” Mohammed Mahdi al-Bayati told al-Maalomah news agency on Sunday, according to Press TV.');
    expect(relayed.filter((q) => q.evidence.method === 'according-to')).toEqual([]);
  });
});

describe('a short subject before a parenthetical attribution (PolNeAR train construction)', () => {
  it('reads "This campaign, he says, is different." with both sides as the content, and leaves an adverb lead out', () => {
    expect(quoteWith(quotesOf('This campaign, he says, is different.'), 'is different')!.parts.map((p) => p.text)).toEqual(['This campaign', 'is different']);
    expect(quoteWith(quotesOf('Still, he said, officials have to decide soon.'), 'officials have to decide')!.parts.map((p) => p.text)).toEqual(['officials have to decide soon']);
  });
});
