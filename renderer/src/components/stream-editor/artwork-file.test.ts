import { describe, expect, it } from 'vitest';
import { ARTWORK_MAX_BYTES } from '@contract/operations';
import { artworkProblem } from './artwork-file';

const file = (name: string, type: string, size: number) => ({ name, type, size });

describe('artworkProblem (checked before anything is uploaded)', () => {
  it('takes JPEG, PNG and WebP up to 10 MB', () => {
    expect(artworkProblem(file('a.jpg', 'image/jpeg', 1000))).toBeNull();
    expect(artworkProblem(file('a.png', 'image/png', ARTWORK_MAX_BYTES))).toBeNull();
    expect(artworkProblem(file('a.webp', 'image/webp', 5))).toBeNull();
  });

  it('refuses a file over 10 MB, saying its size and the limit', () => {
    expect(artworkProblem(file('big.jpg', 'image/jpeg', ARTWORK_MAX_BYTES + 1))).toBe(
      '“big.jpg” is 10 MB; artwork may be at most 10 MB. Pick a smaller image.',
    );
    expect(artworkProblem(file('huge.png', 'image/png', 25_000_000))).toMatch(
      /^“huge.png” is 25 MB; artwork may be at most 10 MB/,
    );
  });

  it('refuses other types, and reads the extension when the system gives no type', () => {
    expect(artworkProblem(file('a.gif', 'image/gif', 10))).toMatch(/not a JPEG, PNG or WebP/);
    expect(artworkProblem(file('notes.txt', '', 10))).toMatch(/not a JPEG, PNG or WebP/);
    expect(artworkProblem(file('cover.JPEG', '', 10))).toBeNull();
    expect(artworkProblem(file('empty.png', 'image/png', 0))).toMatch(/is empty/);
  });
});
