// Boilerplate rules as data: each rule is a pattern tested against a whole paragraph. The rules
// ship in data/rules/boilerplate.json; a user adds their own with a file in the same shape.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Removed } from '../model.ts';

export interface BoilerplateRule {
  id: string;
  reason: string;
  pattern: string;
  /** RegExp flags; "iu" when absent. A rule that must tell capitals apart gives "u". */
  flags?: string;
}

export interface CompiledRule extends BoilerplateRule {
  re: RegExp;
}

const SHIPPED = fileURLToPath(new URL('../../data/rules/boilerplate.json', import.meta.url));

export function loadRules(extra: string[] = []): CompiledRule[] {
  const rules: CompiledRule[] = [];
  for (const file of [SHIPPED, ...extra]) {
    let parsed: { rules?: BoilerplateRule[] };
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: cannot read boilerplate rules (${(err as Error).message})`);
    }
    for (const [i, r] of (parsed.rules ?? []).entries()) {
      if (!r || typeof r.pattern !== 'string' || typeof r.id !== 'string')
        throw new Error(`${file}: rule ${i + 1} needs an "id" and a "pattern"`);
      try {
        rules.push({ ...r, reason: r.reason ?? r.id, re: new RegExp(r.pattern, r.flags ?? 'iu') });
      } catch (err) {
        throw new Error(`${file}: rule ${i + 1} (${r.id}) has a bad pattern: ${(err as Error).message}`);
      }
    }
  }
  return rules;
}

/** Splits paragraphs into kept ones and removed ones (with the rule that removed each). */
export function removeBoilerplate(paragraphs: string[], rules: CompiledRule[]): { kept: string[]; removed: Removed[] } {
  const kept: string[] = [];
  const removed: Removed[] = [];
  for (const p of paragraphs) {
    // Long paragraphs are article text whatever they contain; rules describe short furniture.
    const rule = p.length <= 300 ? rules.find((r) => r.re.test(p)) : undefined;
    if (rule) removed.push({ text: p, rule: rule.id, reason: rule.reason });
    else kept.push(p);
  }
  return { kept, removed };
}
