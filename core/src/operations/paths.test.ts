import { describe, expect, it } from 'vitest';
import { isInside } from './paths';

describe('isInside', () => {
  it('accepts files and folders below the folder', () => {
    expect(isInside('/data/rec', '/data/rec/a.mp3')).toBe(true);
    expect(isInside('/data/rec/', '/data/rec/x/y/a.mp3')).toBe(true);
  });

  it('refuses the folder itself, its parents, siblings and escapes', () => {
    expect(isInside('/data/rec', '/data/rec')).toBe(false);
    expect(isInside('/data/rec', '/data')).toBe(false);
    expect(isInside('/data/rec', '/data/recordings/a.mp3')).toBe(false);
    expect(isInside('/data/rec', '/data/rec/../secret')).toBe(false);
    expect(isInside('/data/rec', '/etc/passwd')).toBe(false);
  });
});
