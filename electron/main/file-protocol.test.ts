import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopFileUrl } from '../../core/contract/desktop';
import { AppError } from '../../core/contract/errors';
import { operationSpecs } from '../../core/contract/operations';
import {
  createFileProtocolHandler,
  FILE_OPERATIONS,
  fileRoutes,
  matchFileUrl,
} from './file-protocol';

const routes = fileRoutes(operationSpecs);
let dir: string;
let audio: string;
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asr-file-protocol-'));
  audio = join(dir, 'show.mp3');
  await writeFile(audio, bytes);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function handlerWith(answer: (name: string, input: unknown) => Promise<unknown>) {
  const calls: [string, unknown][] = [];
  const handler = createFileProtocolHandler({
    routes,
    invoke: async (name, input) => {
      calls.push([name, input]);
      return answer(name, input);
    },
  });
  return { handler, calls };
}

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({
  url,
  method,
  headers: new Headers(headers),
});
const audioFile = async () => ({ filePath: audio, contentType: 'audio/mpeg' });
const AUDIO_URL = 'recorder-file://app/api/sessions/s1/audio';

/** The audio file asked for with `headers` and `method`, as the audio element asks. */
function getAudio(headers: Record<string, string> = {}, method?: string) {
  return handlerWith(audioFile).handler(get(AUDIO_URL, headers, method));
}

describe('fileRoutes / matchFileUrl', () => {
  it('finds the file operations of the contract, and only those', () => {
    expect(routes.map((r) => r.name).sort()).toEqual([...FILE_OPERATIONS].sort());
  });

  it('matches the URLs the UI builds (file-url.ts) to an operation and its input', () => {
    expect(matchFileUrl(desktopFileUrl('/api/sessions/s%201/audio'), routes)).toEqual({
      name: 'sessions.audio',
      input: { id: 's 1' },
    });
    expect(matchFileUrl('recorder-file://app/api/streams/abc/artwork?v=3', routes)).toEqual({
      name: 'streams.getArtwork',
      input: { id: 'abc' },
    });
  });

  it.each([
    'recorder-file://app/api/backup',
    'recorder-file://app/api/settings',
    'recorder-file://app/api/sessions/x',
    'recorder-file://app/api/sessions/x/audio/extra',
    'recorder-file://app/etc/passwd',
    'recorder-file://other/api/sessions/x/audio',
    'file:///api/sessions/x/audio',
    'recorder-file://app/api/sessions/%E0%A4%A/audio',
    'not a url',
  ])('refuses %s', (url) => {
    expect(matchFileUrl(url, routes)).toBeNull();
  });
});

describe('the recorder-file:// handler', () => {
  it('streams the file the operation named, whole', async () => {
    const { handler, calls } = handlerWith(audioFile);
    const response = await handler(get(AUDIO_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(calls).toEqual([['sessions.audio', { id: 's1' }]]);
  });

  it('answers a Range with 206 and just those bytes (the audio element seeks)', async () => {
    const response = await getAudio({ Range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await getAudio({ Range: 'bytes=-10' });
    expect(tail.headers.get('content-range')).toBe('bytes 990-999/1000');
  });

  it('answers a range outside the file with 416', async () => {
    const response = await getAudio({ Range: 'bytes=5000-' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */1000');
  });

  it('HEAD answers the headers only', async () => {
    const response = await getAudio({}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.body).toBeNull();
  });

  it('serves nothing but the contract file operations: other paths never reach the core', async () => {
    const { handler, calls } = handlerWith(audioFile);
    for (const url of [
      'recorder-file://app/api/backup',
      'recorder-file://app/api/destinations',
      `recorder-file://app/${encodeURIComponent(audio)}`,
      `recorder-file://app${audio}`,
    ]) {
      const response = await handler(get(url));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    expect(calls).toEqual([]);
    expect((await handler(get(AUDIO_URL, {}, 'POST'))).status).toBe(405);
  });

  it('a path in the URL is only ever an id for the core to look up', async () => {
    const { handler, calls } = handlerWith(async () => {
      throw new AppError('NOT_FOUND', 'There is no session ../../etc/passwd.', { field: 'id' });
    });
    const response = await handler(
      get('recorder-file://app/api/sessions/..%2F..%2Fetc%2Fpasswd/audio'),
    );
    expect(calls).toEqual([['sessions.audio', { id: '../../etc/passwd' }]]);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'There is no session ../../etc/passwd.', field: 'id' },
    });
  });

  it('answers 404 when the operation did not answer a file, or the file is gone', async () => {
    const notAFile = handlerWith(async () => ({ id: 'x' }));
    expect((await notAFile.handler(get('recorder-file://app/api/streams/x/artwork'))).status).toBe(
      404,
    );
    const gone = handlerWith(async () => ({
      filePath: join(dir, 'gone.jpg'),
      contentType: 'image/jpeg',
    }));
    const response = await gone.handler(get('recorder-file://app/api/streams/x/artwork'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { message: 'The file is no longer on disk.' },
    });
  });

  it('an unexpected failure is a 500 without details, logged', async () => {
    const logged: string[] = [];
    const handler = createFileProtocolHandler({
      routes,
      invoke: async () => {
        throw new Error('database is locked');
      },
      log: (m) => logged.push(m),
    });
    const response = await handler(get('recorder-file://app/api/streams/x/artwork'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('database');
    expect(logged).toEqual(['streams.getArtwork failed: Error: database is locked']);
  });
});
