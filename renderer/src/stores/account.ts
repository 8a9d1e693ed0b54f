import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useClient } from '../api/client';
import type { ApiKeyInfo } from '../api/transport';
import { trackedLoad } from './tracked-load';

/**
 * The account of a password login: the API key scripts use and the admin password. Only where
 * the transport has one (the headless server); the desktop app has no login (`available` false).
 */
export const useAccountStore = defineStore('account', () => {
  const client = useClient();
  const account = client.auth.account;
  const available = account !== undefined;
  const apiKey = ref<ApiKeyInfo | null>(null);
  const { loading, error, track } = trackedLoad();

  function api() {
    if (!account) throw new Error('This app has no login: there is no API key or password.');
    return account;
  }

  async function loadApiKey(): Promise<void> {
    if (!account) return;
    await track(async () => {
      apiKey.value = await account.apiKey();
    });
  }

  /** Replaces the API key: the old one stops working at once. Rejects with the ApiError. */
  async function regenerateApiKey(): Promise<ApiKeyInfo> {
    apiKey.value = await api().regenerateApiKey();
    error.value = null;
    return apiKey.value;
  }

  /** Changes the admin password (other logins end). Rejects with the ApiError (`field`). */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await api().changePassword(currentPassword, newPassword);
  }

  return { available, apiKey, loading, error, loadApiKey, regenerateApiKey, changePassword };
});
