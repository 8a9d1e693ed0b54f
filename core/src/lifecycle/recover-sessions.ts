import { join } from 'node:path';
import type { SessionRecord, StreamRecord } from '../db/records';
import { canMoveTransfer } from '../pipeline/session-state';
import type { SessionStore } from '../pipeline/session-store';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { CapturedPart } from '../recorder/types';
import { stopOrphanCaptures, type OrphanDeps, type OrphanOutcome } from './orphans';
import { describeSkipped, planSalvage, type SalvagePorts } from './salvage-plan';

/** What crash recovery needs; createRecoveryDeps wires the real ones from the pipeline's deps. */
export interface RecoveryDeps {
  sessions: Pick<SessionStore, 'byStatus' | 'update'>;
  loadStream(id: string): Promise<StreamRecord | null>;
  /** The time zone of a schedule (for the tags), or null when it has none or does not exist. */
  scheduleTimeZone(id: string): Promise<string | null>;
  /** PROCESSING → COMPLETED (tagged MP3, transfer queued) or FAILED: the pipeline's finishSession. */
  finish(
    session: SessionRecord,
    stream: StreamRecord,
    parts: CapturedPart[],
    timeZone: string,
  ): Promise<SessionRecord>;
  clock: Clock;
  logger: Logger;
  folders: { partsDir: string; recordingsDir: string };
  /** The app's time zone (manual runs). */
  timeZone: string;
  orphans: Omit<OrphanDeps, 'logger'>;
  salvage: SalvagePorts;
  /** Every session folder under folders.partsDir (orphans are looked for in all of them). */
  listPartDirs(): Promise<string[]>;
  removeStaleTemps(recordingsDir: string, workDirs: readonly string[]): Promise<string[]>;
  /** Sessions recording in this process are never touched (recovery runs before any, anyway). */
  isActive?(sessionId: string): boolean;
}

export interface RecoveryResult {
  /** Sessions being processed from their parts (COMPLETED or FAILED once `done` settles). */
  salvaging: string[];
  /** Sessions marked FAILED at once: nothing could be salvaged. */
  failed: string[];
  orphans: OrphanOutcome[];
  removedTemps: string[];
  /**
   * Runs killed while their window is still open (planned end after now): the scheduler's
   * catch-up records the remainder of scheduled ones; a host may do so for manual ones.
   */
  stillOpen: {
    sessionId: string;
    streamId: string;
    scheduleId: string | null;
    windowEnd: number;
  }[];
  /** Settles (never rejects) when every salvaged session is COMPLETED or FAILED. */
  done: Promise<SessionRecord[]>;
}

interface Salvage {
  session: SessionRecord;
  parts: CapturedPart[];
}

function partsDirOf(deps: RecoveryDeps, s: SessionRecord): string {
  return s.partsDir ?? join(deps.folders.partsDir, s.id);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** FAILED with this message; a pending transfer is dropped (nothing to deliver). The recording
 * ended because the app stopped, unless it had ended before (then its reason stays). */
function failPatch(s: SessionRecord, errorMessage: string) {
  return {
    status: 'FAILED' as const,
    errorMessage,
    stopReason: s.stopReason ?? ('interrupted' as const),
    ...(s.transferStatus !== 'SKIPPED' && canMoveTransfer(s.transferStatus, 'SKIPPED')
      ? { transferStatus: 'SKIPPED' as const }
      : {}),
  };
}

/**
 * Run once at start-up, before the scheduler and before any recording starts. For sessions a
 * killed run left behind:
 *  - every ffmpeg still writing a part of theirs is stopped first (orphans.ts);
 *  - RECORDING: marked partial, dated to its last part's last write, moved to PROCESSING, and its
 *    readable parts are made into the tagged MP3 (finishSession, which queues the delivery);
 *  - PROCESSING: processed again from its parts, the same way;
 *  - no usable part: FAILED with a message saying so (any raw files stay where they are);
 *  - SCHEDULED whose start has passed: FAILED, "not recorded" (the scheduler's catch-up decides
 *    about windows still open).
 * Temp files of interrupted processing are removed. The states are set before this returns;
 * the processing itself runs on in `done`, so that the scheduler can start meanwhile.
 */
export async function recoverSessions(deps: RecoveryDeps): Promise<RecoveryResult> {
  const { logger } = deps;
  const active = (s: SessionRecord) => deps.isActive?.(s.id) ?? false;
  const recording = (await deps.sessions.byStatus('RECORDING')).filter((s) => !active(s));
  const processing = (await deps.sessions.byStatus('PROCESSING')).filter((s) => !active(s));
  // recovery runs before anything can start a session: every SCHEDULED row is left from before
  // the restart (also one created in the lead time before its window), and the scheduler
  // starts a fresh run if its window is still open
  const scheduled = (await deps.sessions.byStatus('SCHEDULED')).filter((s) => !active(s));

  // 1. stop orphans everywhere before anything reads a part
  const dirs = new Set(await deps.listPartDirs());
  for (const s of [...recording, ...processing]) dirs.add(partsDirOf(deps, s));
  const orphans: OrphanOutcome[] = [];
  const owner = new Map([...recording, ...processing].map((s) => [partsDirOf(deps, s), s.id]));
  for (const dir of dirs) {
    const id = owner.get(dir);
    orphans.push(
      ...(await stopOrphanCaptures(dir, { ...deps.orphans, logger }, id ? { sessionId: id } : {})),
    );
  }
  const removedTemps = await deps.removeStaleTemps(deps.folders.recordingsDir, [...dirs]);
  if (removedTemps.length > 0) {
    logger.info(`Removed ${removedTemps.length} temp file(s) of interrupted processing.`);
  }

  // 2. decide, and set every state now
  const salvage: Salvage[] = [];
  const failed: string[] = [];
  for (const s of scheduled) {
    const message = 'Not recorded: the app was not running when this recording was due to start.';
    await deps.sessions.update(s.id, failPatch(s, message)).then(
      () => logger.warn(message, { sessionId: s.id }),
      (err: Error) => logger.error(`Recovery failed: ${err.message}`, { sessionId: s.id }),
    );
    failed.push(s.id);
  }
  for (const s of [...recording, ...processing]) {
    try {
      const decided = await decide(deps, s);
      if (decided) salvage.push(decided);
      else failed.push(s.id);
    } catch (err) {
      // one session's trouble must not keep the others (or the app) from starting
      logger.error(`Recovery of this session failed: ${(err as Error).message}`, {
        sessionId: s.id,
      });
      failed.push(s.id);
    }
  }

  const now = deps.clock.now();
  const stillOpen = recording
    .map((s) => ({
      sessionId: s.id,
      streamId: s.streamId,
      scheduleId: s.scheduleId,
      windowEnd: Date.parse(s.startTime) + s.plannedDurationSeconds * 1000,
    }))
    .filter((w) => w.windowEnd > now);

  // 3. process, one at a time, in the background
  const done = (async () => {
    const results: SessionRecord[] = [];
    for (const { session, parts } of salvage) {
      results.push(await finishOne(deps, session, parts));
    }
    return results;
  })();
  return {
    salvaging: salvage.map((x) => x.session.id),
    failed,
    orphans,
    removedTemps,
    stillOpen,
    done,
  };
}

/** Sets the state of one RECORDING/PROCESSING session; what to process, or undefined (FAILED). */
async function decide(deps: RecoveryDeps, s: SessionRecord): Promise<Salvage | undefined> {
  const { logger } = deps;
  const meta = { sessionId: s.id };
  const wasRecording = s.status === 'RECORDING';
  const partsDir = partsDirOf(deps, s);
  const windowStart = Date.parse(s.startTime);
  const plannedEnd = windowStart + s.plannedDurationSeconds * 1000;
  const windowEnd = !wasRecording && s.endTime ? Date.parse(s.endTime) : plannedEnd;
  let plan;
  try {
    plan = await planSalvage({ partsDir, windowStart, windowEnd }, deps.salvage);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    await deps.sessions.update(
      s.id,
      failPatch(
        s,
        `The app stopped during this ${wasRecording ? 'recording' : 'processing'}; salvaging it failed: ${why} The raw parts are kept in ${partsDir}.`,
      ),
    );
    logger.error(`Salvage failed: ${why}`, meta);
    return undefined;
  }
  if (plan.skipped.length > 0) {
    logger.warn(`Parts left out of the salvage: ${describeSkipped(plan.skipped)}.`, meta);
  }
  if (plan.parts.length === 0 || plan.endedAt === undefined) {
    const message = wasRecording
      ? `The app stopped during this recording before any usable audio was captured${plan.skipped.length ? ` (${describeSkipped(plan.skipped)})` : ''}: nothing could be salvaged.`
      : `The app stopped while processing this recording and its parts in ${partsDir} are missing or unreadable: nothing could be salvaged.`;
    await deps.sessions.update(s.id, failPatch(s, message));
    logger.error(message, meta);
    return undefined;
  }
  const seconds = plan.parts.reduce((t, p) => t + (p.keepSeconds ?? 0), 0);
  const updated = await deps.sessions.update(
    s.id,
    wasRecording
      ? {
          status: 'PROCESSING',
          partial: true,
          endTime: iso(plan.endedAt),
          gaps: plan.gaps,
          errorMessage: null,
          stopReason: 'interrupted',
        }
      : { status: 'PROCESSING' },
  );
  logger.warn(
    wasRecording
      ? `The app stopped during this recording: salvaging ${plan.parts.length} part(s), ${seconds.toFixed(1)} s up to ${iso(plan.endedAt)}; the recording is marked partial.`
      : `The app stopped while processing this recording: processing it again from ${plan.parts.length} part(s).`,
    meta,
  );
  return { session: updated, parts: plan.parts };
}

async function finishOne(
  deps: RecoveryDeps,
  session: SessionRecord,
  parts: CapturedPart[],
): Promise<SessionRecord> {
  const meta = { sessionId: session.id };
  try {
    const stream = await deps.loadStream(session.streamId);
    if (!stream) {
      deps.logger.error(
        'The stream of this recording no longer exists; it is not processed.',
        meta,
      );
      return await deps.sessions.update(
        session.id,
        failPatch(
          session,
          `Its stream no longer exists, so it could not be tagged. The raw parts are kept in ${partsDirOf(deps, session)}.`,
        ),
      );
    }
    const tz =
      (session.scheduleId ? await deps.scheduleTimeZone(session.scheduleId) : null) ??
      deps.timeZone;
    return await deps.finish(session, stream, parts, tz);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    deps.logger.error(`Salvage failed: ${why}`, meta);
    return deps.sessions
      .update(
        session.id,
        failPatch(
          session,
          `Salvage failed: ${why} The raw parts are kept in ${partsDirOf(deps, session)}.`,
        ),
      )
      .catch(() => session);
  }
}
