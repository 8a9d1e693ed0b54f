import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { INTERNAL_MESSAGE, toErrorReply } from './error-reply';

describe('toErrorReply', () => {
  it('keeps an AppError: code, message, field, and the status of its code', () => {
    const reply = toErrorReply(new AppError('CONFLICT', 'In use.', { field: 'id' }));
    expect(reply).toEqual({
      status: 409,
      body: { error: { code: 'CONFLICT', message: 'In use.', field: 'id' } },
    });
    expect(toErrorReply(new AppError('INVALID_IMAGE', 'Not an image.')).status).toBe(422);
    expect(toErrorReply(new AppError('UNSUPPORTED_MEDIA_TYPE', 'GIF.')).status).toBe(415);
  });

  it('turns a zod error into VALIDATION_FAILED naming the field', () => {
    const parsed = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    const reply = toErrorReply(parsed.error);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'a.b' });
  });

  it('maps the framework errors to the contract codes', () => {
    const cases: [string, number, number, string][] = [
      ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 413, 'PAYLOAD_TOO_LARGE'],
      ['FST_REQ_FILE_TOO_LARGE', 413, 413, 'PAYLOAD_TOO_LARGE'],
      ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['FST_INVALID_MULTIPART_CONTENT_TYPE', 406, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 400, 'VALIDATION_FAILED'],
      ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 400, 'VALIDATION_FAILED'],
      ['FST_ERR_BAD_URL', 400, 400, 'VALIDATION_FAILED'],
      ['FST_ERR_MAX_PARAM_LENGTH', 414, 400, 'VALIDATION_FAILED'],
      ['HPE_HEADER_OVERFLOW', 431, 413, 'PAYLOAD_TOO_LARGE'],
      ['ERR_HTTP_REQUEST_TIMEOUT', 408, 400, 'VALIDATION_FAILED'],
      ['SOMETHING_ELSE', 429, 429, 'RATE_LIMITED'],
      ['SOMETHING_ELSE', 418, 400, 'VALIDATION_FAILED'],
    ];
    for (const [code, statusCode, status, contractCode] of cases) {
      const error = Object.assign(new Error('internal words /srv/x'), { code, statusCode });
      const reply = toErrorReply(error);
      expect(reply.status, code).toBe(status);
      expect(reply.body.error.code, code).toBe(contractCode);
      expect(reply.body.error.message).not.toContain('/srv/x');
      expect(reply.detail).toBeUndefined();
    }
  });

  it('answers anything else with a generic 500 and keeps the detail for the log only', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x') at /app/a.js");
    const reply = toErrorReply(error);
    expect(reply).toMatchObject({
      status: 500,
      body: { error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } },
    });
    expect(JSON.stringify(reply.body)).not.toContain('/app/a.js');
    expect(reply.detail).toContain('/app/a.js');
    expect(toErrorReply('a string').status).toBe(500);
    expect(toErrorReply(undefined).status).toBe(500);
  });

  it('logs the cause of an INTERNAL AppError (the table wraps unexpected failures)', () => {
    const wrapped = new AppError('INTERNAL', 'streams.list failed unexpectedly.', {
      cause: new Error('SQLITE_BUSY'),
    });
    const reply = toErrorReply(wrapped);
    expect(reply.body.error.message).toBe('streams.list failed unexpectedly.');
    expect(reply.detail).toContain('SQLITE_BUSY');
  });
});
