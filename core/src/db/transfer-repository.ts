import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { Database } from './database';
import type { DestinationRecord } from './entities/records';
import { DestinationEntity, StreamEntity, TransferAttemptEntity } from './entities/schemas';

/** What a successful upload tells the destination: the host key seen and the mode that worked. */
export interface DeliveredBy {
  bytes: number;
  hostKeyFingerprint: string;
  transferMode: 'fastPut' | 'put';
}

/**
 * The transfer queue's rows besides the sessions: where a stream delivers to, and the log of
 * transfer attempts (with the host key pinned and the transfer mode learnt on a success).
 */
export class TransferRepository {
  constructor(private readonly db: Database) {}

  /** The destination the stream delivers to, or null (none, or the stream is gone). */
  async destinationOfStream(streamId: string): Promise<DestinationRecord | null> {
    const stream = await this.db.reader.findOne(StreamEntity, {
      select: { id: true, destinationId: true },
      where: { id: streamId },
    });
    return stream?.destinationId
      ? this.db.reader.findOneBy(DestinationEntity, { id: stream.destinationId })
      : null;
  }

  /** Notes the start of an attempt; answers its id. */
  async attemptStarted(
    sessionId: string,
    destination: DestinationRecord,
    startedAt: string,
  ): Promise<string> {
    const id = randomUUID();
    await this.db.write((m) =>
      m.insert(TransferAttemptEntity, {
        id,
        sessionId,
        destinationId: destination.id,
        startedAt,
        finishedAt: null,
        ok: false,
        bytes: null,
        mode: destination.transferMode,
        error: null,
      }),
    );
    return id;
  }

  /**
   * In one write: the attempt succeeded; the destination's host key is pinned if nobody pinned or
   * re-pointed it while the upload ran; the transfer mode that worked is remembered.
   */
  async attemptSucceeded(
    attemptId: string,
    destination: DestinationRecord,
    out: DeliveredBy,
    at: string,
  ): Promise<void> {
    await this.db.write(async (m) => {
      await m.update(
        TransferAttemptEntity,
        { id: attemptId },
        { finishedAt: at, ok: true, bytes: out.bytes, mode: out.transferMode },
      );
      if (!destination.hostKeyFingerprint) {
        await m.update(
          DestinationEntity,
          {
            id: destination.id,
            hostKeyFingerprint: IsNull(),
            host: destination.host,
            port: destination.port,
          },
          { hostKeyFingerprint: out.hostKeyFingerprint, updatedAt: at },
        );
      }
      if (out.transferMode !== destination.transferMode) {
        await m.update(
          DestinationEntity,
          { id: destination.id },
          { transferMode: out.transferMode, updatedAt: at },
        );
      }
    });
  }

  async attemptFailed(attemptId: string, error: string, at: string): Promise<void> {
    await this.db.write((m) =>
      m.update(TransferAttemptEntity, { id: attemptId }, { finishedAt: at, ok: false, error }),
    );
  }
}
