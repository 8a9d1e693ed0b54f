import { Readable } from 'node:stream';
import { turnTaker } from '../../src/event-loop/turns';
import { serializeJson } from './json-serializer';

/** Containers are walked this deep; below it each value is serialized whole (one piece). */
const WALK_DEPTH = 2;

function isWalkable(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}

/**
 * The JSON text of `value` (as serializeJson writes it: `<`, `>`, `&` escaped), in pieces: the
 * top containers are walked and each of their entries serialized on its own, with a turn of the
 * event loop whenever the work since the last one took longer than the turn budget. A document
 * of tens of megabytes (a backup with its covers) never holds the loop for long; the pieces join
 * to exactly what serializeJson(value) gives.
 */
export async function* jsonPieces(
  value: unknown,
  turn: () => Promise<void> = turnTaker(),
  depth = WALK_DEPTH,
): AsyncGenerator<string> {
  await turn();
  if (depth === 0 || !isWalkable(value)) {
    yield serializeJson(value);
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (const [i, item] of value.entries()) {
      if (i > 0) yield ',';
      // as JSON.stringify: what has no JSON form is null inside an array
      const writable = item !== undefined && typeof item !== 'function' && typeof item !== 'symbol';
      yield* jsonPieces(writable ? item : null, turn, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    // as JSON.stringify: such properties are left out of an object
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '' : ','}${serializeJson(key)}:`;
    first = false;
    yield* jsonPieces(item, turn, depth - 1);
  }
  yield '}';
}

/** A stream of the JSON text of `value`, written in pieces (see jsonPieces). */
export function jsonStream(value: unknown): Readable {
  return Readable.from(jsonPieces(value), { objectMode: false, encoding: 'utf8' });
}
