import { describe, expect, it } from 'vitest';
import { MAX_LISTED_SILENCES } from '../../contract/dead-air';
import { parseSilenceLine, silenceDetectFilter, silencesFrom, type SilenceEvent } from './silences';

// lines as Debian's ffmpeg 5.1 writes them with `-loglevel level+info`
const LOG = [
  "[info] Input #0, mp3, from '/w/joined.mp3':",
  '[info]   Duration: 00:02:00.04, start: 0.025057, bitrate: 128 kb/s',
  '[silencedetect @ 0x55ccfc076480] [info] silence_start: 25.0339',
  '[mp3float @ 0x55b83fe7d580] [error] Header missing',
  '[silencedetect @ 0x55ccfc076480] [info] silence_end: 95.0155 | silence_duration: 69.9816',
  '[info] size=N/A time=00:02:00.00 bitrate=N/A speed= 179x',
];

const events = (lines: string[]) =>
  lines.map(parseSilenceLine).filter((e): e is SilenceEvent => e !== undefined);

describe('silenceDetectFilter', () => {
  it('builds the -af value from the threshold and the minimum length', () => {
    expect(silenceDetectFilter(-50, 10, 11025)).toBe('silencedetect=noise=-50dB:d=10');
    expect(silenceDetectFilter(-72, 2.5, 8000)).toBe('silencedetect=noise=-72dB:d=2.5');
  });

  it('thins out higher (or unknown) sample rates to 11025 Hz first, with the cheapest resampler', () => {
    expect(silenceDetectFilter(-50, 10, 44100)).toBe(
      'aresample=11025:filter_size=1,silencedetect=noise=-50dB:d=10',
    );
    expect(silenceDetectFilter(-50, 10)).toBe(
      'aresample=11025:filter_size=1,silencedetect=noise=-50dB:d=10',
    );
  });

  it('refuses a zero length (detection off means no filter at all)', () => {
    expect(() => silenceDetectFilter(-50, 0)).toThrow(RangeError);
    expect(() => silenceDetectFilter(Number.NaN, 10)).toThrow(RangeError);
  });
});

describe('parseSilenceLine', () => {
  it('reads start and end lines and ignores every other line', () => {
    expect(events(LOG)).toEqual([
      { kind: 'start', t: 25.0339 },
      { kind: 'end', t: 95.0155, seconds: 69.9816 },
    ]);
  });

  it('reads the whole-number end ffmpeg writes at the end of the file, and negative starts', () => {
    expect(
      parseSilenceLine('[silencedetect @ 0x1] silence_end: 30 | silence_duration: 9.98433'),
    ).toEqual({
      kind: 'end',
      t: 30,
      seconds: 9.98433,
    });
    expect(parseSilenceLine('[silencedetect @ 0x1] silence_start: -0.0232')).toEqual({
      kind: 'start',
      t: -0.0232,
    });
    expect(parseSilenceLine('[silencedetect @ 0x1] silence_start: nan')).toBeUndefined();
  });
});

describe('silencesFrom', () => {
  it('pairs start and end, measured from the start of the file', () => {
    expect(silencesFrom(events(LOG), { durationSeconds: 120.04, startSeconds: 0.025057 })).toEqual([
      { at: 25.01, seconds: 69.98 },
    ]);
  });

  it('closes a silence still open at the end of the file at the end', () => {
    const open = events(['[silencedetect @ 0x1] [info] silence_start: 100.025']);
    expect(silencesFrom(open, { durationSeconds: 120, startSeconds: 0.025 })).toEqual([
      { at: 100, seconds: 20 },
    ]);
  });

  it('keeps several silences in order, and a file that starts silent', () => {
    const lines = [
      'silence_start: -0.01',
      'silence_end: 12 | silence_duration: 12.01',
      'silence_start: 40',
      'silence_end: 52.5 | silence_duration: 12.5',
      'silence_start: 3590',
    ];
    expect(silencesFrom(events(lines), { durationSeconds: 3600 })).toEqual([
      { at: 0, seconds: 12 },
      { at: 40, seconds: 12.5 },
      { at: 3590, seconds: 10 },
    ]);
  });

  it('takes the start from the end line when its start line is missing', () => {
    const lines = ['silence_end: 80 | silence_duration: 15'];
    expect(silencesFrom(events(lines), { durationSeconds: 100 })).toEqual([
      { at: 65, seconds: 15 },
    ]);
  });

  it('leaves out silences under the minimum and never reaches past the file', () => {
    const lines = [
      'silence_start: 10',
      'silence_end: 14 | silence_duration: 4',
      'silence_start: 50',
      'silence_end: 70 | silence_duration: 20',
    ];
    expect(silencesFrom(events(lines), { durationSeconds: 60, minSeconds: 5 })).toEqual([
      { at: 50, seconds: 10 },
    ]);
    expect(silencesFrom([], { durationSeconds: 60 })).toEqual([]);
  });

  it(`lists at most ${MAX_LISTED_SILENCES}: the longest, in time order`, () => {
    const many: SilenceEvent[] = [];
    for (let i = 0; i < MAX_LISTED_SILENCES + 50; i++) {
      const at = i * 100;
      // every 5th silence is long; the others alternate 10 and 11 s
      const seconds = i % 5 === 0 ? 60 : 10 + (i % 2);
      many.push({ kind: 'start', t: at }, { kind: 'end', t: at + seconds, seconds });
    }
    const kept = silencesFrom(many, { durationSeconds: 1e6 });
    expect(kept).toHaveLength(MAX_LISTED_SILENCES);
    expect(kept.filter((s) => s.seconds === 60)).toHaveLength(
      Math.ceil((MAX_LISTED_SILENCES + 50) / 5),
    );
    expect(kept.every((s, i) => i === 0 || s.at > kept[i - 1]!.at)).toBe(true);
    expect(Math.min(...kept.map((s) => s.seconds))).toBe(10);
  });
});
