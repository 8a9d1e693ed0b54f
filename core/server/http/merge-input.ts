import { AppError } from '../../contract';
import type { OperationSpec } from '../../contract/operation';

export interface RequestParts {
  params: unknown;
  query: unknown;
  body: unknown;
}

// fastify hands params and query as objects of null-prototype classes: any record will do.
function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}

const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/**
 * One input object for the operation table, as the contract says (core/contract/operation.ts):
 * path params, the query string (GET and DELETE) and the JSON body (POST and PUT) merged; path
 * params win, so a body cannot retarget a request. A raw-body operation gets its bytes as `body`.
 */
export function mergeInput(spec: OperationSpec, parts: RequestParts): Record<string, unknown> {
  const params = asRecord(parts.params);
  const { method, rawBody } = spec.http;
  if (method === 'GET' || method === 'DELETE') return { ...asRecord(parts.query), ...params };
  if (rawBody) {
    return parts.body instanceof Uint8Array ? { ...params, body: parts.body } : { ...params };
  }
  if (parts.body === undefined || parts.body === null) return { ...params };
  if (!isRecord(parts.body)) {
    throw new AppError('VALIDATION_FAILED', 'The body must be a JSON object.');
  }
  return { ...parts.body, ...params };
}
