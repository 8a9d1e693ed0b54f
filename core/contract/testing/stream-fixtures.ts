/**
 * Test support: a stream as the core answers it (StreamDto), for the renderer's tests (through the
 * @contract alias) and the desktop host's. A test passes in `patch` only what it is about. Not
 * exported from the contract's index.
 */
import type { StreamDto } from '../operations/streams';
import { FIXTURE_TIME } from './backup-fixtures';

/** A stream `id` named after its id, MP3 at 192 kb/s, delivering nowhere, with no artwork. */
export function streamDto(id: string, patch: Partial<StreamDto> = {}): StreamDto {
  return {
    id,
    name: id,
    streamUrl: 'https://radio.example.com/live.mp3',
    fallbackUrls: [],
    artist: 'A',
    album: 'B',
    albumArtist: 'C',
    genre: null,
    outputFilenamePattern: null,
    destinationId: null,
    mp3BitrateKbps: 192,
    artworkUrl: null,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...patch,
  };
}
