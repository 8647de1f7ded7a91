// Page furniture out before the main text is looked for. Readability judges candidates by the
// text inside them, so a long cookie notice, an author box or a comment thread can win over a
// short article; and whatever sits inside the winner (share bars, related links) comes along.
// Elements whose class, id or ARIA role names them as furniture, or whose tag is furniture
// wherever it stands (figcaption), as data/rules/furniture.json lists them,
// are removed first, except when one holds most of the page's text: then the name is
// decoration on the article's own wrapper ("entry-content share-enabled"), and it stays.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface FurnitureRules {
  words: string[];
  roles: string[];
  /** Elements that are furniture whatever they are called (figure captions). */
  tags?: string[];
}

const SHIPPED = fileURLToPath(new URL('../../data/rules/furniture.json', import.meta.url));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface FurnitureMatcher {
  names: RegExp;
  roles: RegExp;
  tags: Set<string>;
  /** The elements to test: any with a class, id or role, and the furniture tags. */
  selector: string;
}

export function loadFurniture(file = SHIPPED): FurnitureMatcher {
  const rules = JSON.parse(readFileSync(file, 'utf8')) as FurnitureRules;
  return {
    // A word matches a whole class/id token or a hyphen/underscore-separated part of one
    // (camelCase names are split into such parts first, in isFurnitureNamed).
    names: new RegExp(`(?:^|[\\s_-])(?:${rules.words.map(escape).join('|')})(?:$|[\\s_-])`, 'i'),
    roles: new RegExp(`^(?:${rules.roles.map(escape).join('|')})$`, 'i'),
    tags: new Set((rules.tags ?? []).map((t) => t.toUpperCase())),
    selector: ['[class]', '[id]', '[role]', ...(rules.tags ?? [])].join(', '),
  };
}

const DEFAULT = loadFurniture();

/** Elements never removed here, whatever they are called: the page's own frame. */
const FRAME = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

/** Share of the body's text above which a furniture-named element is taken to be the article. */
const MOST_OF_PAGE = 0.4;

export function isFurnitureNamed(el: Element, m: FurnitureMatcher = DEFAULT): boolean {
  if (m.tags.has(el.tagName.toUpperCase())) return true;
  const role = el.getAttribute('role');
  if (role && m.roles.test(role)) return true;
  // camelCase names ("relatedPosts") split like hyphenated ones ("related-posts").
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.replace(/(\p{Ll})(\p{Lu})/gu, '$1-$2');
  return names.length > 1 && m.names.test(names);
}

/** Removes furniture from the document; returns how many elements went. */
export function removeFurniture(document: Document, m: FurnitureMatcher = DEFAULT): number {
  const body = document.body;
  if (!body) return 0;
  const total = (body.textContent ?? '').replace(/\s+/g, '').length;
  let removed = 0;
  for (const el of body.querySelectorAll(m.selector)) {
    if (FRAME.has(el.tagName.toUpperCase()) || !el.parentNode || !isFurnitureNamed(el, m)) continue;
    const own = (el.textContent ?? '').replace(/\s+/g, '').length;
    if (total > 0 && own / total > MOST_OF_PAGE) continue;
    el.remove();
    removed++;
  }
  return removed;
}
