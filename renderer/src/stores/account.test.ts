import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { installClient } from '../api/client';
import { fakeAccount, fakeClient, type FakeAccount } from '../testing/fake-client';
import { useAccountStore } from './account';

let account: FakeAccount;

beforeEach(() => {
  account = fakeAccount({ apiKey: 'first-key', lockedByEnv: false });
  installClient(fakeClient({ account }));
  setActivePinia(createPinia());
});

describe('account store', () => {
  it('reads the API key and replaces it', async () => {
    const store = useAccountStore();
    expect(store.available).toBe(true);
    await store.loadApiKey();
    expect(store.apiKey).toEqual({ apiKey: 'first-key', lockedByEnv: false });
    const next = await store.regenerateApiKey();
    expect(next.apiKey).not.toBe('first-key');
    expect(store.apiKey).toEqual(next);
  });

  it('keeps the key shown when the server refuses to replace it (API_KEY set)', async () => {
    account.key = { apiKey: 'env-key', lockedByEnv: true };
    const store = useAccountStore();
    await store.loadApiKey();
    await expect(store.regenerateApiKey()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(store.apiKey?.apiKey).toBe('env-key');
  });

  it('changes the password, and hands back a wrong current one', async () => {
    const store = useAccountStore();
    await expect(store.changePassword('wrong', 'a new password')).rejects.toMatchObject({
      field: 'currentPassword',
    });
    await store.changePassword('old password', 'a new password');
    expect(account.password).toBe('a new password');
  });

  it('is not available in the desktop app (no login)', async () => {
    installClient(fakeClient({ needsLogin: false }));
    setActivePinia(createPinia());
    const store = useAccountStore();
    expect(store.available).toBe(false);
    await store.loadApiKey();
    expect(store.apiKey).toBeNull();
    await expect(store.changePassword('a', 'b')).rejects.toThrow(/no login/);
  });
});
