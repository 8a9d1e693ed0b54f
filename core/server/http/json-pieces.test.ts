import { describe, expect, it } from 'vitest';
import { jsonPieces, jsonStream } from './json-pieces';
import { serializeJson } from './json-serializer';

async function joined(value: unknown, turn?: () => Promise<void>): Promise<string> {
  let text = '';
  for await (const piece of jsonPieces(value, turn)) text += piece;
  return text;
}

describe('jsonPieces', () => {
  const values: [string, unknown][] = [
    [
      'a backup-like document',
      {
        format: 'x',
        destinations: [
          { id: 'a', key: '<script>&' },
          { id: 'b', nested: { deep: [1, 2, { c: 3 }] } },
        ],
        streams: [],
        settings: { on: true, n: null, skipped: undefined },
      },
    ],
    ['an array with holes of no JSON form', [1, undefined, () => 1, 'x\u2028y']],
    ['a scalar', 'plain <b>'],
    ['null', null],
    ['an empty object', {}],
    ['a date (toJSON)', { at: new Date(0) }],
  ];
  for (const [name, value] of values) {
    it(`joins to exactly what serializeJson writes: ${name}`, async () => {
      const text = await joined(value);
      expect(text).toBe(serializeJson(value));
      expect(JSON.parse(text)).toEqual(JSON.parse(serializeJson(value)));
    });
  }

  it('serializes each entry of the top containers on its own, with a turn before each', async () => {
    let turns = 0;
    const pieces: string[] = [];
    const big = 'A'.repeat(100_000);
    for await (const piece of jsonPieces(
      { items: [{ a: big }, { b: big }, { c: big }] },
      async () => {
        turns += 1;
      },
    )) {
      pieces.push(piece);
    }
    // no piece holds more than one entry's text
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(100_100);
    expect(turns).toBeGreaterThanOrEqual(4);
  });

  it('streams the same text', async () => {
    const value = { items: [{ a: 1 }, { b: '<&>' }], total: 2 };
    let text = '';
    for await (const chunk of jsonStream(value)) text += String(chunk);
    expect(text).toBe(serializeJson(value));
  });
});
