// The normal form under which aliases are compared: transliteration variants of one name meet,
// different names stay apart. "al-Ma'aloumeh", "Al Maaloumeh" and "al-Maʼaloumeh" → "maloumeh";
// "Hashd al-Sha'abi" and "Hashd al-Shaabi" → "hashd shabi" (doubled letters collapse, because
// Arabic long vowels and shadda are written doubled or single at the transliterator's whim).
// Only the article and the doubling go: "Sadiq al-Hosseini" and "Jafar al-Hosseini" keep their
// first names, "Anbar" and "Anbari" keep their endings, so they never meet.

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
    .replace(/\b(?:al|el) (?=\p{L})/gu, '')
    .replace(/(\p{L})\1+/gu, '$1'); // doubled letters: Shaabi = Shabi, Hosseini = Hoseini
}

/** A stable id for a discovered entity: "Mohammed Mahdi al-Bayati" → "mohammed-mahdi-al-bayati". */
export function entitySlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2018\u2019\u02bc\u02bf\u2032`'´ʻ]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'unknown'
  );
}
