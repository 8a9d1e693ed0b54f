import { describe, expect, it } from 'vitest';
import { resolveStreamUrl, streamAnswers } from './playlist';

type Route = (init?: RequestInit) => Response | Promise<Response>;

function fakeFetch(routes: Record<string, Route>) {
  const requested: string[] = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    requested.push(url);
    const route = routes[url];
    if (!route) throw new TypeError('fetch failed: connect ECONNREFUSED');
    return route(init);
  }) as typeof fetch;
  return { impl, requested };
}

const audio = () => new Response('ID3....', { headers: { 'content-type': 'audio/mpeg' } });
const text =
  (body: string, type = 'audio/x-scpls') =>
  () =>
    new Response(body, { headers: { 'content-type': type } });

/** Expects resolving `url` to fail with STREAM_UNREACHABLE and a message matching `message`. */
async function expectUnreachable(
  url: string,
  options: Parameters<typeof resolveStreamUrl>[1],
  message: RegExp,
): Promise<void> {
  await expect(resolveStreamUrl(url, options)).rejects.toMatchObject({
    code: 'STREAM_UNREACHABLE',
    message: expect.stringMatching(message),
  });
}

describe('resolveStreamUrl', () => {
  it('returns a direct audio stream as it is', async () => {
    const { impl } = fakeFetch({ 'http://a/live.mp3': audio });
    await expect(resolveStreamUrl('http://a/live.mp3', { fetch: impl })).resolves.toEqual({
      url: 'http://a/live.mp3',
      kind: 'direct',
    });
  });

  it('picks the first PLS entry that answers', async () => {
    const { impl, requested } = fakeFetch({
      'http://a/listen.pls': text('[playlist]\nFile1=http://dead/x\nFile2=http://b/live.mp3\n'),
      'http://b/live.mp3': audio,
    });
    const r = await resolveStreamUrl('http://a/listen.pls', { fetch: impl });
    expect(r).toEqual({ url: 'http://b/live.mp3', kind: 'entry' });
    expect(requested).toEqual(['http://a/listen.pls', 'http://dead/x', 'http://b/live.mp3']);
  });

  it('detects an M3U by its content type even without extension', async () => {
    const { impl } = fakeFetch({
      'http://a/listen': text('#EXTM3U\nhttp://b/live.aac\n', 'audio/x-mpegurl'),
      'http://b/live.aac': () => new Response('x', { headers: { 'content-type': 'audio/aac' } }),
    });
    await expect(resolveStreamUrl('http://a/listen', { fetch: impl })).resolves.toEqual({
      url: 'http://b/live.aac',
      kind: 'entry',
    });
  });

  it('skips entries the URL policy refuses and entries that answer with an error', async () => {
    const { impl, requested } = fakeFetch({
      'http://a/x.m3u': text(
        'file:///etc/passwd\npipe:0\nhttp://c/404\nhttp://b/ok\n',
        'text/plain',
      ),
      'http://c/404': () => new Response('no', { status: 404 }),
      'http://b/ok': () => new Response('bytes', { headers: { 'content-type': 'text/html' } }),
    });
    await expect(resolveStreamUrl('http://a/x.m3u', { fetch: impl })).resolves.toEqual({
      url: 'http://b/ok',
      kind: 'entry',
    });
    expect(requested).not.toContain('file:///etc/passwd');
  });

  it('fails with STREAM_UNREACHABLE when no entry answers or the list is empty', async () => {
    const { impl } = fakeFetch({
      'http://a/x.pls': text('[playlist]\nFile1=file:///etc/passwd\nFile2=http://dead/\n'),
      'http://a/empty.m3u': text('#EXTM3U\n', 'audio/x-mpegurl'),
    });
    const err = await resolveStreamUrl('http://a/x.pls', { fetch: impl }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STREAM_UNREACHABLE' });
    expect((err as Error).message).toBe(
      'None of the 2 entries of the playlist http://a/x.pls answered (1 not a network stream URL, 1 did not answer). Check the station or its URL.',
    );
    await expectUnreachable('http://a/empty.m3u', { fetch: impl }, /lists no stream URLs/);
  });

  it('fails for a playlist URL that cannot be fetched or answers an error', async () => {
    const { impl } = fakeFetch({ 'http://a/gone.pls': () => new Response('', { status: 404 }) });
    await expectUnreachable('http://a/gone.pls', { fetch: impl }, /HTTP 404/);
    await expectUnreachable('http://nowhere/x.pls', { fetch: impl }, /could not be fetched/);
  });

  it('hands a stream URL that cannot be fetched to ffmpeg unverified', async () => {
    const { impl } = fakeFetch({ 'http://a/500': () => new Response('', { status: 500 }) });
    await expect(resolveStreamUrl('http://nowhere/live', { fetch: impl })).resolves.toEqual({
      url: 'http://nowhere/live',
      kind: 'direct',
      unverified: true,
    });
    await expect(resolveStreamUrl('http://a/500', { fetch: impl })).resolves.toMatchObject({
      unverified: true,
    });
  });

  it('leaves HLS to ffmpeg and reads its target duration', async () => {
    const { impl } = fakeFetch({
      'http://a/live.m3u8': text(
        '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\ns1.ts\n',
        'application/vnd.apple.mpegurl',
      ),
      'http://a/master.m3u8': text(
        '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow.m3u8\n',
        'audio/mpegurl',
      ),
    });
    await expect(resolveStreamUrl('http://a/live.m3u8', { fetch: impl })).resolves.toEqual({
      url: 'http://a/live.m3u8',
      kind: 'hls',
      hlsTargetSeconds: 4,
    });
    await expect(resolveStreamUrl('http://a/master.m3u8', { fetch: impl })).resolves.toEqual({
      url: 'http://a/master.m3u8',
      kind: 'hls',
    });
  });

  it('follows a nested playlist entry', async () => {
    const { impl } = fakeFetch({
      'http://a/outer.m3u': text('http://a/inner.pls\n', 'audio/x-mpegurl'),
      'http://a/inner.pls': text('[playlist]\nFile1=http://b/live\n'),
      'http://b/live': audio,
    });
    await expect(resolveStreamUrl('http://a/outer.m3u', { fetch: impl })).resolves.toEqual({
      url: 'http://b/live',
      kind: 'entry',
    });
  });

  it('refuses a playlist bigger than the limit', async () => {
    const { impl } = fakeFetch({ 'http://a/big.pls': text(`[playlist]\n${'x'.repeat(5000)}`) });
    await expectUnreachable('http://a/big.pls', { fetch: impl, maxBytes: 1000 }, /larger/);
  });

  it('applies the URL policy first and does not fetch rtmp/rtsp', async () => {
    const { impl, requested } = fakeFetch({});
    await expect(resolveStreamUrl('concat:a|b', { fetch: impl })).rejects.toMatchObject({
      code: 'UNSUPPORTED_URL_SCHEME',
    });
    await expect(resolveStreamUrl('rtmp://a/live/x', { fetch: impl })).resolves.toEqual({
      url: 'rtmp://a/live/x',
      kind: 'direct',
    });
    expect(requested).toEqual([]);
  });

  it('rejects as soon as the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const impl = (async (_u: unknown, init?: RequestInit) => {
      throw init?.signal?.reason ?? new Error('no signal');
    }) as typeof fetch;
    await expect(
      resolveStreamUrl('http://a/live', { fetch: impl, signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});

describe('streamAnswers', () => {
  it('is true for 2xx audio or any 2xx with bytes, false otherwise', async () => {
    const { impl } = fakeFetch({
      'http://a/audio': audio,
      'http://a/bytes': () => new Response('abc'),
      'http://a/empty': () => new Response(''),
      'http://a/403': () => new Response('x', { status: 403 }),
    });
    expect(await streamAnswers('http://a/audio', { fetch: impl })).toBe(true);
    expect(await streamAnswers('http://a/bytes', { fetch: impl })).toBe(true);
    expect(await streamAnswers('http://a/empty', { fetch: impl })).toBe(false);
    expect(await streamAnswers('http://a/403', { fetch: impl })).toBe(false);
    expect(await streamAnswers('http://a/refused', { fetch: impl })).toBe(false);
  });
});
