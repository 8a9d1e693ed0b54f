import { describe, expect, it } from 'vitest';
import { assertPlainFileName, candidateName, partNameOf, remoteJoin } from './remote-name';

describe('candidateName', () => {
  it('puts the counter before the extension', () => {
    expect(candidateName('show.mp3', 1)).toBe('show.mp3');
    expect(candidateName('show.mp3', 2)).toBe('show (2).mp3');
    expect(candidateName('Morning Show 2026-11-24.mp3', 13)).toBe(
      'Morning Show 2026-11-24 (13).mp3',
    );
  });

  it('handles names without an extension and dot-files', () => {
    expect(candidateName('show', 3)).toBe('show (3)');
    expect(candidateName('.hidden', 2)).toBe('.hidden (2)');
  });
});

describe('partNameOf / remoteJoin', () => {
  it('appends .part and joins with /', () => {
    expect(partNameOf('show (2).mp3')).toBe('show (2).mp3.part');
    expect(remoteJoin('/srv/shows/', 'a.mp3')).toBe('/srv/shows/a.mp3');
    expect(remoteJoin('uploads', 'a.mp3')).toBe('uploads/a.mp3');
  });
});

describe('assertPlainFileName', () => {
  it.each(['', '.', '..', 'a/b.mp3', '..\\x.mp3', 'a\0b'])('refuses %j', (name) => {
    expect(() => assertPlainFileName(name)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('accepts ordinary names with spaces and unicode', () => {
    expect(() => assertPlainFileName('Café del Mar – 2026-11-24.mp3')).not.toThrow();
  });
});
