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
