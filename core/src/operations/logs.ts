import { logsList, type LogListDto } from '../../contract/operations/logs';
import type { OperationContext } from './context';
import { implement } from './operation-table';

export const logsOperations = [
  implement(logsList, async (input, ctx: OperationContext): Promise<LogListDto> => ({
    items: ctx.logs.list({
      limit: input.limit,
      ...(input.level ? { level: input.level } : {}),
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
    }),
  })),
];
