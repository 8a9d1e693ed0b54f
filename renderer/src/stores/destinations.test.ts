import { beforeEach, describe, expect, it } from 'vitest';
import type { DestinationDto, DestinationTestDto } from '@contract/operations';
import { ApiError } from '../api/api-error';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { hostKeyStateOf, useDestinationsStore } from './destinations';
import { destinationDto } from '@contract/testing/destination-fixtures';

const KEY_A = 'SHA256:kvoQMJTedD1giukp6v7FCtFUl4A1DbhQrqXKecBz/X4';
const KEY_B = 'SHA256:AAAAMJTedD1giukp6v7FCtFUl4A1DbhQrqXKecBz/X4';

function destination(id: string, patch: Partial<DestinationDto> = {}): DestinationDto {
  return destinationDto({ id, name: id, port: 22, ...patch });
}

const app = storeTest();
let client: FakeClient;
/** The server's rows. */
let rows: Map<string, DestinationDto>;

beforeEach(() => {
  client = app.client;
  rows = new Map([
    ['b', destination('b', { name: 'Beta' })],
    ['a', destination('a', { name: 'Alpha' })],
  ]);
  client.handle('destinations.list', () => ({ items: [...rows.values()], total: rows.size }));
  client.handle('destinations.get', (input) => rows.get(String(input.id)));
  client.handle('destinations.update', (input) => {
    const current = rows.get(String(input.id))!;
    const next = {
      ...current,
      name: String(input.name),
      hostKeyFingerprint: (input.hostKeyFingerprint as string | null | undefined) ?? null,
    };
    rows.set(current.id, next);
    return next;
  });
});

describe('hostKeyStateOf', () => {
  const ok = (fingerprint?: string): DestinationTestDto => ({
    ok: true,
    ...(fingerprint ? { hostKeyFingerprint: fingerprint } : {}),
  });
  const failed = (code: DestinationTestDto['code'], fingerprint?: string): DestinationTestDto => ({
    ok: false,
    error: 'x',
    code,
    ...(fingerprint ? { hostKeyFingerprint: fingerprint } : {}),
  });

  it('tells a key pinned by this test from one pinned before', () => {
    expect(hostKeyStateOf(null, ok(KEY_A), KEY_A)).toBe('pinned-now');
    expect(hostKeyStateOf(KEY_A, ok(KEY_A), KEY_A)).toBe('matches');
  });

  it('says a key seen by a failed test is not pinned yet', () => {
    expect(hostKeyStateOf(null, failed('SSH_AUTH_FAILED', KEY_A), null)).toBe('not-pinned');
  });

  it('reports a mismatch from the code or from a different pin', () => {
    expect(hostKeyStateOf(KEY_A, failed('HOST_KEY_MISMATCH', KEY_B), KEY_A)).toBe('mismatch');
    // someone pinned another key meanwhile
    expect(hostKeyStateOf(null, ok(KEY_B), KEY_A)).toBe('mismatch');
  });

  it('says when no key was seen', () => {
    expect(hostKeyStateOf(null, failed('SSH_UNREACHABLE'), null)).toBe('unseen');
  });
});

describe('destinations store', () => {
  it('keeps the list by name through create, update and delete', async () => {
    client.handle('destinations.create', (input) =>
      destination('c', { name: String(input.name), createdAt: '2026-11-25T00:00:00.000Z' }),
    );
    client.handle('destinations.delete', () => undefined);
    const store = useDestinationsStore();
    await store.load();
    expect(store.items.map((d) => d.name)).toEqual(['Beta', 'Alpha']); // as the server sent them
    await store.create({
      name: 'Archive',
      host: 'h',
      username: 'u',
      remoteDir: '/r',
      privateKey: 'PEM',
    });
    expect(store.items.map((d) => d.name)).toEqual(['Alpha', 'Archive', 'Beta']);
    await store.update({ id: 'a', name: 'Zulu', host: 'h', username: 'u', remoteDir: '/r' });
    expect(store.items.map((d) => d.name)).toEqual(['Archive', 'Beta', 'Zulu']);
    await store.remove('b');
    expect(client.calls.at(-1)).toEqual({ op: 'destinations.delete', input: { id: 'b' } });
    expect(store.items.map((d) => d.id)).toEqual(['c', 'a']);
  });

  it('leaves the list alone when the server refuses a delete', async () => {
    client.handle('destinations.delete', () => {
      throw new ApiError('CONFLICT', 'Destination "Alpha" is used by stream "Morning".', {
        field: 'id',
      });
    });
    const store = useDestinationsStore();
    await store.load();
    await expect(store.remove('a')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(store.items).toHaveLength(2);
  });

  it('reads the destination again after a test: the first successful test pins', async () => {
    client.handle('destinations.test', (input) => {
      // what the core does: a successful test pins when nothing is pinned
      const row = rows.get(String(input.id))!;
      if (!row.hostKeyFingerprint) rows.set(row.id, { ...row, hostKeyFingerprint: KEY_A });
      return { ok: true, hostKeyFingerprint: KEY_A };
    });
    const store = useDestinationsStore();
    await store.load();
    const outcome = await store.test('a');
    expect(outcome).toMatchObject({ fingerprint: KEY_A, pinned: KEY_A, state: 'pinned-now' });
    expect(store.byId.get('a')?.hostKeyFingerprint).toBe(KEY_A);
    expect(store.tests.a?.state).toBe('pinned-now');
    expect(store.testing.a).toBeUndefined();
    // a second test sees the pinned key
    expect((await store.test('a')).state).toBe('matches');
  });

  it('pins a key seen by a failed test, keeping the rest of the destination', async () => {
    rows.set('a', destination('a', { name: 'Alpha', privateKeyPath: null, hasPrivateKey: true }));
    client.handle('destinations.test', () => ({
      ok: false,
      code: 'SSH_AUTH_FAILED',
      error: 'The server refused the key.',
      hostKeyFingerprint: KEY_B,
    }));
    const store = useDestinationsStore();
    await store.load();
    expect((await store.test('a')).state).toBe('not-pinned');
    await store.pin('a', KEY_B);
    const update = client.calls.find((c) => c.op === 'destinations.update')!;
    // the same fields, no key, no passphrase (kept by the server), the new pin
    expect(update.input).toEqual({
      id: 'a',
      name: 'Alpha',
      host: 'sftp.example.com',
      port: 22,
      username: 'rec',
      remoteDir: '/srv/rec',
      privateKeyPath: null,
      hostKeyFingerprint: KEY_B,
    });
    expect(store.byId.get('a')?.hostKeyFingerprint).toBe(KEY_B);
    expect(store.tests.a).toMatchObject({ state: 'pinned-by-user', pinned: KEY_B });
    // unpinning sends null
    await store.pin('a', null);
    expect(client.calls.at(-1)!.input.hostKeyFingerprint).toBeNull();
    expect(store.tests.a?.state).toBe('not-pinned');
  });

  it('forgets the test of a destination whose pin was changed in the editor', async () => {
    client.handle('destinations.test', () => ({ ok: true, hostKeyFingerprint: KEY_A }));
    rows.set('a', destination('a', { name: 'Alpha', hostKeyFingerprint: KEY_A }));
    const store = useDestinationsStore();
    await store.load();
    await store.test('a');
    expect(store.tests.a?.state).toBe('matches');
    await store.update({
      id: 'a',
      name: 'Alpha',
      host: 'h',
      username: 'u',
      remoteDir: '/r',
      hostKeyFingerprint: null,
    });
    expect(store.tests.a).toBeUndefined();
  });
});
