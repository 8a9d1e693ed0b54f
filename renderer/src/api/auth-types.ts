// The answers of the headless server's auth routes (README "Authentication"). They are host
// routes, not operations of the contract, and their types live in core/server/auth/auth-schemas.ts,
// which the renderer may not import; these mirror them (keep in step).

/** `POST /api/auth/login` `{password}` → */
export interface LoginAnswer {
  csrfToken: string;
  expiresAt: string;
}

/** `GET /api/auth/session` → (401 when nobody is logged in) */
export interface SessionAnswer {
  authenticated: true;
  via: 'session' | 'apiKey';
  /** For a browser login: the token to send as X-CSRF-Token with POST, PUT and DELETE. */
  csrfToken?: string;
  expiresAt?: string;
}

export const AUTH_PATHS = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  session: '/api/auth/session',
} as const;

/** The server's event stream (Server-Sent Events). */
export const EVENTS_PATH = '/api/events';

/** The header that carries the login's CSRF token on POST, PUT and DELETE. */
export const CSRF_HEADER = 'X-CSRF-Token';
