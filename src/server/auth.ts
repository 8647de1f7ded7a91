// The write token. The server is read-only unless started with `--token T`; then POST routes need
// `Authorization: Bearer T` (or `X-Echotrace-Token: T`). The comparison runs in constant time over
// fixed-length digests, so neither the token's content nor its length leaks through timing.

import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './route.ts';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function tokenChecker(token: string | undefined) {
  const expected = token ? digest(token) : null;
  return {
    enabled: !!expected,
    /** Throws 403 when writes are off, 401 when the token is missing or wrong. */
    check(headers: Headers): void {
      if (!expected) throw new HttpError(403, 'this server is read-only; start it with --token to allow ingesting through the API');
      const auth = headers.get('authorization') ?? '';
      const given = /^Bearer\s+(.+)$/i.exec(auth)?.[1] ?? headers.get('x-echotrace-token') ?? '';
      if (!given) throw new HttpError(401, 'missing token: send "Authorization: Bearer TOKEN"');
      if (!timingSafeEqual(digest(given.trim()), expected)) throw new HttpError(401, 'wrong token');
    },
  };
}
