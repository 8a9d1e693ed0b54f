import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../contract';
import type { DestinationDto } from '../../contract/operations/destinations';
import { DestinationEntity } from '../db/entities/schemas';
import { seedDestination, seedStream } from '../pipeline/test-fixtures';
import { FakeSftpServer, TEST_HOST_KEY_FINGERPRINT } from '../transfer/testing/fake-sftp-client';
import {
  base,
  destinationOpsEachTest,
  encryptedKey,
  PASSPHRASE,
  plainKey,
} from './destination-test-context';
import { testKeyPair } from '../../test-support/ssh-keys';
import { keysDir } from './key-store';
import { keyPathRefused } from './private-key';
import {
  expectEachRefused,
  expectRefused,
  snapshot,
  type TestContext,
} from './resource-test-context';

const otherKey = testKeyPair();

/** The lines of a PEM's body: any of them appearing somewhere means the key leaked. */
function keyBody(pem: string): string[] {
  return pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .filter((line) => line.length >= 20);
}

let server: FakeSftpServer;
let t: TestContext;

destinationOpsEachTest((ops) => ({ server, t } = ops));

async function create(input: Record<string, unknown>): Promise<DestinationDto> {
  return (await t.invoke('destinations.create', input)) as DestinationDto;
}

const refused = (name: string, input: unknown, code: string, field?: string) =>
  expectRefused(t, name, input, code, field);

/** Refused as bad input (VALIDATION_FAILED), naming `field`. */
const invalid = (name: string, input: unknown, field: string) =>
  refused(name, input, 'VALIDATION_FAILED', field);

function storedRow(id: string) {
  return t.db.reader.findOneByOrFail(DestinationEntity, { id });
}

/** Writes `text` as CONFIG_DIR/ssh/<name> (0600), or just answers that path when text is null. */
function sshFile(name: string, text: string | null): string {
  const dir = join(t.ctx.settings.configDir, 'ssh');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  if (text !== null) writeFileSync(path, text, { mode: 0o600 });
  return path;
}

function keyFiles(): string[] {
  const dir = keysDir(t.ctx.settings.configDir);
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Everything an operation answered, the whole database and the log, as text. */
async function everythingVisible(answers: unknown[]): Promise<string> {
  const list = await t.invoke('destinations.list', {});
  return JSON.stringify({ answers, list, db: await snapshot(t), logs: t.logs });
}

describe('destinations.create', () => {
  it('stores an uploaded PEM as CONFIG_DIR/keys/<id>.pem with mode 0600, never in the database', async () => {
    const dto = await create({ ...base, privateKey: plainKey.private });
    expect(dto).toMatchObject({
      ...base,
      port: 22,
      hasPrivateKey: true,
      privateKeyPath: null,
      hasPassphrase: false,
      hostKeyFingerprint: null,
      transferMode: 'fastPut',
      createdAt: '2026-11-24T06:00:00.000Z',
    });
    const row = await storedRow(dto.id);
    const file = join(keysDir(t.ctx.settings.configDir), `${dto.id}.pem`);
    expect(row.storedKeyFile).toBe(file);
    expect(readFileSync(file, 'utf8').trim()).toBe(plainKey.private.trim());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(keysDir(t.ctx.settings.configDir)).mode & 0o777).toBe(0o700);
    expect(keyFiles()).toEqual([`${dto.id}.pem`]); // no temporary file left behind
    const visible = await everythingVisible([dto, await t.invoke('destinations.get', dto)]);
    for (const line of keyBody(plainKey.private)) expect(visible).not.toContain(line);
    expect(visible).not.toContain('PRIVATE KEY');
  });

  it('an encrypted key with its passphrase: accepted; neither secret is answered or logged', async () => {
    const dto = await create({ ...base, privateKey: encryptedKey.private, passphrase: PASSPHRASE });
    expect(dto).toMatchObject({ hasPrivateKey: true, hasPassphrase: true });
    // the passphrase is kept in CONFIG_DIR/keys/<id>.passphrase (0600), not in the database
    const file = join(keysDir(t.ctx.settings.configDir), `${dto.id}.passphrase`);
    expect((await storedRow(dto.id)).passphraseFile).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe(PASSPHRASE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await snapshot(t)).not.toContain(PASSPHRASE);
    expect(keyFiles().sort()).toEqual([`${dto.id}.passphrase`, `${dto.id}.pem`]);
    expect(Object.keys(dto)).not.toContain('passphrase');
    expect(Object.keys(dto)).not.toContain('privateKey');
    const visible = JSON.stringify({
      answers: [
        dto,
        await t.invoke('destinations.get', dto),
        await t.invoke('destinations.list', {}),
      ],
      logs: t.logs,
    });
    expect(visible).not.toContain(PASSPHRASE);
    for (const line of keyBody(encryptedKey.private)) expect(visible).not.toContain(line);
  });

  it('a key file path inside CONFIG_DIR: kept as the path (not secret), nothing stored under keys/', async () => {
    const path = sshFile('id_ed25519', plainKey.private);
    const dto = await create({
      ...base,
      port: 2222,
      privateKeyPath: path,
      hostKeyFingerprint: ` sha256:${TEST_HOST_KEY_FINGERPRINT.slice(7)}= `,
    });
    expect(dto).toMatchObject({
      port: 2222,
      hasPrivateKey: false,
      privateKeyPath: path,
      hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT,
    });
    expect(keyFiles()).toEqual([]);
    expect((await storedRow(dto.id)).storedKeyFile).toBeNull();
  });

  it('refuses missing and mistyped fields, naming the field, and changes nothing', async () => {
    const pk = { privateKey: plainKey.private };
    await expectEachRefused(t, 'destinations.create', 'VALIDATION_FAILED', [
      [{ ...pk }, 'name'],
      [{ ...base, name: '   ', ...pk }, 'name'],
      [{ ...base, name: 42, ...pk }, 'name'],
      [{ ...base, name: 'x'.repeat(10_000), ...pk }, 'name'],
      [{ ...base, host: 'a b', ...pk }, 'host'],
      [{ ...base, host: 'evil/..', ...pk }, 'host'],
      // an SSH command line would read it as an option
      [{ ...base, host: '-oProxyCommand', ...pk }, 'host'],
      [{ ...base, port: '22', ...pk }, 'port'],
      [{ ...base, port: 70_000, ...pk }, 'port'],
      [{ ...base, port: 22.5, ...pk }, 'port'],
      [{ ...base, username: 'a b', ...pk }, 'username'],
      [{ ...base, remoteDir: '/a\nb', ...pk }, 'remoteDir'],
      [{ ...base, remoteDir: undefined, ...pk }, 'remoteDir'],
      [{ ...base, ...pk, hostKeyFingerprint: 'MD5:aa:bb' }, 'hostKeyFingerprint'],
      [{ ...base, ...pk, passphrase: 42 }, 'passphrase'],
    ]);
    await refused('destinations.create', 'not an object', 'VALIDATION_FAILED');
    expect(keyFiles()).toEqual([]);
  });

  it('wants exactly one of privateKey and privateKeyPath', async () => {
    await invalid('destinations.create', base, 'privateKey');
    await invalid(
      'destinations.create',
      { ...base, privateKey: plainKey.private, privateKeyPath: '/home/radio/.ssh/id' },
      'privateKeyPath',
    );
  });

  it('refuses keys that are not usable private keys, without quoting them', async () => {
    const e1 = await invalid('destinations.create', { ...base, privateKey: 'hello' }, 'privateKey');
    expect(e1.message).toMatch(/not an SSH private key/);
    const e2 = await invalid(
      'destinations.create',
      { ...base, privateKey: plainKey.public },
      'privateKey',
    );
    expect(e2.message).toMatch(/public key/);
    const pkcs8 =
      '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';
    const e3 = await invalid('destinations.create', { ...base, privateKey: pkcs8 }, 'privateKey');
    expect(e3.message).toMatch(/PKCS#8/);
    const lines = plainKey.private.trim().split('\n');
    const truncated = [...lines.slice(0, 2), lines.at(-1)].join('\n');
    await invalid('destinations.create', { ...base, privateKey: truncated }, 'privateKey');
    await invalid('destinations.create', { ...base, privateKey: 'A'.repeat(70_000) }, 'privateKey');
    for (const e of [e1, e2, e3]) {
      for (const line of keyBody(plainKey.private)) expect(e.message).not.toContain(line);
    }
    expect(keyFiles()).toEqual([]);
  });

  it('checks the passphrase of an encrypted key', async () => {
    const missing = await invalid(
      'destinations.create',
      { ...base, privateKey: encryptedKey.private },
      'passphrase',
    );
    expect(missing.message).toMatch(/encrypted/);
    const wrong = await invalid(
      'destinations.create',
      { ...base, privateKey: encryptedKey.private, passphrase: 'not it' },
      'passphrase',
    );
    expect(wrong.message).not.toContain('not it');
  });

  it('refuses every key path but a readable file inside CONFIG_DIR, with one message', async () => {
    // a real, readable key outside CONFIG_DIR, as the server's own host key would be
    const hostKey = join(t.dir, 'ssh_host_ed25519_key');
    writeFileSync(hostKey, plainKey.private, { mode: 0o600 });
    const link = sshFile('link-out', null);
    symlinkSync(hostKey, link);
    const messages = new Set<string>();
    for (const privateKeyPath of [
      'id_ed25519',
      join(t.dir, 'nope'),
      t.dir,
      hostKey,
      link,
      '/etc/ssh/ssh_host_ed25519_key',
      join(t.ctx.settings.configDir, 'ssh', 'missing'),
    ]) {
      const error = await invalid(
        'destinations.create',
        { ...base, privateKeyPath },
        'privateKeyPath',
      );
      messages.add(error.message);
    }
    expect([...messages]).toEqual([keyPathRefused(t.ctx.settings.configDir).message]);
    // inside CONFIG_DIR, a file that is not a key is told so
    const notKey = await invalid(
      'destinations.create',
      { ...base, privateKeyPath: sshFile('notes.txt', 'just text') },
      'privateKeyPath',
    );
    expect(notKey.message).toMatch(/not an SSH private key/);
  });
});

describe('destinations.list / get', () => {
  it('lists by name with the total', async () => {
    await create({ ...base, name: 'zeta', privateKey: plainKey.private });
    await create({ ...base, name: 'Alpha', privateKey: otherKey.private });
    const list = (await t.invoke('destinations.list', {})) as {
      items: DestinationDto[];
      total: number;
    };
    expect(list.total).toBe(2);
    expect(list.items.map((d) => d.name)).toEqual(['Alpha', 'zeta']);
  });

  it('answers NOT_FOUND for an unknown id and VALIDATION_FAILED for a bad one', async () => {
    await refused('destinations.get', { id: 'nope' }, 'NOT_FOUND', 'id');
    await invalid('destinations.get', { id: '' }, 'id');
    await invalid('destinations.get', { id: 'x'.repeat(101) }, 'id');
    await invalid('destinations.get', {}, 'id');
  });
});

describe('destinations.update', () => {
  it('keeps the stored key and passphrase when they are omitted', async () => {
    const dto = await create({ ...base, privateKey: encryptedKey.private, passphrase: PASSPHRASE });
    const file = (await storedRow(dto.id)).storedKeyFile as string;
    t.clock.advance(60_000);
    const updated = (await t.invoke('destinations.update', {
      ...dto,
      name: 'Renamed',
    })) as DestinationDto;
    expect(updated).toMatchObject({
      name: 'Renamed',
      hasPrivateKey: true,
      hasPassphrase: true,
      createdAt: dto.createdAt,
      updatedAt: '2026-11-24T06:01:00.000Z',
    });
    const row = await storedRow(dto.id);
    expect(readFileSync(row.passphraseFile as string, 'utf8')).toBe(PASSPHRASE);
    expect(row.storedKeyFile).toBe(file);
    expect(readFileSync(file, 'utf8').trim()).toBe(encryptedKey.private.trim());
    expect(JSON.stringify([updated, t.logs])).not.toContain(PASSPHRASE);
  });

  it('a new PEM replaces the stored one (still 0600) and its passphrase', async () => {
    const dto = await create({ ...base, privateKey: encryptedKey.private, passphrase: PASSPHRASE });
    const file = (await storedRow(dto.id)).storedKeyFile as string;
    const updated = (await t.invoke('destinations.update', {
      ...dto,
      privateKey: otherKey.private,
    })) as DestinationDto;
    expect(updated).toMatchObject({ hasPrivateKey: true, hasPassphrase: false });
    expect(readFileSync(file, 'utf8').trim()).toBe(otherKey.private.trim());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keyFiles()).toEqual([`${dto.id}.pem`]); // the old passphrase file is gone
    expect((await storedRow(dto.id)).passphraseFile).toBeNull();
  });

  it('switching to a key path deletes the stored key; sending the path back keeps it', async () => {
    const dto = await create({ ...base, privateKey: plainKey.private });
    const path = sshFile('id_enc', encryptedKey.private);
    const switched = (await t.invoke('destinations.update', {
      ...dto,
      privateKeyPath: path,
      passphrase: PASSPHRASE,
    })) as DestinationDto;
    expect(switched).toMatchObject({
      hasPrivateKey: false,
      privateKeyPath: path,
      hasPassphrase: true,
    });
    expect(keyFiles()).toEqual([`${dto.id}.passphrase`]); // the stored key is gone
    // the form sends the (non-secret) path back without the write-only passphrase: both kept
    const again = (await t.invoke('destinations.update', {
      ...switched,
      name: 'B',
    })) as DestinationDto;
    expect(again).toMatchObject({ name: 'B', privateKeyPath: path, hasPassphrase: true });
  });

  it('checks a changed passphrase against the current key; null removes it', async () => {
    const dto = await create({ ...base, privateKey: encryptedKey.private, passphrase: PASSPHRASE });
    await invalid('destinations.update', { ...dto, passphrase: 'wrong' }, 'passphrase');
    await invalid('destinations.update', { ...dto, passphrase: null }, 'passphrase');
    const plain = await create({ ...base, privateKey: plainKey.private, passphrase: 'unused' });
    expect(plain.hasPassphrase).toBe(true);
    const cleared = (await t.invoke('destinations.update', {
      ...plain,
      passphrase: null,
    })) as DestinationDto;
    expect(cleared.hasPassphrase).toBe(false);
    expect(keyFiles()).not.toContain(`${plain.id}.passphrase`);
    // a new passphrase for the same key replaces the file
    const encrypted = await create({
      ...base,
      privateKey: encryptedKey.private,
      passphrase: 'first',
    }).catch(() => undefined);
    expect(encrypted).toBeUndefined(); // 'first' does not open it
    const enc = await create({ ...base, privateKey: encryptedKey.private, passphrase: PASSPHRASE });
    const pemOnly = (await t.invoke('destinations.update', {
      ...enc,
      privateKey: otherKey.private,
      passphrase: 'spare words',
    })) as DestinationDto;
    expect(pemOnly.hasPassphrase).toBe(true);
    const row = await storedRow(enc.id);
    expect(readFileSync(row.passphraseFile as string, 'utf8')).toBe('spare words');
  });

  it('an omitted fingerprint unpins the host key (PUT replaces the whole destination)', async () => {
    const dto = await create({
      ...base,
      privateKey: plainKey.private,
      hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT,
    });
    const { hostKeyFingerprint: _pin, ...rest } = dto;
    const updated = (await t.invoke('destinations.update', rest)) as DestinationDto;
    expect(updated.hostKeyFingerprint).toBeNull();
  });

  it('publicBaseUrl: kept without its trailing slash, refused naming the field, removed by omission', async () => {
    const dto = await create({
      ...base,
      privateKey: plainKey.private,
      publicBaseUrl: ' https://example.org/shows/ ',
    });
    expect(dto.publicBaseUrl).toBe('https://example.org/shows');
    expect((await storedRow(dto.id)).publicBaseUrl).toBe('https://example.org/shows');
    for (const bad of ['example.org', 'https://u:p@example.org', 'https://example.org/?x=1']) {
      await invalid('destinations.update', { ...dto, publicBaseUrl: bad }, 'publicBaseUrl');
    }
    expect((await storedRow(dto.id)).publicBaseUrl).toBe('https://example.org/shows');
    const { publicBaseUrl: _url, ...rest } = dto;
    const updated = (await t.invoke('destinations.update', rest)) as DestinationDto;
    expect(updated.publicBaseUrl).toBeNull();
  });

  it('refuses bad input and unknown ids and changes nothing', async () => {
    const dto = await create({ ...base, privateKey: plainKey.private });
    const cases: [Record<string, unknown>, ErrorCode, string][] = [
      [{ id: 'nope' }, 'NOT_FOUND', 'id'],
      [{ port: 0 }, 'VALIDATION_FAILED', 'port'],
      [{ privateKey: 'garbage' }, 'VALIDATION_FAILED', 'privateKey'],
      [
        { privateKey: plainKey.private, privateKeyPath: '/x' },
        'VALIDATION_FAILED',
        'privateKeyPath',
      ],
      [{ privateKeyPath: join(t.dir, 'missing') }, 'VALIDATION_FAILED', 'privateKeyPath'],
    ];
    for (const [patch, code, field] of cases) {
      await refused('destinations.update', { ...dto, ...patch }, code, field);
    }
    const outside = join(t.dir, 'id_outside');
    writeFileSync(outside, otherKey.private, { mode: 0o600 });
    const error = await invalid(
      'destinations.update',
      { ...dto, privateKeyPath: outside },
      'privateKeyPath',
    );
    expect(error.message).toBe(keyPathRefused(t.ctx.settings.configDir).message);
    expect(readFileSync((await storedRow(dto.id)).storedKeyFile as string, 'utf8').trim()).toBe(
      plainKey.private.trim(),
    );
  });
});

describe('destinations.delete', () => {
  it('refuses while a stream delivers to it, naming the stream', async () => {
    const dto = await create({ ...base, privateKey: plainKey.private });
    await seedStream(t.db, { name: 'Morning Show', destinationId: dto.id });
    const error = await refused('destinations.delete', { id: dto.id }, 'CONFLICT', 'id');
    expect(error.message).toContain('"Morning Show"');
    expect(keyFiles()).toEqual([`${dto.id}.pem`]);
  });

  it('deletes the row and its stored key file', async () => {
    const dto = await create({ ...base, privateKey: plainKey.private, passphrase: 'unused' });
    expect(keyFiles()).toHaveLength(2);
    await expect(t.invoke('destinations.delete', { id: dto.id })).resolves.toBeUndefined();
    expect(await t.db.reader.countBy(DestinationEntity, {})).toBe(0);
    expect(keyFiles()).toEqual([]);
    await refused('destinations.delete', { id: dto.id }, 'NOT_FOUND', 'id');
  });

  it('never deletes a key file outside the keys folder', async () => {
    const outside = join(t.dir, 'users-own-key');
    writeFileSync(outside, plainKey.private);
    await seedDestination(t.db, { id: 'd-out', storedKeyFile: outside });
    await t.invoke('destinations.delete', { id: 'd-out' });
    expect(existsSync(outside)).toBe(true);
  });
});

describe('destinations.test', () => {
  it('connects and answers ok with the fingerprint, without pinning it (the user decides)', async () => {
    const dto = await create({ ...base, privateKey: plainKey.private });
    const result = await t.invoke('destinations.test', { id: dto.id });
    expect(result).toEqual({ ok: true, hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT });
    expect(server.calls).toContain('mkdir /srv/in -p');
    expect(server.clients[0]?.config?.privateKey.toString().trim()).toBe(plainKey.private.trim());
    expect((await storedRow(dto.id)).hostKeyFingerprint).toBeNull();
    const visible = JSON.stringify([result, t.logs]);
    for (const line of keyBody(plainKey.private)) expect(visible).not.toContain(line);
  });

  it('a different pinned key: not ok, HOST_KEY_MISMATCH, the pin unchanged', async () => {
    const pinned = 'SHA256:I4VPtWmK+iIT5GRoiSJHFv221YPlXhh2UPJhkvNv43k';
    const dto = await create({ ...base, privateKey: plainKey.private, hostKeyFingerprint: pinned });
    const result = await t.invoke('destinations.test', { id: dto.id });
    expect(result).toMatchObject({
      ok: false,
      code: 'HOST_KEY_MISMATCH',
      hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT,
    });
    expect((await storedRow(dto.id)).hostKeyFingerprint).toBe(pinned);
  });

  it('a key file that went missing: not ok with the reason, no connection attempted', async () => {
    await seedDestination(t.db, { id: 'd-gone', privateKeyPath: join(t.dir, 'gone') });
    const result = await t.invoke('destinations.test', { id: 'd-gone' });
    expect(result).toMatchObject({ ok: false, code: 'SSH_AUTH_FAILED' });
    expect(server.calls).toEqual([]);
  });

  it('a key path outside CONFIG_DIR (stored by an older version): refused before connecting', async () => {
    const outside = join(t.dir, 'id_outside');
    writeFileSync(outside, plainKey.private, { mode: 0o600 });
    await seedDestination(t.db, { id: 'd-out', privateKeyPath: outside });
    const result = await t.invoke('destinations.test', { id: 'd-out' });
    expect(result).toMatchObject({ ok: false, code: 'SSH_AUTH_FAILED' });
    expect((result as { error: string }).error).toContain(
      keyPathRefused(t.ctx.settings.configDir).message,
    );
    expect(server.calls).toEqual([]);
  });

  it('an unknown destination: NOT_FOUND', async () => {
    await refused('destinations.test', { id: 'nope' }, 'NOT_FOUND', 'id');
  });
});
