// Test-only: the tags of a recording in the integration tests.
import { computeTagValues, type TagValues } from '../contract/naming/tag-values';

/**
 * The tags of a Radio X show (artist and album artist "Radio X") called `streamName`, in album
 * `album`, recorded at `startTime` (default 2026-11-24 05:00 UTC) and dated in UTC.
 */
export function radioXTags(
  streamName: string,
  album = 'Tests',
  startTime = new Date('2026-11-24T05:00:00Z'),
): TagValues {
  return computeTagValues({
    streamName,
    artist: 'Radio X',
    album,
    albumArtist: 'Radio X',
    startTime,
    timeZone: 'UTC',
  });
}
