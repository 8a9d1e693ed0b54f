import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { operationAt, type HttpMethod } from '../../contract/operation';
import { mergeInput } from './merge-input';

const spec = (method: HttpMethod, rawBody?: boolean) =>
  operationAt(`${method} /api/x/:id`, 'x', {
    input: z.object({}),
    output: z.object({}),
    http: rawBody ? { rawBody: { maxBytes: 10, contentTypes: ['image/png'] } } : {},
    summary: '',
  });

// fastify's params and query objects have null-prototype classes
const nullObject = (value: Record<string, unknown>) =>
  Object.assign(Object.create(null) as object, value);

describe('mergeInput', () => {
  it('merges query and params for GET and DELETE, params winning', () => {
    const parts = {
      params: nullObject({ id: 's1' }),
      query: nullObject({ id: 'other', cascade: 'true' }),
      body: { ignored: true },
    };
    expect(mergeInput(spec('GET'), parts)).toEqual({ id: 's1', cascade: 'true' });
    expect(mergeInput(spec('DELETE'), parts)).toEqual({ id: 's1', cascade: 'true' });
  });

  it('merges the JSON body and params for POST and PUT; the path id cannot be overridden', () => {
    const parts = {
      params: { id: 's1' },
      query: { q: '1' },
      body: { id: 'evil', durationSeconds: 5 },
    };
    expect(mergeInput(spec('POST'), parts)).toEqual({ id: 's1', durationSeconds: 5 });
    expect(mergeInput(spec('PUT'), { params: {}, query: {}, body: undefined })).toEqual({});
  });

  it('refuses a JSON body that is not an object', () => {
    for (const body of [[1], 'text', 5, true]) {
      expect(() => mergeInput(spec('POST'), { params: {}, query: {}, body })).toThrow(
        /must be a JSON object/,
      );
    }
  });

  it('hands raw bytes to a raw-body operation as body', () => {
    const bytes = Buffer.from([1, 2, 3]);
    expect(mergeInput(spec('PUT', true), { params: { id: 's1' }, query: {}, body: bytes })).toEqual(
      { id: 's1', body: bytes },
    );
    expect(mergeInput(spec('PUT', true), { params: { id: 's1' }, query: {}, body: {} })).toEqual({
      id: 's1',
    });
  });
});
