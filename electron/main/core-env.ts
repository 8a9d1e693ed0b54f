import { join } from 'node:path';

/**
 * The environment the desktop app starts the core with: its data under Electron's userData
 * folder (database, parts, config, logs, artwork), recordings in the folder chosen in the tray
 * menu (desktop.json) or `<userData>/recordings`. Variables the user set (DATA_DIR,
 * RECORDINGS_DIR, ...) still win, as they do for the server. No port is opened: the core's
 * WEB_PORT, HOST and auth settings are never used by the desktop app.
 */
export function desktopEnvironment(
  env: NodeJS.ProcessEnv,
  paths: { userData: string; recordingsDir?: string | undefined; ffmpegPath?: string | undefined },
): NodeJS.ProcessEnv {
  const set = (name: string) => Boolean(env[name]?.trim());
  const dataDir = set('DATA_DIR') ? (env.DATA_DIR as string) : join(paths.userData, 'data');
  return {
    ...env,
    DATA_DIR: dataDir,
    RECORDINGS_DIR: set('RECORDINGS_DIR')
      ? env.RECORDINGS_DIR
      : (paths.recordingsDir ?? join(paths.userData, 'recordings')),
    ...(set('FFMPEG_PATH') || !paths.ffmpegPath ? {} : { FFMPEG_PATH: paths.ffmpegPath }),
  };
}

/**
 * A path inside app.asar as the unpacked copy electron-builder writes beside it
 * (asarUnpack): executables such as ffmpeg cannot be run from inside the archive.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * ffmpeg-static's binary in the packaged app (unpacked beside app.asar), when installed; in
 * development, and without it, the core finds ffmpeg itself (FFMPEG_PATH, then PATH).
 * `resolve` answers what `require('ffmpeg-static')` answers.
 */
export function bundledFfmpeg(packaged: boolean, resolve: () => unknown): string | undefined {
  if (!packaged) return undefined;
  try {
    const path = resolve();
    return typeof path === 'string' ? unpackedPath(path) : undefined;
  } catch {
    return undefined;
  }
}
