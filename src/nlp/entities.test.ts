// Entities and aliases on real sentences from the sample articles.

import { describe, expect, it } from 'vitest';
import { entitiesOf } from './test-helpers.ts';
import { normaliseAlias } from './alias-norm.ts';
import { aliasTableFor } from './aliases.ts';

const idOf = (ms: ReturnType<typeof entitiesOf>, text: string) => ms.find((m) => m.text === text)?.entity;

describe('alias normal form', () => {
  it('meets transliteration variants and keeps different names apart', () => {
    expect(normaliseAlias("Hashd al-Sha'abi")).toBe(normaliseAlias('Hashd al-Shaabi'));
    expect(normaliseAlias('Hashd al-Shabi')).toBe(normaliseAlias('Hashd al-Shaabi'));
    expect(normaliseAlias('al-Ma’aloumeh')).toBe(normaliseAlias('Al Maaloumeh'));
    expect(normaliseAlias('Sadiq al-Hosseini')).not.toBe(normaliseAlias('Jafar al-Hosseini'));
    expect(normaliseAlias('al-Anbar')).not.toBe(normaliseAlias('al-Anbari'));
  });
});

describe('entities', () => {
  it('resolves every alias family to one entity', () => {
    const ms = entitiesOf(
      'US forces have transferred the Islamic State (IS) terrorists out of Syria. Daesh and ISIL are the same group as ISIS. ' +
        'Hashd al-Sha’abi or Popular Mobilization Forces (PMF), also known as Hashd al-Shabi or the Popular Mobilization Units (PMU), told FNA and Fars News Agency, and al-Ma’aloumeh and al-Maalomah.',
    );
    for (const [name, id] of [
      ['Islamic State', 'isis'], ['IS', 'isis'], ['Daesh', 'isis'], ['ISIL', 'isis'], ['ISIS', 'isis'],
      ['Hashd al-Sha’abi', 'pmf'], ['Popular Mobilization Forces', 'pmf'], ['PMF', 'pmf'], ['Hashd al-Shabi', 'pmf'], ['Popular Mobilization Units', 'pmf'], ['PMU', 'pmf'],
      ['FNA', 'fars'], ['Fars News Agency', 'fars'], ['al-Ma’aloumeh', 'al-maaloumeh'], ['al-Maalomah', 'al-maaloumeh'], ['US forces', 'us-military'],
    ])
      expect(idOf(ms, name), name).toBe(id);
  });

  it('matches short capitals only as written: "IS" the group, never "is" the verb', () => {
    const ms = entitiesOf('The US is smuggling IS terrorists, and this is what US officials say.');
    expect(ms.filter((m) => m.entity === 'isis').map((m) => m.text)).toEqual(['IS']);
  });

  it('keeps Sadiq al-Hosseini and Jafar al-Hosseini two people, and al-Anbar the place apart from Qusai al-Anbari', () => {
    const a = entitiesOf('At the same time, PMF official Sadiq al-Hosseini reported on the elimination of a senior IS commander.');
    const b = entitiesOf('Spokesman of Iraq’s Kata’ib Hezbollah (Hezbollah Battalions) popular forces Jafar al-Hosseini said so. “No,” Al-Hosseini told FNA.');
    expect(idOf(a, 'Sadiq al-Hosseini')).toBe('sadiq-al-hosseini');
    expect(idOf(b, 'Jafar al-Hosseini')).toBe('jafar-al-hosseini');
    expect(idOf(b, 'Al-Hosseini')).toBe('jafar-al-hosseini');
    const c = entitiesOf('“Quiet,” Head of Badr Organization’s Office in al-Anbar Qusai al-Anbari told the Arabic-language al-Ma’aloumeh news website on Sunday.');
    expect(idOf(c, 'al-Anbar')).toBe('anbar');
    expect(idOf(c, 'Qusai al-Anbari')).toBe('qusai-al-anbari');
    expect(idOf(c, 'Badr Organization')).toBe('badr-organization');
  });

  it('links a surname (and a name tail) to the full name given earlier', () => {
    const ms = entitiesOf('Mohammed Mahdi al-Bayati spoke. Later Bayati said more, and Al-Bayati left. Member of the politburo Hassan Abdel Hadi said so, and Abdel Hadi added more.');
    expect(new Set(ms.filter((m) => /Bayati/.test(m.text)).map((m) => m.entity))).toEqual(new Set(['mohammed-mahdi-al-bayati']));
    expect(idOf(ms, 'Abdel Hadi')).toBe('hassan-abdel-hadi');
  });

  it('does not take a company name, a country or a common word for a surname (Reuters)', () => {
    const a = entitiesOf('State-owned Air Canada said it will make a statement. The sale of Gelco Express, Canada’s second largest courier service, is part of the parent company’s strategy.');
    expect(a.find((m) => m.text === 'Canada')?.entity).toBe('canada');
    const b = entitiesOf('<Bryson Oil and Gas Plc> said it paid a cash consideration for about 8.6 pct of <Cenergy Corp>, a U.S. Oil and gas exploration and production company.');
    expect(b.find((m) => m.text.startsWith('Bryson'))?.type).toBe('org');
    expect(b.filter((m) => m.method === 'surname')).toEqual([]);
    // A person's surname that the article also writes in lower case is a common word there.
    const c = entitiesOf('Robert Stone, an analyst, said output would fall. Stone quarries and stone prices were steady, he said.');
    expect(c.filter((m) => m.text === 'Stone' && m.method === 'surname')).toEqual([]);
    const d = entitiesOf('Robert Stone, an analyst, said output would fall. Stone added that prices were steady.');
    expect(d.find((m) => m.text === 'Stone' && m.start > 20)?.entity).toBe('robert-stone');
  });

  it('types unknown names by their last word and leaves titles out of a person’s name', () => {
    const ms = entitiesOf('Hamid al-Hayes, the chairman of Anbar Salvation Council, met Prime Minister-designate Mustafa al-Kadhimi and US Ambassador Matthew Tueller.');
    expect(ms.find((m) => m.text === 'Anbar Salvation Council')?.type).toBe('org');
    expect(idOf(ms, 'Mustafa al-Kadhimi')).toBe('mustafa-al-kadhimi');
    expect(ms.find((m) => m.text === 'Matthew Tueller')?.type).toBe('person');
  });

  it('takes user alias files and outlets into the same table', () => {
    const t = aliasTableFor(new Map([['extra:aliases', [new URL('../../examples/aliases.json', import.meta.url).pathname]]]));
    expect(t.resolve('Ansar al-Rayah')[0]?.id).toBe('ansar-al-raya');
    expect(t.resolve('Press TV')[0]?.type).toBe('outlet');
    expect(() => aliasTableFor(new Map([['extra:aliases', ['/nonexistent/aliases.json']]]))).toThrow(/nonexistent\/aliases.json/);
  });
});
