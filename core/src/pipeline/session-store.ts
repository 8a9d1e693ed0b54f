import { randomUUID } from 'node:crypto';
import { AppError, notYetRun, type SessionDto } from '../../contract';
import type { Database } from '../db/database';
import type { SessionRecord } from '../db/records';
import { SessionRepository, type SessionFilter } from '../db/session-repository';
import type { EventBus } from '../events/event-bus';
import { redactSecrets } from '../logs/redact';
import type { Clock } from '../ports/clock';
import { assertMove, assertTransferMove } from './session-state';

export function toSessionDto(r: SessionRecord): SessionDto {
  return {
    id: r.id,
    streamId: r.streamId,
    scheduleId: r.scheduleId,
    status: r.status,
    transferStatus: r.transferStatus,
    startTime: r.startTime,
    endTime: r.endTime,
    plannedDurationSeconds: r.plannedDurationSeconds,
    durationSeconds: r.durationSeconds,
    title: r.title,
    trackNumber: r.trackNumber,
    outputFilePath: r.outputFilePath,
    remotePath: r.remotePath,
    fileSizeBytes: r.fileSizeBytes,
    gaps: r.gaps,
    partial: r.partial,
    attempts: r.attempts,
    errorMessage: r.errorMessage,
    stopReason: r.stopReason,
    silences: r.silences,
    deadAir: r.deadAir,
    tracks: r.tracks,
    nextTransferAt: r.nextTransferAt,
  };
}

export type NewSession = Pick<
  SessionRecord,
  'streamId' | 'scheduleId' | 'startTime' | 'plannedDurationSeconds'
> &
  Partial<Pick<SessionRecord, 'id' | 'partsDir' | 'transferStatus'>>;

export type SessionPatch = Partial<Omit<SessionRecord, 'id' | 'createdAt' | 'updatedAt'>>;

/** A patch whose error message holds no secret (a stream URL's credentials, say). */
function redacted(patch: SessionPatch): SessionPatch {
  return patch.errorMessage ? { ...patch, errorMessage: redactSecrets(patch.errorMessage) } : patch;
}

/** Why a change is refused, checked inside the write (throws an AppError to refuse). */
export type SessionCheck = (current: SessionRecord) => Promise<void> | void;

function notFound(_id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    'This recording does not exist (any more): it may have been deleted.',
    { field: 'id' },
  );
}

/**
 * Sessions: the only writer of session rows. Every change is persisted (one serialized write,
 * through SessionRepository) and then announced once as a `session` event. An error message is
 * redacted (redactSecrets) before it is stored or announced. Reads go to the repository.
 */
export class SessionStore {
  private readonly rows: SessionRepository;

  constructor(
    db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {
    this.rows = new SessionRepository(db);
  }

  async create(input: NewSession): Promise<SessionRecord> {
    const now = this.stamp();
    const record: SessionRecord = {
      id: input.id ?? randomUUID(),
      streamId: input.streamId,
      scheduleId: input.scheduleId,
      status: 'SCHEDULED',
      transferStatus: input.transferStatus ?? 'PENDING',
      startTime: input.startTime,
      plannedDurationSeconds: input.plannedDurationSeconds,
      ...notYetRun(),
      partsDir: input.partsDir ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await this.rows.insert(record);
    this.events.emit('session', toSessionDto(record));
    return record;
  }

  async get(id: string): Promise<SessionRecord> {
    const found = await this.rows.find(id);
    if (!found) throw notFound(id);
    return found;
  }

  /**
   * Applies `patch` only if `condition` holds for the session as it is inside the (serialized)
   * write: a check-then-act that nothing can slip between. Answers the updated session, or null.
   */
  async updateIf(
    id: string,
    condition: (current: SessionRecord) => boolean,
    patch: SessionPatch,
  ): Promise<SessionRecord | null> {
    const updated = await this.rows.change(id, (current) =>
      current && condition(current) ? this.patched(current, patch) : null,
    );
    if (updated) this.events.emit('session', toSessionDto(updated));
    return updated;
  }

  /**
   * Applies a patch, checking status moves against the state machine inside the write; `check`
   * (also inside the write) may refuse the change first.
   */
  async update(id: string, patch: SessionPatch, check?: SessionCheck): Promise<SessionRecord> {
    const updated = await this.rows.change(id, async (current) => {
      if (!current) throw notFound(id);
      await check?.(current);
      if (patch.status && patch.status !== current.status) assertMove(current.status, patch.status);
      if (patch.transferStatus && patch.transferStatus !== current.transferStatus) {
        assertTransferMove(current.transferStatus, patch.transferStatus);
      }
      return this.patched(current, patch);
    });
    if (!updated) throw notFound(id);
    this.events.emit('session', toSessionDto(updated));
    return updated;
  }

  /**
   * Deletes a session and its transfer attempts once `check` (inside the write) let it. Not
   * announced: the contract has no event for a deleted session.
   */
  delete(id: string, check: (current: SessionRecord) => void): Promise<SessionRecord> {
    return this.rows.remove(id, (current): asserts current is SessionRecord => {
      if (!current) throw notFound(id);
      check(current);
    });
  }

  list(filter: SessionFilter): Promise<{ rows: SessionRecord[]; total: number }> {
    return this.rows.list(filter);
  }

  /** Sessions whose transfer is due (the persisted retry queue). */
  dueTransfers(now: number): Promise<SessionRecord[]> {
    return this.rows.dueTransfers(new Date(now).toISOString());
  }

  /** The earliest time a pending transfer is due, for the queue's timer. */
  async nextDueAt(): Promise<number | undefined> {
    const at = await this.rows.nextTransferAt();
    return at ? Date.parse(at) : undefined;
  }

  byStatus(status: SessionRecord['status']): Promise<SessionRecord[]> {
    return this.rows.byStatus(status);
  }

  inTransfer(): Promise<SessionRecord[]> {
    return this.rows.byTransferStatus('IN_PROGRESS');
  }

  /** The session of a schedule whose window starts at `startTime` (a run listed already). */
  ofScheduleStartingAt(scheduleId: string, startTime: string): Promise<SessionRecord | null> {
    return this.rows.ofScheduleStartingAt(scheduleId, startTime);
  }

  /** Sessions of a schedule in one of `statuses` that started in [from, to). */
  ofScheduleBetween(
    scheduleId: string,
    from: number,
    to: number,
    statuses: readonly SessionRecord['status'][],
  ): Promise<SessionRecord[]> {
    const iso = (ms: number) => new Date(ms).toISOString();
    return this.rows.ofScheduleBetween(scheduleId, iso(from), iso(to), statuses);
  }

  /** Completed sessions with a local file and one of `transferStatuses`, ended before `cutoff`. */
  localFilesEndedBefore(
    cutoff: number,
    transferStatuses: readonly SessionRecord['transferStatus'][],
  ): Promise<SessionRecord[]> {
    return this.rows.localFilesEndedBefore(new Date(cutoff).toISOString(), transferStatuses);
  }

  /** Whether something records, processes or waits to be delivered. */
  anyBusy(): Promise<boolean> {
    return this.rows.anyBusy();
  }

  private patched(current: SessionRecord, patch: SessionPatch): SessionRecord {
    return { ...current, ...redacted(patch), updatedAt: this.stamp() };
  }

  private stamp(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
