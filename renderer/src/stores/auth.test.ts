import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, installClient } from '../api/client';
import { HttpTransport } from '../api/http-transport';
import { useAuthStore } from './auth';

// The store over the browser's transport, with the server's answers faked at fetch.
let answers: Record<string, () => Response>;
let requested: string[];

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

beforeEach(() => {
  requested = [];
  answers = {};
  const fetch = vi.fn(async (url: string | URL | Request) => {
    requested.push(String(url));
    return (answers[String(url)] ?? (() => json(404, {})))();
  });
  const transport = new HttpTransport({
    fetch: fetch as unknown as typeof globalThis.fetch,
    eventSource: () => ({ close: () => undefined }) as unknown as EventSource,
  });
  installClient(createClient(transport));
  setActivePinia(createPinia());
});

describe('auth store (HTTP)', () => {
  it('takes {authenticated: false} for "nobody logged in": anonymous, no error, asked once', async () => {
    answers['/api/auth/session'] = () => json(200, { authenticated: false });
    const auth = useAuthStore();
    expect(await auth.check()).toBe('anonymous');
    expect(await auth.check()).toBe('anonymous');
    expect(auth.checkError).toBeNull();
    expect(auth.isAuthenticated).toBe(false);
    expect(requested).toEqual(['/api/auth/session']);
  });

  it('is authenticated when the server names the login, and anonymous after logout', async () => {
    answers['/api/auth/session'] = () =>
      json(200, { authenticated: true, via: 'session', csrfToken: 't', expiresAt: 'x' });
    answers['/api/auth/logout'] = () => new Response(null, { status: 204 });
    const auth = useAuthStore();
    expect(await auth.check()).toBe('authenticated');
    expect(auth.session).toMatchObject({ via: 'session' });
    await auth.logout();
    expect(auth.status).toBe('anonymous');
  });

  it('keeps the reason when the server cannot be asked', async () => {
    answers['/api/auth/session'] = () => {
      throw new TypeError('Failed to fetch');
    };
    const auth = useAuthStore();
    expect(await auth.check()).toBe('anonymous');
    expect(auth.checkError).toBeTruthy();
  });
});
