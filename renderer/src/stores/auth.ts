import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { errorMessage } from '../api/error-messages';
import { useClient } from '../api/client';
import type { AuthSession } from '../api/transport';

export type AuthStatus = 'unknown' | 'authenticated' | 'anonymous';

/**
 * Who is logged in: checked once at start (the server answers `{authenticated: false}` to a
 * visitor, so the login page's first load fails no request), changed by login/logout, lost when
 * a request is refused with 401.
 */
export const useAuthStore = defineStore('auth', () => {
  const client = useClient();
  const status = ref<AuthStatus>('unknown');
  const session = ref<AuthSession | null>(null);
  /** Why the login could not be checked (the server is unreachable...), for the login page. */
  const checkError = ref<string | null>(null);
  let pending: Promise<AuthStatus> | undefined;

  const needsLogin = client.auth.needsLogin;
  const isAuthenticated = computed(() => status.value === 'authenticated');

  function set(next: AuthSession | null): void {
    session.value = next;
    status.value = next ? 'authenticated' : 'anonymous';
  }

  /** Asks the server who is logged in (once; `force` asks again). Never throws. */
  function check(force = false): Promise<AuthStatus> {
    if (!force && status.value !== 'unknown') return Promise.resolve(status.value);
    pending ??= client.auth
      .session()
      .then((answer) => {
        checkError.value = null;
        set(answer);
        return status.value;
      })
      .catch((error: unknown) => {
        checkError.value = errorMessage(error);
        set(null);
        return status.value;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  /** Logs in; rejects with the ApiError (field `password` when the password is wrong). */
  async function login(password: string): Promise<void> {
    const answer = await client.auth.login(password);
    checkError.value = null;
    set(answer);
  }

  async function logout(): Promise<void> {
    try {
      await client.auth.logout();
    } finally {
      set(null);
    }
  }

  // a request refused with 401: the login expired or was revoked elsewhere
  client.auth.onExpired(() => set(null));

  return { status, session, checkError, needsLogin, isAuthenticated, check, login, logout };
});
