import { join } from 'node:path';
import { locateFfmpeg } from '../src/ffmpeg/locate';
import { spawnRunner } from '../src/ffmpeg/process';
import { systemClock } from '../src/ports/clock';
import { memoryLogger, type Logger } from '../src/ports/logger';
import { recordWindow, type RecordWindowOptions } from '../src/recorder/recorder';
import type { RecordingResult } from '../src/recorder/types';

/** One recordWindow run of an integration test, with its log. */
export interface Recording {
  result: RecordingResult;
  /** Wall-clock ms when recordWindow returned. */
  returnedAt: number;
  logger: ReturnType<typeof memoryLogger>;
  /** The log as `<time> <level> <message>` lines, for failure messages. */
  log: string;
  partsDir: string;
  sessionId: string;
}

export type RecordFn = (
  urls: string | readonly string[],
  seconds: number,
  extra?: Partial<RecordWindowOptions>,
  leadMs?: number,
) => Promise<Recording>;

const logText = (logger: ReturnType<typeof memoryLogger>) =>
  logger.entries.map((e) => `${e.time} ${e.level} ${e.message}`).join('\n');

/**
 * recordWindow's options for a scheduled window from `windowStart` to `windowEnd` (ms), recorded
 * with the real ffmpeg, clock and spawn runner into `partsDir`.
 */
export function realWindow(window: {
  sessionId: string;
  urls: readonly string[];
  windowStart: number;
  windowEnd: number;
  partsDir: string;
  logger: Logger;
}): RecordWindowOptions {
  const { ffmpeg, ffprobe } = locateFfmpeg();
  return {
    ...window,
    urls: [...window.urls],
    kind: 'scheduled',
    ffmpegPath: ffmpeg,
    ffprobePath: ffprobe,
    runner: spawnRunner,
    clock: systemClock,
  };
}

/**
 * The `record()` of the recorder's integration tests: records `urls` with the real ffmpeg, clock
 * and spawn runner for a scheduled window starting `leadMs` from now (or `extra.windowStart`) and
 * lasting `seconds`, into `<root()>/session-N`. `extra` overrides any option (`nativeCapture`,
 * `tuning`, `signal`, ...). On a throw the log goes to stderr.
 */
export function windowRecorder(root: () => string, sessionPrefix: string): RecordFn {
  let counter = 0;
  return async (urls, seconds, extra = {}, leadMs = 2500) => {
    const sessionId = `${sessionPrefix}-${++counter}`;
    const partsDir = join(root(), `session-${counter}`);
    const logger = memoryLogger();
    const windowStart = extra.windowStart ?? Date.now() + leadMs;
    try {
      const result = await recordWindow({
        ...realWindow({
          sessionId,
          urls: typeof urls === 'string' ? [urls] : urls,
          windowStart,
          windowEnd: windowStart + seconds * 1000,
          partsDir,
          logger,
        }),
        ...extra,
      });
      return { result, returnedAt: Date.now(), logger, log: logText(logger), partsDir, sessionId };
    } catch (err) {
      console.error(logText(logger));
      throw err;
    }
  };
}
