// Claim frames: the unit a narrative is made of. A frame is a sentence in which an actor does an
// action of a class (aid: transfer, supply, train, protect, fund, ...; stage: fake, fabricate) for
// or to an object (an entity, or a concept such as "biolabs"). Names are abstracted through the
// entity layer (alias table) and a family table, so "American forces airlift Daesh fighters" and
// "Washington supports ISIL" are one frame: united-states · aid · isis.
//
// Steps per sentence: find mentions (entity layer spans; capitalised names the layer missed, with
// demonyms folded to their country; concept words), find action words, and for each action take
//   actor   the mention after a passive "by" that follows the action, else the nearest before it;
//   object  the first eligible mention after the action within a few words, unless a blocker
//           ("against", "fighting", "from") stands between them ("support for forces fighting X"),
//           else, in the passive, the nearest mention before the action;
//   compound "X-funded labs": actor X, object the next mention.
// The frame is kept when actor and object are different families.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Span } from '../model.ts';
import { normaliseAlias } from '../nlp/alias-norm.ts';
import { splitSentences } from '../nlp/sentences.ts';

export interface FrameLexicon {
  actions: Record<string, string[]>;
  compoundActions: string[];
  blockers: string[];
  passive: string[];
  concepts: Record<string, string[]>;
  families: Record<string, string[]>;
  demonyms: Record<string, string>;
  targetTypes: string[];
  actorTypes: string[];
  window: number;
  notNames: string[];
  locative: string[];
}

export interface Frame {
  /** actor family · object family (the narrative key). */
  key: string;
  actor: string;
  action: string;
  object: string;
  /** The action word as written, and the sentence (offsets into the clean text). */
  cue: string;
  start: number;
  end: number;
  /** Other actor-like names in the sentence: "the transfer of X" leaves its agent to the context. */
  otherActors: string[];
}

interface Mention {
  start: number;
  end: number;
  id: string;
  type: string;
}

const DEFAULT = fileURLToPath(new URL('../../data/narratives/frames.json', import.meta.url));

export function loadFrameLexicon(extra: string[] = []): FrameLexicon {
  const lex = JSON.parse(readFileSync(DEFAULT, 'utf8')) as FrameLexicon;
  for (const f of extra) {
    const more = JSON.parse(readFileSync(f, 'utf8')) as Partial<FrameLexicon>;
    for (const [k, v] of Object.entries(more.actions ?? {})) lex.actions[k] = [...(lex.actions[k] ?? []), ...v];
    for (const [k, v] of Object.entries(more.concepts ?? {})) lex.concepts[k] = [...(lex.concepts[k] ?? []), ...v];
    for (const [k, v] of Object.entries(more.families ?? {})) lex.families[k] = [...(lex.families[k] ?? []), ...v];
    Object.assign(lex.demonyms, more.demonyms ?? {});
    lex.blockers.push(...(more.blockers ?? []));
  }
  return lex;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const phraseRe = (words: string[]) => new RegExp(`(?<![\\p{L}-])(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}])`, 'giu');

/** Compiled lexicon: regexes and lookups built once. */
export class FrameFinder {
  private actionRe: RegExp;
  private actionClass = new Map<string, string>();
  private conceptRe: RegExp;
  private conceptOf = new Map<string, string>();
  private family = new Map<string, string>();
  private blockers: Set<string>;
  private compoundRe: RegExp;
  private notNames: Set<string>;
  private locative: Set<string>;

  constructor(private lex: FrameLexicon) {
    for (const [cls, words] of Object.entries(lex.actions)) for (const w of words) this.actionClass.set(w.toLowerCase(), cls);
    this.actionRe = phraseRe([...this.actionClass.keys()]);
    for (const [c, words] of Object.entries(lex.concepts)) for (const w of words) this.conceptOf.set(w.toLowerCase(), c);
    this.conceptRe = phraseRe([...this.conceptOf.keys()]);
    for (const [fam, ids] of Object.entries(lex.families)) for (const id of ids) this.family.set(id, fam);
    this.blockers = new Set(lex.blockers);
    this.notNames = new Set(lex.notNames);
    this.locative = new Set(lex.locative);
    this.compoundRe = new RegExp(`([\\p{Lu}][\\p{L}.]*)-(${lex.compoundActions.map(escape).join('|')})\\b`, 'giu');
  }

  familyOf(id: string): string {
    return this.family.get(id) ?? this.family.get(id.replace(/-/g, ' ')) ?? id;
  }

  /** The id a capitalised name stands for: a demonym folded to its country ("Halvardian" → "halvard"). */
  private nameId(name: string, known: Set<string>): string {
    const n = normaliseAlias(name).replace(/ /g, '-');
    const lower = n.toLowerCase();
    if (this.lex.demonyms[lower]) return this.lex.demonyms[lower];
    for (const suffix of ['ian', 'ean', 'ese', 'an', 'i']) {
      if (!lower.endsWith(suffix)) continue;
      const stem = lower.slice(0, -suffix.length);
      for (const cand of [stem, stem + 'a', stem + 'ia']) if (known.has(cand)) return cand;
    }
    return n;
  }

  mentions(text: string, layer: Span[] | undefined): Mention[] {
    const out: Mention[] = [];
    const covered = (s: number, e: number) => out.some((m) => m.start < e && s < m.end);
    for (const s of layer ?? []) if (s.data.entity) out.push({ start: s.start, end: s.end, id: String(s.data.entity), type: String(s.data.type ?? 'other') });
    // Names the entity layer did not resolve: capitalised words not opening a sentence.
    const names: { start: number; end: number; text: string }[] = [];
    for (const m of text.matchAll(/\p{Lu}[\p{L}'’]*(?:[ -]\p{Lu}[\p{L}'’]*)*/gu)) {
      // Leading words that are never names ("The", "A") are not part of the name.
      const words = m[0].split(/(?<=\S)(?=[ -])/);
      let lead = 0;
      while (words.length > 1 && this.notNames.has(words[0].trim())) lead += words.shift()!.length;
      const name = m[0].slice(lead).replace(/^[ -]/, '');
      if (this.notNames.has(name)) continue;
      const start = m.index! + m[0].length - name.length;
      let j = start - 1;
      while (j >= 0 && /[\s"“‘(]/.test(text[j])) j--;
      if (j < 0 || /[.!?\n:]/.test(text[j])) {
        // Sentence-initial: a capital proves nothing. Keep a multi-word name, one also written
        // capitalised mid-sentence, or a single word that never occurs in lower case and does not
        // look like a plural common noun ("Norland" stays; "Residents", "Weapons" go).
        const multi = /[ -]\p{Lu}/u.test(name);
        const midSentence = new RegExp(`[\\p{Ll},] ${escape(name)}\\b`, 'u').test(text);
        const lowerToo = new RegExp(`\\b${escape(name.toLowerCase())}\\b`, 'u').test(text);
        if (!multi && !midSentence && (lowerToo || /s$/.test(name) || name.length < 3)) continue;
      }
      if (!covered(start, start + name.length)) names.push({ start, end: start + name.length, text: name.replace(/['’]s$/, '') });
    }
    const known = new Set([...out.map((m) => m.id), ...names.map((n) => normaliseAlias(n.text).replace(/ /g, '-'))]);
    for (const n of names) out.push({ start: n.start, end: n.end, id: this.nameId(n.text, known), type: 'name' });
    for (const m of text.matchAll(this.conceptRe)) {
      if (!covered(m.index!, m.index! + m[0].length))
        out.push({ start: m.index!, end: m.index! + m[0].length, id: this.conceptOf.get(m[0].toLowerCase())!, type: 'concept' });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** Frames of one article: its sentences (layer or split), entity layer, clean text. */
  frames(text: string, layers: Record<string, Span[]> = {}): Frame[] {
    const sentences = layers.sentence?.length ? layers.sentence : splitSentences(text).map((s) => ({ ...s, data: {} }));
    const mentions = this.mentions(text, layers.entity);
    const out: Frame[] = [];
    for (const s of sentences) {
      const ms = mentions.filter((m) => m.start >= s.start && m.end <= s.end);
      if (ms.length < 2) continue;
      const sentence = text.slice(s.start, s.end);
      const found = new Set<string>();
      const push = (actor: Mention, cls: string, object: Mention, cue: string, inSentence: Mention[]) => {
        const a = this.familyOf(actor.id);
        const o = this.familyOf(object.id);
        if (a === o || found.has(`${a}|${o}`)) return;
        found.add(`${a}|${o}`);
        const others = new Set(inSentence.filter((x) => x !== object && this.lex.actorTypes.includes(x.type)).map((x) => this.familyOf(x.id)));
        others.delete(a);
        others.delete(o);
        out.push({ key: `${a}|${o}`, actor: a, action: cls, object: o, cue, start: s.start, end: s.end, otherActors: [...others] });
      };
      for (const m of sentence.matchAll(this.compoundRe)) {
        const at = s.start + m.index!;
        const actor = ms.find((x) => x.start <= at && x.end >= at + m[1].length - 1 && this.lex.actorTypes.includes(x.type));
        // "a Halvard-funded water laboratory … tests pathogens": a concept in the sentence is the object;
        // else the mention right after the compound.
        const concept = ms.find((x) => x.start > at + m[0].length && x.type === 'concept');
        const next = ms.find((x) => x.start > at + m[0].length && this.lex.targetTypes.includes(x.type));
        const object = concept ?? (next && this.wordsBetween(text, at + m[0].length, next.start) <= 4 ? next : undefined);
        if (actor && object) push(actor, 'aid', object, m[0], ms);
      }
      for (const m of sentence.matchAll(this.actionRe)) {
        const cueStart = s.start + m.index!;
        const cueEnd = cueStart + m[0].length;
        const cls = this.actionClass.get(m[0].toLowerCase())!;
        const after = ms.filter((x) => x.start >= cueEnd);
        const before = ms.filter((x) => x.end <= cueStart).reverse();
        // Passive: "airdropped by the US-led coalition for ISIL": the agent follows "by".
        // Likewise "regrouping with the help of Halvardian troops": the agent follows "with the help of".
        const withThe = /\bwith\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, cueStart - 12), cueStart));
        const byAgent = after.find(
          (x) =>
            this.wordsBetween(text, cueEnd, x.start) <= 3 &&
            (/^\s*(?:\S+\s+)?by\b/i.test(text.slice(cueEnd, x.start)) || (withThe && /^\s+of\b/i.test(text.slice(cueEnd, x.start)))),
        );
        const actor = byAgent ?? before.find((x) => this.lex.actorTypes.includes(x.type) && !this.isLocation(text, x));
        if (!actor) continue;
        let object = after.find(
          (x) => x !== byAgent && this.familyOf(x.id) !== this.familyOf(actor.id) && this.lex.targetTypes.includes(x.type) && this.wordsBetween(text, cueEnd, x.start) <= this.lex.window && !this.blocked(text, cueEnd, x.start),
        );
        if (!object && byAgent) object = before.find((x) => this.lex.targetTypes.includes(x.type));
        // "attacks by ISIL came with the US support": the actor names the action, the object precedes it.
        if (!object && !byAgent && this.wordsBetween(text, actor.end, cueStart) <= 1)
          object = before.find((x) => x.end <= actor.start && this.lex.targetTypes.includes(x.type) && this.familyOf(x.id) !== this.familyOf(actor.id));
        if (object && object !== actor) push(actor, cls, object, m[0], ms);
      }
    }
    return out;
  }

  /** A mention right after "in", "from", "to", ...: a location in the sentence, not its actor. */
  private isLocation(text: string, m: Mention): boolean {
    // The two words before it: "in Iraq", "in eastern Tarvenia", "from the camps".
    const prev = text.slice(Math.max(0, m.start - 30), m.start).toLowerCase().match(/\p{L}+/gu) ?? [];
    return prev.slice(-2).some((w) => this.locative.has(w));
  }

  private wordsBetween(text: string, a: number, b: number): number {
    return (text.slice(a, b).match(/[\p{L}\p{N}]+/gu) ?? []).length;
  }

  private blocked(text: string, a: number, b: number): boolean {
    return (text.slice(a, b).toLowerCase().match(/\p{L}+/gu) ?? []).some((w) => this.blockers.has(w));
  }
}
