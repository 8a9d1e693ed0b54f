import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../contract';
import { isKnownFrameworkError, toErrorReply, type ErrorReply } from './error-reply';
import { serializeJson } from './json-serializer';

// Answers that fastify (or Node's HTTP server under it) would otherwise write by itself, in its
// own format: a malformed URL, a path parameter past maxParamLength, HTTP that does not parse
// (bad request line, headers too large, too slow), a request that arrives while the server
// closes. Each gets the contract's `{"error": {code, message, field?}}` like every other error.

/** The longest path parameter routed (longer ones get FST_ERR_MAX_PARAM_LENGTH). */
export const MAX_PARAM_LENGTH = 2048;

/** Sends an error answer: its status, the contract body as JSON, never cached. */
export function sendErrorReply(reply: FastifyReply, answer: ErrorReply): FastifyReply {
  return reply
    .code(answer.status)
    .type('application/json; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(serializeJson(answer.body));
}

/** fastify's `frameworkErrors`: bad URLs and over-long path parameters, before routing. */
export function answerFrameworkError(error: Error, _request: unknown, reply: FastifyReply): void {
  sendErrorReply(reply, toErrorReply(error));
}

/**
 * fastify's `clientErrorHandler`: HTTP that Node's parser refused. The answer is written to the
 * socket (there is no request), then the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // a reset connection has nobody to answer
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = toErrorReply(
    isKnownFrameworkError(error)
      ? error
      : new AppError('VALIDATION_FAILED', 'The request is not valid HTTP.'),
  );
  if (socket.writable) {
    const body = serializeJson(answer.body);
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\nConnection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/**
 * While the server closes, a request that still arrives on an open connection is answered 503
 * (SERVICE_UNAVAILABLE) and its connection closed. Replaces fastify's `return503OnClosing`,
 * which answers in its own format: build the server with `return503OnClosing: false`.
 */
export function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) {
      done();
      return;
    }
    reply.header('Connection', 'close');
    done(new AppError('SERVICE_UNAVAILABLE', 'The server is stopping: try again in a moment.'));
  });
}
