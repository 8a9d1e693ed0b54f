import { AppError } from '../../contract';
import type { LoginSession } from './login-sessions';
import { safeEqual } from './tokens';

export const SESSION_COOKIE = 'asr_session';

export type AuthResult =
  | { ok: true; via: 'apiKey' }
  | { ok: true; via: 'session'; session: LoginSession }
  | {
      ok: false;
      error: AppError;
      wrongApiKey?: true;
      /** Nobody is named: no credentials, or a login cookie that no longer exists. */
      anonymous?: true;
    };

/** What a request shows to prove who it is. */
export interface AuthInput {
  method: string;
  apiKey?: string | undefined;
  sessionToken?: string | undefined;
  csrfToken?: string | undefined;
}

export interface AuthDeps {
  checkApiKey(key: string): boolean;
  findSession(token: string): LoginSession | undefined;
}

/** Methods that change something: a cookie-authenticated one must carry the CSRF token. */
export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/**
 * Decides a request: an `X-Api-Key` header is checked alone (right: allowed, CSRF-exempt, as a
 * browser cannot send it cross-site without CORS; wrong: 401, never falling back to a cookie).
 * Otherwise the session cookie must name a live login, and an unsafe method must also send that
 * login's token in `X-CSRF-Token` (else 403).
 */
export function authenticate(input: AuthInput, deps: AuthDeps): AuthResult {
  if (input.apiKey !== undefined) {
    if (deps.checkApiKey(input.apiKey)) return { ok: true, via: 'apiKey' };
    return {
      ok: false,
      wrongApiKey: true,
      error: new AppError('UNAUTHORIZED', 'The API key is wrong.'),
    };
  }
  if (input.sessionToken) {
    const session = deps.findSession(input.sessionToken);
    if (!session) {
      return {
        ok: false,
        anonymous: true,
        error: new AppError('UNAUTHORIZED', 'Your login has expired: log in again.'),
      };
    }
    if (
      isUnsafeMethod(input.method) &&
      !(input.csrfToken && safeEqual(input.csrfToken, session.csrfToken))
    ) {
      return {
        ok: false,
        error: new AppError(
          'FORBIDDEN',
          'This change needs the X-CSRF-Token header with the token the login answered.',
        ),
      };
    }
    return { ok: true, via: 'session', session };
  }
  return {
    ok: false,
    anonymous: true,
    error: new AppError('UNAUTHORIZED', 'Log in, or send the X-Api-Key header.'),
  };
}

/**
 * Whether a request needs authentication: every route under /api but the public ones (health,
 * login). Decided from the route that matched (its registered pattern, which percent-encoding
 * cannot disguise); a request that matched no route needs it when its path is under /api, so
 * unknown API paths answer 401 before 404.
 */
export function requiresAuth(
  routeUrl: string | undefined,
  path: string,
  isPublic: boolean,
): boolean {
  if (routeUrl !== undefined) return !isPublic && isApiPath(routeUrl);
  return isApiPath(path);
}

/** `/api` and everything below it (case-insensitively, for paths that matched no route). */
export function isApiPath(path: string): boolean {
  const p = path.split('?')[0]!.toLowerCase();
  return p === '/api' || p.startsWith('/api/');
}
