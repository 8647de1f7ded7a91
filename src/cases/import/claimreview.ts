// ClaimReview, the schema.org markup fact-checkers publish (https://schema.org/ClaimReview), in
// the two shapes it travels in:
//  - JSON-LD as embedded in pages: `{"@type": "ClaimReview", claimReviewed, reviewRating:
//    {alternateName}, url, author, datePublished, itemReviewed: {@type: Claim, author,
//    datePublished, appearance}}`, alone, in arrays, or in an `@graph`;
//  - Google Fact Check Tools API results (`claims:search`): `{text, claimant, claimDate,
//    claimReview: [{publisher: {name, site}, url, title, reviewDate, textualRating, languageCode}]}`.
// The case id is `claimreview:<review URL without scheme>`: the review's URL is its identity. In
// Fact Check Tools results one review often answers several claims, so there the id also carries
// a short hash of the claim text (`#3fa2c1d0`), stable across re-imports.

import { createHash } from 'node:crypto';
import { parseCaseDate } from './dates.ts';
import { makeCase, str } from './types.ts';
import type { RecordReader } from './factcheckers.ts';

const typeIs = (o: Record<string, unknown>, t: string) => {
  const ty = o['@type'];
  return ty === t || ty === `http://schema.org/${t}` || ty === `https://schema.org/${t}` || (Array.isArray(ty) && ty.includes(t));
};

export const isSchemaClaimReview = (o: Record<string, unknown>) => typeIs(o, 'ClaimReview');
export const isGoogleClaim = (o: Record<string, unknown>) => Array.isArray(o.claimReview) && ('text' in o || 'claimant' in o);

const urlId = (url: string) => {
  const bare = url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
};
const shortHash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 8);
const nameOf = (v: unknown): string | null => (typeof v === 'string' ? str(v) : v && typeof v === 'object' ? str((v as Record<string, unknown>).name) : null);

/** Nodes of a JSON-LD document, flattened out of arrays and @graph containers. */
export function jsonLdNodes(v: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(v)) for (const x of v) jsonLdNodes(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['@graph'])) jsonLdNodes(o['@graph'], out);
    else out.push(o);
  }
  return out;
}

export const readSchemaClaimReview: RecordReader = (o, source = 'claimreview') => {
  const url = str(o.url) ?? str(o['@id']);
  const claim = str(o.claimReviewed);
  if (!claim) return 'ClaimReview without claimReviewed';
  if (!url) return 'ClaimReview without url';
  const item = (o.itemReviewed && typeof o.itemReviewed === 'object' ? o.itemReviewed : {}) as Record<string, unknown>;
  const rating = (o.reviewRating && typeof o.reviewRating === 'object' ? o.reviewRating : {}) as Record<string, unknown>;
  const appearance = ([] as unknown[]).concat(item.appearance ?? [], item.firstAppearance ?? []);
  return makeCase({
    id: `${source}:${urlId(url)}`,
    source,
    claim,
    title: str(o.name) ?? str(o.headline),
    url,
    date: parseCaseDate(item.datePublished) ?? parseCaseDate(o.datePublished),
    verdict: str(rating.alternateName) ?? str(rating.name) ?? (rating.ratingValue !== undefined ? String(rating.ratingValue) : null),
    data: {
      publisher: nameOf(o.author) ?? nameOf(o.publisher),
      claimant: nameOf(item.author),
      reviewDate: parseCaseDate(o.datePublished),
      appearances: appearance.map((a) => (typeof a === 'string' ? a : str((a as Record<string, unknown>)?.url))).filter(Boolean),
      language: str(o.inLanguage),
    },
  });
};

export const readGoogleClaim: RecordReader = (o, source = 'claimreview') => {
  const claim = str(o.text);
  const reviews = (o.claimReview as Record<string, unknown>[]).filter((r) => r && typeof r === 'object');
  const first = reviews.find((r) => str(r.url));
  if (!claim) return 'claim without text';
  if (!first) return 'claim without a review URL';
  const url = str(first.url)!;
  return makeCase({
    id: `${source}:${urlId(url)}#${shortHash(claim)}`,
    source,
    claim,
    title: str(first.title),
    url,
    date: parseCaseDate(o.claimDate) ?? parseCaseDate(first.reviewDate),
    verdict: str(first.textualRating),
    data: {
      claimant: str(o.claimant),
      publisher: nameOf(first.publisher),
      site: str((first.publisher as Record<string, unknown> | undefined)?.site),
      language: str(first.languageCode),
      reviewDate: parseCaseDate(first.reviewDate),
      reviews: reviews.length > 1 ? reviews.map((r) => ({ url: str(r.url), rating: str(r.textualRating), publisher: nameOf(r.publisher) })) : [],
    },
  });
};
