import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';

/**
 * JSON is the only body most routes take: an empty body (a POST without payload sent with a JSON
 * Content-Type) reads as `{}`; `__proto__` and `constructor.prototype` keys are refused. The
 * text/plain parser fastify adds by default is removed (a body of any other type is a 415).
 */
export function useJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') {
      done(null, {});
      return;
    }
    parse(request, body as string, done);
  });
}

/**
 * A raw-body route's scope: only the listed content types, read into one Buffer (at most
 * `maxBytes`, else 413), and multipart/form-data (the route reads its `file` field). Other
 * Content-Types, JSON included, are 415.
 */
export async function useRawBodies(
  scope: FastifyInstance,
  rawBody: { maxBytes: number; contentTypes: readonly string[] },
): Promise<void> {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    [...rawBody.contentTypes],
    { parseAs: 'buffer', bodyLimit: rawBody.maxBytes },
    (_request, body, done) => done(null, body),
  );
  await scope.register(multipart, {
    limits: { fileSize: rawBody.maxBytes, files: 1, fields: 10, parts: 20, fieldSize: 1024 },
  });
}
