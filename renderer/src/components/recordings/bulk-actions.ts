// Acting on several recordings: the one action each (the store's retryTransfer / remove, which
// call the server's operation per recording), one recording at a time, with a tally of what was
// done and what was refused, named, with the server's reason.
import type { SessionDto } from '@contract';
import { errorMessage } from '../../api/error-messages';

export interface BulkOutcome {
  /** How many the action was done to. */
  done: number;
  /** Those it was refused for: the recording's name and why. */
  failed: { name: string; reason: string }[];
}

/** Runs `action` for each session in turn (never two at once), collecting the refusals. */
export async function runForEach(
  sessions: readonly SessionDto[],
  action: (id: string) => Promise<unknown>,
  nameOf: (session: SessionDto) => string,
): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: 0, failed: [] };
  for (const session of sessions) {
    try {
      await action(session.id);
      outcome.done += 1;
    } catch (error) {
      outcome.failed.push({ name: nameOf(session), reason: errorMessage(error) });
    }
  }
  return outcome;
}

/** "1 recording" / "3 recordings". */
export function recordingsCount(n: number): string {
  return `${n} recording${n === 1 ? '' : 's'}`;
}

/** One sentence of what happened, e.g. "Deleted 2 recordings; 1 could not be deleted." */
export function outcomeText(outcome: BulkOutcome, past: string, verb: string): string {
  const done = `${past} ${recordingsCount(outcome.done)}`;
  if (outcome.failed.length === 0) return `${done}.`;
  const failed = `${outcome.failed.length} could not be ${verb}`;
  return outcome.done > 0
    ? `${done}; ${failed}.`
    : `${recordingsCount(outcome.failed.length)} could not be ${verb}.`;
}
