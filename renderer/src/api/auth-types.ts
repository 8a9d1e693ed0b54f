import { z } from 'zod';

// The answers of the headless server's auth routes (README "Authentication"). They are host
// routes, not operations of the contract, and their types live in core/server/auth/auth-schemas.ts,
// which the renderer may not import; these mirror them (keep in step).

/** `POST /api/auth/login` `{password}` → */
export interface LoginAnswer {
  csrfToken: string;
  expiresAt: string;
}

/** `GET /api/auth/session` → who the request is; `{authenticated: false}` (200) when nobody */
export type SessionAnswer =
  | {
      authenticated: true;
      via: 'session' | 'apiKey';
      /** For a browser login: the token to send as X-CSRF-Token with POST, PUT and DELETE. */
      csrfToken?: string;
      expiresAt?: string;
    }
  | { authenticated: false };

/** `GET /api/auth/api-key` and `POST /api/auth/api-key/regenerate` → */
export interface ApiKeyAnswer {
  apiKey: string;
  /** True when API_KEY sets it (then it cannot be regenerated here: 409). */
  lockedByEnv: boolean;
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

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

/** The header that carries the login's CSRF token on POST, PUT and DELETE. */
export const CSRF_HEADER = 'X-CSRF-Token';
