import { DESKTOP_FILE_SCHEME } from '../../core/contract/desktop';

/**
 * The Content-Security-Policy of the desktop window: the app's own scripts only (no inline
 * script, no eval), inline styles (Naive UI styles components at run time), images and audio
 * from the app and from the file scheme (artwork, recordings), nothing fetched from anywhere
 * else. The built page carries it as a <meta> tag (electron.vite.config.ts); in development the
 * dev server's origin and its hot-reload socket are added.
 */
export function contentSecurityPolicy(options: { devServer?: string } = {}): string {
  const files = `${DESKTOP_FILE_SCHEME}:`;
  const dev = options.devServer ? new URL(options.devServer) : undefined;
  const devSocket = dev ? `ws://${dev.host}` : '';
  const self = dev ? `'self' ${dev.origin}` : "'self'";
  return [
    `default-src ${self}`,
    `script-src ${self}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob: ${files}`,
    `media-src ${self} blob: ${files}`,
    `font-src ${self} data:`,
    `connect-src ${self}${devSocket ? ` ${devSocket}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
  ].join('; ');
}

/** What Electron's `webRequest.onHeadersReceived` tells about a response (the part used here). */
export interface HeadersDetails {
  url: string;
  resourceType: string;
  responseHeaders?: Record<string, string[]>;
}

export type HeadersListener = (
  details: HeadersDetails,
  done: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

/**
 * In development the page comes from the dev server, not the built file with its <meta>: the
 * dev server's pages (main frames from its origin) get the policy as a header; every other
 * response passes unchanged.
 */
export function devServerCsp(devServer: string): HeadersListener {
  const policy = contentSecurityPolicy({ devServer });
  const origin = new URL(devServer).origin;
  return (details, done) =>
    done(
      new URL(details.url).origin === origin && details.resourceType === 'mainFrame'
        ? {
            responseHeaders: {
              ...details.responseHeaders,
              'Content-Security-Policy': [policy],
            },
          }
        : {},
    );
}
