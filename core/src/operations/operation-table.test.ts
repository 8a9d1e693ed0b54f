import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '../../contract/operation';
import { getDestination, type DestinationDto } from '../../contract/operations/destinations';
import { deleteStream, getStreamArtwork } from '../../contract/operations/streams';
import { health } from '../../contract/operations/system';
import { destinationDto } from '../../contract/testing/destination-fixtures';
import { implement, OperationTable } from './operation-table';

const destination: DestinationDto = destinationDto({
  port: 22,
  username: 'radio',
  remoteDir: '/shows',
});

// Each handler answers what its spec's answer schema refuses; the casts get past the types,
// which would refuse them (see "a handler answering another shape fails the type-check").
const wrong = [
  // a secret leaking into the DTO
  implement(getDestination, async () => ({ ...destination, privateKey: 'PEM' }) as never),
  implement(health, async () => ({ status: 'fine', version: '1' }) as never),
  implement(deleteStream, async () => ({ deleted: true }) as never),
  implement(getStreamArtwork, async () => ({ filePath: 42, contentType: 'image/jpeg' }) as never),
];

describe('OperationTable answers', () => {
  it('with checkAnswers, an answer its schema refuses fails the call, naming operation and field', async () => {
    const table = new OperationTable<undefined>(wrong, { checkAnswers: true });
    await expect(table.invoke('destinations.get', { id: 'd1' }, undefined)).rejects.toThrow(
      /^destinations\.get answered what its answer schema refuses: .*privateKey/,
    );
    await expect(table.invoke('health', {}, undefined)).rejects.toThrow(
      /^health answered what its answer schema refuses: status: /,
    );
    await expect(table.invoke('streams.delete', { id: 's1' }, undefined)).rejects.toThrow(
      /^streams\.delete answered what its answer schema refuses/,
    );
    await expect(table.invoke('streams.getArtwork', { id: 's1' }, undefined)).rejects.toThrow(
      /^streams\.getArtwork answered what its answer schema refuses: filePath: /,
    );
  });

  it('with checkAnswers, a right answer is handed back as it is (the same object)', async () => {
    const table = new OperationTable<undefined>(
      [
        implement(getDestination, async () => destination),
        implement(deleteStream, async () => undefined),
      ],
      { checkAnswers: true },
    );
    expect(await table.invoke('destinations.get', { id: 'd1' }, undefined)).toBe(destination);
    expect(await table.invoke('streams.delete', { id: 's1' }, undefined)).toBeUndefined();
  });

  it('with checkAnswers, an answer schema that changes what it parses fails the call', async () => {
    const stamped = defineOperation({
      name: 'things.get',
      input: z.object({}),
      output: z.strictObject({ at: z.string().default('now') }),
      http: { method: 'GET', path: '/api/things' },
      summary: '',
    });
    const table = new OperationTable<undefined>([implement(stamped, async () => ({}) as never)], {
      checkAnswers: true,
    });
    await expect(table.invoke('things.get', {}, undefined)).rejects.toThrow(
      'things.get: its answer schema changes the answer it parses.',
    );
  });

  it('without checkAnswers (production), answers are not parsed again', async () => {
    const table = new OperationTable<undefined>(wrong);
    expect(await table.invoke('health', {}, undefined)).toEqual({ status: 'fine', version: '1' });
  });
});

// A handler answering another shape fails the type-check (`npm run typecheck` reads this file;
// each line below would compile without the @ts-expect-error only if the typing were lost).
export function handlersOfTheWrongShape() {
  return [
    // @ts-expect-error: version must be text
    implement(health, async () => ({ status: 'ok' as const, version: 1 })),
    // @ts-expect-error: a destination lacks hasPassphrase
    implement(getDestination, async () => {
      const { hasPassphrase: _left, ...rest } = destination;
      return rest;
    }),
    // @ts-expect-error: a 204 answers nothing
    implement(deleteStream, async () => ({ deleted: true })),
    // @ts-expect-error: a file answer's path is text
    implement(getStreamArtwork, async () => ({ filePath: 42, contentType: 'image/jpeg' })),
  ];
}
