import { health, systemGet, type SystemStatusDto } from '../../contract/operations/system';
import { diskUsage } from '../system/disk-usage';
import { ffmpegVersion } from '../system/ffmpeg-version';
import type { OperationContext } from './context';
import { implement } from './operation-table';

export const systemOperations = [
  implement(systemGet, async (_input, ctx: OperationContext): Promise<SystemStatusDto> => {
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
  implement(health, async (_input, ctx: OperationContext) => ({
    status: 'ok' as const,
    version: ctx.version,
  })),
];
