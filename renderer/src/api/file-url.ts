import { desktopFileUrl } from '@contract';

/**
 * Where the page finds a file the contract serves (`artworkUrl`, `/api/sessions/:id/audio`): the
 * path itself on the headless server; the desktop app's file scheme in the IPC build. Every
 * <img>, <audio> and download link goes through this.
 */
export function fileUrl(apiPath: string): string {
  return import.meta.env.VITE_TRANSPORT === 'ipc' ? desktopFileUrl(apiPath) : apiPath;
}
