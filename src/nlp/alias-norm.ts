// The normal form under which aliases are compared: transliteration variants of one name meet,
// different names stay apart. "al-Ma'aloumeh", "Al Maaloumeh" and "al-Maʼaloumeh" → "maaloumeh".

const ARTICLE = /^(?:al|el|the)[\s-]+/;

export function normaliseAlias(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // diacritics
    .replace(/[\u2018\u2019\u02bc\u02bf\u2032`'´ʻ]/g, '') // apostrophes and ayn/hamza marks
    .toLowerCase()
    .replace(/[\u2010-\u2015-]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(ARTICLE, '')
    .replace(/\b(?:al|el) (?=\p{L})/gu, '');
}
