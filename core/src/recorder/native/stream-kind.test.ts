import { describe, expect, it } from 'vitest';
import { frameKindsFor } from './stream-kind';

describe('frameKindsFor', () => {
  it('reads MP3 and AAC by content type, both when unsaid, nothing else', () => {
    expect(frameKindsFor('audio/mpeg')).toEqual(['mp3']);
    expect(frameKindsFor('audio/aacp; charset=x')).toEqual(['adts']);
    expect(frameKindsFor(undefined)).toEqual(['mp3', 'adts']);
    expect(frameKindsFor('application/octet-stream')).toEqual(['mp3', 'adts']);
    expect(frameKindsFor('application/ogg')).toBeUndefined();
    expect(frameKindsFor('audio/flac')).toBeUndefined();
    expect(frameKindsFor('application/vnd.apple.mpegurl')).toBeUndefined();
  });
});
