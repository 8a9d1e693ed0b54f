import { describe, expect, it } from 'vitest';
import { authenticate, isApiPath, isUnsafeMethod, requiresAuth } from './authenticate';
import type { LoginSession } from './login-sessions';

const session: LoginSession = {
  tokenHash: 'h',
  csrfToken: 'csrf-token',
  createdAt: 0,
  expiresAt: Number.MAX_SAFE_INTEGER,
};
const deps = {
  checkApiKey: (key: string) => key === 'right-key',
  findSession: (token: string) => (token === 'cookie-token' ? session : undefined),
};

describe('authenticate', () => {
  it('accepts the right API key for any method, without a CSRF token', () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      expect(authenticate({ method, apiKey: 'right-key' }, deps)).toEqual({
        ok: true,
        via: 'apiKey',
      });
    }
  });

  it('refuses a wrong API key even with a valid cookie (401)', () => {
    const result = authenticate(
      { method: 'GET', apiKey: 'wrong', sessionToken: 'cookie-token' },
      deps,
    );
    expect(result).toMatchObject({ ok: false, wrongApiKey: true });
    if (!result.ok) expect(result.error.code).toBe('UNAUTHORIZED');
  });

  it('accepts a login cookie for reads without a CSRF token', () => {
    expect(authenticate({ method: 'GET', sessionToken: 'cookie-token' }, deps)).toEqual({
      ok: true,
      via: 'session',
      session,
    });
  });

  it('needs the matching X-CSRF-Token for changes made with the cookie (else 403)', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const csrfToken of [undefined, '', 'wrong', 'csrf-token-and-more']) {
        const result = authenticate({ method, sessionToken: 'cookie-token', csrfToken }, deps);
        expect(result.ok, `${method} ${csrfToken}`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('FORBIDDEN');
      }
      expect(
        authenticate({ method, sessionToken: 'cookie-token', csrfToken: 'csrf-token' }, deps).ok,
      ).toBe(true);
    }
  });

  it('refuses an unknown or expired cookie and a request without credentials (401)', () => {
    for (const input of [{ sessionToken: 'old' }, {}, { sessionToken: '' }]) {
      const result = authenticate({ method: 'GET', ...input }, deps);
      expect(result).toMatchObject({ ok: false, anonymous: true });
      if (!result.ok) expect(result.error.code).toBe('UNAUTHORIZED');
    }
  });
});

describe('isUnsafeMethod', () => {
  it('treats everything but GET, HEAD and OPTIONS as a change', () => {
    expect(['GET', 'HEAD', 'OPTIONS', 'get'].map(isUnsafeMethod)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['POST', 'PUT', 'DELETE', 'PATCH'].every(isUnsafeMethod)).toBe(true);
  });
});

describe('requiresAuth', () => {
  it('protects every /api route but the public ones, judged by the matched route', () => {
    expect(requiresAuth('/api/streams', '/api/streams', false)).toBe(true);
    expect(requiresAuth('/api/health', '/api/health', true)).toBe(false);
    expect(requiresAuth('/assets/app.js', '/assets/app.js', false)).toBe(false);
    // the matched pattern decides, whatever the raw path looked like
    expect(requiresAuth('/api/system', '/%61pi/system', false)).toBe(true);
  });

  it('protects unmatched paths under /api (401 before 404), not the UI pages', () => {
    expect(requiresAuth(undefined, '/api/nope', false)).toBe(true);
    expect(requiresAuth(undefined, '/API/nope', false)).toBe(true);
    expect(requiresAuth(undefined, '/api', false)).toBe(true);
    expect(requiresAuth(undefined, '/settings', false)).toBe(false);
    expect(requiresAuth(undefined, '/apiary', false)).toBe(false);
  });

  it('isApiPath ignores the query', () => {
    expect(isApiPath('/api/x?y=1')).toBe(true);
    expect(isApiPath('/?x=/api/')).toBe(false);
  });
});
