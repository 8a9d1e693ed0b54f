import { describe, expect, it } from 'vitest';
import { recordingNames } from './recording-names';

const stream = {
  streamName: 'Morning Show',
  artist: 'Radio X',
  album: 'Mornings',
  albumArtist: 'Radio X',
};

describe('recordingNames', () => {
  it('names and tags a recording from the default pattern (the contract example)', () => {
    const names = recordingNames({
      ...stream,
      startTime: new Date('2026-11-24T06:00:00Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(names.fileName).toBe('2026-11-24 Morning Show.mp3');
    expect(names.tags.title).toBe('2026-11-24 Morning Show');
    expect(names.tags.trackNumber).toBe(2519);
  });

  it('fills {track} from the tags and reads date and time in the time zone', () => {
    const names = recordingNames({
      ...stream,
      genre: 'Talk',
      outputFilenamePattern: '{track} {artist} - {album} {datetime}',
      startTime: new Date('2026-11-23T23:30:15Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(names.fileName).toBe('2519 Radio X - Mornings 2026-11-24 00-30-15.mp3');
    expect(names.tags).toMatchObject({ date: '2026-11-24', genre: 'Talk', trackNumber: 2519 });
    const inUtc = recordingNames({
      ...stream,
      outputFilenamePattern: '{track} {date}',
      startTime: new Date('2026-11-23T23:30:15Z'),
      timeZone: 'UTC',
    });
    expect(inUtc.fileName).toBe('2518 2026-11-23.mp3');
  });
});
