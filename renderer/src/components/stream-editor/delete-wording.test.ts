import { describe, expect, it } from 'vitest';
import { deleteStreamWarning } from './delete-wording';

describe('deleteStreamWarning', () => {
  it('says what goes with the stream', () => {
    expect(deleteStreamWarning({ schedules: 0, sessions: 0 })).toBe(
      'The stream and its artwork are deleted. It has no schedules and no recordings. This cannot be undone.',
    );
    expect(deleteStreamWarning({ schedules: 2, sessions: 14 })).toBe(
      'Its 2 schedules and 14 recordings are deleted with it, and its artwork. The recordings’ files kept on this machine are deleted too; files already delivered to a destination stay there. This cannot be undone.',
    );
    expect(deleteStreamWarning({ schedules: 1, sessions: 0 })).toBe(
      'Its 1 schedule is deleted with it, and its artwork. This cannot be undone.',
    );
  });

  it('says what may go when the counts are not known', () => {
    expect(deleteStreamWarning(null)).toMatch(/any schedules and recordings it has are deleted/);
  });
});
