import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRepositories } from '../db/repositories';
import { finishSession } from '../pipeline/finish-session';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { inspectPart } from '../recorder/inspect-part';
import { cutPartTail, listPartFiles, nodeOrphanFiles } from './part-store';
import { platformProcessControl, type ProcessControl } from './process-control';
import type { RecoveryDeps } from './recover-sessions';
import { removeStaleTemps } from './stale-temps';

export interface RecoveryOptions {
  processes?: ProcessControl;
  /** After SIGTERM to an orphaned ffmpeg, wait this long before SIGKILL (default 5 s). */
  graceMs?: number;
}

/** The real side effects of crash recovery, from the pipeline's own deps. */
export function createRecoveryDeps(
  pipeline: PipelineDeps,
  options: RecoveryOptions = {},
): RecoveryDeps {
  const { clock, runner, ffmpeg } = pipeline;
  const { streams, schedules } = createRepositories(pipeline.db);
  return {
    sessions: pipeline.sessions,
    loadStream: (id) => streams.get(id),
    scheduleTimeZone: async (id) => (await schedules.get(id))?.timezone ?? null,
    finish: (session, stream, parts, timeZone) =>
      finishSession(pipeline, session, stream, parts, timeZone),
    clock,
    logger: pipeline.logger,
    folders: pipeline.folders,
    timeZone: pipeline.timeZone,
    orphans: {
      processes: options.processes ?? platformProcessControl(),
      files: nodeOrphanFiles,
      sleep: (ms) => clock.sleep(ms),
      graceMs: options.graceMs,
    },
    salvage: {
      listParts: listPartFiles,
      inspect: (path) => inspectPart(runner, ffmpeg.ffprobe, path),
      cutTail: (path, seconds, endsAt) => cutPartTail(runner, ffmpeg.ffmpeg, path, seconds, endsAt),
    },
    listPartDirs: async () => {
      const entries = await readdir(pipeline.folders.partsDir, { withFileTypes: true }).catch(
        () => [],
      );
      return entries
        .filter((e) => e.isDirectory())
        .map((e) => join(pipeline.folders.partsDir, e.name));
    },
    removeStaleTemps,
    isActive: (id) => pipeline.active.ids().includes(id),
  };
}
