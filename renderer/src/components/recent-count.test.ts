import { describe, expect, it } from 'vitest';
import { recentCountText } from './recent-count';

describe('recentCountText', () => {
  it('counts what the card lists: a recording in progress is not a recent one', () => {
    // 2 sessions, one of them recording: one is listed, so it says 1
    expect(recentCountText(1, 2, 1)).toBe('1 in all');
    expect(recentCountText(2, 2, 0)).toBe('2 in all');
  });

  it('says when it lists only the latest', () => {
    expect(recentCountText(10, 40, 3)).toBe('the latest 10 of 37');
  });
});
