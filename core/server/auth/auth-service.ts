import type { Credentials } from './credentials';
import {
  DEFAULT_FAILURE_LIMITS,
  FailureLimiter,
  type FailureLimiterOptions,
} from './failure-limiter';
import type { LoginSessions } from './login-sessions';

/** Everything the auth hook and routes share. */
export interface AuthService {
  credentials: Credentials;
  sessions: LoginSessions;
  /** Wrong passwords per client (login and password change): a growing delay, then 429. */
  passwordFailures: FailureLimiter;
  /** Wrong API keys per client: a growing delay (429); a right key always passes. */
  apiKeyFailures: FailureLimiter;
  /** Cookies get `Secure` when the server speaks HTTPS. */
  secureCookies: boolean;
}

export function createAuthService(options: {
  credentials: Credentials;
  sessions: LoginSessions;
  secureCookies: boolean;
  /** The failure limits (default DEFAULT_FAILURE_LIMITS; tests pass a clock). */
  failureLimits?: FailureLimiterOptions;
}): AuthService {
  const { failureLimits = DEFAULT_FAILURE_LIMITS, ...rest } = options;
  return {
    ...rest,
    passwordFailures: new FailureLimiter(failureLimits),
    apiKeyFailures: new FailureLimiter(failureLimits),
  };
}
