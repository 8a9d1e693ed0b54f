import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorCodes } from 'fastify';
import { AppError } from '../../contract';
import { OffThread } from '../../src/event-loop/off-thread';
import { LINGER_MAX_BYTES } from './oversized-body';

/** How a route's JSON body is parsed off the main thread. */
export interface OffThreadJson {
  /** Fields that hold base64 (`*`: any index): handed to the operation decoded, as Uint8Array. */
  base64Fields: readonly (readonly string[])[];
  /** Bytes of the body outside those fields, at most. */
  maxTextBytes: number;
  /** The message of a field that is not base64 (after the field's dotted path). */
  notBase64: string;
}

type Parsed =
  | { value: unknown }
  | { problem: 'json' }
  | { problem: 'base64'; path: (string | number)[] }
  | { problem: 'text'; textBytes: number };

/**
 * In the worker: the body as UTF-8 JSON, parsed as fastify parses JSON (secure-json-parse:
 * `__proto__` and `constructor.prototype` refused), then each base64 field decoded into a buffer
 * of its own (moved back, not copied). A field that is not canonical base64 is refused.
 */
const JOB = `function job(input, packages, parts) {
  const body = Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
  const text = body.toString('utf8');
  if (text.trim() === '') return [{ value: {} }, []];
  let value;
  try {
    value = packages['secure-json-parse'].parse(text, undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch (error) {
    return [{ problem: 'json' }, []];
  }
  const transfer = [];
  let binary = 0;
  let bad = null;
  const decode = (holder, key, path) => {
    const s = holder[key];
    if (typeof s !== 'string' || bad) return;
    const bytes = Buffer.from(s, 'base64');
    if (bytes.toString('base64') !== s) {
      bad = path;
      return;
    }
    const own = new Uint8Array(bytes.length);
    own.set(bytes);
    holder[key] = own;
    transfer.push(own.buffer);
    binary += s.length;
  };
  const walk = (node, path, at, trail) => {
    if (node === null || typeof node !== 'object') return;
    const step = path[at];
    const keys = step === '*' ? (Array.isArray(node) ? [...node.keys()] : []) : [step];
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
      if (at === path.length - 1) decode(node, key, trail.concat(key));
      else walk(node[key], path, at + 1, trail.concat(key));
    }
  };
  for (const path of input.base64Fields) walk(value, path, 0, []);
  if (bad) return [{ problem: 'base64', path: bad }, []];
  const textBytes = body.length - binary;
  if (textBytes > input.maxTextBytes) return [{ problem: 'text', textBytes }, []];
  return [{ value }, transfer];
}`;

const parser = new OffThread<
  { base64Fields: OffThreadJson['base64Fields']; maxTextBytes: number },
  Parsed
>({ name: 'JSON body', source: JOB, packages: ['secure-json-parse'] });

/**
 * The JSON body of a large request (a backup of tens of megabytes), parsed without holding the
 * event loop: each chunk is handed to a worker thread as it arrives (a small copy per chunk; no
 * large string or buffer is ever built on the main thread), parsed there, and its base64 fields
 * decoded there; the answer comes back with those bytes moved, not copied. What is left for the
 * main thread is the document's text, at most `maxTextBytes`. A body over `limit` is read to its
 * end (up to LINGER_MAX_BYTES, so that the client sees the answer) and refused.
 */
export async function parseJsonOffThread(
  payload: AsyncIterable<Buffer>,
  limit: number,
  options: OffThreadJson,
): Promise<unknown> {
  const job = parser.open();
  let total = 0;
  try {
    for await (const chunk of payload) {
      total += chunk.length;
      if (total <= limit) job.send(chunk);
      else if (total > LINGER_MAX_BYTES) break;
    }
  } catch (error) {
    job.cancel();
    throw error;
  }
  if (total > limit) {
    job.cancel();
    throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
  }
  const parsed = await job.finish({
    base64Fields: options.base64Fields,
    maxTextBytes: options.maxTextBytes,
  });
  if ('value' in parsed) return parsed.value;
  switch (parsed.problem) {
    case 'json':
      throw new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
    case 'base64': {
      const field = parsed.path.join('.');
      throw new AppError('VALIDATION_FAILED', `${field}: ${options.notBase64}`, { field });
    }
    case 'text':
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The document holds ${(parsed.textBytes / 1024 / 1024).toFixed(1)} MB besides its images; at most ${(options.maxTextBytes / 1024 / 1024).toFixed(0)} MB are accepted.`,
      );
  }
}

/**
 * A scope whose JSON bodies are parsed off the main thread (parseJsonOffThread); the route's
 * bodyLimit applies. Other Content-Types are 415.
 */
export function useOffThreadJson(scope: FastifyInstance, options: OffThreadJson): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    'application/json',
    async (request: FastifyRequest, payload: FastifyRequest['raw']) =>
      parseJsonOffThread(payload, request.routeOptions.bodyLimit ?? 0, options),
  );
}
