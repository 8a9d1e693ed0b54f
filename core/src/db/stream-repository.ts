import { In } from 'typeorm';
import {
  ScheduleEntity,
  SessionEntity,
  StreamEntity,
  TransferAttemptEntity,
} from './entities/schemas';
import { KeyedTable } from './keyed-table';
import type { ScheduleRecord, SessionRecord, StreamRecord } from './records';
import type { Scope } from './scope';

/** What hangs on a stream: its schedules and its sessions (history). */
export interface StreamDependents {
  schedules: ScheduleRecord[];
  sessions: SessionRecord[];
}

/** The streams table. */
export class StreamRepository extends KeyedTable<StreamRecord> {
  constructor(scope: Scope) {
    super(scope, StreamEntity);
  }

  /** The streams that deliver to destination `destinationId`. */
  withDestination(destinationId: string): Promise<StreamRecord[]> {
    return this.scope.read.findBy(StreamEntity, { destinationId });
  }

  async setArtwork(id: string, artworkFile: string | null, updatedAt: string): Promise<void> {
    await this.scope.write((m) => m.update(StreamEntity, { id }, { artworkFile, updatedAt }));
  }

  async dependents(id: string): Promise<StreamDependents> {
    const m = this.scope.read;
    return {
      schedules: await m.findBy(ScheduleEntity, { streamId: id }),
      sessions: await m.findBy(SessionEntity, { streamId: id }),
    };
  }

  /**
   * Deletes the stream with the dependents found (dependents()): its sessions with their transfer
   * attempts, then its schedules, then the stream. Call it in the transaction that found them.
   */
  async removeWithDependents(id: string, dependents: StreamDependents): Promise<void> {
    const sessionIds = dependents.sessions.map((s) => s.id);
    await this.scope.write(async (m) => {
      if (sessionIds.length > 0) {
        await m.delete(TransferAttemptEntity, { sessionId: In(sessionIds) });
        await m.delete(SessionEntity, { id: In(sessionIds) });
      }
      if (dependents.schedules.length > 0) await m.delete(ScheduleEntity, { streamId: id });
      await m.delete(StreamEntity, { id });
    });
  }
}
