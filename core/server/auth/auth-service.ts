import type { Credentials } from './credentials';
import { FailureLimiter } from './failure-limiter';
import type { LoginSessions } from './login-sessions';

/** Everything the auth hook and routes share. */
export interface AuthService {
  credentials: Credentials;
  sessions: LoginSessions;
  /** Wrong passwords per client IP (login and password change): 9 a minute, then 429. */
  passwordFailures: FailureLimiter;
  /** Wrong API keys per client IP: 9 a minute, then 429. */
  apiKeyFailures: FailureLimiter;
  /** Cookies get `Secure` when the server speaks HTTPS. */
  secureCookies: boolean;
}

export function createAuthService(options: {
  credentials: Credentials;
  sessions: LoginSessions;
  secureCookies: boolean;
}): AuthService {
  return {
    ...options,
    passwordFailures: new FailureLimiter({ maxFailures: 9, windowMs: 60_000 }),
    apiKeyFailures: new FailureLimiter({ maxFailures: 9, windowMs: 60_000 }),
  };
}
