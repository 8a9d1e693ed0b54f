import { USER_STOP } from '../pipeline/active-recordings';
import { existsSync } from 'node:fs';
import { AppError, type SessionDto } from '../../contract';
import type { FileResult } from '../../contract/operations/common';
import type { ListResult } from '../../contract/operation';
import {
  deleteSession,
  getSession,
  listSessions,
  retrySessionTransfer,
  sessionAudio,
  stopSession,
} from '../../contract/operations/sessions';
import type { SessionRecord } from '../db/entities/records';
import { SessionEntity, StreamEntity, TransferAttemptEntity } from '../db/entities/schemas';
import { toSessionDto } from '../pipeline/session-store';
import type { OperationContext } from './context';
import { implement } from './operation-table';
import { isInside } from './paths';
import { removeSessionFiles } from './session-files';

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `Session ${id} does not exist.`, { field: 'id' });
}

/** The local MP3 of a session, when it is still there (and where the app keeps recordings). */
function localFile(ctx: OperationContext, s: SessionRecord): string | undefined {
  const file = s.outputFilePath;
  return file && isInside(ctx.settings.recordingsDir, file) && existsSync(file) ? file : undefined;
}

/** Why a session has no local file to hand out or transfer. */
function noFileReason(s: SessionRecord): string {
  if (s.status !== 'COMPLETED') {
    return `Session ${s.id} has no recording file (it is ${s.status.toLowerCase()}).`;
  }
  if (s.transferStatus === 'COMPLETED') {
    return `The recording of session ${s.id} was delivered${s.remotePath ? ` to ${s.remotePath}` : ''} and its local copy was cleaned up.`;
  }
  return `The local file of session ${s.id} is gone (deleted or cleaned up).`;
}

/** The operations on sessions: list, read, delete, stop, retry a transfer, get the audio. */
export function createSessionOperations() {
  return [
    implement(
      listSessions,
      async (input, ctx: OperationContext): Promise<ListResult<SessionDto>> => {
        const query = ctx.db.reader.createQueryBuilder(SessionEntity, 's');
        if (input.streamId !== undefined) {
          query.andWhere('s.streamId = :streamId', { streamId: input.streamId });
        }
        if (input.status !== undefined) {
          query.andWhere('s.status = :status', { status: input.status });
        }
        // start times are stored as toISOString() text, and the schema gives from/to that form
        if (input.from !== undefined) {
          query.andWhere('s.startTime >= :from', { from: input.from });
        }
        if (input.to !== undefined) {
          query.andWhere('s.startTime < :to', { to: input.to });
        }
        const [rows, total] = await query
          .orderBy('s.startTime', 'DESC')
          .addOrderBy('s.createdAt', 'DESC')
          .addOrderBy('s.id', 'ASC')
          .offset(input.offset)
          .limit(input.limit)
          .getManyAndCount();
        return { items: rows.map(toSessionDto), total };
      },
    ),

    implement(getSession, async (input, ctx: OperationContext): Promise<SessionDto> => {
      return toSessionDto(await ctx.sessions.get(input.id));
    }),

    implement(deleteSession, async (input, ctx: OperationContext): Promise<void> => {
      const running = new Set(ctx.active.ids());
      const removed = await ctx.db.write(async (m) => {
        const s = await m.findOneBy(SessionEntity, { id: input.id });
        if (!s) throw notFound(input.id);
        if (s.status === 'RECORDING' || s.status === 'PROCESSING' || running.has(s.id)) {
          throw new AppError(
            'CONFLICT',
            `Session ${s.id} is ${s.status.toLowerCase()}: stop it first, then delete it.`,
            { field: 'id' },
          );
        }
        if (s.transferStatus === 'IN_PROGRESS') {
          throw new AppError(
            'CONFLICT',
            `Session ${s.id} is being transferred: wait until the transfer ends, then delete it.`,
            { field: 'id' },
          );
        }
        await m.delete(TransferAttemptEntity, { sessionId: s.id });
        await m.delete(SessionEntity, { id: s.id });
        return s;
      });
      await removeSessionFiles(removed, ctx.settings, ctx.logger);
      ctx.logger.info(`Session ${removed.id} deleted with its local files.`);
    }),

    implement(stopSession, async (input, ctx: OperationContext): Promise<SessionDto> => {
      const session = await ctx.sessions.get(input.id);
      if (!ctx.active.ids().includes(session.id)) {
        throw new AppError(
          'CONFLICT',
          `Session ${session.id} is not recording (it is ${session.status.toLowerCase()}).`,
          { field: 'id' },
        );
      }
      ctx.active.stop(session.id, USER_STOP);
      ctx.logger.info('Recording stopped by request; what was captured is processed.', {
        sessionId: session.id,
      });
      return toSessionDto(await ctx.sessions.get(session.id));
    }),

    implement(retrySessionTransfer, async (input, ctx: OperationContext): Promise<SessionDto> => {
      const now = new Date(ctx.clock.now()).toISOString();
      const queued = await ctx.db.write(async (m) => {
        const s = await m.findOneBy(SessionEntity, { id: input.id });
        if (!s) throw notFound(input.id);
        const refuse = (message: string) => new AppError('CONFLICT', message, { field: 'id' });
        if (s.status !== 'COMPLETED') {
          throw refuse(
            `Session ${s.id} is ${s.status.toLowerCase()}: only a completed recording can be transferred.`,
          );
        }
        if (s.transferStatus === 'COMPLETED') {
          throw refuse(
            `Session ${s.id} was delivered already${s.remotePath ? ` (${s.remotePath})` : ''}.`,
          );
        }
        if (s.transferStatus === 'IN_PROGRESS') {
          throw refuse(`Session ${s.id} is being transferred now.`);
        }
        const stream = await m.findOneBy(StreamEntity, { id: s.streamId });
        if (!stream?.destinationId) {
          throw refuse(
            `The stream of session ${s.id} has no destination: give it one, then retry.`,
          );
        }
        if (!localFile(ctx, s)) throw refuse(noFileReason(s));
        const next: SessionRecord = {
          ...s,
          transferStatus: 'PENDING',
          nextTransferAt: now,
          errorMessage: null,
          updatedAt: now,
        };
        await m.update(
          SessionEntity,
          { id: s.id },
          { transferStatus: 'PENDING', nextTransferAt: now, errorMessage: null, updatedAt: now },
        );
        return next;
      });
      ctx.events.emit('session', toSessionDto(queued));
      ctx.logger.info('Transfer queued again by request.', { sessionId: queued.id });
      ctx.transfers.kick();
      return toSessionDto(queued);
    }),

    implement(sessionAudio, async (input, ctx: OperationContext): Promise<FileResult> => {
      const session = await ctx.sessions.get(input.id);
      const file = localFile(ctx, session);
      if (!file) throw new AppError('NOT_FOUND', noFileReason(session), { field: 'id' });
      return { filePath: file, contentType: 'audio/mpeg' };
    }),
  ];
}

export const sessionOperations = createSessionOperations();
