import { describe, expect, it } from 'vitest';
import { contentDisposition } from './file-reply';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('2026-11-24 Café "Live".mp3')).toBe(
      `inline; filename="2026-11-24 Caf_ _Live_.mp3"; filename*=UTF-8''2026-11-24%20Caf%C3%A9%20%22Live%22.mp3`,
    );
  });
});
