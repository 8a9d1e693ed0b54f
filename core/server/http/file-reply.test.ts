import { describe, expect, it } from 'vitest';
import { contentDisposition, isFileResult } from './file-reply';

describe('isFileResult', () => {
  it('recognises exactly {filePath, contentType}', () => {
    expect(isFileResult({ filePath: '/x.mp3', contentType: 'audio/mpeg' })).toBe(true);
    expect(isFileResult({ filePath: '/x.mp3', contentType: 'audio/mpeg', id: 'a' })).toBe(false);
    expect(isFileResult({ filePath: 1, contentType: 'audio/mpeg' })).toBe(false);
    expect(isFileResult(null)).toBe(false);
    expect(isFileResult('x')).toBe(false);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('2026-11-24 Café "Live".mp3')).toBe(
      `inline; filename="2026-11-24 Caf_ _Live_.mp3"; filename*=UTF-8''2026-11-24%20Caf%C3%A9%20%22Live%22.mp3`,
    );
  });
});
