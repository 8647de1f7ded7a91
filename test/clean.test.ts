// Cleaning: every shipped boilerplate rule id removes a line it is meant for and keeps an
// article sentence that looks like it; paragraphs, entities and the title repeat.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cleanDoc } from '../src/clean/index.ts';
import { loadRules } from '../src/clean/boilerplate.ts';
import type { RawDoc } from '../src/model.ts';

const rules = loadRules();
const doc = (text: string, title = 'A title'): RawDoc => ({ id: 't', source: { path: 't.txt', format: 'txt', line: null }, title, text });
const removedBy = (line: string) => cleanDoc(doc(`Article text comes first and is long enough to stay.\n\n${line}`), rules).removed.find((r) => r.text === line)?.rule ?? null;

/** For each rule id: lines it must remove, and article lines near it that must stay. */
const CASES: Record<string, { removes: string[]; keeps: string[] }> = {
  'comment-form': {
    removes: ['Your Comment', 'Leave a Reply', 'Be the first to comment', 'Your email address will not be published. Required fields are marked *', 'Keine Kommentare', 'Schreibe einen Kommentar'],
    keeps: ['Comments by the minister drew criticism from the opposition on Monday.'],
  },
  'spam-filter': { removes: ['This site uses Akismet to reduce spam. Learn how your comment data is processed.', 'Diese Website verwendet Akismet, um Spam zu reduzieren.'], keeps: ['The site uses filters to reduce spam, the company said.'] },
  badge: { removes: ['Fact checked', 'Exclusive'], keeps: ['The claim was fact checked by three newsrooms.'] },
  advertisement: { removes: ['Anzeige', '- Advertisement -', 'Für Links auf dieser Seite erhält CHIP ggf. eine Provision vom Händler.'], keeps: ['The advertisement ran for three weeks before it was pulled.'] },
  'reporter-code': { removes: ["Reporter's code: 50101"], keeps: ['The reporter said the code of conduct was ignored.'] },
  'news-code': { removes: ['News Code: 84512'], keeps: ['News of the code change spread quickly.'] },
  'share-prompt': { removes: ['Share this article', 'Facebook | Twitter | Email', 'Diesen Artikel teilen', 'Partager'], keeps: ['Share prices fell sharply on Monday after the announcement.'] },
  'feedback-prompt': { removes: ['War der Artikel nützlich?', '(Noch keine Bewertungen)', 'Was this article helpful?'], keeps: ['Was the ceasefire helpful? Residents were divided.'] },
  'ui-label': { removes: ['Lade weitere Inhalte ...', 'Bild anzeigen Bild schließen', 'Rezept drucken Bei Pinterest speichern'], keeps: ['Load more trucks, the manager shouted at the depot.'] },
  'embed-consent': { removes: ['Externer Inhalt', 'Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.'], keeps: ['External content providers were blamed for the outage.'] },
  'support-prompt': { removes: ['If you enjoyed reading this post – would you consider supporting our work? Just click here.'], keeps: ['Supporters of the bill gathered outside parliament.'] },
  'newsletter-prompt': { removes: ['Sign up for our daily newsletter', 'Subscribe to our Telegram channel', 'Abonniere unseren Newsletter und verpasse nichts.'], keeps: ['The newsletter was first published in 1998 by a group of teachers.'] },
  'read-more': { removes: ['Read more', 'Das könnte Sie auch interessieren', 'À lire aussi : la réforme des retraites', 'Lea también: Impiden ingreso a Nicaragua a reportero'], keeps: ['Read more carefully, the report says, and the pattern is clear.'] },
  'photo-credit': { removes: ['Foto: GdP/Hagen Immel', 'Photograph by Guy Smallman', 'Striking members of the union at University College last year. Photograph: Guy Smallman/Getty Images'], keeps: ['A photo of the meeting was shared by the ministry on Sunday.'] },
  byline: { removes: ['By Jane Doe', 'Von: Max Mustermann', 'von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr'], keeps: ['By Monday the fighting had stopped.'] },
  timestamp: { removes: ['Updated: 12 March 2024', '19:49', '4 min read'], keeps: ['The ceasefire was updated twice before it collapsed.'] },
  'post-meta': { removes: ['This entry was posted in Allgemein. Bookmark the permalink.', 'Tags: Iraq, Syria, ISIS'], keeps: ['Posted guards were seen at the gate on Tuesday.'] },
  'server-error': { removes: ['Warning: mysql_get_server_info(): Access denied for user in /www/htdocs/plugin.php on line 299'], keeps: ['The warning came two days before the strike, officials said.'] },
  copyright: { removes: ['© 2024 Eastport Gazette. All rights reserved.', 'Alle Rechte vorbehalten.'], keeps: ['Copyright lawyers said the case could take years.'] },
  'letters-prompt': { removes: ['Submit your letter to the editor via this form. Read more Letters to the Editor.'], keeps: ['She wrote a letter to the editor in 1998 that started the campaign.'] },
  paywall: { removes: ['To view the full story, please subscribe to The Eastport Gazette.', 'Pour lire la suite'], keeps: ['To read the full report, investigators travelled to the port twice.'] },
  label: { removes: ['Kontakt:', 'Inhaltsverzeichnis', 'About the author'], keeps: ['Kontakt zu den Behörden hatte die Familie seit März nicht mehr.'] },
  license: { removes: ['Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE. Die Fotos dürfen nicht verwendet werden.'], keeps: ['The photos were licensed to three agencies for a year.'] },
  disclaimer: { removes: ['Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.', '(Alle Angaben ohne Gewähr)'], keeps: ['Der Beitrag gibt einen Überblick über die Lage am Hafen.'] },
};

describe('boilerplate rules', () => {
  it('every shipped rule id has cases here', () => {
    const shipped = JSON.parse(readFileSync(new URL('../data/rules/boilerplate.json', import.meta.url), 'utf8')) as { rules: { id: string }[] };
    expect(new Set(shipped.rules.map((r) => r.id))).toEqual(new Set(Object.keys(CASES)));
  });
  for (const [id, { removes, keeps }] of Object.entries(CASES)) {
    it(`${id}: removes its lines with that rule id, keeps article sentences`, () => {
      for (const line of removes) expect([line, removedBy(line)]).toEqual([line, id]);
      for (const line of keeps) expect([line, removedBy(line)]).toEqual([line, null]);
    });
  }
  it('long paragraphs are article text whatever they contain', () => {
    const long = `Share this article: ${'the minister said the port would reopen within weeks, '.repeat(8)}`;
    expect(removedBy(long)).toBeNull();
  });
});

describe('cleaning', () => {
  it('keeps paragraphs, decodes entities, drops a first line that repeats the title', () => {
    const c = cleanDoc(
      { ...doc('', 'Harbour reopens'), text: undefined, html: '<h1>Harbour reopens</h1><p>&ldquo;Open,&rdquo; she said &#8212; at last.</p><p>Boats&nbsp;left.</p>' },
      rules,
    );
    expect(c.text).toBe('“Open,” she said — at last.\n\nBoats left.');
    expect(c.removed).toEqual([{ text: 'Harbour reopens', rule: 'title-repeat', reason: 'repeats the title' }]);
  });
  it('joins hard-wrapped wire copy into paragraphs and keeps indented paragraph starts', () => {
    const c = cleanDoc(doc('Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought.\n    The dry period means the temporao will be late.\n'), rules);
    expect(c.text).toBe('Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought.\n\nThe dry period means the temporao will be late.');
  });
});
