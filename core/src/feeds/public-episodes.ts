import { posix } from 'node:path';
import { publicUrlOf } from '../../contract/public-base-url';
import type { DestinationRecord, SessionRecord } from '../db/records';
import { remoteFolderOf } from '../transfer/remote-folder';

// Where a delivered recording is on the web: under its destination's `publicBaseUrl`, at its path
// relative to the destination's remote folder (issue 14, 3b). Pure.

/** The file the upload of a stream's feed is renamed to, in the destination's remote folder. */
export const PUBLIC_FEED_NAME = 'feed.xml';
/** The feed's cover beside it (a podcast app behind the public address cannot reach the recorder). */
export const PUBLIC_COVER_NAME = 'feed.jpg';

/**
 * The public address of `session`'s MP3, or null: the destination has no `publicBaseUrl`, the
 * session is not (yet) delivered, or its remote path does not lie inside the remote folder
 * (delivered to another folder before the destination changed).
 */
export function publicEpisodeUrl(
  destination: Pick<DestinationRecord, 'remoteDir' | 'publicBaseUrl'> | null,
  session: Pick<SessionRecord, 'transferStatus' | 'remotePath'>,
): string | null {
  if (!destination?.publicBaseUrl) return null;
  if (session.transferStatus !== 'COMPLETED' || !session.remotePath) return null;
  const folder = remoteFolderOf(destination);
  // both absolute or both relative to the login folder: otherwise they cannot be compared
  if (posix.isAbsolute(folder) !== posix.isAbsolute(session.remotePath)) return null;
  const inside = posix.relative(folder, session.remotePath);
  if (inside === '' || inside.startsWith('..') || posix.isAbsolute(inside)) return null;
  return publicUrlOf(destination.publicBaseUrl, inside);
}

/** The public address of a file the feed upload puts in the remote folder (`feed.xml`). */
export function publicFileUrl(publicBaseUrl: string, name: string): string {
  return publicUrlOf(publicBaseUrl, name);
}
