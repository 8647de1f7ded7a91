// Reuse settings and word lists, loaded from data/reuse.json and optionally a user file in the
// same shape (its keys override the shipped ones). Code holds the mechanism; the numbers live there.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ReuseSettings {
  /** Words per hashed n-gram in the corpus index. */
  shingle: number;
  /** Winnowing window (in n-grams): any shared run of shingle + winnow - 1 words shares an index hash. */
  winnow: number;
  /** Words per anchor n-gram when aligning one pair of articles. */
  anchor: number;
  /** Shortest passage reported, in words; quotes inside quotation marks in both may be shorter. */
  minTokens: number;
  minQuoteTokens: number;
  /** Largest run of differing words bridged inside one passage. */
  maxGap: number;
  /** Largest difference in words inserted on one side versus the other within one gap. */
  maxShift: number;
  /** Matched words over passage length below which a chain is noise. */
  minDensity: number;
  /** Share of both articles' words a pair must cover to be a whole-article duplicate. */
  duplicateCover: number;
  /** Index hashes found in more articles than this are boilerplate and never seed a link. */
  boilerplateDf: { min: number; fraction: number; max: number };
  /** A passage shared by articles of one outlet and recurring in this many of them is the outlet's boilerplate. */
  sameOutletRecurring: number;
  /** Store boilerplate passages as links of kind "boilerplate" (by default they are only counted). */
  keepBoilerplate?: boolean;
  /** Characters each side of a passage searched for a credit. */
  creditWindow: number;
  creditBefore: string[];
  creditAfter: string[];
  toldCues: string[];
  viaCues: string[];
}

const SHIPPED = fileURLToPath(new URL('../../data/reuse.json', import.meta.url));

export function loadReuseSettings(extra: string[] = []): ReuseSettings {
  let merged: Record<string, unknown> = {};
  for (const file of [SHIPPED, ...extra]) {
    try {
      merged = { ...merged, ...JSON.parse(readFileSync(file, 'utf8')) };
    } catch (err) {
      throw new Error(`${file}: cannot read reuse settings (${(err as Error).message})`);
    }
  }
  for (const k of ['shingle', 'winnow', 'anchor', 'minTokens', 'minQuoteTokens', 'maxGap', 'maxShift'])
    if (!Number.isInteger(merged[k]) || (merged[k] as number) < 1) throw new Error(`reuse settings: "${k}" must be a positive integer`);
  return merged as unknown as ReuseSettings;
}

/** The document frequency above which an index hash is boilerplate, for a corpus of n articles. */
export function boilerplateDf(s: ReuseSettings, n: number): number {
  const b = s.boilerplateDf;
  return Math.max(b.min, Math.min(b.max, Math.ceil(b.fraction * n)));
}

let cached: ReuseSettings | null = null;
export function defaultSettings(): ReuseSettings {
  return (cached ??= loadReuseSettings());
}
