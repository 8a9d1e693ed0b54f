import { z } from 'zod';

// The headless server's auth routes (contract additions, README "Authentication"): their paths,
// inputs and answers, and the headers a request proves itself with. Host routes, not operations
// of the table; the server (core/server/auth) and the UI (renderer/src/api) both import them.

export const AUTH_PATHS = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  session: '/api/auth/session',
  apiKey: '/api/auth/api-key',
  regenerateApiKey: '/api/auth/api-key/regenerate',
  password: '/api/auth/password',
} as const;

/** The server's event stream (Server-Sent Events). */
export const EVENTS_PATH = '/api/events';

/**
 * The header that carries the login's CSRF token on POST, PUT and DELETE (HTTP header names are
 * case-insensitive: Node hands them to the server in lower case).
 */
export const CSRF_HEADER = 'X-CSRF-Token';
/** The header that carries the API key (right: allowed, and exempt from the CSRF check). */
export const API_KEY_HEADER = 'X-Api-Key';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

/** `POST /api/auth/login` `{password}` → LoginDto. */
export const loginInput = z.object({
  password: z
    .string({ error: 'is required (text)' })
    .min(1, 'must not be empty')
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
});

/**
 * `POST /api/auth/password` `{currentPassword, newPassword}` → 204 (other logins are logged
 * out; 409 when ADMIN_PASSWORD sets the password; field `currentPassword` when it is wrong).
 */
export const changePasswordInput = z.object({
  currentPassword: z
    .string({ error: 'is required (text)' })
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
  newPassword: z
    .string({ error: 'is required (text)' })
    .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
    .refine((value) => !value.includes('\0'), 'must not contain NUL characters'),
});

/** `GET /api/auth/session`: who the request is (`{authenticated: false}`, 200, when nobody). */
export type AuthSessionDto =
  | {
      authenticated: true;
      via: 'session' | 'apiKey';
      /** For a browser login: the token to send as X-CSRF-Token with POST, PUT and DELETE. */
      csrfToken?: string;
      expiresAt?: string;
      /**
       * For a browser login: true when ADMIN_PASSWORD sets the password (it cannot be changed
       * here: POST /api/auth/password answers 409), so the UI says so instead of offering it.
       */
      passwordSetByEnv?: boolean;
    }
  | { authenticated: false };

/** The answer of `POST /api/auth/login`. */
export interface LoginDto {
  csrfToken: string;
  expiresAt: string;
  /** As in AuthSessionDto: ADMIN_PASSWORD sets the password. */
  passwordSetByEnv: boolean;
}

/** `GET /api/auth/api-key` and `POST /api/auth/api-key/regenerate`. */
export interface ApiKeyDto {
  apiKey: string;
  /** True when API_KEY sets it (then it cannot be regenerated here: 409). */
  lockedByEnv: boolean;
}
