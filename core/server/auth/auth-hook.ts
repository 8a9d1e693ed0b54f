import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../contract';
import { API_KEY_HEADER, CSRF_HEADER } from '../../contract/auth';
import type { Logger } from '../../src/ports/logger';
import type { AuthService } from './auth-service';
import { authenticate, requiresAuth, SESSION_COOKIE, type AuthResult } from './authenticate';
import { setSessionCookie } from './session-cookie';

declare module 'fastify' {
  interface FastifyRequest {
    /** How the request proved itself (null on public routes). */
    auth: (AuthResult & { ok: true }) | null;
  }
  interface FastifyContextConfig {
    /** A route anyone may call (health, login). */
    public?: boolean;
    /** A route that answers requests naming nobody too (the session check). */
    optionalAuth?: boolean;
    /** The operation of the table behind the route. */
    operation?: string;
  }
}

/** A header's value, or undefined (a repeated header is refused as a whole). */
export function headerValue(request: FastifyRequest, name: string): string | undefined {
  // Node hands header names in lower case
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

function decodedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A 429 with Retry-After. */
export function tooManyFailures(reply: FastifyReply, seconds: number, what: string): AppError {
  reply.header('Retry-After', String(seconds));
  return new AppError('RATE_LIMITED', `Too many ${what}: try again in ${seconds} s.`);
}

/**
 * Authentication for everything under /api but the public routes, before any body is read
 * (onRequest): API key or login cookie (+ CSRF token for changes). A right API key always passes;
 * wrong ones are counted per client like wrong passwords, and past a few a client waits a growing
 * delay (429 with Retry-After). A route with `optionalAuth` also takes requests that name nobody
 * (`request.auth` stays null). A login in use is renewed (cookie set again) once a day.
 */
export function installAuthHook(app: FastifyInstance, auth: AuthService, logger: Logger): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (
      !requiresAuth(request.routeOptions.url, decodedPath(request.url), config?.public === true)
    ) {
      return;
    }
    const apiKey = headerValue(request, API_KEY_HEADER);
    const sessionToken = request.cookies[SESSION_COOKIE];
    const result = authenticate(
      {
        method: request.method,
        apiKey,
        sessionToken,
        csrfToken: headerValue(request, CSRF_HEADER),
      },
      {
        checkApiKey: (key) => auth.credentials.checkApiKey(key),
        findSession: (token) => auth.sessions.find(token),
      },
    );
    if (!result.ok) {
      if (result.anonymous && config?.optionalAuth === true) return;
      if (result.wrongApiKey) {
        const wait = auth.apiKeyFailures.blockedForSeconds(request.ip);
        auth.apiKeyFailures.recordFailure(request.ip);
        if (wait) throw tooManyFailures(reply, wait, 'wrong API keys');
        logger.warn(`Refused a request with a wrong API key from ${request.ip}.`);
      }
      throw result.error;
    }
    if (result.via === 'apiKey') auth.apiKeyFailures.reset(request.ip);
    request.auth = result;
    if (result.via === 'session' && sessionToken) {
      try {
        if (await auth.sessions.renewIfDue(result.session)) {
          setSessionCookie(reply, sessionToken, result.session, auth.secureCookies);
        }
      } catch (error) {
        logger.warn(`Could not save the renewed login: ${(error as Error).message}`);
      }
    }
  });
}
