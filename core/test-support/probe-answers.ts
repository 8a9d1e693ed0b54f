// Test-only: what probing a stream answers (POST /api/streams/probe), for the streams the tests
// set up.
import type { StreamProbeDto } from '../contract/operations';

/**
 * A 128 kb/s, 44.1 kHz stereo MP3 that calls itself "Test FM": the test Icecast's `/live.mp3` as
 * the tests mount it, and the ffprobe answers the unit tests fake for it.
 */
export const TEST_FM_MP3_PROBE: StreamProbeDto = {
  ok: true,
  codec: 'mp3',
  bitrateKbps: 128,
  sampleRate: 44100,
  channels: 2,
  name: 'Test FM',
};
