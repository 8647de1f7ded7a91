// Bytes to text. Honours a byte-order mark, then a declared charset (HTML meta, XML prolog), then
// tries strict UTF-8, and falls back to Windows-1252 (a superset of Latin-1 that several real
// corpora need), saying so. Binary files are refused.

import iconv from 'iconv-lite';

export class DecodeError extends Error {}

export interface Decoded {
  text: string;
  encoding: string;
  /** Set when the text was not what it declared or not UTF-8 and a fallback was used. */
  warning?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** More invalid sequences than this in a page declared UTF-8 means it is in another charset. */
const MAX_DAMAGED_BYTES = 8;

/** Looks for NUL bytes and other control bytes that never occur in text files. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** How far into a page its charset declaration is looked for: 2 KB cut off real pages' long heads. */
const DECLARATION_WINDOW = 4096;

/** The charset an HTML or XML document declares in its first 4 KB, if any. */
export function declaredCharset(buf: Uint8Array): string | undefined {
  const head = Buffer.from(buf.subarray(0, DECLARATION_WINDOW)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

export function decode(buf: Uint8Array): Decoded {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(Buffer.from(buf.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(Buffer.from(buf.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  if (looksBinary(buf)) throw new DecodeError('looks like a binary file, not text (control bytes in the first 8 KB)');
  const declared = declaredCharset(buf);
  if (declared && !/^utf-?8$/.test(declared) && iconv.encodingExists(declared)) {
    return { text: iconv.decode(Buffer.from(buf), declared), encoding: declared };
  }
  try {
    return { text: utf8.decode(buf), encoding: 'utf-8' };
  } catch {
    // A page that declares UTF-8 and has a stray byte or two is damaged UTF-8, not Latin-1:
    // reading all of it as Windows-1252 would garble every accented letter to save a few.
    if (declared && /^utf-?8$/.test(declared)) {
      const text = new TextDecoder('utf-8').decode(buf);
      const damaged = text.split('\uFFFD').length - 1;
      if (damaged <= MAX_DAMAGED_BYTES) {
        return { text, encoding: 'utf-8', warning: `declares UTF-8 but has ${damaged} invalid byte sequence(s); read as UTF-8 with replacement characters` };
      }
    }
    return {
      text: iconv.decode(Buffer.from(buf), 'windows-1252'),
      encoding: 'windows-1252',
      warning: `not valid UTF-8${declared ? ` (though it declares ${declared})` : ''}; read as Windows-1252/Latin-1`,
    };
  }
}
