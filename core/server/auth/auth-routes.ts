import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../contract';
import {
  AUTH_PATHS,
  changePasswordInput,
  loginInput,
  type ApiKeyDto,
  type AuthSessionDto,
  type LoginDto,
} from '../../contract/auth';
import { validationError } from '../../src/operations/operation-table';
import type { Logger } from '../../src/ports/logger';
import { tooManyFailures } from './auth-hook';
import { SESSION_COOKIE } from './authenticate';
import type { AuthService } from './auth-service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/**
 * The host's auth routes (contract additions): login, logout, the current login, password
 * change, and the API key for Settings. Only login is public; it is rate limited by failures
 * (per client: a growing delay after a few wrong passwords). The session check answers anyone.
 */
export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, logger: Logger): void {
  app.post(AUTH_PATHS.login, { config: { public: true } }, async (request, reply) => {
    const wait = auth.passwordFailures.blockedForSeconds(request.ip);
    if (wait) throw tooManyFailures(reply, wait, 'failed logins');
    const { password } = parse(loginInput, request.body);
    if (!(await auth.credentials.checkPassword(password))) {
      auth.passwordFailures.recordFailure(request.ip);
      logger.warn(`Failed login from ${request.ip}.`);
      throw new AppError('UNAUTHORIZED', 'The password is wrong.', { field: 'password' });
    }
    auth.passwordFailures.reset(request.ip);
    const { token, session } = await auth.sessions.create();
    setSessionCookie(reply, token, session, auth.secureCookies);
    logger.info(`Logged in from ${request.ip}.`);
    const answer: LoginDto = {
      csrfToken: session.csrfToken,
      expiresAt: new Date(session.expiresAt).toISOString(),
      passwordSetByEnv: auth.credentials.passwordLockedByEnv,
    };
    return answer;
  });

  app.post(AUTH_PATHS.logout, async (request, reply) => {
    if (request.auth?.via === 'session') {
      await auth.sessions.remove(request.auth.session);
      clearSessionCookie(reply, auth.secureCookies);
    }
    return reply.code(204).send();
  });

  // answers a visitor too (200), so that a browser's first "who is logged in?" fails no request
  app.get(AUTH_PATHS.session, { config: { optionalAuth: true } }, async (request, reply) => {
    const current = request.auth;
    // a cookie of a login that no longer exists is dropped
    if (current === null && request.cookies[SESSION_COOKIE]) {
      clearSessionCookie(reply, auth.secureCookies);
    }
    const answer: AuthSessionDto =
      current === null
        ? { authenticated: false }
        : current.via === 'session'
          ? {
              authenticated: true,
              via: 'session',
              csrfToken: current.session.csrfToken,
              expiresAt: new Date(current.session.expiresAt).toISOString(),
              passwordSetByEnv: auth.credentials.passwordLockedByEnv,
            }
          : { authenticated: true, via: 'apiKey' };
    return answer;
  });

  app.post(AUTH_PATHS.password, async (request, reply) => {
    const wait = auth.passwordFailures.blockedForSeconds(request.ip);
    if (wait) throw tooManyFailures(reply, wait, 'failed password checks');
    const input = parse(changePasswordInput, request.body);
    auth.credentials.assertPasswordChangeable();
    if (!(await auth.credentials.checkPassword(input.currentPassword))) {
      auth.passwordFailures.recordFailure(request.ip);
      throw new AppError('VALIDATION_FAILED', 'The current password is wrong.', {
        field: 'currentPassword',
      });
    }
    await auth.credentials.changePassword(input.newPassword);
    const current = request.auth?.via === 'session' ? request.auth.session : undefined;
    await auth.sessions.removeAllExcept(current);
    logger.info('The admin password was changed; other logins were logged out.');
    return reply.code(204).send();
  });

  app.get(AUTH_PATHS.apiKey, async () => {
    const answer: ApiKeyDto = {
      apiKey: auth.credentials.apiKey,
      lockedByEnv: auth.credentials.apiKeyLockedByEnv,
    };
    return answer;
  });

  app.post(AUTH_PATHS.regenerateApiKey, async () => {
    const apiKey = await auth.credentials.regenerateApiKey();
    logger.info('A new API key was generated; the old one no longer works.');
    const answer: ApiKeyDto = { apiKey, lockedByEnv: false };
    return answer;
  });
}
