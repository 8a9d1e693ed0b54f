import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsOfEachTest } from '../../test-support/temp-dir';
import { apiKeyFile, Credentials, passwordFile } from './credentials';

const newDir = tempDirsOfEachTest('asr-cred-');

function setup(env: { apiKey?: string; adminPassword?: string } = {}) {
  const configDir = newDir();
  const announced: string[] = [];
  const infos: string[] = [];
  const load = () =>
    Credentials.load({
      configDir,
      ...env,
      announce: (m) => announced.push(m),
      info: (m) => infos.push(m),
    });
  return { configDir, announced, infos, load };
}

describe('Credentials', () => {
  it('generates a password at first start, announces it once and keeps only its hash', async () => {
    const { configDir, announced, load } = setup();
    const first = await load();
    expect(announced).toHaveLength(1);
    const password = /web UI: (\S+) /.exec(announced[0]!)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const stored = readFileSync(passwordFile(configDir), 'utf8');
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(password);
    expect(statSync(passwordFile(configDir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(configDir, 'auth')).mode & 0o777).toBe(0o700);
    expect(await first.checkPassword(password!)).toBe(true);

    const second = await load();
    expect(announced).toHaveLength(1); // never again
    expect(await second.checkPassword(password!)).toBe(true);
    expect(await second.checkPassword('other')).toBe(false);
  });

  it('generates an API key at first start, keeps it (0600) and can regenerate it', async () => {
    const { configDir, infos, load } = setup();
    const first = await load();
    expect(first.apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(infos.join('\n')).not.toContain(first.apiKey);
    expect(statSync(apiKeyFile(configDir)).mode & 0o777).toBe(0o600);
    const second = await load();
    expect(second.apiKey).toBe(first.apiKey);
    expect(second.checkApiKey(first.apiKey)).toBe(true);
    expect(second.checkApiKey(`${first.apiKey}x`)).toBe(false);
    const renewed = await second.regenerateApiKey();
    expect(renewed).not.toBe(first.apiKey);
    expect(second.checkApiKey(first.apiKey)).toBe(false);
    expect((await load()).apiKey).toBe(renewed);
  });

  it('uses API_KEY and ADMIN_PASSWORD when set, and refuses to change them (409)', async () => {
    const { configDir, announced, load } = setup({ apiKey: 'k', adminPassword: 'secret pw' });
    const creds = await load();
    expect(announced).toHaveLength(0);
    expect(creds.checkApiKey('k')).toBe(true);
    expect(await creds.checkPassword('secret pw')).toBe(true);
    await expect(creds.regenerateApiKey()).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(creds.changePassword('new password')).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'ADMIN_PASSWORD',
    });
    expect(() => statSync(passwordFile(configDir))).toThrow();
  });

  it('changes the password; deleting the hash file generates a new one', async () => {
    const { configDir, announced, load } = setup();
    const creds = await load();
    await creds.changePassword('a new password');
    expect(await (await load()).checkPassword('a new password')).toBe(true);
    unlinkSync(passwordFile(configDir));
    await load();
    expect(announced).toHaveLength(2);
  });

  it('stops the start when the hash file is damaged', async () => {
    const { configDir, load } = setup();
    await load();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(passwordFile(configDir), 'garbage');
    await expect(load()).rejects.toThrow(/damaged: delete it/);
  });
});
