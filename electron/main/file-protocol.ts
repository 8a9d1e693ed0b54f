// recorder-file://app/api/... : how the desktop window loads the files the contract answers as
// files (a stream's artwork, a session's audio) without an HTTP port. A request is matched
// against the paths of the file operations of the table, run through the table (validated like
// any call), and the file it names is streamed, with Range for the audio element's seeking.
// Nothing else on disk can be reached: no path of the request is ever used as a file path.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DESKTOP_FILE_HOST, DESKTOP_FILE_SCHEME } from '../../core/contract/desktop';
import { errorStatus, isAppError, type ErrorBody } from '../../core/contract/errors';
import { fileAnswer, type FileResult } from '../../core/contract/operations/common';
import type { FileOperationName as FileAnswering } from '../../core/contract/operations';
import { contentRange, parseRange } from '../../core/server/http/range';

/** The operations that answer `{filePath, contentType}`: the only ones this scheme serves. */
export const FILE_OPERATIONS = ['streams.getArtwork', 'sessions.audio'] as const;
export type FileOperationName = (typeof FILE_OPERATIONS)[number];

// The list above is exactly the operations whose answer schema is the contract's fileAnswer:
// the type-check fails when the contract adds one.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _exactlyTheFileOperations: Exact<FileOperationName, FileAnswering> = true;
void _exactlyTheFileOperations;

export interface FileRoute {
  name: FileOperationName;
  /** `/api/sessions/:id/audio` as a pattern with one group per `:param`. */
  pattern: RegExp;
  params: string[];
}

/** The routes of the file operations found in the table (GET only). */
export function fileRoutes(
  specs: readonly { name: string; http: { method: string; path: string } }[],
): FileRoute[] {
  const routes: FileRoute[] = [];
  for (const spec of specs) {
    if (!(FILE_OPERATIONS as readonly string[]).includes(spec.name)) continue;
    if (spec.http.method !== 'GET') continue;
    const params: string[] = [];
    const source = spec.http.path
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        params.push(part.slice(1));
        return '([^/]+)';
      })
      .join('/');
    routes.push({
      name: spec.name as FileOperationName,
      pattern: new RegExp(`^${source}$`),
      params,
    });
  }
  return routes;
}

/** `recorder-file://app/api/sessions/x/audio` → `{name: 'sessions.audio', input: {id: 'x'}}`. */
export function matchFileUrl(
  url: string,
  routes: readonly FileRoute[],
): { name: FileOperationName; input: Record<string, string> } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${DESKTOP_FILE_SCHEME}:` || parsed.host !== DESKTOP_FILE_HOST) {
    return null;
  }
  for (const route of routes) {
    const match = route.pattern.exec(parsed.pathname);
    if (!match) continue;
    const input: Record<string, string> = {};
    for (const [index, param] of route.params.entries()) {
      let value: string;
      try {
        value = decodeURIComponent(match[index + 1] ?? '');
      } catch {
        return null;
      }
      input[param] = value;
    }
    return { name: route.name, input };
  }
  return null;
}

function errorResponse(status: number, error: ErrorBody): Response {
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/**
 * The file as an HTTP-like response: 200 with the whole file, or 206 for a single satisfiable
 * `Range` (416 outside the file), streamed from disk. HEAD answers the headers only.
 */
export async function fileResponse(
  file: FileResult,
  request: { method: string; headers: Headers },
): Promise<Response> {
  let size: number;
  try {
    const info = await stat(file.filePath);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    return errorResponse(404, { code: 'NOT_FOUND', message: 'The file is no longer on disk.' });
  }
  const headers = new Headers({
    'Content-Type': file.contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
  });
  const range = parseRange(request.headers.get('range') ?? undefined, size);
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', contentRange(range, size));
    return new Response(null, { status: 416, headers });
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : size - 1;
  const status = range.kind === 'partial' ? 206 : 200;
  if (range.kind === 'partial') headers.set('Content-Range', contentRange(range, size));
  headers.set('Content-Length', String(size === 0 ? 0 : end - start + 1));
  if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
  const body = Readable.toWeb(createReadStream(file.filePath, { start, end }));
  return new Response(body as ReadableStream<Uint8Array>, { status, headers });
}

export interface FileProtocolDeps {
  routes: readonly FileRoute[];
  /** Runs an operation of the table (validating its input). */
  invoke: (name: string, input: unknown) => Promise<unknown>;
  log?: (message: string) => void;
}

/** The handler for `protocol.handle(DESKTOP_FILE_SCHEME, ...)`. */
export function createFileProtocolHandler(deps: FileProtocolDeps) {
  return async (request: { url: string; method: string; headers: Headers }): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorResponse(405, { code: 'VALIDATION_FAILED', message: 'Only GET is served.' });
    }
    const match = matchFileUrl(request.url, deps.routes);
    if (!match) {
      return errorResponse(404, { code: 'NOT_FOUND', message: 'There is no such file.' });
    }
    let answer: unknown;
    try {
      answer = await deps.invoke(match.name, match.input);
    } catch (error) {
      if (isAppError(error)) return errorResponse(errorStatus(error.code), error.toBody());
      deps.log?.(`${match.name} failed: ${String(error)}`);
      return errorResponse(500, { code: 'INTERNAL', message: 'The file could not be read.' });
    }
    // the route's operation declares fileAnswer; an answer that does not fit it names no file
    const file = fileAnswer.safeParse(answer);
    if (!file.success) {
      return errorResponse(404, { code: 'NOT_FOUND', message: 'There is no such file.' });
    }
    return fileResponse(file.data, request);
  };
}
