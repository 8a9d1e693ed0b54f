import { describe, expect, it } from 'vitest';
import { operationSpecs } from '../../contract/operations';
import { backupPreview, backupRestore } from '../../contract/operations/backup';
import { setStreamArtwork } from '../../contract/operations/streams';
import { bodyLimitOf, DEFAULT_JSON_BODY_LIMIT } from './body-limits';

describe('bodyLimitOf', () => {
  it('is 1 MB for JSON, 10 MB for artwork, 64 MB for a restore (artwork inlined)', () => {
    expect(bodyLimitOf(setStreamArtwork)).toBe(10 * 1024 * 1024);
    expect(bodyLimitOf(backupRestore)).toBe(64 * 1024 * 1024);
    expect(bodyLimitOf(backupPreview)).toBe(64 * 1024 * 1024);
    const others = operationSpecs.filter(
      (s) => s !== setStreamArtwork && s !== backupRestore && s !== backupPreview,
    );
    for (const spec of others) expect(bodyLimitOf(spec), spec.name).toBe(DEFAULT_JSON_BODY_LIMIT);
  });
});
