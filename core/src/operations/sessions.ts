import { existsSync } from 'node:fs';
import { AppError, type RecordingLive, type SessionDto } from '../../contract';
import type { FileResult } from '../../contract/operations/common';
import type { ListResult } from '../../contract/operation';
import {
  deleteSession,
  getSession,
  listSessions,
  liveSessions,
  retrySessionTransfer,
  sessionAudio,
  stopSession,
} from '../../contract/operations/sessions';
import type { Settings } from '../config/settings';
import type { SessionRecord } from '../db/records';
import { USER_STOP, type ActiveRecordings } from '../pipeline/active-recordings';
import type { LiveRecordings } from '../pipeline/live-recordings';
import { toSessionDto, type SessionStore } from '../pipeline/session-store';
import type { TransferQueue } from '../transfer/transfer-queue';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { implement } from './operation-table';
import { isInside } from './paths';
import { removeSessionFiles } from './session-files';

/** What the session operations use. */
export interface SessionOperationsContext {
  settings: Pick<Settings, 'dataDir' | 'recordingsDir'>;
  sessions: Pick<SessionStore, 'get' | 'list' | 'update' | 'delete'>;
  active: Pick<ActiveRecordings, 'ids' | 'stop'>;
  /** The live state of running recordings (absent: none is published). */
  live?: Pick<LiveRecordings, 'list'>;
  transfers: Pick<TransferQueue, 'kick' | 'destinationOfStream'>;
  logger: Logger;
  clock: Clock;
}

type Ctx = SessionOperationsContext;

const refuse = (message: string) => new AppError('CONFLICT', message, { field: 'id' });

/** The local MP3 of a session, when it is still there (and where the app keeps recordings). */
function localFile(ctx: Ctx, s: SessionRecord): string | undefined {
  const file = s.outputFilePath;
  return file && isInside(ctx.settings.recordingsDir, file) && existsSync(file) ? file : undefined;
}

/**
 * How a message names a recording: by its title (“Morning Show 2026-12-03”), else as "this
 * recording" (it has no title before it was processed). Never by its id: the error names the
 * field `id`, and a log line carries the session as its tag.
 */
export function recordingWords(s: Pick<SessionRecord, 'title'>): {
  subject: string;
  object: string;
} {
  const title = s.title?.trim();
  return title
    ? { subject: `“${title}”`, object: `“${title}”` }
    : { subject: 'This recording', object: 'this recording' };
}

/** Why a session has no local file to hand out or transfer. */
function noFileReason(s: SessionRecord): string {
  const { subject, object } = recordingWords(s);
  if (s.status !== 'COMPLETED') {
    return `${subject} has no audio file (it is ${s.status.toLowerCase()}).`;
  }
  if (s.transferStatus === 'COMPLETED') {
    return `${subject} was delivered${s.remotePath ? ` to ${s.remotePath}` : ''} and its local copy was cleaned up.`;
  }
  return `The local file of ${object} is gone (deleted or cleaned up).`;
}

/** A session may be deleted unless it records, processes or is being transferred. */
function assertDeletable(s: SessionRecord, running: Set<string>): void {
  const { subject } = recordingWords(s);
  if (s.status === 'RECORDING' || s.status === 'PROCESSING' || running.has(s.id)) {
    throw refuse(`${subject} is ${s.status.toLowerCase()}: stop it first, then delete it.`);
  }
  if (s.transferStatus === 'IN_PROGRESS') {
    throw refuse(`${subject} is being transferred: wait until the transfer ends, then delete it.`);
  }
}

/** A transfer may be queued again for a completed recording that waits, failed or was skipped,
 * whose stream has a destination and whose local file is still there. */
async function assertTransferable(ctx: Ctx, s: SessionRecord): Promise<void> {
  const { subject, object } = recordingWords(s);
  if (s.status !== 'COMPLETED') {
    throw refuse(
      `${subject} is ${s.status.toLowerCase()}: only a completed recording can be transferred.`,
    );
  }
  if (s.transferStatus === 'COMPLETED') {
    throw refuse(`${subject} was delivered already${s.remotePath ? ` (${s.remotePath})` : ''}.`);
  }
  if (s.transferStatus === 'IN_PROGRESS') throw refuse(`${subject} is being transferred now.`);
  if (!(await ctx.transfers.destinationOfStream(s.streamId))) {
    throw refuse(`The stream of ${object} has no destination: give it one, then retry.`);
  }
  if (!localFile(ctx, s)) throw refuse(noFileReason(s));
}

/** The operations on sessions: list, read, delete, stop, retry a transfer, get the audio. */
export function createSessionOperations() {
  return [
    implement(listSessions, async (input, ctx: Ctx): Promise<ListResult<SessionDto>> => {
      const { rows, total } = await ctx.sessions.list(input);
      return { items: rows.map(toSessionDto), total };
    }),

    implement(liveSessions, async (_input, ctx: Ctx): Promise<ListResult<RecordingLive>> => {
      const items = ctx.live?.list() ?? [];
      return { items, total: items.length };
    }),

    implement(getSession, async (input, ctx: Ctx): Promise<SessionDto> => {
      return toSessionDto(await ctx.sessions.get(input.id));
    }),

    implement(deleteSession, async (input, ctx: Ctx): Promise<void> => {
      const running = new Set(ctx.active.ids());
      const removed = await ctx.sessions.delete(input.id, (s) => assertDeletable(s, running));
      await removeSessionFiles(removed, ctx.settings, ctx.logger);
      const title = removed.title?.trim();
      ctx.logger.info(
        `${title ? `The recording “${title}”` : 'A recording'} was deleted with its local files.`,
        { sessionId: removed.id },
      );
    }),

    implement(stopSession, async (input, ctx: Ctx): Promise<SessionDto> => {
      const session = await ctx.sessions.get(input.id);
      if (!ctx.active.ids().includes(session.id)) {
        throw refuse(
          `${recordingWords(session).subject} is not being recorded (it is ${session.status.toLowerCase()}).`,
        );
      }
      ctx.active.stop(session.id, USER_STOP);
      ctx.logger.info('Recording stopped by request; what was captured is processed.', {
        sessionId: session.id,
      });
      return toSessionDto(await ctx.sessions.get(session.id));
    }),

    implement(retrySessionTransfer, async (input, ctx: Ctx): Promise<SessionDto> => {
      const queued = await ctx.sessions.update(
        input.id,
        {
          transferStatus: 'PENDING',
          nextTransferAt: new Date(ctx.clock.now()).toISOString(),
          errorMessage: null,
        },
        (s) => assertTransferable(ctx, s),
      );
      ctx.logger.info('Transfer queued again by request.', { sessionId: queued.id });
      ctx.transfers.kick();
      return toSessionDto(queued);
    }),

    implement(sessionAudio, async (input, ctx: Ctx): Promise<FileResult> => {
      const session = await ctx.sessions.get(input.id);
      const file = localFile(ctx, session);
      if (!file) throw new AppError('NOT_FOUND', noFileReason(session), { field: 'id' });
      return { filePath: file, contentType: 'audio/mpeg' };
    }),
  ];
}

export const sessionOperations = createSessionOperations();
