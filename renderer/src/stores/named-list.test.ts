import { describe, expect, it } from 'vitest';
import { useNamedList, type NamedRow } from './named-list';

const row = (id: string, name: string): NamedRow => ({ id, name, createdAt: '2026-01-01' });

describe('useNamedList', () => {
  it('puts what a call answers into the list, by name, and drops a deleted row', async () => {
    const list = useNamedList(() => Promise.resolve({ items: [row('1', 'B')] }));
    await list.load();
    const create = list.putting((name: string) => Promise.resolve(row('2', name)));
    await expect(create('A')).resolves.toEqual(row('2', 'A'));
    expect(list.items.value.map((r) => r.name)).toEqual(['A', 'B']);
    list.drop('1');
    expect(list.items.value.map((r) => r.id)).toEqual(['2']);
  });

  it('names a row, with a stand-in while loading or when it is gone', async () => {
    const list = useNamedList(() => Promise.resolve({ items: [row('1', 'Archive')] }));
    expect(list.nameOf('1', 'Deleted')).toBe('…');
    await list.load();
    expect(list.nameOf('1', 'Deleted')).toBe('Archive');
    expect(list.nameOf('9', 'Deleted')).toBe('Deleted');
  });
});
