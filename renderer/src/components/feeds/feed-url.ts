import QRCode from 'qrcode';

/**
 * Whether this build's server serves the feeds: the headless server does; the desktop app serves
 * no HTTP, so it shows no feed URLs (a stream's podcast settings are still kept, and backed up).
 */
export const FEEDS_SERVED = import.meta.env.VITE_TRANSPORT !== 'ipc';

/**
 * A feed's URL as a podcast app needs it: absolute. The server answers it absolute when
 * PUBLIC_URL is set, else as a path on itself — the page's own origin.
 */
export function absoluteFeedUrl(url: string, origin = globalThis.location?.origin ?? ''): string {
  try {
    return new URL(url, origin).href;
  } catch {
    return url;
  }
}

/** The URL as a QR code, an SVG document (dark modules on white, whatever the theme). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
