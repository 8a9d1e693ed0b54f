import { describe, expect, it } from 'vitest';
import { isAppError } from '../../contract';
import { foundOr404, listByName, notFoundOf, updateWithStaged } from './stored-resource';

describe('stored resources', () => {
  it('refuses an unknown id with NOT_FOUND on the field id, without repeating the id', async () => {
    expect(notFoundOf('Stream', 'x').toBody()).toEqual({
      code: 'NOT_FOUND',
      field: 'id',
      message: 'This stream does not exist (any more): it may have been deleted.',
    });
    await expect(foundOr404(Promise.resolve({ id: 'a' }), 'Stream', 'a')).resolves.toEqual({
      id: 'a',
    });
    const error = await foundOr404(Promise.resolve(null), 'Schedule', 'b').catch((e: unknown) => e);
    expect(isAppError(error) && error.message).toBe(
      'This schedule does not exist (any more): it may have been deleted.',
    );
    expect(notFoundOf('Notification channel', 'c-1').message).toBe(
      'This notification channel does not exist (any more): it may have been deleted.',
    );
  });

  it('lists by name, the older first among equal names', () => {
    const rows = [
      { name: 'b', createdAt: '2026-01-01' },
      { name: 'a', createdAt: '2026-02-01' },
      { name: 'a', createdAt: '2026-01-01' },
    ];
    expect(listByName(rows, (r) => `${r.name} ${r.createdAt}`)).toEqual({
      items: ['a 2026-01-01', 'a 2026-02-01', 'b 2026-01-01'],
      total: 3,
    });
  });

  it('commits staged files once the row is saved, discards them when it is not', async () => {
    const calls: string[] = [];
    const staged = {
      commit: async () => void calls.push('commit'),
      discard: async () => void calls.push('discard'),
    };
    const gone = () => notFoundOf('Destination', 'd');
    await updateWithStaged(async () => true, staged, gone);
    expect(calls).toEqual(['commit']);
    calls.length = 0;
    const missing = await updateWithStaged(async () => false, staged, gone).catch(
      (e: unknown) => e,
    );
    expect(isAppError(missing) && missing.message).toBe(
      'This destination does not exist (any more): it may have been deleted.',
    );
    expect(calls).toEqual(['discard']);
    calls.length = 0;
    const failure = new Error('disk full');
    await expect(
      updateWithStaged(
        async () => {
          throw failure;
        },
        staged,
        gone,
      ),
    ).rejects.toBe(failure);
    expect(calls).toEqual(['discard']);
  });
});
