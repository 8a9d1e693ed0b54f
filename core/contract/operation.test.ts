import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listOf, noAnswer, operationAt, resourceOperations } from './operation';

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

describe('operationAt', () => {
  it('takes the method and path from the route, and any other HTTP detail from http', () => {
    const input = z.object({ id: z.string() });
    const output = z.strictObject({ ok: z.boolean() });
    const get = operationAt('GET /api/things/:id', 'things.get', {
      input,
      output,
      summary: 'One.',
    });
    expect(get).toEqual({
      name: 'things.get',
      input,
      output,
      http: { method: 'GET', path: '/api/things/:id' },
      summary: 'One.',
    });
    expect(Object.keys(get)).toEqual(['name', 'input', 'output', 'http', 'summary']);
    const remove = operationAt('DELETE /api/things/:id/art', 'things.deleteArt', {
      input,
      output: noAnswer,
      http: { status: 204 },
      summary: 'Removes.',
    });
    expect(remove.http).toEqual({ method: 'DELETE', path: '/api/things/:id/art', status: 204 });
    expect(remove.output).toBe(noAnswer);
  });
});
