import type { HttpMethod, OperationSpec } from '@contract/operation';
import { ApiError } from './api-error';

/** One HTTP request of an operation, before the host part of the URL and the credentials. */
export interface HttpRequest {
  method: HttpMethod;
  /** The path with its parameters filled in, and the query string for GET and DELETE. */
  url: string;
  headers: Record<string, string>;
  body?: string | Blob | Uint8Array;
}

/** GET, HEAD and OPTIONS change nothing; anything else needs the CSRF token of a login. */
export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function queryValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The query string (with its `?`) of the fields left: absent (undefined/null) ones are left out. */
function queryString(fields: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) query.append(key, queryValue(item));
    else query.append(key, queryValue(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The image type of raw bytes from their first bytes (JPEG, PNG, WebP), for an upload. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const at = (i: number) => bytes[i];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

function rawBodyOf(spec: OperationSpec, value: unknown): Pick<HttpRequest, 'body' | 'headers'> {
  const types = spec.http.rawBody?.contentTypes ?? [];
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    const type = value.type || types[0] || 'application/octet-stream';
    return { body: value, headers: { 'Content-Type': type } };
  }
  if (value instanceof Uint8Array) {
    const type = sniffImageType(value) ?? types[0] ?? 'application/octet-stream';
    return { body: value, headers: { 'Content-Type': type } };
  }
  throw new ApiError('VALIDATION_FAILED', 'must be the file (bytes)', { field: 'body' });
}

/**
 * The request of an operation, from its spec in the contract: `:params` of the path come from
 * the input (URL-encoded), the other fields go in the query string for GET and DELETE and in a
 * JSON body otherwise (no body when nothing is left); a raw-body operation (an image upload)
 * sends `input.body` as is. The server merges them back into one input (core/server/http).
 */
export function buildRequest(spec: OperationSpec, input: unknown = {}): HttpRequest {
  if (!isRecord(input)) {
    throw new ApiError('VALIDATION_FAILED', `The input of ${spec.name} must be an object.`);
  }
  const rest: Record<string, unknown> = { ...input };
  const path = spec.http.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null || value === '') {
      throw new ApiError('VALIDATION_FAILED', 'is required', { field: name });
    }
    return encodeURIComponent(String(value));
  });
  const { method } = spec.http;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method === 'GET' || method === 'DELETE') {
    return { method, url: path + queryString(rest), headers };
  }
  if (spec.http.rawBody) {
    const raw = rawBodyOf(spec, rest.body);
    return { method, url: path, headers: { ...headers, ...raw.headers }, body: raw.body };
  }
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (Object.keys(fields).length === 0) return { method, url: path, headers };
  return {
    method,
    url: path,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(fields),
  };
}
