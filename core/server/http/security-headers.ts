import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Helmet's settings: a strict CSP (scripts, connections, fonts only from this origin; images and
 * media also from data:/blob: for cover previews and playback; inline styles allowed because
 * component libraries set style attributes; no framing, no plugins), nosniff, frame DENY,
 * Referrer-Policy no-referrer. HSTS and upgrade-insecure-requests only over HTTPS: over plain
 * HTTP on a LAN address they would break the UI.
 */
export function securityHeaders(https: boolean): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    noSniff: true,
    referrerPolicy: { policy: 'no-referrer' },
    hsts: https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * `Cache-Control: no-store` on every answer under /api (`isApi` decides from the URL): API
 * answers carry recordings, keys and settings that neither the browser nor a proxy should keep.
 * The event stream, which writes its own headers, sets it too.
 */
export function noStoreOnApi(app: FastifyInstance, isApi: (url: string) => boolean): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (isApi(request.url)) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
}
