// The demo corpus (examples/) run end to end through the CLI, checked against its key
// (examples/README.md). The basics (ingest, outlets, dates, cleaning, formats) are checked now; the
// phenomena of later capabilities (quotes, entities, dates, reuse, provenance, stories, narratives,
// stance, known debunks) are checked once the capability exists, i.e. once the export carries any
// result of that kind for any article; until then those tests are skipped, not passed.

import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkExport } from '../src/export/schema.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const CORPUS = join(ROOT, 'examples/corpus');
const cli = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/echotrace.js'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
const cliAsync = async (...args: string[]) => (await promisify(execFile)(process.execPath, [join(ROOT, 'bin/echotrace.js'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })).stdout;
const HAS_TRACE = existsSync(join(ROOT, 'src/cli/commands/trace.ts'));

// ---- The key (examples/README.md), as data --------------------------------------------------

type Stance = 'promotes' | 'reports' | 'debunks' | null;
interface Expect {
  outlet: string; // outlet id in examples/outlets.json
  by: string; // the evidence method that must be among the outlet's evidence
  date: string | null; // null: the article is undated
  format: string;
  narrative: 'A' | 'B' | null;
  stance: Stance;
}
const A = 'A', B = 'B';
const KEY: Record<string, Expect> = {
  'mirsad-2023-08-23-nouri': { outlet: 'al-mirsad', by: 'record', date: '2023-08-23', format: 'jsonl', narrative: A, stance: 'promotes' },
  'nva-qarim-relocation': { outlet: 'nva', by: 'dateline', date: null, format: 'txt', narrative: A, stance: 'promotes' },
  'valor-2023-11-08-obaidi-commanders': { outlet: 'valor', by: 'credit-line', date: '2023-11-08', format: 'jsonl', narrative: A, stance: 'promotes' },
  'valor-obaidi-training-camps': { outlet: 'valor', by: 'credit-line', date: null, format: 'txt', narrative: A, stance: 'promotes' },
  'meridian-2024-03-11-kharrat': { outlet: 'meridian-tv', by: 'meta:og:site_name', date: '2024-03-11', format: 'html', narrative: A, stance: 'promotes' },
  'nva-2024-03-12-kharrat': { outlet: 'nva', by: 'dateline', date: '2024-03-12', format: 'jsonl', narrative: A, stance: 'promotes' },
  'valor-2024-03-12-kharrat': { outlet: 'valor', by: 'credit-line', date: '2024-03-12', format: 'jsonl', narrative: A, stance: 'promotes' },
  'mirsad-2024-03-14-kharrat': { outlet: 'al-mirsad', by: 'meta:og:site_name', date: '2024-03-14', format: 'html', narrative: A, stance: 'promotes' },
  'cpw-2024-03-15-militia-claim': { outlet: 'cpw', by: 'dateline', date: '2024-03-15', format: 'html', narrative: A, stance: 'reports' },
  'veridesk-2024-04-03-helicopter-claim': { outlet: 'veridesk', by: 'meta:og:site_name', date: '2024-04-03', format: 'html', narrative: A, stance: 'debunks' },
  'nva-2024-05-22-landing-strip': { outlet: 'nva', by: 'dateline', date: '2024-05-22', format: 'jsonl', narrative: A, stance: 'promotes' },
  'meridian-2024-10-02-mp-warning': { outlet: 'meridian-tv', by: 'meta:og:site_name', date: '2024-10-02', format: 'html', narrative: A, stance: 'promotes' },
  'nva-2025-02-12-tell-hamra': { outlet: 'nva', by: 'dateline', date: '2025-02-12', format: 'jsonl', narrative: A, stance: 'promotes' },
  'valor-2025-03-05-helicopters-again': { outlet: 'valor', by: 'credit-line', date: '2025-03-05', format: 'atom', narrative: A, stance: 'promotes' },
  'valor-senna-laboratories': { outlet: 'valor', by: 'credit-line', date: null, format: 'txt', narrative: B, stance: 'promotes' },
  'nva-2024-07-03-senna-labs': { outlet: 'nva', by: 'dateline', date: '2024-07-03', format: 'jsonl', narrative: B, stance: 'promotes' },
  'valor-2025-06-18-senna-fishermen': { outlet: 'valor', by: 'credit-line', date: '2025-06-18', format: 'atom', narrative: B, stance: 'promotes' },
  'veridesk-2025-07-02-senna-institute': { outlet: 'veridesk', by: 'record', date: '2025-07-02', format: 'jsonl', narrative: B, stance: 'debunks' },
  'ledger-2024-03-20-hadra-floods': { outlet: 'tarvenia-ledger', by: 'record', date: '2024-03-20', format: 'rss', narrative: null, stance: null },
  'nva-sarn-bridge': { outlet: 'nva', by: 'dateline', date: null, format: 'txt', narrative: null, stance: null },
  'ledger-2024-04-17-deployment-vote': { outlet: 'tarvenia-ledger', by: 'meta:jsonld:publisher', date: '2024-04-17', format: 'html', narrative: null, stance: null },
  'ledger-2024-12-11-hadra-wheat': { outlet: 'tarvenia-ledger', by: 'record', date: '2024-12-11', format: 'rss', narrative: null, stance: null },
  'cpw-2024-09-18-kestrel-market-bomb': { outlet: 'cpw', by: 'dateline', date: '2024-09-18', format: 'jsonl', narrative: null, stance: null },
  'ledger-2024-09-18-bab-al-sur-bomb': { outlet: 'tarvenia-ledger', by: 'record', date: '2024-09-18', format: 'rss', narrative: null, stance: null },
  'ledger-2025-01-15-dunmere-bomb': { outlet: 'tarvenia-ledger', by: 'meta:og:site_name', date: '2025-01-15', format: 'html', narrative: null, stance: null },
  'cpw-2025-04-09-aar-commander-killed': { outlet: 'cpw', by: 'record', date: '2025-04-09', format: 'jsonl', narrative: null, stance: null },
};
const IDS = Object.keys(KEY);
const inNarrative = (n: 'A' | 'B') => IDS.filter((id) => KEY[id].narrative === n);
const NEUTRAL = IDS.filter((id) => KEY[id].narrative === null);

/** The copy chain of the shepherds quote, earliest first (README "The copy chain"). */
const SHEPHERDS = 'Halvardian aircraft set down Jarad fighters beside the dry riverbed of Wadi al-Qarim';
const CHAIN = ['meridian-2024-03-11-kharrat', 'nva-2024-03-12-kharrat', 'valor-2024-03-12-kharrat', 'mirsad-2024-03-14-kharrat'];

// ---- Running the demo -----------------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
let doc: Json;
let byId: Map<string, Json>;
let firstRun = '';
let secondRun = '';
let showOut = '';
let searchOut = '';
let traceOut = '';
const art = (id: string) => {
  const a = byId.get(id);
  if (!a) throw new Error(`article ${id} is not in the export`);
  return a;
};
/** Expectations of the key that the current stages miss and that are not (yet) a hard bar: they
 *  are listed after the run, so the gap stays visible without turning main red. Each use says why
 *  it is soft. */
const shortfalls: string[] = [];
const shortfall = (ok: boolean, what: string) => {
  if (!ok) shortfalls.push(what);
};
/** Skip the test when no article carries a result of this kind yet (the capability has not landed). */
const needs = (ctx: TestContext, what: string, has: boolean) => {
  if (!has) ctx.skip(`no ${what} yet`);
};
const norm = (s: string) => s.toLowerCase().replace(/[‘’'`]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ');
/** Names compared as written, apart from quote-mark style and a trailing 'ayn apostrophe (al-Difa'). */
const name = (s: string) => norm(s).replace(/'$/, '');

describe('demo corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-demo-'));
  const db = join(dir, 'demo.db');
  afterAll(() => {
    if (shortfalls.length) console.warn(`demo corpus: ${shortfalls.length} expectations of the key not met yet:\n  ${shortfalls.join('\n  ')}`);
  });
  beforeAll(async () => {
    firstRun = cli('--db', db, 'demo');
    secondRun = cli('--db', db, 'demo');
    // The read-only commands run side by side: each CLI start costs more than its work.
    const [exported, shown, searched, traced] = await Promise.all([
      cliAsync('--db', db, 'export', '--format', 'json'),
      cliAsync('--db', db, 'show', 'nva-qarim-relocation'),
      cliAsync('--db', db, '--json', 'search', 'shepherds people midnight'),
      HAS_TRACE ? cliAsync('--db', db, 'trace', 'Four shepherds from Umm Tarfa have told our people') : Promise.resolve(''),
    ]);
    doc = JSON.parse(exported);
    showOut = shown;
    searchOut = searched;
    traceOut = traced;
    byId = new Map(doc.articles.map((a: Json) => [a.id, a]));
  }, 300_000); // six CLI starts; generous because the machine may be shared

  // ---- basics ---------------------------------------------------------------------------

  it('ingests every article of the key and nothing fails; a second run changes nothing', () => {
    expect(firstRun).toMatch(new RegExp(`ingested ${IDS.length}, unchanged 0, failed 0`));
    expect(secondRun).toMatch(new RegExp(`ingested 0, unchanged ${IDS.length}, failed 0`));
    expect(doc.articles.map((a: Json) => a.id).sort()).toEqual([...IDS].sort());
    expect(checkExport(doc)).toEqual([]);
  });

  it('the key in examples/README.md lists every article and every corpus file', () => {
    const readme = readFileSync(join(ROOT, 'examples/README.md'), 'utf8');
    for (const id of IDS) expect(readme, id).toContain(`| ${id} |`);
    for (const f of readdirSync(CORPUS)) expect(readme, f).toContain(f.replace(/\.(txt|html)$/, ''));
  });

  it('reads every format: txt, saved html, jsonl records, RSS and Atom feeds', () => {
    for (const id of IDS) expect(art(id).source.format, id).toBe(KEY[id].format);
    expect(IDS.filter((id) => KEY[id].format === 'rss')).toHaveLength(3);
    expect(IDS.filter((id) => KEY[id].format === 'atom')).toHaveLength(2);
    expect(art('ledger-2024-09-18-bab-al-sur-bomb').title).toBe("Car bomb in Kestrel's Bab al-Sur market kills six");
    expect(art('valor-2025-06-18-senna-fishermen').url).toBe('https://en.valornews.example/news/2025/06/18/port-senna-fishermen-laboratory');
    // The saved pages give their article only: no navigation, related links, footers or forms.
    for (const id of IDS.filter((i) => KEY[i].format === 'html')) {
      const t = art(id).text;
      expect(t.length, id).toBeGreaterThan(600);
      expect(t, id).not.toMatch(/Watch Live|Most read|All rights reserved|Post Comment|How we check|Related\n|Privacy/);
    }
    expect(art('veridesk-2024-04-03-helicopter-claim').title).toBe('False: Halvard is not ferrying Ansar al-Raya fighters into Tarvenia');
  });

  it('resolves every outlet to the demo table, with the evidence the key names', () => {
    for (const id of IDS) {
      const o = art(id).outlet;
      expect(o, id).not.toBeNull();
      expect(o.entity, id).toBe(KEY[id].outlet);
      expect(o.evidence.map((e: Json) => e.method), id).toContain(KEY[id].by);
    }
    // The record says "CPW": the acronym resolves to the full name.
    expect(art('cpw-2025-04-09-aar-commander-killed').outlet.name).toBe('Continental Press Wire');
    // A dateline's evidence points at the dateline in the text.
    const d = art('nva-qarim-relocation').outlet.evidence.find((e: Json) => e.method === 'dateline');
    expect(art('nva-qarim-relocation').text.slice(d.start, d.end)).toBe('KESTREL (NVA)-');
    expect(doc.outlets.map((o: Json) => o.id).sort()).toEqual(['al-mirsad', 'cpw', 'meridian-tv', 'nva', 'tarvenia-ledger', 'valor', 'veridesk']);
  });

  it('dates every dated article from its record, feed or page metadata; the .txt files stay undated', () => {
    for (const id of IDS) {
      const p = art(id).published;
      if (KEY[id].date === null) expect(p, id).toBeNull();
      else {
        expect(p?.date, id).toBe(KEY[id].date);
        expect(p.evidence.length, id).toBeGreaterThan(0);
      }
    }
  });

  it('removes comment forms, codes, badges and share prompts, and lists what it removed and why', () => {
    const furniture = /^(your comment|leave a reply|be the first to comment|captcha|you are replying to|news code|reporter's code|fact checked|share (this|on)|this site uses akismet|your email address will not be published)/im;
    for (const a of doc.articles) expect(a.text, a.id).not.toMatch(furniture);
    const removed = (id: string) => art(id).removed.map((r: Json) => r.rule);
    expect(removed('nva-qarim-relocation')).toEqual(expect.arrayContaining(['news-code', 'comment-form']));
    expect(removed('valor-senna-laboratories')).toEqual(expect.arrayContaining(['comment-form', 'spam-filter']));
    expect(removed('valor-obaidi-training-camps')).toEqual(expect.arrayContaining(['share-prompt', 'reporter-code']));
    expect(removed('veridesk-2024-04-03-helicopter-claim')).toEqual(expect.arrayContaining(['badge']));
    expect(removed('valor-2025-06-18-senna-fishermen')).toEqual(expect.arrayContaining(['comment-form']));
    for (const r of art('mirsad-2023-08-23-nouri').removed) expect(r.reason).toBeTruthy();
    // The article text around the removed lines survives.
    expect(art('nva-qarim-relocation').text).toMatch(/had twice been refused\.$/);
  });

  it('`show` gives an article with its outlet evidence and the lines removed from it, with the reason', () => {
    const out = showOut;
    expect(out).toMatch(/National Vanguard Agency.*dateline.*KESTREL \(NVA\)-/);
    expect(out).toMatch(/comment form.*captcha/);
    expect(out).toMatch(/news code.*News Code 40917/);
    // In the text shown, the last paragraph is the article's own, not the form.
    const body = out.slice(0, out.indexOf('News Code 40917'));
    expect(body).toContain('had twice been refused');
  });

  it('finds every copy of the shepherds quote by full-text search', () => {
    const hits = JSON.parse(searchOut).map((h: Json) => h.id);
    expect(hits.sort()).toEqual([...CHAIN].sort());
  });

  // ---- quotes, speakers, conduits (issue 3) ------------------------------------------------

  const hasQuotes = () => doc.articles.some((a: Json) => a.quotes.length > 0);
  const quoteWith = (id: string, words: string) => art(id).quotes.find((q: Json) => norm(q.content.text).includes(norm(words)));

  it('relays the shepherds quote with its speaker, told_to and via as each copy states them', (ctx) => {
    needs(ctx, 'quotes', hasQuotes());
    const told = (id: string) => quoteWith(id, SHEPHERDS)?.told_to?.text ?? null;
    const via = (id: string) => (quoteWith(id, SHEPHERDS)?.via ?? []).map((v: Json) => v.text).join(' | ');
    for (const id of CHAIN) {
      const q = quoteWith(id, SHEPHERDS);
      expect(q, `${id}: the shepherds quote`).toBeTruthy();
      expect(q.kind, id).toBe('direct');
      expect(q.speaker?.text ?? '', id).toMatch(/Kharrat/);
    }
    expect(told('meridian-2024-03-11-kharrat')).toMatch(/Meridian TV/);
    expect(told('nva-2024-03-12-kharrat')).toMatch(/Meridian TV/);
    expect(told('valor-2024-03-12-kharrat')).toBeNull();
    expect(via('valor-2024-03-12-kharrat')).toBe('');
    expect(told('mirsad-2024-03-14-kharrat')).toMatch(/al-Mirsad/);
    expect(via('mirsad-2024-03-14-kharrat')).toMatch(/Meridian TV/);
  });

  it('resolves pronoun speakers and roles, and conduits named as "X quoted … as saying", "according to X", "X reports:"', (ctx) => {
    needs(ctx, 'quotes', hasQuotes());
    const added = quoteWith('nva-qarim-relocation', 'We know what was in those trucks');
    expect(added?.speaker?.name ?? added?.speaker?.text).toMatch(/Nouri/);
    const nouri = quoteWith('nva-qarim-relocation', 'our checkpoints were ordered to stand aside');
    expect(nouri?.told_to?.text).toMatch(/al-Mirsad/);
    expect(nouri?.speaker?.role ?? '').toMatch(/Saraya al-Difa' Office/);
    const obaidi = quoteWith('nva-qarim-relocation', 'Whoever controls the Lorsk road');
    expect(obaidi?.speaker?.text).toMatch(/Obaidi/);
    expect(obaidi?.speaker?.role ?? '').toMatch(/security expert/);
    expect(obaidi?.via.map((v: Json) => v.text).join(' ')).toMatch(/al-Mirsad/);
    const saadi = quoteWith('nva-2024-07-03-senna-labs', 'falling ill with fevers');
    expect(saadi?.via.map((v: Json) => v.text).join(' ')).toMatch(/Valor/);
    const elder = quoteWith('nva-2025-02-12-tell-hamra', 'landed twice near Tell Hamra');
    expect(elder?.via.map((v: Json) => v.text).join(' ')).toMatch(/Valor News Agency/);
    const she = art('meridian-2024-10-02-mp-warning').quotes.find((q: Json) => /She added/.test(q.cue?.text ?? '') || norm(q.content.text).includes('ask the defence minister'));
    expect(she?.speaker?.name ?? she?.speaker?.text ?? '').toMatch(/Sa.di/);
  });

  it('finds interrupted quotes, quotes inside quotes and partial quotes', (ctx) => {
    needs(ctx, 'quotes', hasQuotes());
    // "We know what was in those trucks," he said, "because …" — both halves, one speaker.
    const first = quoteWith('mirsad-2023-08-23-nouri', 'We know what was in those trucks');
    const second = quoteWith('mirsad-2023-08-23-nouri', 'were not farmers');
    expect(first && second).toBeTruthy();
    expect(first.speaker?.name ?? first.speaker?.text).toMatch(/Nouri/);
    expect(second.speaker?.name ?? second.speaker?.text).toMatch(/Nouri/);
    // The outer quote around 'I have counted those helicopters…' is one quote by al-Kharrat.
    const outer = quoteWith('meridian-2024-03-11-kharrat', 'and I believe him');
    expect(outer?.content.text).toMatch(/these ones fly without lights/);
    expect(outer?.speaker?.name ?? outer?.speaker?.text).toMatch(/Kharrat/);
  });

  it('finds most short partial quotes inside reported sentences', (ctx) => {
    needs(ctx, 'quotes', hasQuotes());
    // Fragments in quotation marks inside a sentence of reported speech, from the key; a
    // threshold, like the issue's bar for indirect speech, with the misses named.
    const partials: [string, string][] = [
      ['meridian-2024-03-11-kharrat', 'recycled fiction'],
      ['meridian-2024-10-02-mp-warning', 'nonsense'],
      ['meridian-2024-10-02-mp-warning', 'dozens of testimonies'],
      ['ledger-2024-04-17-deployment-vote', 'the best deal available'],
      ['ledger-2024-04-17-deployment-vote', 'respects the decision of the Tarvenian parliament'],
      ['valor-2023-11-08-obaidi-commanders', 'brothers in the border guard'],
      ['valor-obaidi-training-camps', 'closed its eyes, and sometimes opened its gates'],
      ['valor-obaidi-training-camps', 'a shield for terrorists'],
      ['mirsad-2024-03-14-kharrat', 'engines overhead for hours'],
      ['valor-2025-06-18-senna-fishermen', 'part of a network of foreign laboratories'],
    ];
    const missed = partials.filter(([id, words]) => !art(id).quotes.some((q: Json) => q.kind === 'partial' && norm(q.content.text).includes(norm(words))));
    for (const [id, w] of missed) shortfall(false, `partial quote not found: ${id}: "${w}"`);
    // The bar: half of them now (the quote stage finds fragments inside said/told/according-to
    // sentences, not yet after "called", "dismissed … as", "calling", "said in a statement that
    // it"); raise it as the stage improves.
    expect(missed.length, `partial quotes missed: ${missed.map(([id, w]) => `${id}: "${w}"`).join('; ')}`).toBeLessThanOrEqual(partials.length / 2);
  });

  // ---- sourcing (issue 3) ------------------------------------------------------------------

  const hasSourcing = () => doc.articles.some((a: Json) => a.sourcing !== null);
  it('flags anonymous, hearsay and documentary sources and unverified claims', (ctx) => {
    needs(ctx, 'sourcing', hasSourcing());
    // The article's own flags: the marker words the key names must appear among its sourcing
    // spans (the shape of the per-article object is the sourcing stage's; the spans carry text).
    const spanTexts = (id: string) => {
      const texts: string[] = [];
      const walk = (v: Json) => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          if (typeof v.text === 'string' && typeof v.start === 'number') {
            expect(art(id).text.slice(v.start, v.end), `${id}: a sourcing span's text is its slice`).toBe(v.text);
            texts.push(norm(v.text));
          }
          Object.values(v).forEach(walk);
        }
      };
      walk(art(id).sourcing);
      return texts.join(' | ');
    };
    expect(spanTexts('cpw-2024-03-15-militia-claim')).toMatch(/independently verified/);
    expect(spanTexts('cpw-2024-03-15-militia-claim')).toMatch(/condition of anonymity/);
    expect(spanTexts('meridian-2024-03-11-kharrat')).toMatch(/unauthenticated/);
    expect(spanTexts('meridian-2024-03-11-kharrat')).toMatch(/has not commented/);
    expect(spanTexts('nva-2024-05-22-landing-strip')).toMatch(/allegedly/);
    expect(spanTexts('valor-senna-laboratories')).toMatch(/has not responded|could not see/);
    // Per quote (the contract's enum): who stands behind each claim.
    const kinds = (id: string) => art(id).quotes.map((q: Json) => q.sourcing);
    expect(kinds('cpw-2024-03-15-militia-claim')).toEqual(expect.arrayContaining(['anonymous', 'documentary', 'named']));
    expect(quoteWith('meridian-2024-03-11-kharrat', SHEPHERDS)?.sourcing, 'shepherds told officials: hearsay').toBe('hearsay');
    // Soft: the farmer relays what his neighbour's son saw; the stage reads the cue "he said" as a
    // named speaker. Hearsay through a first-person quote is the harder case.
    const farmer = quoteWith('valor-2025-03-05-helicopters-again', "My neighbour's son saw")?.sourcing;
    shortfall(farmer === 'hearsay', `valor-2025-03-05-helicopters-again: "My neighbour's son saw…" is ${farmer}, not hearsay`);
    expect(quoteWith('mirsad-2024-03-14-kharrat', 'engines overhead')?.sourcing).toBe('anonymous');
    // Soft: a sentence that defines a name ("Jarad … is what the group's enemies call Ansar al-Raya")
    // is not something the group said.
    const naming = art('meridian-2024-03-11-kharrat').quotes.filter((q: Json) => q.speaker?.entity === 'ansar-al-raya');
    shortfall(naming.length === 0, `meridian-2024-03-11-kharrat: the naming sentence is read as a quote by Ansar al-Raya: "${naming[0]?.content.text}"`);
    // Soft: "the directorate said in a statement that …" names its source and its document; the
    // key calls it documentary, a stage may fairly call it named.
    shortfall(kinds('ledger-2024-03-20-hadra-floods').includes('documentary'), `ledger-2024-03-20-hadra-floods: "said in a statement" is ${kinds('ledger-2024-03-20-hadra-floods').join('/')}, not documentary`);
  });

  // ---- entities and aliases (issue 3) ------------------------------------------------------

  const hasEntities = () => doc.articles.some((a: Json) => a.entities.length > 0);
  const mentions = (surface: string) =>
    doc.articles.flatMap((a: Json) => a.entities.filter((e: Json) => name(e.text) === name(surface)).map((e: Json) => ({ ...e, article: a.id })));

  it('resolves each alias family of the demo to one entity, without merging different groups', (ctx) => {
    needs(ctx, 'entity spans', hasEntities());
    const families: Record<string, string[]> = {
      'ansar-al-raya': ['Ansar al-Raya', 'Ansar al-Rayah', 'Ansar ar-Raya', "Jama'at Ansar al-Raya", 'AAR', 'Raya Brigades', 'Jarad'],
      'saraya-al-difa': ["Saraya al-Difa'", 'Saraya al-Difaa', 'National Defence Companies', 'NDC'],
      'kataib-al-fajr': ['Dawn Battalions'],
      'yasir-al-kharrat': ['Yasir al-Kharrat', 'Yaser al-Kharrat'],
      'qasim-al-nouri': ['Qasim al-Nouri', 'Qassim al-Nuri'],
      'wadi-al-qarim': ['Wadi al-Qarim', 'Wadi Qarim', 'Wadi el-Qarim'],
      nva: ['National Vanguard Agency', 'NVA'],
    };
    const missing: string[] = [];
    for (const [id, names] of Object.entries(families)) {
      for (const name of names) {
        const m = mentions(name);
        if (!m.length) missing.push(name);
        for (const e of m) expect(e.entity, `${name} in ${e.article}`).toBe(id);
      }
    }
    expect(missing, 'alias mentions not found').toEqual([]);
    expect(mentions("Kata'ib al-Fajr").concat(mentions('Kata’ib al-Fajr')).every((e: Json) => e.entity === 'kataib-al-fajr')).toBe(true);
    // Different groups stay apart even where they share words or stand in one sentence.
    const ids = (surface: string) => new Set(mentions(surface).map((e: Json) => e.entity));
    for (const [x, y] of [['Dawn Battalions', "Saraya al-Difa'"], ['Ansar al-Raya', "Saraya al-Difa'"], ['Halvardian Joint Task Force', 'Ansar al-Raya']]) {
      for (const e of ids(x)) expect(ids(y).has(e), `${x} and ${y} merged into ${e}`).toBe(false);
    }
  });

  it('keeps people who are not in the alias table one entity each, named in full and by surname', (ctx) => {
    needs(ctx, 'entity spans', hasEntities());
    // Hard: within one article, the surname later is the person named in full before (issue 3).
    const within: [string, string, string][] = [
      ['ledger-2025-01-15-dunmere-bomb', 'Anton Vell', 'Vell'],
      ['cpw-2025-04-09-aar-commander-killed', 'Leon Aster', 'Aster'],
      ['valor-senna-laboratories', "Nadia al-Sa'di", "Al-Sa'di"],
    ];
    for (const [id, full, short] of within) {
      const ent = (t: string) => art(id).entities.find((e: Json) => name(e.text) === name(t))?.entity;
      expect(ent(full), `${id}: ${full}`).toBeTruthy();
      expect(ent(short), `${id}: ${short} is ${full}`).toBe(ent(full));
    }
    // Soft: across articles, and with a title before the name ("Lawmaker Nadia al-Sa'di",
    // "Tarvenian President Ilyas Morrow"), the person should still be one entity without the title.
    const sadi = new Set(doc.articles.flatMap((a: Json) => a.entities.filter((e: Json) => /Sa.di$/.test(e.text)).map((e: Json) => e.entity)));
    shortfall(sadi.size === 1, `Nadia al-Sa'di is ${sadi.size} entities: ${[...sadi].join(', ')}`);
    const titled = doc.articles.flatMap((a: Json) => a.entities.filter((e: Json) => e.type === 'person' && /^(Tarvenian |Transport |Defence )?(President|Minister|Lawmaker|Colonel)\b/.test(e.text)).map((e: Json) => `${a.id}: "${e.text}"`));
    shortfall(titled.length === 0, `titles taken into person names: ${titled.join('; ')}`);
    // Soft: the Sarn river is not the town of Bir Sarn (a different name, not a variant).
    const sarn = mentions('Sarn').filter((e: Json) => e.entity === mentions('Bir Sarn')[0]?.entity);
    shortfall(sarn.length === 0, `"Sarn" (the river) merged with "Bir Sarn" (the town) in ${[...new Set(sarn.map((e: Json) => e.article))].join(', ')}`);
  });

  // ---- relative dates (issue 3) ------------------------------------------------------------

  const hasDates = () => doc.articles.some((a: Json) => a.dates.length > 0);
  it('resolves relative dates against the article date, towards the past', (ctx) => {
    needs(ctx, 'date spans', hasDates());
    const cases: [string, string, string][] = [
      ['mirsad-2023-08-23-nouri', 'on Sunday', '2023-08-20'],
      ['meridian-2024-03-11-kharrat', 'on Saturday', '2024-03-09'],
      ['nva-2024-03-12-kharrat', 'on Monday', '2024-03-11'],
      ['cpw-2024-03-15-militia-claim', 'on Monday', '2024-03-11'],
      ['meridian-2024-10-02-mp-warning', 'on Tuesday', '2024-10-01'],
      ['ledger-2025-01-15-dunmere-bomb', 'on Tuesday', '2025-01-14'],
      ['nva-2025-02-12-tell-hamra', 'on Sunday', '2025-02-09'],
      ['valor-2025-03-05-helicopters-again', 'in February', '2025-02'],
    ];
    for (const [id, phrase, date] of cases) {
      const core = norm(phrase.replace(/^(on|in)\s+/i, ''));
      const d = art(id).dates.find((x: Json) => norm(x.text).includes(core));
      expect(d, `${id}: "${phrase}"`).toBeTruthy();
      expect(String(d.date), `${id}: "${phrase}"`).toMatch(new RegExp(`^${date}`));
    }
  });

  // ---- reuse and provenance (issue 4) ------------------------------------------------------

  const hasReuse = () => doc.articles.some((a: Json) => a.reuse.length > 0);
  const links = (from: string, to: string) => art(from).reuse.filter((r: Json) => r.other === to);

  it('links every copy of the shepherds quote, credited or silent, and not the stock phrase', (ctx) => {
    needs(ctx, 'reuse links', hasReuse());
    const origin = CHAIN[0];
    for (const copy of CHAIN.slice(1)) {
      const l = links(copy, origin).find((r: Json) => norm(r.span.text).includes(norm('set down Jarad fighters')));
      expect(l, `${copy} → ${origin}`).toBeTruthy();
      expect(norm(l.other_span.text)).toContain(norm('set down Jarad fighters'));
      expect(art(origin).text.slice(l.other_span.start, l.other_span.end)).toBe(l.other_span.text);
      expect(l.kind, copy).toBe('quote');
    }
    const credited = (copy: string) => links(copy, origin).some((r: Json) => r.credited);
    expect(credited('nva-2024-03-12-kharrat')).toBe(true);
    expect(credited('mirsad-2024-03-14-kharrat')).toBe(true);
    expect(credited('valor-2024-03-12-kharrat')).toBe(false);
    // The al-Nouri and al-Sa'di chains.
    expect(links('nva-qarim-relocation', 'mirsad-2023-08-23-nouri').length).toBeGreaterThan(0);
    expect(links('nva-2024-07-03-senna-labs', 'valor-senna-laboratories').length).toBeGreaterThan(0);
    // "In relevant remarks in March," shared by NVA and Valor is a stock phrase, not reuse.
    const stock = [...links('nva-qarim-relocation', 'valor-obaidi-training-camps'), ...links('valor-obaidi-training-camps', 'nva-qarim-relocation')];
    expect(stock.filter((r: Json) => r.kind !== 'boilerplate')).toEqual([]);
    // Two reports of one bombing share only the spokesman's quote, which both got from him.
    const falk = links('ledger-2024-09-18-bab-al-sur-bomb', 'cpw-2024-09-18-kestrel-market-bomb');
    expect(falk.map((r: Json) => [r.kind, r.credited])).toEqual([['quote', false]]);
    expect(falk[0].span.text).toMatch(/we know where it was taken/);
    // The later NVA copy (indirect, "told NVA in March") still links to the earliest source as its text.
    expect(links('nva-2024-05-22-landing-strip', CHAIN[0]).some((r: Json) => r.kind !== 'boilerplate')).toBe(true);
  });

  const hasProvenance = () => doc.provenance.length > 0;
  it('finds the earliest source of the shepherds quote and the drift of its conduit', (ctx) => {
    needs(ctx, 'provenance', hasProvenance());
    const group = doc.provenance.find((p: Json) => p.members.some((m: Json) => m.article === CHAIN[0]) && p.members.some((m: Json) => m.article === CHAIN[2]));
    expect(group, 'a provenance group holding the shepherds quote').toBeTruthy();
    const members = group.members.map((m: Json) => m.article);
    expect(members).toEqual(expect.arrayContaining(CHAIN));
    expect(group.earliest?.article).toBe(CHAIN[0]);
    expect(group.earliest.evidence.length).toBeGreaterThan(0);
    expect(group.drift.length, 'told Meridian TV vs told al-Mirsad').toBeGreaterThan(0);
    expect(norm(JSON.stringify(group.drift))).toMatch(/al-mirsad/);
    // The later NVA copy says he told NVA: a third conduit for the same words.
    if (hasQuotes()) expect(norm(JSON.stringify(group.drift))).toMatch(/"nva"/);
    // The same-day tie: CPW and the Ledger quote the spokesman on 2024-09-18, neither credits the other.
    const tie = doc.provenance.find((p: Json) => p.members.some((m: Json) => m.article === 'cpw-2024-09-18-kestrel-market-bomb'));
    expect(tie, 'a provenance group for the spokesman quote').toBeTruthy();
    expect(tie.earliest?.article ?? null, 'a same-day tie without credit has no earliest source').toBeNull();
    expect(JSON.stringify(tie)).toMatch(/2024-09-18/);
    // The al-Nouri chain: the copy is undated, so its earliest call must rest on the dated original.
    const nouri = doc.provenance.find((p: Json) => p.members.some((m: Json) => m.article === 'nva-qarim-relocation'));
    if (nouri?.earliest?.article) expect(nouri.earliest.article).toBe('mirsad-2023-08-23-nouri');
  });

  it('`echotrace trace` shows the chain from the earliest source', (ctx) => {
    // The command's file, not `--help`: one CLI start less.
    needs(ctx, 'trace command', HAS_TRACE);
    const out = traceOut;
    const at = (id: string) => out.indexOf(id);
    for (const id of CHAIN) expect(at(id), id).toBeGreaterThanOrEqual(0);
    expect(at(CHAIN[0])).toBeLessThan(Math.min(...CHAIN.slice(1).map(at)));
  });

  // ---- stories, narratives, stance, known debunks (issue 5) --------------------------------

  const hasStories = () => doc.articles.some((a: Json) => a.story !== null);
  it('groups reports of one event into one story and keeps same-kind events apart', (ctx) => {
    needs(ctx, 'stories', hasStories());
    const story = (id: string) => art(id).story;
    expect(story('cpw-2024-09-18-kestrel-market-bomb')).toBe(story('ledger-2024-09-18-bab-al-sur-bomb'));
    expect(story('ledger-2025-01-15-dunmere-bomb')).not.toBe(story('ledger-2024-09-18-bab-al-sur-bomb'));
    for (const id of CHAIN.slice(1)) expect(story(id), id).toBe(story(CHAIN[0]));
    expect(story('ledger-2024-03-20-hadra-floods')).not.toBe(story('ledger-2024-12-11-hadra-wheat'));
  });

  const hasNarratives = () => doc.narratives.length > 0;
  it('holds narrative A across outlets and months, apart from narrative B and the neutral news', (ctx) => {
    needs(ctx, 'narratives', hasNarratives());
    const narr = (id: string) => art(id).narrative;
    const a = narr('meridian-2024-03-11-kharrat');
    const b = narr('valor-senna-laboratories');
    expect(a).not.toBeNull();
    const inA = inNarrative('A').filter((id) => narr(id) === a);
    expect(inA.length, `narrative A holds ${inA.join(', ')}`).toBeGreaterThanOrEqual(Math.ceil(inNarrative('A').length * 0.8));
    // The wire report and the fact check belong to the narrative they report and refute.
    for (const id of ['cpw-2024-03-15-militia-claim', 'veridesk-2024-04-03-helicopter-claim']) expect(narr(id), id).toBe(a);
    for (const id of inNarrative('A')) shortfall(narr(id) === a, `${id} is not in narrative A (${narr(id)})`);
    for (const id of inNarrative('B')) expect(narr(id), id).not.toBe(a);
    if (b !== null) expect(inNarrative('B').filter((id) => narr(id) === b).length).toBeGreaterThanOrEqual(3);
    for (const id of NEUTRAL) expect(narr(id), `${id} is neutral news`).not.toBe(a);
    const entry = doc.narratives.find((n: Json) => n.id === a);
    expect(new Set(entry.timeline.map((t: Json) => t.outlet)).size).toBeGreaterThanOrEqual(4);
    // The timeline covers every member once, over months (2023 to 2025), and keeps who pushes
    // the claim apart from who reports or refutes it.
    expect(entry.timeline.reduce((n: number, t: Json) => n + t.count, 0)).toBe(entry.articles.length);
    const periods = entry.timeline.map((t: Json) => t.period).filter((p: string) => /^\d{4}/.test(p)).sort();
    expect(periods[0] < '2024' && periods.at(-1) >= '2025').toBe(true);
    if (doc.articles.some((x: Json) => x.stance !== null)) {
      const row = (outlet: string) => entry.timeline.filter((t: Json) => t.outlet === outlet).map((t: Json) => t.stance);
      expect(row('veridesk')).toEqual(['debunks']);
      expect(row('cpw')).toEqual(['reports']);
      expect(row('nva').every((x: string) => x === 'promotes')).toBe(true);
    }
    if (doc.articles.some((x: Json) => x.matches.length)) expect(entry.cases.map((c: string) => c.replace(/^.*:/, ''))).toContain('halvard-helicopters');
  });

  const hasStance = () => doc.articles.some((a: Json) => a.stance !== null);
  it('gives each article of a narrative its stance with the sentence that shows it', (ctx) => {
    needs(ctx, 'stance', hasStance());
    // Hard: the wire report and the fact checks, every neutral article (no stance), and every
    // article the narrative stage did place. Soft: a promoting article left out of any narrative
    // (the narrative test holds the bar on how many may be).
    const wrong: string[] = [];
    for (const id of IDS) {
      const want = KEY[id].stance;
      const got = art(id).stance?.label ?? null;
      if (want === 'promotes' && got === null && art(id).narrative === null) shortfall(false, `${id}: no narrative, so no stance (key: promotes)`);
      else if (got !== want) wrong.push(`${id}: ${got} (key: ${want})`);
    }
    expect(wrong).toEqual([]);
    const evidence = (id: string) => norm(art(id).stance.evidence.map((e: Json) => e.text).join(' '));
    expect(evidence('veridesk-2024-04-03-helicopter-claim')).toMatch(/no evidence|false claim|recurring disinformation/);
    expect(evidence('cpw-2024-03-15-militia-claim')).toMatch(/could not be independently verified|without foundation|rejected|denied/);
    expect(evidence('nva-2024-03-12-kharrat').length).toBeGreaterThan(0);
    for (const e of art('veridesk-2024-04-03-helicopter-claim').stance.evidence) {
      expect(art('veridesk-2024-04-03-helicopter-claim').text.slice(e.start, e.end)).toBe(e.text);
    }
  });

  const hasMatches = () => doc.articles.some((a: Json) => a.matches.length > 0);
  it('links the debunks and the promoting articles to the known cases', (ctx) => {
    needs(ctx, 'case matches', hasMatches());
    const cases = (id: string) => art(id).matches.map((m: Json) => String(m.case).replace(/^.*:/, ''));
    const CASE = { A: ['halvard-helicopters', 'raya-commanders'], B: ['senna-institute'] };
    // The fact checks are linked to the case they wrote; neutral news to none.
    expect(cases('veridesk-2024-04-03-helicopter-claim')).toContain('halvard-helicopters');
    expect(cases('veridesk-2025-07-02-senna-institute')).toContain('senna-institute');
    for (const id of NEUTRAL) expect(cases(id), `${id} is neutral news`).toEqual([]);
    // Promoting articles repeat the checked claim, often under another name of the group ("Raya
    // Brigades", "Jarad"): at least one per narrative is a hard bar, each one is listed if missed.
    for (const n of ['A', 'B'] as const) {
      const promoters = inNarrative(n).filter((id) => KEY[id].stance === 'promotes');
      const linked = promoters.filter((id) => cases(id).some((c: string) => CASE[n].includes(c)));
      for (const id of promoters) shortfall(linked.includes(id), `${id} (narrative ${n}) is not linked to ${CASE[n].join(' or ')}`);
      expect(linked.length, `narrative ${n}: promoting articles linked to its cases`).toBeGreaterThan(0);
      for (const id of inNarrative(n)) for (const c of cases(id)) expect(CASE[n], `${id} linked to ${c}`).toContain(c);
    }
  });
});
