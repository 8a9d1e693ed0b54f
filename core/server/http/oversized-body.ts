import type { FastifyInstance } from 'fastify';
import { AppError } from '../../contract';

/** Bodies up to this size are read and thrown away before the 413 (a "lingering close"). */
export const LINGER_MAX_BYTES = 256 * 1024 * 1024;

/**
 * A body announced larger than its route's limit is answered 413 — but only after reading it
 * and throwing it away. Answering at once and closing would leave the client's unsent bytes in
 * the server's socket, and the kernel then resets the connection, so the client may never see
 * the 413 (only EPIPE/ECONNRESET). Past LINGER_MAX_BYTES the connection is simply refused.
 */
export function refuseOversizedBodies(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const limit = request.routeOptions.bodyLimit;
    const length = Number(request.headers['content-length']);
    if (!limit || !Number.isFinite(length) || length <= limit) return payload;
    if (length <= LINGER_MAX_BYTES) {
      for await (const _chunk of payload) {
        // discard
      }
    }
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The request body is too large: at most ${Math.floor(limit / (1024 * 1024)) || limit} ${limit >= 1024 * 1024 ? 'MB' : 'bytes'} here.`,
    );
  });
}
