import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RouteLocationNormalized } from 'vue-router';
import { ApiError } from '../api/api-error';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { authGuard, redirectTarget } from './index';

function to(path: string, extra: Partial<RouteLocationNormalized> = {}): RouteLocationNormalized {
  return {
    path,
    fullPath: path,
    name: path === '/login' ? 'login' : 'dashboard',
    query: {},
    meta: path === '/login' ? { public: true } : {},
    ...extra,
  } as RouteLocationNormalized;
}

const app = storeTest();
let client: FakeClient;
beforeEach(() => {
  client = app.client;
});

describe('authGuard', () => {
  it('sends a visitor without a login ({authenticated: false}) to the login page, remembering where to', async () => {
    client.auth.session = vi.fn(async () => null);
    expect(await authGuard(to('/streams'))).toEqual({
      name: 'login',
      query: { redirect: '/streams' },
    });
    expect(await authGuard(to('/'))).toEqual({ name: 'login', query: {} });
    expect(await authGuard(to('/login'))).toBe(true);
    expect(client.auth.session).toHaveBeenCalledTimes(1);
  });

  it('lets a logged-in user in, and away from the login page', async () => {
    expect(await authGuard(to('/streams'))).toBe(true);
    expect(await authGuard(to('/login', { query: { redirect: '/streams' } }))).toBe('/streams');
  });

  it('shows the login page, with the reason, when the server cannot be asked', async () => {
    client.auth.session = async () => {
      throw new ApiError('NETWORK_ERROR', 'offline');
    };
    expect(await authGuard(to('/'))).toEqual({ name: 'login', query: {} });
  });

  it('never sends the user to another site after login', () => {
    expect(redirectTarget('/streams?x=1')).toBe('/streams?x=1');
    expect(redirectTarget('//evil.example')).toBe('/');
    expect(redirectTarget('https://evil.example')).toBe('/');
    expect(redirectTarget(undefined)).toBe('/');
  });
});
