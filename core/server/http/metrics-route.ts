// GET /metrics: the engine's Prometheus metrics (issue 13, item 5) for a scraper (Prometheus,
// Grafana Agent, Uptime Kuma). Outside /api, so the route checks its credentials itself: the
// API key (X-Api-Key, or as a bearer token), or METRICS_TOKEN as a bearer token, which reads
// /metrics and nothing else.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../contract';
import { headerValue, tooManyFailures } from '../auth/auth-hook';
import type { AuthService } from '../auth/auth-service';
import { API_KEY_HEADER } from '../auth/authenticate';
import { safeEqual } from '../auth/tokens';

export const METRICS_PATH = '/metrics';

/** What the route serves: the registry (buildMetricsRegistry) and the optional METRICS_TOKEN. */
export interface MetricsEndpoint {
  registry: { metrics(): Promise<string>; readonly contentType: string };
  /** A bearer token that may read /metrics only; unset or blank: only the API key. */
  token?: string | undefined;
}

export type ScrapeAuth =
  | { ok: true; via: 'apiKey' | 'metricsToken' }
  | { ok: false; error: AppError; wrongCredential: boolean };

/**
 * Decides a scrape: `X-Api-Key` is checked alone (as on /api); otherwise `Authorization: Bearer
 * <t>` passes when `t` is METRICS_TOKEN or the API key. Anything else is 401.
 */
export function authorizeScrape(
  input: { apiKey?: string | undefined; authorization?: string | undefined },
  deps: { checkApiKey(key: string): boolean; token?: string | undefined },
): ScrapeAuth {
  const wrong = (message: string): ScrapeAuth => ({
    ok: false,
    wrongCredential: true,
    error: new AppError('UNAUTHORIZED', message),
  });
  if (input.apiKey !== undefined) {
    return deps.checkApiKey(input.apiKey)
      ? { ok: true, via: 'apiKey' }
      : wrong('The API key is wrong.');
  }
  if (input.authorization !== undefined) {
    const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(input.authorization);
    if (!bearer) return wrong('The Authorization header must be "Bearer <token>".');
    const given = bearer[1]!;
    const token = deps.token?.trim();
    if (token && safeEqual(given, token)) return { ok: true, via: 'metricsToken' };
    if (deps.checkApiKey(given)) return { ok: true, via: 'apiKey' };
    return wrong('The bearer token is neither METRICS_TOKEN nor the API key.');
  }
  return {
    ok: false,
    wrongCredential: false,
    error: new AppError(
      'UNAUTHORIZED',
      'Send the X-Api-Key header, or Authorization: Bearer with METRICS_TOKEN or the API key.',
    ),
  };
}

/**
 * Registers GET (and HEAD) /metrics when `endpoint` is given. Wrong credentials are counted per
 * client with the wrong API keys (a growing delay, then 429 with Retry-After).
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  auth: AuthService,
  endpoint: MetricsEndpoint | undefined,
): void {
  if (!endpoint) return;
  app.get(METRICS_PATH, async (request, reply) => {
    const decision = authorizeScrape(
      {
        apiKey: headerValue(request, API_KEY_HEADER),
        authorization: headerValue(request, 'authorization'),
      },
      { checkApiKey: (key) => auth.credentials.checkApiKey(key), token: endpoint.token },
    );
    if (!decision.ok) {
      if (decision.wrongCredential) {
        const wait = auth.apiKeyFailures.blockedForSeconds(request.ip);
        auth.apiKeyFailures.recordFailure(request.ip);
        if (wait) throw tooManyFailures(reply, wait, 'wrong credentials for /metrics');
      }
      reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw decision.error;
    }
    auth.apiKeyFailures.reset(request.ip);
    const text = await endpoint.registry.metrics();
    return reply
      .header('Content-Type', endpoint.registry.contentType)
      .header('Cache-Control', 'no-store')
      .send(text);
  });
}
