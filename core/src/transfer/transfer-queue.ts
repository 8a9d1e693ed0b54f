import { unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { isAppError } from '../../contract';
import type { Database } from '../db/database';
import type { DestinationRecord, SessionRecord } from '../db/records';
import { TransferRepository } from '../db/transfer-repository';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { SessionStore } from '../pipeline/session-store';
import { cuePathOf } from '../processor/cue-sheet';
import { cueUploadFor, type CueUpload } from './cue-delivery';
import type { EpisodeRetention } from '../feeds/episode-retention';
import { attemptsExhausted, isWorthRetrying } from './retry-policy';

export interface QueuedUpload {
  destination: DestinationRecord;
  localPath: string;
  fileName: string;
  onProgress: (bytes: number, totalBytes: number) => void;
}

export interface UploadOutcome {
  remotePath: string;
  bytes: number;
  hostKeyFingerprint: string;
  transferMode: 'fastPut' | 'put';
}

export interface TransferQueueDeps {
  db: Database;
  sessions: SessionStore;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  upload: (request: QueuedUpload) => Promise<UploadOutcome>;
  retryDelayMs: (failures: number) => number;
  maxAttempts: number;
  cleanupAfterTransfer: () => boolean;
  /**
   * With cleanup on, which delivered copies stay for the podcast feeds (the feed's last
   * `keepEpisodes`) and which kept ones the feed no longer lists (core/src/feeds/episode-retention.ts).
   * Absent: every copy goes at its delivery.
   */
  episodes?: Pick<EpisodeRetention, 'keepsAfterDelivery' | 'released'>;
  /**
   * Runs after each confirmed delivery (the podcast feed's upload, core/src/feeds/feed-publisher.ts).
   * It never fails the delivery: it is awaited (one SFTP job at a time) and must not throw.
   */
  afterDelivery?: (session: SessionRecord) => Promise<void>;
  /** Minimum time between two transfer-progress events of one session. */
  progressIntervalMs?: number;
}

/**
 * The persisted retry queue: a session whose transfer is PENDING and due is uploaded; a failure
 * sets the next attempt time in the database, so the queue survives restarts. One transfer at a
 * time; the local file is deleted only after a confirmed transfer, and only when cleanup is on.
 */
export class TransferQueue {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  private readonly rows: TransferRepository;

  constructor(private readonly deps: TransferQueueDeps) {
    this.rows = new TransferRepository(deps.db);
  }

  /** Where the recordings of a stream go (null: nowhere, they are kept locally). */
  destinationOfStream(streamId: string): Promise<DestinationRecord | null> {
    return this.rows.destinationOfStream(streamId);
  }

  /** After a crash, a transfer that was IN_PROGRESS is pending again, due now. */
  async start(): Promise<void> {
    this.stopped = false;
    for (const s of await this.deps.sessions.inTransfer()) {
      await this.deps.sessions.update(s.id, {
        transferStatus: 'PENDING',
        nextTransferAt: this.iso(this.deps.clock.now()),
      });
      this.deps.logger.info('Transfer interrupted by a restart; queued again.', {
        sessionId: s.id,
      });
    }
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Look for due transfers now (after a recording completes, or a manual retry). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) =>
        this.deps.logger.error(
          `The transfer queue stumbled: ${String((error as Error)?.message ?? error)}`,
        ),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          void this.arm();
        }
      });
  }

  /** Resolves when nothing is due any more (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      if (this.stopped) return;
      const due = await this.deps.sessions.dueTransfers(this.deps.clock.now());
      const next = due.find((s) => !tried.has(s.id));
      if (!next) return;
      tried.add(next.id);
      try {
        await this.transfer(next);
      } catch (error) {
        // e.g. the session was deleted meanwhile: one session never stops the queue
        this.deps.logger.warn(`Transfer skipped: ${(error as Error)?.message ?? String(error)}`, {
          sessionId: next.id,
        });
      }
    }
  }

  private async arm(): Promise<void> {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const due = await this.deps.sessions.nextDueAt();
    if (due === undefined || this.stopped) return;
    const delay = Math.min(Math.max(0, due - this.deps.clock.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref?.();
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  /** One attempt at delivering `session`; its outcome is saved on the session. */
  private async transfer(session: SessionRecord): Promise<void> {
    const destination = await this.rows.destinationOfStream(session.streamId);
    if (!destination || !session.outputFilePath) {
      await this.deps.sessions.update(session.id, {
        transferStatus: destination ? 'FAILED' : 'SKIPPED',
        nextTransferAt: null,
        errorMessage: destination
          ? 'The recording file is gone; nothing to transfer.'
          : session.errorMessage,
      });
      return;
    }
    await this.deps.sessions.update(session.id, { transferStatus: 'IN_PROGRESS' });
    let attemptId: string | undefined;
    try {
      attemptId = await this.rows.attemptStarted(
        session.id,
        destination,
        this.iso(this.deps.clock.now()),
      );
      this.deps.logger.info(
        `Transfer to ${destination.name} (${destination.host}) started, attempt ${session.attempts + 1}.`,
        { sessionId: session.id },
      );
      const out = await this.upload(session, destination, session.outputFilePath);
      await this.deliverCue(session, destination, session.outputFilePath, out.remotePath);
      await this.delivered(session, destination, attemptId, out, session.outputFilePath);
    } catch (error) {
      await this.failed(session, attemptId, error);
    }
  }

  /** Uploads the file, announcing progress at most every progressIntervalMs. */
  private upload(
    session: SessionRecord,
    destination: DestinationRecord,
    localPath: string,
  ): Promise<UploadOutcome> {
    const { clock, events } = this.deps;
    const interval = this.deps.progressIntervalMs ?? 250;
    let lastProgress = 0;
    return this.deps.upload({
      destination,
      localPath,
      fileName: basename(localPath),
      onProgress: (bytes, totalBytes) => {
        const now = clock.now();
        if (bytes < totalBytes && now - lastProgress < interval) return;
        lastProgress = now;
        events.emit('transfer-progress', { sessionId: session.id, bytes, totalBytes });
      },
    });
  }

  /**
   * The cue sheet beside the MP3 (when the stream writes one) goes to the same folder, named after
   * the MP3 as it landed (same upload: `.part`, size check, rename). The MP3 is the recording: a
   * cue sheet that fails is logged and not retried (a retry would deliver the MP3 a second time).
   */
  private async deliverCue(
    session: SessionRecord,
    destination: DestinationRecord,
    localPath: string,
    remoteMp3Path: string,
  ): Promise<void> {
    const meta = { sessionId: session.id };
    let cue: CueUpload | undefined;
    try {
      cue = await cueUploadFor(localPath, remoteMp3Path);
      if (!cue) return;
      const out = await this.deps.upload({
        destination,
        localPath: cue.localPath,
        fileName: cue.fileName,
        onProgress: () => undefined,
      });
      this.deps.logger.info(`Delivered the cue sheet: ${out.remotePath}.`, meta);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn(`The cue sheet was not delivered: ${message}`, meta);
    } finally {
      await cue?.done();
    }
  }

  /** The server confirmed the file: record it, then (cleanup on) remove the local copy. */
  private async delivered(
    session: SessionRecord,
    destination: DestinationRecord,
    attemptId: string,
    out: UploadOutcome,
    localPath: string,
  ): Promise<void> {
    const { sessions, logger, clock } = this.deps;
    const meta = { sessionId: session.id };
    await this.rows.attemptSucceeded(attemptId, destination, out, this.iso(clock.now()));
    if (!destination.hostKeyFingerprint) {
      logger.info(`Pinned the host key of ${destination.host}: ${out.hostKeyFingerprint}.`, meta);
    }
    const cleanup =
      this.deps.cleanupAfterTransfer() &&
      !(await this.deps.episodes?.keepsAfterDelivery(session).catch(() => false));
    await sessions.update(session.id, {
      transferStatus: 'COMPLETED',
      remotePath: out.remotePath,
      attempts: session.attempts + 1,
      nextTransferAt: null,
      errorMessage: null,
      outputFilePath: cleanup ? null : localPath,
    });
    // the local copy goes only once the delivery is confirmed and recorded
    if (cleanup) {
      await unlink(localPath).catch(() => undefined);
      await unlink(cuePathOf(localPath)).catch(() => undefined);
    }
    logger.info(`Delivered to ${destination.name}: ${out.remotePath}.`, meta);
    if (this.deps.cleanupAfterTransfer()) await this.releaseEpisodes(session.streamId);
    await this.deps.afterDelivery?.(session).catch((error: unknown) => {
      logger.warn(`After the delivery: ${(error as Error)?.message ?? String(error)}`, meta);
    });
  }

  /** Removes the local copies kept for a feed that no longer lists them (cleanup on). */
  private async releaseEpisodes(streamId: string): Promise<void> {
    const { sessions, logger } = this.deps;
    try {
      for (const old of (await this.deps.episodes?.released(streamId)) ?? []) {
        await sessions.update(old.id, { outputFilePath: null });
        if (old.outputFilePath) {
          await unlink(old.outputFilePath).catch(() => undefined);
          await unlink(cuePathOf(old.outputFilePath)).catch(() => undefined);
        }
        logger.info('Local copy removed: the podcast feed no longer lists it.', {
          sessionId: old.id,
        });
      }
    } catch (error) {
      logger.warn(`Old podcast episodes were not removed: ${(error as Error).message}`);
    }
  }

  /** The attempt failed: retry later with backoff, or give up (hopeless error, or attempts used). */
  private async failed(
    session: SessionRecord,
    attemptId: string | undefined,
    error: unknown,
  ): Promise<void> {
    const { sessions, logger, clock } = this.deps;
    const message = error instanceof Error ? error.message : String(error);
    const attempts = session.attempts + 1;
    const hopeless = isAppError(error) && !isWorthRetrying(error.code);
    const giveUp = hopeless || attemptsExhausted(attempts, this.deps.maxAttempts);
    const delayMs = giveUp ? 0 : this.deps.retryDelayMs(attempts);
    const nextAt = giveUp ? null : this.iso(clock.now() + delayMs);
    if (attemptId !== undefined) {
      await this.rows.attemptFailed(attemptId, message, this.iso(clock.now()));
    }
    await sessions.update(session.id, {
      transferStatus: giveUp ? 'FAILED' : 'PENDING',
      attempts,
      nextTransferAt: nextAt,
      errorMessage: giveUp
        ? `Transfer failed: ${message} Fix the destination, then retry the transfer.`
        : // the time of the next attempt is the session's nextTransferAt, never text
          `Transfer attempt ${attempts} failed: ${message} It is tried again automatically.`,
    });
    logger[giveUp ? 'error' : 'warn'](
      giveUp
        ? `Transfer failed for good after ${attempts} attempt(s): ${message}`
        : `Transfer attempt ${attempts} failed: ${message}; retrying in ${Math.round(delayMs / 1000)} s.`,
      { sessionId: session.id },
    );
  }
}
