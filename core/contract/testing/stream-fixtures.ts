/**
 * Test support: a stream as the core answers it (StreamDto), for the renderer's tests (through the
 * @contract alias) and the desktop host's. A test passes in `patch` only what it is about. Not
 * exported from the contract's index.
 */
import type { StreamDto } from '../operations/streams';
import { DEFAULT_DEAD_AIR_SECONDS, DEFAULT_SILENCE_THRESHOLD_DB } from '../dead-air';
import { NO_PODCAST } from '../podcast';
import { backupStream } from './backup-fixtures';

/**
 * A stream `id` named after its id, MP3 at 192 kb/s, delivering nowhere, with no artwork: the
 * stored fields of the backup fixture, with the answer's artwork link in place of the picture.
 */
export function streamDto(id: string, patch: Partial<StreamDto> = {}): StreamDto {
  const { artwork: _artwork, ...stored } = backupStream(id);
  return {
    ...stored,
    silenceThresholdDb: stored.silenceThresholdDb ?? DEFAULT_SILENCE_THRESHOLD_DB,
    deadAirSeconds: stored.deadAirSeconds ?? DEFAULT_DEAD_AIR_SECONDS,
    writeCueSheet: stored.writeCueSheet ?? false,
    podcast: stored.podcast ?? { ...NO_PODCAST },
    name: id,
    streamUrl: 'https://radio.example.com/live.mp3',
    artworkUrl: null,
    ...patch,
  };
}
