import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsOfEachTest } from '../../test-support/temp-dir';
import {
  fileLoginSessionStore,
  LOGIN_RENEW_INTERVAL_MS,
  LOGIN_TTL_MS,
  LoginSessions,
  MAX_LOGIN_SESSIONS,
  type LoginSession,
  type LoginSessionStore,
} from './login-sessions';

function memoryStore(initial: LoginSession[] = []): LoginSessionStore & { saved: LoginSession[] } {
  const store = {
    saved: initial,
    load: async () => store.saved.map((s) => ({ ...s })),
    save: async (sessions: readonly LoginSession[]) => {
      store.saved = sessions.map((s) => ({ ...s }));
    },
  };
  return store;
}

const newDir = tempDirsOfEachTest('asr-logins-');

describe('LoginSessions', () => {
  it('creates a login whose token is only kept hashed, and finds it by the token', async () => {
    const store = memoryStore();
    const sessions = await LoginSessions.open(store, () => 1000);
    const { token, session } = await sessions.create();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.expiresAt).toBe(1000 + LOGIN_TTL_MS);
    expect(JSON.stringify(store.saved)).not.toContain(token);
    expect(sessions.find(token)).toBe(session);
    expect(sessions.find(`${token}x`)).toBeUndefined();
    expect(sessions.find('')).toBeUndefined();
  });

  it('survives a restart (the store) and forgets expired logins', async () => {
    let now = 0;
    const store = memoryStore();
    const first = await LoginSessions.open(store, () => now);
    const { token } = await first.create();
    const again = await LoginSessions.open(store, () => now);
    expect(again.find(token)).toBeDefined();
    now = LOGIN_TTL_MS + 1;
    expect(again.find(token)).toBeUndefined();
    expect((await LoginSessions.open(store, () => now)).count).toBe(0);
  });

  it('renews a login in use at most once a day', async () => {
    let now = 0;
    const sessions = await LoginSessions.open(memoryStore(), () => now);
    const { session } = await sessions.create();
    now = LOGIN_RENEW_INTERVAL_MS - 1;
    expect(await sessions.renewIfDue(session)).toBe(false);
    now = LOGIN_RENEW_INTERVAL_MS;
    expect(await sessions.renewIfDue(session)).toBe(true);
    expect(session.expiresAt).toBe(now + LOGIN_TTL_MS);
  });

  it('logs out one login, or all but one (password change)', async () => {
    const sessions = await LoginSessions.open(memoryStore(), () => 0);
    const a = await sessions.create();
    const b = await sessions.create();
    const c = await sessions.create();
    await sessions.remove(a.session);
    expect(sessions.find(a.token)).toBeUndefined();
    await sessions.removeAllExcept(c.session);
    expect(sessions.find(b.token)).toBeUndefined();
    expect(sessions.find(c.token)).toBe(c.session);
  });

  it('keeps at most MAX_LOGIN_SESSIONS, dropping the oldest', async () => {
    const sessions = await LoginSessions.open(memoryStore(), () => 0);
    const first = await sessions.create();
    for (let i = 0; i < MAX_LOGIN_SESSIONS; i++) await sessions.create();
    expect(sessions.count).toBe(MAX_LOGIN_SESSIONS);
    expect(sessions.find(first.token)).toBeUndefined();
  });

  it('persists to a 0600 file under CONFIG_DIR/auth; a damaged file means no logins', async () => {
    const dir = newDir();
    const store = fileLoginSessionStore(dir);
    const sessions = await LoginSessions.open(store);
    const { token } = await sessions.create();
    const file = join(dir, 'auth', 'login-sessions.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(token);
    expect((await LoginSessions.open(fileLoginSessionStore(dir))).find(token)).toBeDefined();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{oops');
    expect(await store.load()).toEqual([]);
  });
});
