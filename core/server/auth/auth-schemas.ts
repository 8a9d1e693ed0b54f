import { z } from 'zod';

// The host's own routes (contract additions, documented in the README). The UI may share them.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

/** `POST /api/auth/login`. */
export const loginInput = z.object({
  password: z
    .string({ error: 'is required (text)' })
    .min(1, 'must not be empty')
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
});

/** `POST /api/auth/password`. */
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

/** `GET /api/auth/session`: who the request is (`{authenticated: false}` when nobody). */
export type AuthSessionDto =
  | {
      authenticated: true;
      via: 'session' | 'apiKey';
      /** For a browser login: the token to send as X-CSRF-Token with POST, PUT and DELETE. */
      csrfToken?: string;
      expiresAt?: string;
    }
  | { authenticated: false };

/** `POST /api/auth/login`. */
export interface LoginDto {
  csrfToken: string;
  expiresAt: string;
}

/** `GET /api/auth/api-key` and `POST /api/auth/api-key/regenerate`. */
export interface ApiKeyDto {
  apiKey: string;
  /** True when API_KEY sets it (then it cannot be regenerated here). */
  lockedByEnv: boolean;
}
