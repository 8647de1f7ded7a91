// Hash routes, so every view is a shareable URL and the server needs no route knowledge:
//   #/                       narratives (home)
//   #/articles?outlet=…      article list with filters
//   #/article/ID?q=Q3        one article (optionally a quote selected)
//   #/reuse/A/B              passages shared by A and B, side by side, with provenance
//   #/outlets, #/outlet/ID   the copy graph, one outlet
//   #/search?q=…             search
//   #/stories, #/cases, #/case/ID, #/entities

import { useEffect, useState } from 'preact/hooks';

export interface Route {
  parts: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '') || '/';
  const [path, qs] = h.split('?', 2) as [string, string | undefined];
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(qs ?? '') };
}

export function useRoute(): Route {
  const [r, set] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => set(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return r;
}

/** A link target: href('article', id) → "#/article/<id>"; params drop empty values. */
export function href(...args: (string | Record<string, string | number | undefined | null>)[]) {
  const parts = args.filter((a): a is string => typeof a === 'string').map(encodeURIComponent);
  const params = args.find((a) => typeof a === 'object') as Record<string, string | number | undefined | null> | undefined;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${parts.join('/')}${s ? `?${s}` : ''}`;
}

export const go = (to: string) => void (location.hash = to.replace(/^#/, ''));
