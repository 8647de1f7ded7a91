// Recent answers of an expensive read route (search), kept until the store changes. Analysts
// repeat themselves: a desk shares links to one search, the UI pages back and forth, a trending
// name is typed by everyone at once. Ranking a common word ("said", "oil") over 20,000 articles
// costs 5–15 ms of CPU, and a server that pays it again for every repeat runs out of headroom
// at a couple of hundred requests a second.
//
// Validity is the corpus sections' rule (corpus.ts: the store's change token; without one, its
// article count and a time limit), so an ingest from any process is seen at the next request.
// The cache is bounded by entries, least recently used first out.

import type { Store } from '../store/store.ts';
import { CACHE_MS, storeKey } from './corpus.ts';

/** Answers kept per store and route. */
const ENTRIES = 2000;

interface Entry {
  key: string;
  at: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<Store, Map<string, Map<string, Entry>>>();

/** Off with ECHOTRACE_ANSWER_CACHE=0 (the load benchmark measures the server both ways). */
const enabled = () => process.env.ECHOTRACE_ANSWER_CACHE !== '0';

export async function cachedAnswer<T>(store: Store, route: string, request: string, build: () => Promise<T>): Promise<T> {
  if (!enabled()) return build();
  const { key, exact } = await storeKey(store);
  let routes = caches.get(store);
  if (!routes) caches.set(store, (routes = new Map()));
  let m = routes.get(route);
  if (!m) routes.set(route, (m = new Map()));
  const hit = m.get(request);
  if (hit && hit.key === key && (exact || Date.now() - hit.at < CACHE_MS)) {
    m.delete(request); // most recently used goes last
    m.set(request, hit);
    return hit.value as Promise<T>;
  }
  const value = build();
  m.delete(request);
  m.set(request, { key, at: Date.now(), value });
  if (m.size > ENTRIES) m.delete(m.keys().next().value!);
  value.catch(() => m.get(request)?.value === value && m.delete(request));
  return value;
}

/** Forget every kept answer (after an ingest through the API). */
export const forgetAnswers = (store: Store) => void caches.delete(store);
