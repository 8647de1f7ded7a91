// POST /api/articles: ingest through the API, in the same formats as `echotrace ingest`. The body
// is either JSON (one record or an array of records, as in a .json file), JSON lines
// (application/x-ndjson), or a multipart upload of one or more files of any format the CLI reads.
// Each upload is written to a private temporary directory under its own (sanitised) name and
// handed to the same pipeline as the CLI, so readers, cleaning and stages are the CLI's own.
// Only available when the server was started with a token (see auth.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { ingestPaths } from '../pipeline.ts';
import { EXTENSIONS } from '../ingest/index.ts';
import { HttpError, route } from './route.ts';
import { IngestResultSchema } from './schemas.ts';
import { invalidate } from './corpus.ts';
import { forgetAnswers } from './answer-cache.ts';

/** Largest request body accepted (the CLI's own per-file limit is larger; an API call should be small). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

interface Upload {
  name: string;
  data: Buffer;
}

const safeName = (name: string, i: number) => {
  const ext = extname(name).toLowerCase();
  const stem = basename(name, extname(name)).replace(/[^\w.-]+/g, '_').slice(0, 100) || `upload-${i}`;
  return `${stem}${ext}`;
};

async function readUploads(req: Request): Promise<Upload[]> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw new HttpError(413, `the request body is ${length} bytes; at most ${MAX_BODY_BYTES} are accepted`);
  if (type === 'multipart/form-data') {
    const form = await req.formData();
    const files: Upload[] = [];
    for (const [, v] of form.entries()) {
      if (typeof v === 'string') continue;
      const ext = extname(v.name).toLowerCase();
      if (!EXTENSIONS.includes(ext)) throw new HttpError(415, `${v.name}: unsupported file type "${ext || '(none)'}"; expected one of ${EXTENSIONS.join(' ')}`);
      files.push({ name: safeName(v.name, files.length), data: Buffer.from(await v.arrayBuffer()) });
    }
    if (!files.length) throw new HttpError(400, 'the upload holds no files (send them as multipart form fields of type file)');
    return files;
  }
  const body = Buffer.from(await req.arrayBuffer());
  if (body.length > MAX_BODY_BYTES) throw new HttpError(413, `the request body is ${body.length} bytes; at most ${MAX_BODY_BYTES} are accepted`);
  if (!body.length) throw new HttpError(400, 'the request body is empty; send a JSON record, an array of records, JSON lines, or a file upload');
  if (type === 'application/json') return [{ name: 'api-records.json', data: body }];
  if (type === 'application/x-ndjson' || type === 'application/jsonl') return [{ name: 'api-records.jsonl', data: body }];
  throw new HttpError(415, `unsupported content type "${type || '(none)'}"; use application/json, application/x-ndjson or multipart/form-data`);
}

export const ingestRoute = route({
  method: 'post',
  path: '/api/articles',
  tag: 'articles',
  summary: 'Ingest articles (needs the token the server was started with)',
  description:
    'Same formats as `echotrace ingest`: a JSON record {id?, url?, outlet?, published?, title?, text?, html?} or an array of them ' +
    '(application/json), JSON lines (application/x-ndjson), or files of any supported type (multipart/form-data). ' +
    'Send the token as `Authorization: Bearer TOKEN`. Problems are reported per record, with the line, and the rest goes on; ' +
    'the answer is 200 when every record was ingested and 422 when any failed.',
  auth: true,
  body: {
    description: 'records or files',
    content: {
      'application/json': { schema: { oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] } },
      'application/x-ndjson': { schema: { type: 'string' } },
      'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } },
    },
  },
  query: z.strictObject({}),
  response: IngestResultSchema,
  errors: [401, 403, 413, 415, 422],
  async handler({ store, c }) {
    const uploads = await readUploads(c.req.raw);
    const dir = mkdtempSync(join(tmpdir(), 'echotrace-upload-'));
    try {
      const paths = uploads.map((u) => {
        const p = join(dir, u.name);
        writeFileSync(p, u.data);
        return p;
      });
      const s = await ingestPaths(store, paths);
      invalidate(store);
      forgetAnswers(store);
      const result = {
        ingested: s.inserted + s.updated,
        inserted: s.inserted,
        updated: s.updated,
        unchanged: s.unchanged,
        failed: s.failed,
        ids: s.changed,
        // Name the upload, not the temporary directory it passed through.
        problems: s.problems.map((p) => ({ path: basename(p.path), line: p.line ?? null, level: p.level, message: p.message })),
      };
      return s.failed ? c.json(result, 422) : result;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
