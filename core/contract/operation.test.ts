import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listOf, noAnswer, resourceOperations } from './operation';

describe('resourceOperations', () => {
  it('gives the five operations of a resource by the one convention', () => {
    const dto = z.strictObject({ id: z.string() });
    const input = z.object({ id: z.string() });
    const ops = resourceOperations('things', '/api/things', dto, {
      list: { input: z.object({}), summary: 'Lists.' },
      get: { input, summary: 'One.' },
      create: { input, summary: 'Creates.' },
      update: { input, summary: 'Replaces.' },
      delete: { input, summary: 'Deletes.' },
    });
    const routes = Object.values(ops).map((op) => [op.name, op.http, op.summary]);
    expect(routes).toEqual([
      ['things.list', { method: 'GET', path: '/api/things' }, 'Lists.'],
      ['things.get', { method: 'GET', path: '/api/things/:id' }, 'One.'],
      ['things.create', { method: 'POST', path: '/api/things', status: 201 }, 'Creates.'],
      ['things.update', { method: 'PUT', path: '/api/things/:id' }, 'Replaces.'],
      ['things.delete', { method: 'DELETE', path: '/api/things/:id', status: 204 }, 'Deletes.'],
    ]);
    expect(ops.get.input).toBe(input);
    expect(ops.get.output).toBe(dto);
    expect(ops.delete.output).toBe(noAnswer);
    expect(ops.list.output.parse({ items: [{ id: 'a' }], total: 1 })).toEqual(
      listOf(dto).parse({ items: [{ id: 'a' }], total: 1 }),
    );
  });
});
