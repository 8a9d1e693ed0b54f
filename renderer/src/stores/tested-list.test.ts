import { describe, expect, it } from 'vitest';
import type { NamedRow } from './named-list';
import { useTestedList } from './tested-list';
import { useTestRuns } from './test-runs';

const row = (id: string, name: string): NamedRow => ({ id, name, createdAt: '2026-01-01' });

function tested(refuseDelete = false) {
  const deleted: string[] = [];
  const runs = useTestRuns<string>();
  const store = useTestedList(
    {
      list: () => Promise.resolve({ items: [row('1', 'B')] }),
      create: (name: string) => Promise.resolve(row('2', name)),
      update: (input: { id: string; name: string }) => Promise.resolve(row(input.id, input.name)),
      delete: async (id) => {
        if (refuseDelete) throw new Error('in use');
        deleted.push(id);
      },
    },
    runs,
  );
  return { list: store.list, save: store.save, ...store.shown, runs, deleted };
}

describe('useTestedList', () => {
  it('puts what create and save answer into the list, by name', async () => {
    const { list, create, save } = tested();
    await list.load();
    await create('A');
    expect(list.items.value.map((r) => r.name)).toEqual(['A', 'B']);
    await expect(save({ id: '1', name: 'C' })).resolves.toEqual(row('1', 'C'));
    expect(list.items.value.map((r) => r.name)).toEqual(['A', 'C']);
  });

  it('removes a row and forgets its last test; a refused delete leaves both', async () => {
    const kept = tested();
    await kept.list.load();
    kept.runs.record('1', 'passed');
    await kept.remove('1');
    expect(kept.deleted).toEqual(['1']);
    expect(kept.list.items.value).toEqual([]);
    expect(kept.runs.tests.value).toEqual({});

    const refused = tested(true);
    await refused.list.load();
    refused.runs.record('1', 'passed');
    await expect(refused.remove('1')).rejects.toThrow('in use');
    expect(refused.list.items.value.map((r) => r.id)).toEqual(['1']);
    expect(refused.runs.tests.value).toEqual({ '1': 'passed' });
  });
});
