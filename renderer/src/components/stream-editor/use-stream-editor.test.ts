import { beforeEach, describe, expect, it } from 'vitest';
import type { StreamDto } from '@contract/operations';
import { streamDto } from '@contract/testing/stream-fixtures';
import { ApiError } from '../../api/api-error';
import type { FakeClient } from '../../testing/fake-client';
import { storeTest } from '../../testing/store-test';
import { useStreamEditor } from './use-stream-editor';

const app = storeTest();
let client: FakeClient;

function saved(input: Record<string, unknown>, patch: Partial<StreamDto> = {}): StreamDto {
  return streamDto('new-1', {
    name: String(input.name).trim(),
    streamUrl: String(input.streamUrl).trim(),
    artist: String(input.artist),
    album: String(input.album),
    albumArtist: String(input.albumArtist),
    ...patch,
  });
}

/** A new stream's editor with every required field filled in. */
function filledEditor() {
  const editor = useStreamEditor();
  editor.open(null);
  Object.assign(editor.draft.value, {
    name: 'Morning Show',
    streamUrl: 'https://radio.example.com/live.mp3',
    artist: 'Radio X',
    album: 'Mornings',
    albumArtist: 'Radio X',
  });
  return editor;
}

const jpeg = () =>
  new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'c.jpg', { type: 'image/jpeg' });

beforeEach(() => {
  client = app.client;
  client.handle('streams.create', (input) => saved(input));
  client.handle('streams.update', (input) => saved(input, { id: String(input.id) }));
  client.handle('streams.setArtwork', (input) => ({
    artworkUrl: `/api/streams/${String(input.id)}/artwork`,
  }));
  client.handle('streams.get', (input) =>
    saved(
      { name: 'Morning Show', streamUrl: 'x', artist: 'a', album: 'b', albumArtist: 'c' },
      { id: String(input.id), artworkUrl: `/api/streams/${String(input.id)}/artwork` },
    ),
  );
});

describe('useStreamEditor', () => {
  it('shows a problem once its field was edited, with the schema message', () => {
    const editor = useStreamEditor();
    editor.open(null);
    expect(editor.errorOf('streamUrl')).toBeUndefined();
    expect(editor.errorOf('name')).toBeUndefined();
    editor.draft.value.streamUrl = 'radio.example.com';
    expect(editor.errorOf('streamUrl')).toBe(
      'This needs a scheme, e.g. https://radio.example.com/live.mp3.',
    );
    // untouched fields stay quiet until a save is tried
    expect(editor.errorOf('name')).toBeUndefined();
  });

  it('sends nothing while a field is invalid, and then shows every problem', async () => {
    const editor = useStreamEditor();
    editor.open(null);
    expect(await editor.save()).toBeNull();
    expect(client.calls).toEqual([]);
    expect(editor.errorOf('name')).toBe('Enter a name.');
    expect(editor.errorOf('albumArtist')).toBe('Enter the album artist.');
  });

  it('puts a server refusal on the field it names and keeps what was typed', async () => {
    client.handle('streams.create', () => {
      throw new ApiError('INVALID_URL', 'The stream URL needs a host the server can resolve.', {
        field: 'streamUrl',
      });
    });
    const editor = filledEditor();
    editor.draft.value.genre = 'Talk';
    expect(await editor.save()).toBeNull();
    expect(editor.errorOf('streamUrl')).toBe('The stream URL needs a host the server can resolve.');
    expect(editor.draft.value).toMatchObject({
      name: 'Morning Show',
      streamUrl: 'https://radio.example.com/live.mp3',
      genre: 'Talk',
    });
    expect(editor.stream.value).toBeNull();
    // editing the field retires the server's verdict
    editor.draft.value.streamUrl = 'https://other.example.com/live.mp3';
    expect(editor.errorOf('streamUrl')).toBeUndefined();
  });

  it('puts a refused fallback URL on its row, and an unknown field above the form', async () => {
    client.handle('streams.create', () => {
      throw new ApiError('INVALID_URL', 'fallbackUrls.1: not allowed', {
        field: 'fallbackUrls.1',
      });
    });
    const editor = filledEditor();
    editor.draft.value.fallbackUrls = ['https://a.example/x', 'https://b.example/y'];
    await editor.save();
    expect(editor.errorOf('fallbackUrls.1')).toBe('Not allowed.');

    client.handle('streams.create', () => {
      throw new ApiError('NETWORK_ERROR', 'offline');
    });
    await editor.save();
    expect(editor.formError.value).toBe(
      'The server cannot be reached. Check that it is running and that you are online.',
    );
  });

  it('creates the stream first, then uploads the picked artwork with its bytes', async () => {
    const editor = filledEditor();
    const file = jpeg();
    editor.setArtwork({ kind: 'set', file });
    const stream = await editor.save();
    expect(client.calls.map((c) => c.op)).toEqual([
      'streams.create',
      'streams.setArtwork',
      'streams.get',
    ]);
    const upload = client.calls[1]!.input as { id: string; body: Uint8Array };
    expect(upload.id).toBe('new-1');
    expect([...upload.body]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(stream?.artworkUrl).toBe('/api/streams/new-1/artwork');
    expect(editor.artwork.value).toEqual({ kind: 'keep' });
    expect(editor.dirty.value).toBe(false);
  });

  it('after a refused upload the stream stays created: saving again updates it and retries', async () => {
    let refuse = true;
    client.handle('streams.setArtwork', (input) => {
      if (refuse) throw new ApiError('INVALID_IMAGE', 'The image cannot be decoded.');
      return { artworkUrl: `/api/streams/${String(input.id)}/artwork` };
    });
    const editor = filledEditor();
    editor.setArtwork({ kind: 'set', file: jpeg() });
    expect(await editor.save()).toBeNull();
    expect(editor.errorOf('artwork')).toBe('The image cannot be decoded.');
    expect(editor.stream.value?.id).toBe('new-1');
    expect(editor.dirty.value).toBe(true);

    refuse = false;
    expect(await editor.save()).not.toBeNull();
    expect(client.calls.map((c) => c.op)).toEqual([
      'streams.create',
      'streams.setArtwork',
      'streams.update',
      'streams.setArtwork',
      'streams.get',
    ]);
  });

  it('updates an existing stream and removes its artwork when asked', async () => {
    client.handle('streams.deleteArtwork', () => undefined);
    const editor = useStreamEditor();
    const existing = saved(
      {
        name: 'Show',
        streamUrl: 'https://radio.example.com/a',
        artist: 'A',
        album: 'B',
        albumArtist: 'C',
      },
      { id: 's9', artworkUrl: '/api/streams/s9/artwork' },
    );
    editor.open(existing);
    expect(editor.dirty.value).toBe(false);
    expect(editor.errorOf('name')).toBeUndefined();
    editor.setArtwork({ kind: 'remove' });
    expect(editor.dirty.value).toBe(true);
    await editor.save();
    expect(client.calls.map((c) => c.op)).toEqual([
      'streams.update',
      'streams.deleteArtwork',
      'streams.get',
    ]);
    expect(client.calls[0]!.input).toMatchObject({ id: 's9', name: 'Show' });
  });
});
