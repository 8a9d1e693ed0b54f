import type { StreamDependents } from '../../stores/streams';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What the confirmation of deleting a stream says, from what goes with it (null: not known).
 * The server deletes a stream's schedules and sessions, with their local files, only when asked
 * to (cascade); files already delivered to a destination are never touched.
 */
export function deleteStreamWarning(dependents: StreamDependents | null): string {
  const last = 'This cannot be undone.';
  if (dependents === null) {
    return `The stream, its artwork, and any schedules and recordings it has are deleted, with the recordings' files kept on this machine. Files already delivered to a destination stay there. ${last}`;
  }
  const { schedules, sessions } = dependents;
  if (schedules === 0 && sessions === 0) {
    return `The stream and its artwork are deleted. It has no schedules and no recordings. ${last}`;
  }
  const parts: string[] = [];
  if (schedules > 0) parts.push(count(schedules, 'schedule', 'schedules'));
  if (sessions > 0) parts.push(count(sessions, 'recording', 'recordings'));
  const files =
    sessions > 0
      ? ' The recordings’ files kept on this machine are deleted too; files already delivered to a destination stay there.'
      : '';
  return `Its ${parts.join(' and ')} ${schedules + sessions === 1 ? 'is' : 'are'} deleted with it, and its artwork.${files} ${last}`;
}
