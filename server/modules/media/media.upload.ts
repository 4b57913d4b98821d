/**
 * Receiving an upload: each file part of a multipart body is streamed to a staging file while its SHA-256
 * and size are taken, so nine 10 MiB photos never sit in memory together.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import { MEDIA_MAX_BYTES, MEDIA_MAX_FILES } from '../../../common/contracts/media.js';
import { AppError } from '../../platform/http/errors.js';
import type { Staging } from './media.storage.js';

/** One received file, staged on disk. */
export interface ReceivedFile {
  /** 1-based position in the request (for messages). */
  index: number;
  /** The client's file name, shortened for messages. */
  name: string;
  file: string;
  bytes: number;
  sha256: string;
  /** The first bytes (for the type check). */
  head: Buffer;
}

/** The multipart limits of an upload request. */
export const UPLOAD_LIMITS = { fileSize: MEDIA_MAX_BYTES, files: MEDIA_MAX_FILES, fields: 10, parts: MEDIA_MAX_FILES + 10 };

/** The last segment of a client-supplied file name, without control characters, at most 60 characters. */
export function displayName(name: string | undefined, index: number): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const chars = [...base];
  if (chars.length === 0) return `#${index}`;
  return chars.length > 60 ? chars.slice(0, 28).join('') + '…' + chars.slice(-28).join('') : base;
}

const MiB = `${MEDIA_MAX_BYTES / 1024 / 1024} MiB`;

/** Streams every file part into the staging folder; refuses too many or too large files. */
export async function receiveFiles(parts: AsyncIterableIterator<Multipart>, staging: Staging): Promise<ReceivedFile[]> {
  const out: ReceivedFile[] = [];
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      const index = out.length + 1;
      const name = displayName(part.filename, index);
      const file = staging.file(`in-${index}`);
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      const heads: Buffer[] = [];
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          if (bytes < 16) heads.push(chunk.subarray(0, 16 - bytes));
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(part.file, tap, fs.createWriteStream(file, { flags: 'wx' }));
      if (part.file.truncated) throw new AppError(413, 'MEDIA_FILE_TOO_LARGE', { index, name, limit: MiB }, { index, name });
      out.push({ index, name, file, bytes, sha256: hash.digest('hex'), head: Buffer.concat(heads) });
    }
  } catch (e) {
    // Our own refusals, and disk faults (they carry a syscall), are not the client's doing.
    if (e instanceof AppError || (e as { syscall?: string }).syscall) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'FST_FILES_LIMIT') throw new AppError(400, 'MEDIA_TOO_MANY_FILES', { max: MEDIA_MAX_FILES });
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      const where = { index: out.length + 1, name: `#${out.length + 1}` };
      throw new AppError(413, 'MEDIA_FILE_TOO_LARGE', { ...where, limit: MiB }, where);
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body', message: (e as Error).message }]);
    }
    // A truncated or malformed multipart body (busboy and the plugin report it in several ways).
    throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body', message: 'malformed multipart body' }]);
  }
  return out;
}
