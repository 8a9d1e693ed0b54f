import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { refuseOversizedBodies } from './http/oversized-body';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { AppError } from '../contract';
import { CALENDAR_MAX_DAYS, calendarIcs } from '../contract/operations/calendar';
import { textAnswer } from '../contract/operations/common';
import type { Core } from '../src/create-core';
import { installAuthHook } from './auth/auth-hook';
import { registerAuthRoutes } from './auth/auth-routes';
import type { AuthService } from './auth/auth-service';
import { isApiPath } from './auth/authenticate';
import { createServerAuth } from './auth/server-auth';
import { registerEventStream } from './events/event-stream';
import { DEFAULT_JSON_BODY_LIMIT } from './http/body-limits';
import { useJsonBodies } from './http/body-parsers';
import { toErrorReply } from './http/error-reply';
import { serializeJson } from './http/json-serializer';
import { registerFeedRoutes } from './http/feed-routes';
import { registerMetricsRoute, type MetricsEndpoint } from './http/metrics-route';
import { registerOperationRoutes } from './http/operation-routes';
import {
  answerClientError,
  answerFrameworkError,
  MAX_PARAM_LENGTH,
  refuseWhileClosing,
  sendErrorReply,
} from './http/framework-errors';
import { allowedHostNames, installHostCheck } from './http/host-check';
import { noStoreOnApi, securityHeaders } from './http/security-headers';
import { isPagePath, registerRenderer } from './static/renderer';
import type { TlsFiles } from './startup/tls';

/** What the server uses of the engine. */
export type ServerCore = Pick<Core, 'operations' | 'context' | 'events' | 'logger' | 'settings'>;

export interface ServerOptions {
  /** Serve HTTPS with this certificate and key (else HTTP). */
  https?: TlsFiles | undefined;
  /** The built UI (`out/renderer`); a placeholder page is served while it is missing. */
  rendererDir: string;
  /** Credentials and logins (default: kept under CONFIG_DIR/auth). */
  auth?: AuthService;
  /** API requests per client IP and minute (default 600). */
  requestsPerMinute?: number;
  /** Heartbeat interval of the event stream (default 15 s; tests shorten it). */
  sseHeartbeatMs?: number;
  /** Serve GET /metrics (Prometheus text) from this registry; absent: no /metrics route. */
  metrics?: MetricsEndpoint;
}

const isApiRequest = (request: FastifyRequest) =>
  isApiPath(request.routeOptions.url ?? request.url);

/**
 * The headless host: security headers, rate limits, authentication, the auth routes, the event
 * stream, one route per operation of the table, and the UI. Errors of every route become
 * `{"error": {code, message, field?}}` in one place (toErrorReply). Call `listen` on the result.
 */
export async function buildServer(
  core: ServerCore,
  options: ServerOptions,
): Promise<FastifyInstance> {
  const https = options.https;
  // behind trusted reverse proxies, request.ip (limits, logs) is the client they forward for
  const proxies = core.settings.trustProxy;
  const base = {
    logger: false,
    bodyLimit: DEFAULT_JSON_BODY_LIMIT,
    trustProxy: proxies.length > 0 ? proxies : false,
    // fastify's own answers (bad URL, long path parameter, unparsable HTTP, closing) in the
    // contract's error body
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    return503OnClosing: false,
  } as const;
  const app = (https
    ? Fastify({ ...base, https: { cert: https.cert, key: https.key } })
    : Fastify(base)) as unknown as FastifyInstance;
  const auth = options.auth ?? (await createServerAuth(core, Boolean(https)));

  app.setReplySerializer(serializeJson);
  app.setErrorHandler((error, request, reply) => {
    const answer = toErrorReply(error);
    if (answer.detail) {
      core.logger.error(
        `${request.method} ${request.routeOptions.url ?? '(no route)'} failed: ${answer.detail}`,
      );
    }
    return sendErrorReply(reply, answer);
  });

  installHostCheck(app, allowedHostNames(core.settings.host, core.settings.allowedHosts));
  refuseWhileClosing(app);
  noStoreOnApi(app, isApiPath);
  useJsonBodies(app);
  refuseOversizedBodies(app);
  await app.register(helmet, securityHeaders(Boolean(https)));
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: options.requestsPerMinute ?? 600,
    timeWindow: 60_000,
    allowList: (request) => !isApiRequest(request),
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `Too many requests: try again in ${context.after}.`),
  });
  installAuthHook(app, auth, core.logger);
  registerAuthRoutes(app, auth, core.logger);
  registerEventStream(app, core.events, { heartbeatMs: options.sseHeartbeatMs });
  await registerOperationRoutes(app, core);
  registerMetricsRoute(app, auth, options.metrics);
  registerFeedRoutes(app, core.context.feeds, core.settings.publicUrl, () =>
    core.operations
      .invoke(calendarIcs.name, { days: CALENDAR_MAX_DAYS }, core.context)
      .then((answer) => textAnswer.parse(answer)),
  );
  const renderer = await registerRenderer(app, options.rendererDir, core.context.version);

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const page = (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(path);
    if (page && isPagePath(path)) return renderer.page(reply);
    throw new AppError('NOT_FOUND', `There is no ${request.method} ${path.slice(0, 200)}.`);
  });
  return app;
}
