import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../contract';
import type { FileResult } from '../../contract/operations/common';
import { contentRange, parseRange } from './range';
import { serializeJson } from './json-serializer';

/** `inline; filename="..."; filename*=UTF-8''...`: a safe ASCII name plus the exact one. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Streams a file an operation handed out, never reading it into memory: `ETag`/`Last-Modified`,
 * 304 for a matching `If-None-Match`, and a single `Range` (206 with `Content-Range`; 416 when
 * it lies outside the file; `If-Range` with another validator sends the whole file).
 */
export async function sendFileResult(
  request: FastifyRequest,
  reply: FastifyReply,
  file: FileResult,
): Promise<FastifyReply> {
  let size: number;
  let mtime: Date;
  try {
    const info = await stat(file.filePath);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
    mtime = info.mtime;
  } catch {
    throw new AppError('NOT_FOUND', 'The file is no longer on disk.');
  }
  const etag = `W/"${size.toString(16)}-${Math.floor(mtime.getTime()).toString(16)}"`;
  reply
    .header('Content-Type', file.contentType)
    .header('Accept-Ranges', 'bytes')
    .header('ETag', etag)
    .header('Last-Modified', mtime.toUTCString())
    .header('Cache-Control', 'no-store')
    .header('Content-Disposition', contentDisposition(basename(file.filePath)));
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();

  const ifRange = request.headers['if-range'];
  const range =
    ifRange === undefined || ifRange === etag
      ? parseRange(request.headers.range, size)
      : ({ kind: 'full' } as const);
  if (range.kind === 'unsatisfiable') {
    return reply
      .code(416)
      .header('Content-Range', contentRange(range, size))
      .type('application/json; charset=utf-8')
      .send(
        serializeJson({
          error: {
            code: 'VALIDATION_FAILED',
            message: `The requested range lies outside the file (${size} bytes).`,
            field: 'Range',
          },
        }),
      );
  }
  if (range.kind === 'partial') {
    return reply
      .code(206)
      .header('Content-Range', contentRange(range, size))
      .header('Content-Length', range.end - range.start + 1)
      .send(createReadStream(file.filePath, { start: range.start, end: range.end }));
  }
  return reply.code(200).header('Content-Length', size).send(createReadStream(file.filePath));
}
