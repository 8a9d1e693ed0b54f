// What the handlers of the stored resources (streams, destinations, schedules, notification
// channels) answer alike: the refusal of an unknown id and the list by name.
import { AppError } from '../../contract';
import type { ListResult } from '../../contract/operation';

/**
 * The refusal of an id nothing is stored under: "This stream does not exist (any more): it may
 * have been deleted." The field `id` says which input it is; the words never repeat the id.
 */
export function notFoundOf(kind: string, _id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `This ${kind.toLowerCase()} does not exist (any more): it may have been deleted.`,
    { field: 'id' },
  );
}

/** The row a repository found for `id`, or the refusal `notFoundOf(kind, id)`. */
export async function foundOr404<T>(row: Promise<T | null>, kind: string, id: string): Promise<T> {
  const found = await row;
  if (!found) throw notFoundOf(kind, id);
  return found;
}

/** The list answer of `rows` by name (the older first among equal names). */
export function listByName<Row extends { name: string; createdAt: string }, Dto>(
  rows: Row[],
  toDto: (row: Row) => Dto,
): ListResult<Dto> {
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
  return { items: rows.map(toDto), total: rows.length };
}

/** Secret files written beside their places for a row: commit() moves them in, discard() drops them. */
export interface StagedFiles {
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Saves an updated row (`update` answers false when it is gone: `notFound`) with the secret files
 * staged for it: they are committed once the row is saved and discarded when it is not.
 */
export async function updateWithStaged(
  update: () => Promise<boolean>,
  staged: StagedFiles,
  notFound: () => AppError,
): Promise<void> {
  try {
    if (!(await update())) throw notFound();
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
}
