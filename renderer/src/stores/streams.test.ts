// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { TESTED_URLS_KEY, useStreamsStore } from './streams';
import { streamDto } from '@contract/testing/stream-fixtures';

const app = storeTest();
let client: FakeClient;

beforeEach(() => {
  client = app.client;
  client.handle('streams.list', () => ({
    items: [streamDto('s1', { name: 'Beta' }), streamDto('s2', { name: 'Delta' })],
    total: 2,
  }));
});

describe('streams store', () => {
  it('puts a created stream into the list by name, and an updated one in its place', async () => {
    const store = useStreamsStore();
    await store.load();
    client.handle('streams.create', (input) => streamDto('s3', { name: String(input.name) }));
    await store.create({
      name: 'Charlie',
      streamUrl: 'https://x.example/live',
      artist: 'A',
      album: 'B',
      albumArtist: 'C',
    });
    expect(store.items.map((s) => s.name)).toEqual(['Beta', 'Charlie', 'Delta']);

    client.handle('streams.update', (input) => streamDto(String(input.id), { name: 'Alpha' }));
    await store.update({
      id: 's2',
      name: 'Alpha',
      streamUrl: 'https://x.example/live',
      artist: 'A',
      album: 'B',
      albumArtist: 'C',
    });
    expect(store.items.map((s) => `${s.id}:${s.name}`)).toEqual([
      's2:Alpha',
      's1:Beta',
      's3:Charlie',
    ]);
  });

  it('uploads artwork bytes, then reads the stream again (its updatedAt moves)', async () => {
    const store = useStreamsStore();
    await store.load();
    client.handle('streams.setArtwork', () => ({ artworkUrl: '/api/streams/s1/artwork' }));
    client.handle('streams.get', () =>
      streamDto('s1', {
        name: 'Beta',
        artworkUrl: '/api/streams/s1/artwork',
        updatedAt: '2026-11-24T07:00:00.000Z',
      }),
    );
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    const updated = await store.setArtwork('s1', bytes);
    expect(client.calls.map((c) => c.op)).toEqual([
      'streams.list',
      'streams.setArtwork',
      'streams.get',
    ]);
    expect(client.calls[1]!.input).toEqual({ id: 's1', body: bytes });
    expect(updated.updatedAt).toBe('2026-11-24T07:00:00.000Z');
    expect(store.byId.get('s1')?.artworkUrl).toBe('/api/streams/s1/artwork');
  });

  it('keeps the new artwork URL when reading the stream again fails', async () => {
    const store = useStreamsStore();
    await store.load();
    client.handle('streams.setArtwork', () => ({ artworkUrl: '/api/streams/s1/artwork' }));
    client.handle('streams.get', () => {
      throw new ApiError('NETWORK_ERROR', 'offline');
    });
    await store.setArtwork('s1', new Uint8Array([1]));
    expect(store.byId.get('s1')?.artworkUrl).toBe('/api/streams/s1/artwork');
  });

  it('removes artwork', async () => {
    const store = useStreamsStore();
    client.handle('streams.list', () => ({
      items: [streamDto('s1', { artworkUrl: '/api/streams/s1/artwork' })],
      total: 1,
    }));
    await store.load();
    client.handle('streams.deleteArtwork', () => undefined);
    client.handle('streams.get', () => streamDto('s1'));
    await store.deleteArtwork('s1');
    expect(store.byId.get('s1')?.artworkUrl).toBeNull();
  });

  it('counts what goes with a stream, deletes it with cascade and reloads the sessions', async () => {
    const store = useStreamsStore();
    await store.load();
    client.handle('schedules.list', () => ({ items: [{}, {}], total: 2 }));
    client.handle('sessions.list', () => ({ items: [{}], total: 14 }));
    expect(await store.dependentsOf('s1')).toEqual({ schedules: 2, sessions: 14 });
    expect(client.calls.find((c) => c.op === 'schedules.list')?.input).toEqual({
      streamId: 's1',
    });

    client.handle('streams.delete', () => undefined);
    await store.remove('s1', true);
    expect(client.calls.find((c) => c.op === 'streams.delete')?.input).toEqual({
      id: 's1',
      cascade: true,
    });
    expect(store.items.map((s) => s.id)).toEqual(['s2']);
    expect(client.calls.at(-1)?.op).toBe('sessions.list');
  });

  it('keeps a stream the server refused to delete', async () => {
    const store = useStreamsStore();
    await store.load();
    client.handle('streams.delete', () => {
      throw new ApiError('CONFLICT', 'Stream "Beta" has 1 session recording now.');
    });
    await expect(store.remove('s1', false)).rejects.toThrow(/recording now/);
    expect(store.items.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('probes a URL', async () => {
    const store = useStreamsStore();
    const answer = {
      ok: true,
      codec: 'mp3',
      bitrateKbps: 128,
      sampleRate: 44100,
      channels: 2,
      name: 'Radio X',
    };
    client.handle('streams.probe', () => answer);
    expect(await store.probe('https://radio.example.com/live')).toEqual(answer);
    expect(client.calls[0]!.input).toEqual({ streamUrl: 'https://radio.example.com/live' });
  });

  it('remembers in this browser the URLs that answered the test (the core keeps no record)', async () => {
    localStorage.removeItem(TESTED_URLS_KEY);
    const store = useStreamsStore();
    const answers: Record<string, boolean> = { 'http://a/': true, 'http://b/': false };
    client.handle('streams.probe', (input) => ({
      ok: answers[String(input.streamUrl)],
      codec: null,
      bitrateKbps: null,
      sampleRate: null,
      channels: null,
    }));
    await store.probe('http://a/');
    await store.probe('http://b/');
    await store.probe('http://a/');
    expect(store.testedUrls).toEqual(['http://a/']);
    expect(JSON.parse(localStorage.getItem(TESTED_URLS_KEY) ?? '[]')).toEqual(['http://a/']);
    localStorage.removeItem(TESTED_URLS_KEY);
  });
});
