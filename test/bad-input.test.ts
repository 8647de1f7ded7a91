// Bad input, one kind per test: each is reported naming the file (and line), the rest of the
// batch is ingested, the run counts a failure (the CLI exits non-zero), and what was already
// stored is unchanged.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, GOOD_TXT, sandbox, type Sandbox } from './ingest-helpers.ts';

let sb: Sandbox;
let before: unknown;
const STORED = 'stored-before';

beforeEach(async () => {
  sb = sandbox();
  // Something already in the store that no bad input may touch.
  await sb.ingest([sb.file(`${STORED}.txt`, 'Stored earlier\n\nThis article was stored before the bad batch arrived.\n')]);
  const store = await sb.open();
  before = await store.articles.get(STORED);
  await store.close();
});
afterEach(() => sb.cleanup());

/** Ingests the bad path next to a good file; checks the good one went in and nothing stored changed. */
async function batchWith(bad: string[], opts = {}) {
  const good = sb.file('good.txt', GOOD_TXT);
  const s = await sb.ingest([...bad, good], opts);
  const store = await sb.open();
  expect(await store.articles.get('good')).not.toBeNull();
  expect(await store.articles.get(STORED)).toEqual(before);
  await store.close();
  return s;
}

const errors = (s: { problems: { level: string }[] }) => s.problems.filter((p) => p.level === 'error');
const warnings = (s: { problems: { level: string }[] }) => s.problems.filter((p) => p.level === 'warning');

describe('bad input', () => {
  it('a path that does not exist', async () => {
    const missing = join(sb.dir, 'no-such-dir/nothing.txt');
    const s = await batchWith([missing]);
    expect(s.failed).toBe(1);
    expect(errors(s)[0]).toMatchObject({ path: missing, message: expect.stringMatching(/no such file/) });
  });

  it('an empty file', async () => {
    const empty = sb.file('empty.txt', '  \n\n');
    const s = await batchWith([empty]);
    expect(errors(s)).toEqual([expect.objectContaining({ path: empty, message: expect.stringMatching(/empty/) })]);
  });

  it('a binary file', async () => {
    const bin = sb.file('photo.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
    const s = await batchWith([bin]);
    expect(errors(s)).toEqual([expect.objectContaining({ path: bin, message: expect.stringMatching(/binary/) })]);
  });

  it('a malformed JSON line names the file and the line; the other lines go in', async () => {
    const jsonl = sb.file(
      'records.jsonl',
      [
        JSON.stringify({ id: 'rec-1', title: 'One', text: 'The first record is fine and has a body.' }),
        '{"id": "rec-2", "title": "Two", "text": "cut off',
        JSON.stringify({ id: 'rec-3', title: 'Three', text: 'The third record is fine too.' }),
      ].join('\n'),
    );
    const s = await batchWith([jsonl]);
    expect(errors(s)).toEqual([expect.objectContaining({ path: jsonl, line: 2, message: expect.stringMatching(/malformed JSON/) })]);
    const store = await sb.open();
    expect(await store.articles.get('rec-1')).not.toBeNull();
    expect(await store.articles.get('rec-3')).not.toBeNull();
    await store.close();
  });

  it('a JSON record without text or html', async () => {
    const jsonl = sb.file('records.jsonl', [JSON.stringify({ id: 'no-body', title: 'Only a title' }), JSON.stringify({ id: 'ok', text: 'A body.' })].join('\n'));
    const s = await batchWith([jsonl]);
    expect(errors(s)).toEqual([expect.objectContaining({ path: jsonl, line: 1, message: expect.stringMatching(/neither "text" nor "html"/) })]);
  });

  it('a page with no article says so and falls back to what text the page has', async () => {
    const page = sb.file(
      'index.html',
      '<html><head><title>Eastport Gazette</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>' +
        '<div class="teaser">Welcome to the Eastport Gazette.</div><div>Our office is open from nine to five on weekdays.</div></body></html>',
    );
    const s = await batchWith([page]);
    expect(warnings(s)).toContainEqual(expect.objectContaining({ path: page, message: expect.stringMatching(/no main article/) }));
    const store = await sb.open();
    const a = await store.articles.get('index');
    await store.close();
    expect(a?.text).toContain('Our office is open from nine to five');
    expect(a?.text).not.toContain('Home');
  });

  it('text that is not UTF-8 is read as Latin-1 with a warning', async () => {
    const latin1 = sb.file('latin1.txt', Buffer.from('Caf\xe9 closes\n\nThe caf\xe9 on the quay closed after forty years, its owner said.\n', 'latin1'));
    const s = await batchWith([latin1]);
    expect(s.failed).toBe(0);
    expect(warnings(s)).toContainEqual(expect.objectContaining({ path: latin1, message: expect.stringMatching(/not valid UTF-8.*Latin-1/) }));
    const store = await sb.open();
    const a = await store.articles.get('latin1');
    await store.close();
    expect(a?.title).toBe('Café closes');
    expect(a?.text).toContain('The café on the quay');
  });

  it('a malformed feed', async () => {
    const feed = sb.file('feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>Eastport Gazette</title><item><title>Cut off</title><description>Half an item');
    const s = await batchWith([feed]);
    expect(errors(s)).toEqual([expect.objectContaining({ path: feed, message: expect.stringMatching(/malformed XML/) })]);
  });

  it('a date later than the time of ingest is refused with a warning; the article is kept undated', async () => {
    const jsonl = sb.file('future.jsonl', JSON.stringify({ id: 'future', title: 'From the future', published: '2999-01-01', text: 'A record that claims a date far ahead.' }));
    const s = await batchWith([jsonl]);
    expect(s.failed).toBe(0);
    expect(warnings(s)).toContainEqual(expect.objectContaining({ path: jsonl, line: 1, message: expect.stringMatching(/refused the date 2999-01-01/) }));
    const store = await sb.open();
    expect((await store.articles.get('future'))?.published).toBeNull();
    await store.close();
  });
});

describe('bad input through the CLI', () => {
  it('exits non-zero when anything failed, names file and line, and ingests the rest', () => {
    const jsonl = sb.file('records.jsonl', `${JSON.stringify({ id: 'cli-ok', text: 'Fine.' })}\n{not json}\n`);
    const good = sb.file('good.txt', GOOD_TXT);
    const r = cli(['--db', sb.db, 'ingest', '--no-corpus', join(sb.dir, 'missing.txt'), jsonl, good]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.txt: no such file/);
    expect(r.stderr).toContain(`${jsonl}:2: malformed JSON`);
    expect(r.stdout).toMatch(/ingested 2 .*failed 2/);
  });

  it('a database file that is not an SQLite database: clear error, file untouched', () => {
    const notDb = sb.file('notes.db', 'These are my notes, not a database.\n');
    const good = sb.file('good.txt', GOOD_TXT);
    const r = cli(['--db', notDb, 'ingest', good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(notDb);
    expect(r.stderr).toMatch(/not an echotrace database|not a valid database/);
    expect(readFileSync(notDb, 'utf8')).toBe('These are my notes, not a database.\n');
  });
});
