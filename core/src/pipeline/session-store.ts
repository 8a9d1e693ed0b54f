import { randomUUID } from 'node:crypto';
import { AppError, type SessionDto } from '../../contract';
import type { Database } from '../db/database';
import type { SessionRecord } from '../db/entities/records';
import { SessionEntity } from '../db/entities/schemas';
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

/**
 * Sessions: every change persisted (serialized write) and then announced as a `session` event. An
 * error message is redacted (redactSecrets) before it is stored or announced.
 */
export class SessionStore {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async create(input: NewSession): Promise<SessionRecord> {
    const now = new Date(this.clock.now()).toISOString();
    const record: SessionRecord = {
      id: input.id ?? randomUUID(),
      streamId: input.streamId,
      scheduleId: input.scheduleId,
      status: 'SCHEDULED',
      transferStatus: input.transferStatus ?? 'PENDING',
      startTime: input.startTime,
      endTime: null,
      plannedDurationSeconds: input.plannedDurationSeconds,
      durationSeconds: null,
      title: null,
      trackNumber: null,
      outputFilePath: null,
      remotePath: null,
      fileSizeBytes: null,
      gaps: [],
      partial: false,
      attempts: 0,
      errorMessage: null,
      partsDir: input.partsDir ?? null,
      nextTransferAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.write((m) => m.insert(SessionEntity, record));
    this.events.emit('session', toSessionDto(record));
    return record;
  }

  async get(id: string): Promise<SessionRecord> {
    const found = await this.db.reader.findOneBy(SessionEntity, { id });
    if (!found) throw new AppError('NOT_FOUND', `Session ${id} does not exist.`, { field: 'id' });
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
    const updated = await this.db.write(async (m) => {
      const current = await m.findOneBy(SessionEntity, { id });
      if (!current || !condition(current)) return null;
      const next: SessionRecord = {
        ...current,
        ...redacted(patch),
        updatedAt: new Date(this.clock.now()).toISOString(),
      };
      await m.save(SessionEntity, next);
      return next;
    });
    if (updated) this.events.emit('session', toSessionDto(updated));
    return updated;
  }

  /** Applies a patch, checking status moves against the state machine inside the write. */
  async update(id: string, patch: SessionPatch): Promise<SessionRecord> {
    const updated = await this.db.write(async (m) => {
      const current = await m.findOneBy(SessionEntity, { id });
      if (!current)
        throw new AppError('NOT_FOUND', `Session ${id} does not exist.`, { field: 'id' });
      if (patch.status && patch.status !== current.status) assertMove(current.status, patch.status);
      if (patch.transferStatus && patch.transferStatus !== current.transferStatus) {
        assertTransferMove(current.transferStatus, patch.transferStatus);
      }
      const next: SessionRecord = {
        ...current,
        ...redacted(patch),
        updatedAt: new Date(this.clock.now()).toISOString(),
      };
      await m.save(SessionEntity, next);
      return next;
    });
    this.events.emit('session', toSessionDto(updated));
    return updated;
  }

  /** Sessions whose transfer is due (the persisted retry queue). */
  async dueTransfers(now: number): Promise<SessionRecord[]> {
    return this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .where('s.status = :c AND s.transferStatus = :p', { c: 'COMPLETED', p: 'PENDING' })
      .andWhere('(s.nextTransferAt IS NULL OR s.nextTransferAt <= :now)', {
        now: new Date(now).toISOString(),
      })
      .orderBy('s.nextTransferAt', 'ASC')
      .getMany();
  }

  /** The earliest time a pending transfer is due, for the queue's timer. */
  async nextDueAt(): Promise<number | undefined> {
    const row = await this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .select('MIN(s.nextTransferAt)', 'at')
      .where('s.status = :c AND s.transferStatus = :p', { c: 'COMPLETED', p: 'PENDING' })
      .getRawOne<{ at: string | null }>();
    return row?.at ? Date.parse(row.at) : undefined;
  }

  async byStatus(status: SessionRecord['status']): Promise<SessionRecord[]> {
    return this.db.reader.findBy(SessionEntity, { status });
  }

  async inTransfer(): Promise<SessionRecord[]> {
    return this.db.reader.findBy(SessionEntity, { transferStatus: 'IN_PROGRESS' });
  }
}
