import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FeedService } from '../../src/feeds/feed-service';
import { sendFileResult } from './file-reply';
import { serializeJson } from './json-serializer';

/**
 * The podcast feeds, outside /api: podcast apps cannot log in, so the token in the path is the
 * only credential. Anything wrong (token, stream without a feed, unknown recording) is the same
 * 404, which says nothing about what exists.
 */
export const FEEDS_PREFIX = '/feeds/';

interface FeedParams {
  token: string;
  file: string;
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .header('Cache-Control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(serializeJson({ error: { code: 'NOT_FOUND', message: 'Not found.' } }));
}

/** `name.ext` → `name`; null when `file` does not end in `.ext`. */
function stem(file: string, ext: string): string | null {
  return file.endsWith(ext) && file.length > ext.length ? file.slice(0, -ext.length) : null;
}

/** Where the feed's own addresses start: PUBLIC_URL, else the address this request came to. */
export function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

/** True when the client's copy (If-None-Match, else If-Modified-Since) is still current. */
export function isFresh(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const match = request.headers['if-none-match'];
  if (match !== undefined) {
    return match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

async function sendFeed(
  request: FastifyRequest<{ Params: FeedParams }>,
  reply: FastifyReply,
  feeds: FeedService,
  publicUrl: string | undefined,
): Promise<FastifyReply> {
  const { token, file } = request.params;
  const id = stem(file, '.xml');
  if (id === null) return notFound(reply);
  const streamId = id === 'all' ? null : id;
  const feed = await feeds.feed(token, streamId, originOf(request, publicUrl));
  if (!feed) return notFound(reply);
  reply
    .header('ETag', feed.etag)
    .header('Last-Modified', feed.lastModified.toUTCString())
    .header('Cache-Control', 'no-cache');
  if (isFresh(request, feed.etag, feed.lastModified)) return reply.code(304).send();
  return reply.code(200).type('application/rss+xml; charset=utf-8').send(feed.xml);
}

/** The iCalendar document of upcoming runs (the `calendar.ics` operation's answer). */
export type ScheduleIcs = () => Promise<{ text: string; contentType: string }>;

/**
 * `GET /feeds/<token>/<streamId>.xml`, `all.xml`, `audio/<sessionId>.mp3`, `artwork/<id>.jpg`,
 * and `schedule.ics` (the upcoming runs for calendar apps, built by `scheduleIcs`).
 */
export function registerFeedRoutes(
  app: FastifyInstance,
  feeds: FeedService,
  publicUrl: string | undefined,
  scheduleIcs: ScheduleIcs,
): void {
  app.get<{ Params: Pick<FeedParams, 'token'> }>(
    '/feeds/:token/schedule.ics',
    async (request, reply) => {
      if (!(await feeds.accepts(request.params.token))) return notFound(reply);
      const ics = await scheduleIcs();
      return reply
        .code(200)
        .type(ics.contentType)
        .header('Cache-Control', 'no-cache')
        .send(ics.text);
    },
  );
  app.get<{ Params: FeedParams }>('/feeds/:token/:file', (request, reply) =>
    sendFeed(request, reply, feeds, publicUrl),
  );
  app.get<{ Params: FeedParams }>('/feeds/:token/audio/:file', async (request, reply) => {
    const id = stem(request.params.file, '.mp3');
    const audio = id === null ? null : await feeds.audio(request.params.token, id);
    if (!audio) return notFound(reply);
    return sendFileResult(request, reply, { filePath: audio.filePath, contentType: 'audio/mpeg' });
  });
  app.get<{ Params: FeedParams }>('/feeds/:token/artwork/:file', async (request, reply) => {
    const id = stem(request.params.file, '.jpg');
    const jpeg = id === null ? null : await feeds.cover(request.params.token, id);
    if (!jpeg) return notFound(reply);
    return reply
      .code(200)
      .type('image/jpeg')
      .header('Cache-Control', 'no-cache')
      .header('Content-Length', jpeg.length)
      .send(jpeg);
  });
}
