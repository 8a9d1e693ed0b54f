import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { EVENT_NAMES } from '../../contract';
import { EVENTS_PATH } from '../../contract/auth';
import type { EventBus } from '../../src/events/event-bus';
import {
  formatComment,
  formatEvent,
  formatRetry,
  SSE_HEARTBEAT_MS,
  SSE_RETRY_MS,
} from './sse-format';

/** A client that reads slower than events come is dropped past this backlog (it reconnects). */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * `GET /api/events` (auth required like all of /api): Server-Sent Events for every contract
 * event (session, transfer-progress, log, system), a `retry:` hint, a heartbeat comment every
 * 15 s. Listeners are removed when the client goes; at shutdown every stream is ended.
 */
export function registerEventStream(
  app: FastifyInstance,
  events: EventBus,
  options: { heartbeatMs?: number } = {},
): void {
  const open = new Set<ServerResponse>();

  app.get(EVENTS_PATH, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    request.raw.socket.setNoDelay(true);
    request.raw.socket.setTimeout(0);
    open.add(res);
    const send = (chunk: string) => {
      if (res.writableEnded || res.destroyed) return;
      if (res.writableLength > MAX_BACKLOG_BYTES) {
        res.destroy();
        return;
      }
      res.write(chunk);
    };
    send(formatRetry(SSE_RETRY_MS) + formatComment('connected'));
    const unsubscribe = EVENT_NAMES.map((name) =>
      events.on(name, (payload) => send(formatEvent(name, payload))),
    );
    const heartbeat = setInterval(
      () => send(formatComment('heartbeat')),
      options.heartbeatMs ?? SSE_HEARTBEAT_MS,
    );
    const cleanup = () => {
      clearInterval(heartbeat);
      for (const off of unsubscribe) off();
      open.delete(res);
    };
    res.once('close', cleanup);
  });

  // a server that is closing waits for open requests: end the event streams first
  app.addHook('preClose', (done) => {
    for (const res of open) res.end();
    open.clear();
    done();
  });
}
