import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DestinationDto } from '../../contract/operations/destinations';
import { FakeSftpServer, TEST_HOST_KEY_FINGERPRINT } from '../transfer/testing/fake-sftp-client';
import {
  base,
  destinationOpsEachTest,
  encryptedKey,
  PASSPHRASE,
  plainKey,
} from './destination-test-context';
import { expectRefused, snapshot, type TestContext } from './resource-test-context';

let server: FakeSftpServer;
let t: TestContext;

destinationOpsEachTest((ops) => ({ server, t } = ops));

const testDraft = (input: Record<string, unknown>) => t.invoke('destinations.testDraft', input);

describe('destinations.testDraft (a destination not saved yet)', () => {
  it('tests the values as given and stores nothing', async () => {
    const before = await snapshot(t);
    const result = await testDraft({
      ...base,
      remoteDir: '/srv/draft',
      privateKey: plainKey.private,
    });
    expect(result).toEqual({ ok: true, hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT });
    expect(server.calls).toContain('mkdir /srv/draft -p');
    expect(server.clients[0]?.config?.username).toBe('radio');
    expect(server.clients[0]?.config?.privateKey.toString().trim()).toBe(plainKey.private.trim());
    expect(await snapshot(t)).toBe(before);
    expect(await t.invoke('destinations.list', {})).toMatchObject({ items: [] });
  });

  it('a typed pin that differs from the server key: not ok, HOST_KEY_MISMATCH', async () => {
    const result = await testDraft({
      ...base,
      privateKey: plainKey.private,
      hostKeyFingerprint: 'SHA256:I4VPtWmK+iIT5GRoiSJHFv221YPlXhh2UPJhkvNv43k',
    });
    expect(result).toMatchObject({ ok: false, code: 'HOST_KEY_MISMATCH' });
  });

  it('refuses what a save would refuse, on its field, before connecting', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'privateKey'],
      [{ privateKey: encryptedKey.private, passphrase: 'wrong' }, 'passphrase'],
      [{ host: 'bad host', privateKey: plainKey.private }, 'host'],
    ];
    for (const [patch, field] of cases) {
      await expectRefused(
        t,
        'destinations.testDraft',
        { ...base, ...patch },
        'VALIDATION_FAILED',
        field,
      );
    }
    expect(server.calls).toEqual([]);
  });

  it('a key file inside CONFIG_DIR is read as a save reads it', async () => {
    const dir = join(t.ctx.settings.configDir, 'ssh');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'id_draft');
    writeFileSync(path, encryptedKey.private, { mode: 0o600 });
    const result = await testDraft({ ...base, privateKeyPath: path, passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: true });
    expect(server.clients[0]?.config?.passphrase).toBe(PASSPHRASE);
  });

  it('editing (id): the stored key and passphrase stand in, the form’s other values are tested', async () => {
    const saved = (await t.invoke('destinations.create', {
      ...base,
      privateKey: encryptedKey.private,
      passphrase: PASSPHRASE,
    })) as DestinationDto;
    const result = await testDraft({
      ...base,
      id: saved.id,
      host: 'other.example.com',
      remoteDir: '/srv/edited',
      privateKeyPath: null,
    });
    expect(result).toMatchObject({ ok: true });
    expect(server.clients[0]?.config?.host).toBe('other.example.com');
    expect(server.clients[0]?.config?.passphrase).toBe(PASSPHRASE);
    expect(server.calls).toContain('mkdir /srv/edited -p');
    // nothing of the edit was saved
    expect(await t.invoke('destinations.get', { id: saved.id })).toMatchObject({
      host: 'sftp.example.com',
      remoteDir: '/srv/in',
    });
  });

  it('an unknown id: NOT_FOUND', async () => {
    await expectRefused(
      t,
      'destinations.testDraft',
      { ...base, id: 'nope', privateKey: plainKey.private },
      'NOT_FOUND',
      'id',
    );
  });
});
