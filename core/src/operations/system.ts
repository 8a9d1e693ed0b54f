import { health, systemGet, type SystemStatusDto } from '../../contract/operations/system';
import type { Settings } from '../config/settings';
import type { FfmpegPaths } from '../ffmpeg/locate';
import type { ProcessRunner } from '../ffmpeg/process';
import type { ActiveRecordings } from '../pipeline/active-recordings';
import type { Clock } from '../ports/clock';
import type { RuntimeSettings } from '../settings/runtime-settings';
import { diskUsage } from '../system/disk-usage';
import { ffmpegVersion } from '../system/ffmpeg-version';
import { implement } from './operation-table';

/** What the system operations use. */
export interface SystemOperationsContext {
  settings: Pick<Settings, 'recordingsDir'>;
  runtime: Pick<RuntimeSettings, 'get'>;
  clock: Clock;
  runner: ProcessRunner;
  ffmpeg: FfmpegPaths;
  active: Pick<ActiveRecordings, 'count'>;
  version: string;
  /** Wall-clock ms when the core started. */
  startedAt: number;
}

export const systemOperations = [
  implement(systemGet, async (_input, ctx: SystemOperationsContext): Promise<SystemStatusDto> => {
    const [version, disk] = await Promise.all([
      ffmpegVersion(ctx.runner, ctx.ffmpeg.ffmpeg),
      diskUsage(ctx.settings.recordingsDir),
    ]);
    return {
      version: ctx.version,
      uptimeSeconds: Math.max(0, Math.floor((ctx.clock.now() - ctx.startedAt) / 1000)),
      ffmpeg: { path: ctx.ffmpeg.ffmpeg, version },
      disk,
      memory: { rssBytes: process.memoryUsage.rss() },
      activeRecordings: ctx.active.count,
      maxConcurrentRecordings: ctx.runtime.get().maxConcurrentRecordings,
    };
  }),
  implement(health, async (_input, ctx: Pick<SystemOperationsContext, 'version'>) => ({
    status: 'ok' as const,
    version: ctx.version,
  })),
];
