import { isAbsolute, relative, resolve } from 'node:path';

/**
 * True when `path` lies inside `folder` (not the folder itself). Guards every file an operation
 * deletes or hands out: a path read from the database never reaches outside the app's folders.
 */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
