/**
 * The desktop app serves the files the contract answers as files (a stream's artwork, a session's
 * audio) through this URL scheme instead of an HTTP port: `recorder-file://app/api/streams/x/artwork`
 * is answered like `GET /api/streams/x/artwork` on the headless server.
 */
export const DESKTOP_FILE_SCHEME = 'recorder-file';
export const DESKTOP_FILE_HOST = 'app';

/** The desktop URL of a file path of the contract (`/api/...`). */
export function desktopFileUrl(apiPath: string): string {
  return `${DESKTOP_FILE_SCHEME}://${DESKTOP_FILE_HOST}${apiPath}`;
}
