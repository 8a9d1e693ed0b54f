import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
  /** Where the ffmpeg path came from, for the system status. */
  source: 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';
}

/** ffmpeg-static's binary, when the optional dependency installed one (it is absent here). */
function ffmpegStaticPath(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const p = require('ffmpeg-static') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** `FFMPEG_PATH`, else ffmpeg-static's binary, else `ffmpeg` on PATH. ffprobe: `FFPROBE_PATH`,
 * else an `ffprobe` beside the chosen ffmpeg, else `ffprobe` on PATH. */
export function locateFfmpeg(
  env: NodeJS.ProcessEnv = process.env,
  staticPath: () => string | undefined = ffmpegStaticPath,
  exists: (p: string) => boolean = existsSync,
): FfmpegPaths {
  let ffmpeg: string;
  let source: FfmpegPaths['source'];
  const fromEnv = env.FFMPEG_PATH?.trim();
  const fromStatic = fromEnv ? undefined : staticPath();
  if (fromEnv) {
    ffmpeg = fromEnv;
    source = 'FFMPEG_PATH';
  } else if (fromStatic) {
    ffmpeg = fromStatic;
    source = 'ffmpeg-static';
  } else {
    ffmpeg = 'ffmpeg';
    source = 'PATH';
  }
  let ffprobe = env.FFPROBE_PATH?.trim() || 'ffprobe';
  if (!env.FFPROBE_PATH?.trim() && source !== 'PATH') {
    const sibling = join(dirname(ffmpeg), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
    if (exists(sibling)) ffprobe = sibling;
  }
  return { ffmpeg, ffprobe, source };
}
