import { logsList, type LogListDto } from '../../contract/operations/logs';
import type { LogStore } from '../logs/log-store';
import { implement } from './operation-table';

/** What the log operations use. */
export interface LogsOperationsContext {
  logs: Pick<LogStore, 'list'>;
}

export const logsOperations = [
  implement(logsList, async (input, ctx: LogsOperationsContext): Promise<LogListDto> => ({
    items: ctx.logs.list({
      limit: input.limit,
      ...(input.level ? { level: input.level } : {}),
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
      ...(input.q ? { q: input.q } : {}),
    }),
  })),
];
