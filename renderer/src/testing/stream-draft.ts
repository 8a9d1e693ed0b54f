// Test support: the one "good stream" the stream editor's tests start from (every required field
// filled, so that the contract's schema passes it). Never imported by the app.
import { emptyDraft, type StreamDraft } from '../components/stream-editor/stream-draft';

/** The required fields of a good stream, as a user types them. */
export const GOOD_STREAM = {
  name: 'Morning Show',
  streamUrl: 'https://radio.example.com/live.mp3',
  artist: 'Radio X',
  album: 'Mornings',
  albumArtist: 'Radio X',
} as const;

/** A new stream's draft with the required fields of {@link GOOD_STREAM} filled in. */
export function goodStreamDraft(): StreamDraft {
  return { ...emptyDraft(), ...GOOD_STREAM };
}
